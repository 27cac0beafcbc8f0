import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestServer, readBody, type TestServer } from '../helpers/test-server.js';
import { createScratchFiles } from '../helpers/scratch-files.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

// The README's Troubleshooting section, case by case: the customer guide's four problems
// ("401", "context variables empty", "slow or timeout", "wrong data returned") and missing
// variables, each reproduced against a real loopback endpoint, with the advice asserted.

const TOKEN = 'tok-SECRET-7e31';
const LOCAL = ['--allow-http', '--allow-private-network'];
const CALLER = '+14155550101';
const MARIA = { customer: { first_name: 'Maria', tier: 'VIP' } };

const routes: Record<string, (body: string, auth: string | undefined) => { status?: number; json?: unknown; text?: string; delayMs?: number; stall?: boolean }> = {
  '/ctx': (_body, auth) => (auth === `Bearer ${TOKEN}` ? { json: MARIA } : { status: 401, json: { error: 'unauthorized' } }),
  '/wrapped': () => ({ json: { data: MARIA } }),
  '/empty': () => ({ json: {} }),
  '/slow': () => ({ json: MARIA, delayMs: 1200 }),
  '/stall': () => ({ stall: true }),
  '/traceback': () => ({ status: 500, text: `Traceback (most recent call last):\n  File "app.py", line 42, in context\n    tier = row['tier']\nKeyError: 'tier'\n` }),
  // Looks the caller up by a field the platform does not send, so every caller gets the same record.
  '/wrong': (body) => ({ json: (JSON.parse(body) as { phone?: string }).phone === CALLER ? MARIA : { customer: { first_name: 'Default Demo User' } } }),
};

let server: TestServer;
const file = createScratchFiles('trouble');
beforeAll(async () => {
  server = await createTestServer(async (req, res) => {
    const body = await readBody(req);
    const route = routes[req.url ?? ''];
    const answer = route === undefined ? { status: 404, json: {} } : route(body, req.headers.authorization);
    if (answer.stall) return;
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer.status ?? 200, { 'content-type': answer.text === undefined ? 'application/json' : 'text/plain' });
    res.end(answer.text ?? JSON.stringify(answer.json));
  });
});
afterAll(() => server.close());

const at = (path: string) => ['--endpoint', `${server.url}${path}`, '--contact', CALLER, ...LOCAL];

