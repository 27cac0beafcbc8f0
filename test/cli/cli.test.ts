import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCrmServer, type CrmServer } from '../../examples/crm-server.js';
import { createTestServer } from '../helpers/test-server.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

const TOKEN = 'tok-SECRET-9c1e';
const LOCAL = ['--allow-http', '--allow-private-network'];
const MARIA = '+14155550101';

let server: CrmServer;
let dir: string;
beforeAll(async () => {
  server = await startCrmServer({ token: TOKEN });
  dir = mkdtempSync(join(tmpdir(), 'dynamic-context-cli-'));
});
afterAll(() => server.close());

const endpoint = () => ['--endpoint', server.url];
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.concurrent('render (offline)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('renders a template with the JSON of a file and exits 0', async ({ expect }) => {
    const run = await runCli(['render', '--template', 'examples/greeting.j2', '--context', 'examples/context.json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Welcome back, Maria!');
  });

  it('prints { ok, output, variables } with --json', async ({ expect }) => {
    const run = await runCli(['render', '--json', '--template', 'examples/greeting.j2', '--context', 'examples/context.json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.output).toContain('Welcome back, Maria!');
    expect(doc.variables).toEqual(expect.arrayContaining(['account', 'customer', 'orders']));
  });

  it('reports a template syntax error with line and column, exit 1', async ({ expect }) => {
    const template = file('broken.j2', 'Hello {{ customer.first_name }}\n{% if account.tier == "VIP" %}VIP{% endfor %}\n');
    const run = await runCli(['render', '--template', template, '--context', 'examples/context.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*line 2, column \d+/m);
    expect(run.stderr).toMatch(/^hint: /m);
  });

  it('refuses a context that is not a JSON object with invalid_response, exit 1', async ({ expect }) => {
    const run = await runCli(['render', '--template', 'examples/greeting.j2', '--context', file('scalar.json', '42')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid_response');
  });
});

describe.concurrent('preview', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('renders the greeting for a known contact from the endpoint', async ({ expect }) => {
    const run = await runCli(['preview', ...endpoint(), '--bearer', TOKEN, '--contact', MARIA, '--template', 'examples/greeting.j2', ...LOCAL]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Welcome back, Maria!');
    expect(run.stdout).toContain('Tracking number for order NW-88412');
    // Every warning the Test report has, on stderr: here only the plain-http one.
    expect(run.stderr).toBe('warning: The endpoint uses plain http: the token and caller data travel unencrypted; use https.\n');
  });

  it('looks a web visitor up by --external-id', async ({ expect }) => {
    const run = await runCli(['preview', ...endpoint(), '--web', '--external-id', 'web-dokafor', '--template', 'examples/greeting.j2', ...LOCAL], {
      DYNAMIC_CONTEXT_TOKEN: TOKEN,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Hi Daniel, thanks for calling Northwind Outfitters, this is Robin. I can see there's a hold on your account");
  });

  it('prints { ok, output, variables, durationMs } with --json', async ({ expect }) => {
    const run = await runCli(['preview', '--json', ...endpoint(), '--contact', '+14155550102', '--template', 'examples/greeting.j2', ...LOCAL], {
      DYNAMIC_CONTEXT_TOKEN: TOKEN,
    });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ ok: true, output: expect.stringContaining('Hi Sam') });
    expect(typeof doc.durationMs).toBe('number');
  });
});

describe.concurrent('test', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints a readable report and exits 0', async ({ expect }) => {
    const run = await runCli(['test', ...endpoint(), '--contact', MARIA, ...LOCAL], { DYNAMIC_CONTEXT_TOKEN: TOKEN });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^warnings +The endpoint uses plain http/m);
    expect(run.stdout).toMatch(/^ok +yes$/m);
    expect(run.stdout).toMatch(/^status +200$/m);
    expect(run.stdout).toMatch(/^duration +\d+\.\d ms$/m);
    expect(run.stdout).toMatch(/^variables +.*customer/m);
  });

  it('prints the TestReport as JSON with --json', async ({ expect }) => {
    const run = await runCli(['test', '--json', ...endpoint(), '--contact', MARIA, ...LOCAL], { DYNAMIC_CONTEXT_TOKEN: TOKEN });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, status: 200, variables: expect.arrayContaining(['account', 'customer', 'orders', 'tickets']) });
    expect(report.responseBytes).toBeGreaterThan(0);
    expect(typeof report.durationMs).toBe('number');
    expect(Array.isArray(report.warnings)).toBe(true);
  });

  it('exits 1 with unauthorized and a hint for a wrong token', async ({ expect }) => {
    const run = await runCli(['test', ...endpoint(), '--bearer', 'tok-WRONG-77aa', '--contact', MARIA, ...LOCAL]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*unauthorized/m);
    expect(run.stderr).toMatch(/^hint: \S/m);
    expect(run.stdout).toMatch(/^status +401$/m);
    expect(run.stdout + run.stderr).not.toContain('tok-WRONG-77aa');
  });

  it('keeps the private-network guard on without --allow-private-network: blocked_destination, exit 1', async ({ expect }) => {
    const run = await runCli(['test', ...endpoint(), '--contact', MARIA, '--allow-http'], { DYNAMIC_CONTEXT_TOKEN: TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('blocked_destination');
    expect(run.stderr).toMatch(/^hint: .*pass --allow-private-network\.$/m);
  });

  it('refuses plain http without --allow-http: invalid_config, exit 1', async ({ expect }) => {
    const run = await runCli(['preview', ...endpoint(), '--contact', MARIA, '--template', 'examples/greeting.j2', '--allow-private-network'], {
      DYNAMIC_CONTEXT_TOKEN: TOKEN,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid_config');
    expect(run.stderr).toMatch(/^hint: .*pass --allow-http\.$/m);
  });
});

describe.concurrent('usage errors exit 2', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.for([
    { name: 'an unknown flag', args: ['render', '--bogus', '--template', 'examples/greeting.j2'], message: 'unknown option --bogus' },
    { name: 'a missing --template', args: ['render', '--context', 'examples/context.json'], message: 'missing required option --template' },
    { name: 'a bad --direction', args: ['test', '--endpoint', 'https://crm.example.com/c', '--contact', MARIA, '--direction', 'sideways'], message: '--direction' },
    { name: 'a non-numeric --timeout', args: ['test', '--endpoint', 'https://crm.example.com/c', '--contact', MARIA, '--timeout', 'soon'], message: '--timeout' },
    { name: 'a missing --contact', args: ['test', '--endpoint', 'https://crm.example.com/c'], message: '--contact' },
    { name: 'two auth flags', args: ['test', '--endpoint', 'https://crm.example.com/c', '--contact', MARIA, '--bearer', 'abcd', '--basic', 'u:p'], message: 'only one of' },
    { name: 'an unreadable template file', args: ['render', '--template', 'no/such/file.j2', '--context', 'examples/context.json'], message: 'cannot read --template' },
    { name: 'an unknown command', args: ['deploy'], message: "unknown command 'deploy'" },
    { name: 'no command at all', args: [], message: 'missing command' },
  ])('for $name', async ({ args, message }, { expect }) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: `);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/^hint: /m);
  });
});

describe.concurrent('help and version exit 0', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.for(['--help', '-h', 'render --help', 'preview --help', 'test -h', 'help preview'])('dynamic-context %s', async (line, { expect }) => {
    const args = line.split(' ');
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage/);
  });

  it('prints the package version with --version', async ({ expect }) => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe.concurrent('secrets never reach stdout or stderr', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const SECRET_CASES: Array<{ name: string; args: string[]; env: Record<string, string>; endpoint?: boolean }> = [
    { name: 'a bearer flag with a stray argument', args: ['test', '--bearer', TOKEN, TOKEN], env: {} },
    { name: 'a bearer flag beside an unknown flag', args: ['test', `--bearer=${TOKEN}`, '--bogus'], env: {} },
    { name: 'a basic password refused by the endpoint', args: ['test', '--json', '--basic', 'maria:pw-SECRET-51ab', '--contact', MARIA, ...LOCAL], env: {}, endpoint: true },
    { name: 'a header value from the environment', args: ['test', '--contact', MARIA, ...LOCAL], env: { DYNAMIC_CONTEXT_HEADER: 'X-Api-Key: hdr-SECRET-77f0' }, endpoint: true },
    { name: 'a basic password from the environment, malformed endpoint', args: ['preview', '--endpoint', 'notaurl', '--contact', MARIA, '--template', 'examples/greeting.j2'], env: { DYNAMIC_CONTEXT_BASIC: 'maria:pw-SECRET-51ab' } },
    { name: 'a token in the environment on success', args: ['preview', '--json', '--contact', MARIA, '--template', 'examples/greeting.j2', ...LOCAL], env: { DYNAMIC_CONTEXT_TOKEN: TOKEN }, endpoint: true },
  ];

  it.for(SECRET_CASES)('with $name', async ({ args, env, endpoint: withEndpoint }, { expect }) => {
    const run = await runCli(withEndpoint ? [...args, '--endpoint', server.url] : args, env);
    const printed = run.stdout + run.stderr;
    for (const secret of [TOKEN, 'pw-SECRET-51ab', 'hdr-SECRET-77f0', Buffer.from('maria:pw-SECRET-51ab').toString('base64')]) {
      expect(printed).not.toContain(secret);
    }
    expect(printed).not.toMatch(/SECRET/);
  });

  it('even when the endpoint echoes the credentials back into the rendered text', async ({ expect }) => {
    const echo = await createTestServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      // Not under an `authorization` key: the library's sensitive-data scan would redact that
      // itself, and this test is about the CLI's own scrubbing of what it prints.
      res.end(JSON.stringify({ seen: { echoed: req.headers.authorization, key: req.headers['x-api-key'] } }));
    });
    try {
      const template = file('echo.j2', 'auth={{ seen.echoed }} key={{ seen.key }}');
      const common = ['preview', '--endpoint', echo.url, '--contact', MARIA, '--template', template, ...LOCAL];
      const bearer = await runCli([...common, '--bearer', TOKEN]);
      expect(bearer.code).toBe(0);
      expect(bearer.stdout).toContain('auth=Bearer [redacted]');
      const header = await runCli(common, { DYNAMIC_CONTEXT_HEADER: 'X-Api-Key: hdr-SECRET-77f0' });
      expect(header.stdout).toContain('key=[redacted]');
      expect(bearer.stdout + bearer.stderr + header.stdout + header.stderr).not.toMatch(/SECRET/);
    } finally {
      await echo.close();
    }
  });
});
