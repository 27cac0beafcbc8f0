/**
 * Keeps the stored expectations honest: re-runs the vendored oracle.py (real Jinja2)
 * over corpus.json and examples.json with --check, checks that each deliberate
 * difference still is one, and that the vendored oracle is the shared one, byte for byte.
 * Without a Python that has jinja2 the oracle tests skip locally and fail under CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWithOracle, findJinjaPython, ORACLE_PATH, runOracle, TEMPLATE_TEST_DIR, type OracleCase } from './oracle-runner.js';

const python = findJinjaPython();
const REPO_ROOT = resolve(TEMPLATE_TEST_DIR, '../..');
const SHARED_ORACLE = resolve(REPO_ROOT, '../shared/jinja-oracle/oracle.py');
const SHARED_EXAMPLES = resolve(REPO_ROOT, '../shared/jinja-oracle/examples.json');

describe('oracle check', () => {
  it.runIf(process.env.CI)('has a Python with jinja2 when running in CI', () => {
    expect(python, 'CI must provide a Python with jinja2 (python3-jinja2); set JINJA_PYTHON').not.toBeNull();
  });

  it.skipIf(python === null).each(['corpus.json', 'examples.json'])('Jinja2 still renders every case of %s as stored', (file) => {
    const { status, stderr } = checkWithOracle(python!, join(TEMPLATE_TEST_DIR, file));
    expect(status, stderr).toBe(0);
  });

  it.skipIf(python === null)('Jinja2 still disagrees with each deliberate difference', () => {
    const cases = JSON.parse(readFileSync(join(TEMPLATE_TEST_DIR, 'deliberate-differences.json'), 'utf8')) as OracleCase[];
    const rendered = runOracle(python!, cases);
    const agreeing = rendered.filter((r, i) => !r.error && r.expected === cases[i].expected).map((r) => r.id);
    expect(agreeing, 'these now agree with Jinja2: move them into the corpus').toEqual([]);
  });
});

describe('vendored oracle', () => {
  it.skipIf(!existsSync(SHARED_ORACLE))('is byte-identical to ../shared/jinja-oracle/oracle.py', () => {
    expect(readFileSync(ORACLE_PATH).equals(readFileSync(SHARED_ORACLE))).toBe(true);
  });

  it.skipIf(!existsSync(SHARED_EXAMPLES))('keeps examples.json identical to the shared starter set', () => {
    expect(readFileSync(join(TEMPLATE_TEST_DIR, 'examples.json')).equals(readFileSync(SHARED_EXAMPLES))).toBe(true);
  });
});