describe.concurrent('troubleshooting', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('"401" with no credentials configured: says to add them', async ({ expect }) => {
    const run = await runCli(['test', ...at('/ctx')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: Context request failed: status 401, and the request sent no credentials');
    expect(run.stderr).toContain('hint: The endpoint wants credentials and none are configured: add the bearer token, username/password or header value it expects under Authentication.');
    expect(run.stdout).toMatch(/^request +POST .*\/ctx$/m);
    expect(run.stdout).not.toMatch(/^ +authorization:/m);
  });

  it('"401" with a wrong token: says to check the saved token, and shows it masked', async ({ expect }) => {
    const run = await runCli(['test', ...at('/ctx'), '--bearer', 'tok-WRONG-0000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('hint: The endpoint refused the credentials; check that the token, username/password or header value saved here match what the endpoint expects.');
    expect(run.stdout).toMatch(/^ +authorization: Bearer \[redacted\]$/m);
    expect(run.stdout + run.stderr).not.toContain('tok-WRONG-0000');
  });

  it('"context variables empty": an empty answer is named, and check says what is missing', async ({ expect }) => {
    const template = file('hi.j2', 'Hi {{ customer.first_name }}, welcome back.');
    const [test, check] = await Promise.all([runCli(['test', ...at('/empty')]), runCli(['check', '--template', template, ...at('/empty')])]);
    expect(test.stdout).toMatch(/^variables +\(none\)$/m);
    expect(test.stdout).toContain('The response has no variables; templates will use their defaults.');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${template}:1:7: error missing: customer is missing, so customer.first_name is empty`);
    expect(check.stdout).toContain('the caller would hear: "Hi , welcome back."');
  });

  it('"context variables empty": an answer wrapped in "data" shows as missing plus unused', async ({ expect }) => {
    const template = file('wrapped.j2', 'Hi {{ customer.first_name | default("there") }}{% if customer.tier == "VIP" %}, our VIP{% endif %}.');
    const run = await runCli(['check', '--template', template, ...at('/wrapped')]);
    expect(run.stdout).toContain('info unused: data is in the variables but this template never reads it');
    expect(run.stdout).toContain('the caller would hear: "Hi there."');
    const vars = await runCli(['variables', ...at('/wrapped')]);
    expect(JSON.parse(vars.stdout).data.customer.first_name).toBe('Maria');
  });

  it('"slow": the warning and where the time went', async ({ expect }) => {
    const run = await runCli(['test', ...at('/slow')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/The endpoint took 1\d{3}\.\d ms; answer in under 1000 ms so the greeting is not delayed\./);
    expect(run.stdout).toMatch(/^timings +connect \d+\.\d ms, first byte 1\d{3}\.\d ms, body \d+\.\d ms$/m);
  });

  it('"timeout": the deadline and what to do', async ({ expect }) => {
    const run = await runCli(['test', ...at('/stall'), '--timeout', '300']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: Context request failed: no complete answer within 300 ms');
    expect(run.stderr).toContain('hint: The endpoint did not answer in time; make it answer in under 1 second (look up the caller, then reply).');
  });

  it('"wrong data returned": the request as sent and the values that came back', async ({ expect }) => {
    const [test, vars] = await Promise.all([runCli(['test', ...at('/wrong')]), runCli(['variables', ...at('/wrong')])]);
    expect(test.stdout).toMatch(/"contact_number":"\+14155550101"/);
    expect(test.stdout).toMatch(/^ +x-contact-number: \+14155550101$/m);
    expect(JSON.parse(vars.stdout).customer.first_name).toBe('Default Demo User');
  });

  it('"wrong data returned": an endpoint error quotes the start of its body', async ({ expect }) => {
    const run = await runCli(['test', ...at('/traceback')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: Context request failed: status 500 (POST ${new URL(server.url).origin}) (http_error)`);
    expect(run.stderr).toContain(
      `hint: The endpoint failed with status 500; check its logs for this request (its body began: "Traceback (most recent call last): File "app.py", line 42, in context tier = row['tier'] KeyError: 'tier'").`,
    );
  });

  it('"wrong data returned": an https URL on a plain-http port is not called a certificate problem', async ({ expect }) => {
    const { port } = new URL(server.url);
    const run = await runCli(['test', '--endpoint', `https://127.0.0.1:${port}/ctx`, '--contact', CALLER, '--allow-private-network']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: Context request failed: the server answered TLS with plain HTTP (ERR_SSL_WRONG_VERSION_NUMBER) (POST https://127.0.0.1:${port}) (network_error)`);
    expect(run.stderr).toContain(`hint: Port ${port} serves plain http, not https: this is not a certificate problem; use the port where the endpoint serves https (usually 443), or an http:// URL for a local test.`);
  });

  it('missing variables: a misspelt name gets "did you mean"', async ({ expect }) => {
    const template = file('typo.j2', 'Hi {{ customer.firstname }}!');
    const run = await runCli(['check', '--template', template, ...at('/ctx'), '--bearer', TOKEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${template}:1:7: error missing: customer.firstname is missing (did you mean 'first_name'?): add it to the variables, or write | default("…") or {% if customer.firstname %} where it is read.`);
    expect(run.stdout).toContain(`${template}: error spoken_artifact: The caller would hear " !" in "Hi !"`);
    expect(run.stdout).toMatch(/^the caller would hear: "Hi !"\n2 errors, 0 warnings, 0 info$/m);
  });
});
