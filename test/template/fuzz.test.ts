/**
 * Differential fuzz test: fast-check generates small templates (text, {{ expr }},
 * if/elif/else, for … else with loop.*, set) and variables (text, ints, non-integral
 * floats, booleans, null, lists, nested dicts, names left missing); one oracle.py
 * process renders the whole batch with Jinja2, and renderTemplate must agree on every
 * case: the same text, or a TemplateError where Jinja2 raised.
 *
 *   FUZZ_RUNS=5000 npx vitest run test/template/fuzz.test.ts    (default 300)
 *   FUZZ_SEED=1234 …  replays a run; FUZZ_SEED=random picks a fresh seed (printed on failure)
 *
 * On a mismatch the first failing case is shrunk (batched through the oracle too) and
 * reported with its seed and index.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { renderTemplate } from '../../src/template/index.js';
import { fuzzCaseArb, type FuzzCase } from './fuzz-grammar.js';
import { findJinjaPython, runOracle, type OracleCase } from './oracle-runner.js';

const python = findJinjaPython();
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === 'random' ? (Math.random() * 2 ** 31) | 0 : Number(process.env.FUZZ_SEED ?? 20_240_601);
const MAX_SHRINK_STEPS = 60;
const SHRINK_BATCH = 150;

type Outcome = { output: string } | { error: string };

function renderWithLibrary(c: FuzzCase): Outcome {
  try {
    return { output: renderTemplate(c.template, c.vars) };
  } catch (error) {
    return { error: isTemplateError(error) ? 'TemplateError' : `non-TemplateError ${String(error)}` };
  }
}

function oracleOutcome(r: OracleCase): Outcome {
  return r.error ? { error: r.error_type ?? 'error' } : { output: r.expected ?? '' };
}

function agrees(library: Outcome, jinja: Outcome): boolean {
  if ('error' in jinja) return 'error' in library && library.error === 'TemplateError';
  return 'output' in library && library.output === jinja.output;
}

/** An arbitrary that yields fast-check's Value (value + shrink context) of `arb`, so a sampled case can be shrunk later. */
class WithContext<T> extends fc.Arbitrary<fc.Value<T>> {
  constructor(private readonly arb: fc.Arbitrary<T>) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<fc.Value<T>> {
    return new fc.Value(this.arb.generate(mrng, biasFactor), undefined);
  }
  canShrinkWithoutContext(_value: unknown): _value is fc.Value<T> {
    return false;
  }
  shrink(): fc.Stream<fc.Value<fc.Value<T>>> {
    return fc.Stream.nil();
  }
}

function toOracleCases(cases: FuzzCase[]): OracleCase[] {
  return cases.map((c, i) => ({ id: String(i), template: c.template, vars: c.vars }));
}

/** Greedy shrink: each step sends up to SHRINK_BATCH smaller candidates to one oracle process and keeps the first that still disagrees. */
function shrink(start: fc.Value<FuzzCase>): FuzzCase {
  let current = start;
  for (let step = 0; step < MAX_SHRINK_STEPS; step += 1) {
    const candidates = [...fuzzCaseArb.shrink(current.value_, current.context).take(SHRINK_BATCH)];
    if (candidates.length === 0) break;
    const jinja = runOracle(python!, toOracleCases(candidates.map((v) => v.value_)));
    const next = candidates.find((v, i) => !agrees(renderWithLibrary(v.value_), oracleOutcome(jinja[i])));
    if (next === undefined) break;
    current = next;
  }
  return current.value_;
}

function report(c: FuzzCase, jinja: Outcome, library: Outcome): string {
  return [
    `template: ${JSON.stringify(c.template)}`,
    `vars:     ${JSON.stringify(c.vars)}`,
    `Jinja2:   ${JSON.stringify(jinja)}`,
    `library:  ${JSON.stringify(library)}`,
  ].join('\n');
}

describe('differential fuzz against Jinja2', () => {
  it.skipIf(python === null && !process.env.CI)(`renders ${RUNS} generated templates exactly as Jinja2 does (seed ${SEED})`, () => {
    expect(python, 'CI must provide a Python with jinja2; set JINJA_PYTHON').not.toBeNull();
    const values = fc.sample(new WithContext(fuzzCaseArb), { seed: SEED, numRuns: RUNS });
    const jinja = runOracle(python!, toOracleCases(values.map((v) => v.value_)));
    expect(jinja).toHaveLength(values.length);

    const mismatches: number[] = [];
    values.forEach((v, i) => {
      if (!agrees(renderWithLibrary(v.value_), oracleOutcome(jinja[i]))) mismatches.push(i);
    });
    if (mismatches.length === 0) return;

    const first = mismatches[0];
    const original = values[first].value_;
    const minimal = shrink(values[first]);
    const [minimalJinja] = runOracle(python!, toOracleCases([minimal]));
    expect.fail(
      [
        `${mismatches.length}/${RUNS} generated cases disagree with Jinja2 (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}; first at index ${first}).`,
        'Shrunk:',
        report(minimal, oracleOutcome(minimalJinja), renderWithLibrary(minimal)),
        'Original:',
        report(original, oracleOutcome(jinja[first]), renderWithLibrary(original)),
      ].join('\n'),
    );
  }, 300_000);
});
