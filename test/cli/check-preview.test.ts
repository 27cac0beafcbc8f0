import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCrmServer, type CrmServer } from '../../examples/crm-server.js';
import { createTestServer } from '../helpers/test-server.js';
import { createScratchFiles } from '../helpers/scratch-files.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

const TOKEN = 'tok-SECRET-4d2a';
const LOCAL = ['--allow-http', '--allow-private-network'];
// A pinned clock: greeting.j2 opens with the part of the day.
const NIGHT = ['--now', '2026-03-08T23:30:00-05:00', '--timezone', 'America/New_York'];
const MARIA = '+14155550101';
const STRANGER = '+14155550199';
const AUTH = { DYNAMIC_CONTEXT_TOKEN: TOKEN };

let crm: CrmServer;
const file = createScratchFiles('check');
beforeAll(async () => {
  crm = await startCrmServer({ token: TOKEN });
});
afterAll(() => crm.close());


describe.concurrent('check', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints each finding with its place and fix, and exits 1 on an error', async ({ expect }) => {
    const template = file('typo.j2', 'Hi {{ custmer.first_name }}, welcome.\n{% if vip %}{{ name | titel }}{% endif %}');
    const context = file('ctx.json', JSON.stringify({ customer: { first_name: 'Maria' }, vip: false, name: 'M', plan: null }));
    const run = await runCli(['check', '--template', template, '--context', context]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${template}:1:7: error missing: custmer is missing (did you mean 'customer'?), so custmer.first_name is empty`);
    expect(run.stdout).toContain(`${template}:2:23: error unknown_filter: There is no filter named 'titel' (| titel), so every call that reaches it fails: did you mean 'title'?`);
    expect(run.stdout).toContain('error spoken_artifact: The caller would hear " ," in "Hi , welcome.');
    expect(run.stdout).toContain('info unused: plan is in the variables');
    expect(run.stdout).toMatch(/^3 errors, 0 warnings, 2 info$/m);
  });

  it('exits 0 for a clean template, and --json prints the checkTemplate object', async ({ expect }) => {
    const run = await runCli(['check', '--json', '--template', 'examples/greeting.j2', '--context', 'examples/context.json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ ok: true, output: expect.stringContaining('Welcome back, Maria!') });
    expect(doc.findings.every((f: { severity: string }) => f.severity !== 'error')).toBe(true);
  });

  it('reads the template from standard input with --template -', async ({ expect }) => {
    const run = await runCli(['check', '--json', '--template', '-', '--context', 'examples/context.json'], {}, 'Hi {{ customer.first_name }} {{ nothing }}');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({ kind: 'missing', path: 'nothing', line: 1, column: 33 });
  });

  it('checks against the endpoint for each contact', async ({ expect }) => {
    const template = file('first.j2', 'Hi {{ customer.first_name }}!');
    const run = await runCli(['check', '--json', '--endpoint', crm.url, '--contact', MARIA, '--contact', STRANGER, '--template', template, ...LOCAL], AUTH);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.results.map((r: { contact: string; ok: boolean }) => [r.contact, r.ok])).toEqual([[MARIA, true], [STRANGER, false]]);
    // The CRM answers null for an unknown caller's customer: the greeting would say "Hi !".
    expect(doc.results[1].findings.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['null', 'spoken_artifact']));
  });
});

describe.concurrent('preview for many contacts', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints one block per contact, from repeated --contact', async ({ expect }) => {
    const run = await runCli(['preview', '--endpoint', crm.url, '--contact', MARIA, '--contact', STRANGER, '--template', 'examples/greeting.j2', ...LOCAL, ...NIGHT], AUTH);
    expect(run.code).toBe(0);
    const blocks = run.stdout.split(/^=== /m).filter(Boolean);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^\+14155550101: ok, 200, \d+(\.\d)? ms\nWelcome back, Maria!/);
    expect(blocks[1]).toMatch(/^\+14155550199: ok, 200, .*\nHi, thanks for calling Northwind Outfitters!/);
    expect(run.stderr).toContain('warning: [+14155550101] The endpoint uses plain http');
  });

  it('takes --contacts FILE as lines or as a JSON array of call records', async ({ expect }) => {
    const lines = file('contacts.txt', `# numbers to try\n${MARIA}\n\n${STRANGER}\n`);
    const records = file('contacts.json', JSON.stringify([MARIA, { contact_number: STRANGER, direction: 'outbound' }, { externalId: 'web-dokafor' }]));
    const [fromLines, fromJson] = await Promise.all([
      runCli(['preview', '--json', '--endpoint', crm.url, '--contacts', lines, '--template', 'examples/greeting.j2', ...LOCAL], AUTH),
      runCli(['preview', '--json', '--endpoint', crm.url, '--contacts', records, '--template', 'examples/greeting.j2', ...LOCAL], AUTH),
    ]);
    expect(JSON.parse(fromLines.stdout).results.map((r: { contact: string }) => r.contact)).toEqual([MARIA, STRANGER]);
    const doc = JSON.parse(fromJson.stdout);
    expect(doc.results.map((r: { contact: string }) => r.contact)).toEqual([MARIA, STRANGER, 'web:web-dokafor']);
    expect(doc.results[2].output).toContain('Hi Daniel');
  });

  it('renders the fallback and says so when the endpoint fails', async ({ expect }) => {
    const run = await runCli(['preview', '--endpoint', crm.url, '--bearer', 'tok-WRONG-0000', '--contact', MARIA, '--template', 'examples/greeting.j2', ...LOCAL, ...NIGHT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Hi, thanks for calling Northwind Outfitters! This is Robin. Who do I have the pleasure of speaking with today?\n');
    expect(run.stderr).toMatch(/^error: .*status 401.*\(unauthorized\)$/m);
    expect(run.stderr).toContain('note: the endpoint failed; stdout has the fallback');
    const json = await runCli(['preview', '--json', '--endpoint', crm.url, '--bearer', 'tok-WRONG-0000', '--contact', MARIA, '--template', 'examples/greeting.j2', ...LOCAL]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, fallback: true, output: expect.stringContaining('Who do I have the pleasure'), error: { code: 'unauthorized' } });
  });

  it('compiles the template before calling the endpoint', async ({ expect }) => {
    const stalled = await createTestServer(() => new Promise(() => {}));
    try {
      const template = file('broken.j2', 'Hi {{ name }\n');
      const run = await runCli(['preview', '--endpoint', stalled.url, '--contact', MARIA, '--template', template, ...LOCAL]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: template .*broken\.j2: Unexpected token .*line 1, column \d+ \(template_error\)$/m);
      expect(run.stderr).toMatch(/^hint: Fix the expression near line 1/m);
      expect(stalled.requests).toBe(0);
    } finally {
      await stalled.close();
    }
  });

  it('prints what checkTemplate finds in the render as warnings', async ({ expect }) => {
    const template = file('plan.j2', 'Hi {{ customer.first_name }}, your plan is {{ account.planet }}.');
    const run = await runCli(['preview', '--endpoint', crm.url, '--contact', MARIA, '--template', template, ...LOCAL], AUTH);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hi Maria, your plan is .\n');
    expect(run.stderr).toContain(`warning: ${template}:1:47: account.planet is missing (did you mean 'plan'?)`);
    expect(run.stderr).toContain(`warning: ${template}: The caller would hear " ." in "… Maria, your plan is ."`);
  });
});

