/**
 * Finds a Python that has jinja2 and runs the vendored oracle.py with it.
 * Order: $JINJA_PYTHON, `python3` on PATH, then /usr/bin/python3 (Debian's
 * python3-jinja2 installs for that one, which may differ from the one on PATH).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const ORACLE_PATH = join(TEMPLATE_TEST_DIR, 'oracle.py');

export interface OracleCase {
  id: string;
  tags?: string[];
  template: string;
  vars: Record<string, unknown>;
  expected?: string;
  error?: boolean;
  error_type?: string;
}

let cached: string | null | undefined;

/** The first Python that imports jinja2, or null when there is none. */
export function findJinjaPython(): string | null {
  if (cached !== undefined) return cached;
  const candidates = [process.env.JINJA_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  cached = candidates.find((py) => spawnSync(py, ['-c', 'import jinja2'], { stdio: 'ignore', timeout: 10_000 }).status === 0) ?? null;
  return cached;
}

/** Render `cases` with one oracle process (lenient dialect); returns them with expected/error. */
export function runOracle(python: string, cases: OracleCase[]): OracleCase[] {
  const result = spawnSync(python, [ORACLE_PATH], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`oracle.py failed (${result.status}): ${result.stderr || result.error}`);
  return JSON.parse(result.stdout) as OracleCase[];
}

/** `oracle.py --check file`: exit status and its summary on stderr. */
export function checkWithOracle(python: string, file: string): { status: number | null; stderr: string } {
  const result = spawnSync(python, [ORACLE_PATH, '--check', file], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stderr: result.stderr };
}
