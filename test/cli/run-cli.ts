import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Secret variables from the developer's own shell must not leak into these tests.
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DYNAMIC_CONTEXT_')));

/** Per-test budget: each run starts node and compiles the CLI with tsx, slow on a busy CI box. */
export const CLI_TEST_TIMEOUT_MS = 60_000;

/**
 * Runs the CLI from source as a child process (tsx, so no build is needed), the way a
 * user's shell would: real argv, real env, real exit code.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...CLEAN_ENV, NO_COLOR: '1', ...env }, timeout: 40_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