describe.concurrent('test for many contacts, variables, --json everywhere', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints one line per contact, side by side, and each failure once', async ({ expect }) => {
    const run = await runCli(['test', '--endpoint', crm.url, '--contact', MARIA, '--contact', STRANGER, ...LOCAL], AUTH);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^contact +ok +status +duration/m);
    expect(run.stdout).toMatch(/^\+14155550101 +yes +200 +\d+(\.\d)? ms +.*customer/m);
    expect(run.stdout).toMatch(/^\+14155550199 +yes +200 /m);
    const failed = await runCli(['test', '--endpoint', crm.url, '--bearer', 'tok-WRONG-0000', '--contact', MARIA, ...LOCAL]);
    expect(failed.code).toBe(1);
    expect((failed.stdout + failed.stderr).match(/status 401/g)).toHaveLength(1);
  });

  it('prints the merged variables with their values, credentials scrubbed', async ({ expect }) => {
    const run = await runCli(['variables', '--endpoint', crm.url, '--contact', MARIA, ...LOCAL], AUTH);
    expect(run.code).toBe(0);
    const vars = JSON.parse(run.stdout);
    expect(vars.customer.first_name).toBe('Maria');
    expect(vars.contact_number).toBe(MARIA);
    expect(vars).toHaveProperty('current_date');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it.for([
    { name: 'an unknown flag', args: ['check', '--json', '--bogus'], code: 'usage' },
    { name: 'a missing context', args: ['check', '--json', '--template', 'examples/greeting.j2'], code: 'usage' },
    { name: 'two flags on stdin', args: ['render', '--json', '--template', '-', '--context', '-'], code: 'usage' },
    { name: 'an unknown command', args: ['deploy', '--json'], code: 'usage' },
  ])('prints { ok: false, error } on stdout for $name', async ({ args, code }, { expect }) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code, message: expect.any(String), hint: expect.any(String) } });
  });
});
