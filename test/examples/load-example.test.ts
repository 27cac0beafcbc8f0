import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dist.js';

// examples/load.ts with a setup mistake: one clear error and hint naming the fix, exit 1,
// never a stack trace. (Its success against the example endpoint: test/examples/readme.test.ts.)
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONTEXT_')));

function runLoad(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'examples/load.ts'], { cwd: ROOT, env: { ...ENV, ...env }, timeout: 50_000 }, (error, _out, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stderr });
    });
  });
}

describe.concurrent('examples/load.ts', { timeout: 60_000 }, () => {
  it.each<{ name: string; env: Record<string, string>; hint: RegExp }>([
    { name: 'no endpoint', env: {}, hint: /set it to your context endpoint/ },
    { name: 'a local http endpoint without CONTEXT_ALLOW_HTTP', env: { CONTEXT_ENDPOINT: 'http://127.0.0.1:9/context' }, hint: /CONTEXT_ALLOW_HTTP=1/ },
    {
      name: 'a loopback endpoint without CONTEXT_ALLOW_PRIVATE_NETWORK',
      env: { CONTEXT_ENDPOINT: 'http://127.0.0.1:9/context', CONTEXT_ALLOW_HTTP: '1' },
      hint: /CONTEXT_ALLOW_PRIVATE_NETWORK=1/,
    },
  ])('fails on $name with an error and a hint, exit 1, no stack', async ({ env, hint }) => {
    const run = await runLoad(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .+\nhint: .+\n$/);
    expect(run.stderr).toMatch(hint);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
