import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { assertFreshDist, readPackageJson, ROOT } from '../helpers/dist.js';

export { ROOT };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Secret variables from the developer's own shell must not leak into these tests.
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DYNAMIC_CONTEXT_') && name !== 'FORCE_COLOR'));

/** Per-test budget: each run starts node on the built CLI, which can be slow on a busy CI box. */
export const CLI_TEST_TIMEOUT_MS = 60_000;

// The built bin, as users run it (test/global-build.ts builds it before the run). Starting
// node on plain JS takes a tenth of compiling src/ with tsx on every run.
assertFreshDist();
const CLI = join(ROOT, readPackageJson().bin['dynamic-context']!);

/**
 * Runs the built CLI (`node dist/cli.js`) as a child process, the way a user's shell
 * would: real argv, real env, real exit code. `input` goes to its standard input
 * (for `--template -`).
 */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...CLEAN_ENV, NO_COLOR: '1', ...env }, timeout: 40_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}
