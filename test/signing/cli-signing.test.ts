import { describe, expect, it } from 'vitest';
import { startCrmServer } from '../../examples/crm-server.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from '../cli/run-cli.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('CLI: DYNAMIC_CONTEXT_SIGNING_SECRET', () => {
  it('signs the request from the environment, and never prints the secret', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, async () => {
    const crm = await startCrmServer({ signingSecret: SECRET });
    try {
      const args = ['test', '--endpoint', crm.url, '--contact', '+14155550101', '--allow-http', '--allow-private-network', '--json'];
      const signed = await runCli(args, { DYNAMIC_CONTEXT_TOKEN: crm.token, DYNAMIC_CONTEXT_SIGNING_SECRET: SECRET });
      const unsigned = await runCli(args, { DYNAMIC_CONTEXT_TOKEN: crm.token });
      expect([signed.code, JSON.parse(signed.stdout).ok]).toEqual([0, true]);
      expect([unsigned.code, JSON.parse(unsigned.stdout).error.code]).toEqual([1, 'unauthorized']);
      for (const run of [signed, unsigned]) expect(run.stdout + run.stderr).not.toContain(SECRET.slice('whsec_'.length));
    } finally {
      await crm.close();
    }
  });

  it('a malformed secret is a config error that does not echo it', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const run = await runCli(['test', '--endpoint', 'https://crm.example.com/context', '--contact', '+14155550101'], { DYNAMIC_CONTEXT_SIGNING_SECRET: 'whsec_tooShort' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('signingSecret');
    expect(run.stdout + run.stderr).not.toContain('tooShort');
  });
});
