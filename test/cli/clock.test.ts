import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCrmServer, type CrmServer } from '../../examples/crm-server.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

const RENDER = ['render', '--template', 'examples/greeting.j2', '--context', 'examples/context.json'];

let server: CrmServer;
beforeAll(async () => {
  server = await startCrmServer();
});
afterAll(() => server.close());

describe.concurrent('render and preview: --timezone and --now', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('renders with the system variables at the given moment, in the given zone', async ({ expect }) => {
    const run = await runCli([...RENDER, '--json', '--timezone', 'America/Los_Angeles', '--now', '2026-03-09T03:30:00Z']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.output).toMatch(/^Good evening! Welcome back, Maria!/);
    expect(doc.variables).toEqual(expect.arrayContaining(['current_datetime', 'time_of_day', 'timezone', 'direction', 'customer']));
  });

  it('defaults to UTC', async ({ expect }) => {
    const run = await runCli([...RENDER, '--now', '2026-03-09T09:30:00+00:00']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Good morning! Welcome back, Maria!/);
  });

  it('previews what the caller hears at that moment', async ({ expect }) => {
    const run = await runCli([
      'preview', '--endpoint', server.url, '--bearer', server.token, '--contact', '+14155550101', '--template', 'examples/greeting.j2',
      '--allow-http', '--allow-private-network', '--timezone', 'Asia/Kolkata', '--now', '2026-03-09T09:30:00Z',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Good afternoon! Welcome back, Maria!/);
  });

  const bad = [
    { name: 'an unknown zone', args: ['--timezone', 'Mars/Base'], message: '--timezone must be an IANA time zone name' },
    { name: 'a time without an offset', args: ['--now', '2026-03-09T09:30'], message: '--now must be an ISO 8601 time with an offset' },
    { name: 'a time that is not one', args: ['--now', 'tomorrow'], message: '--now must be an ISO 8601 time with an offset' },
  ];
  it.for(bad)('refuses $name with a usage error (exit 2)', async ({ args, message }, { expect }) => {
    const run = await runCli([...RENDER, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
