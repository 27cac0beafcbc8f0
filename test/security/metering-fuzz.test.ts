/**
 * Fuzz of the metering (issue 8): fast-check composes expensive constructs (repetition,
 * nested loops, structures that share themselves, join / format / % / sort / unique /
 * dictsort / sum / == / in on big and self-sharing values, lipsum, range) and every
 * render must end with an output or a TemplateError within a small multiple of
 * maxRenderMs. The renders run in a child process, so a hang or an abort fails the test
 * instead of taking vitest with it.
 *
 *   METER_FUZZ_RUNS=1000 npx vitest run test/security/metering-fuzz.test.ts   (default 80)
 *   METER_FUZZ_SEED=1234 …   replays a run
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderInChild, type ChildResult } from '../helpers/render-in-child.js';

const RUNS = Number(process.env.METER_FUZZ_RUNS ?? 80);
const SEED = Number(process.env.METER_FUZZ_SEED ?? 8_008);
const LIMITS = { maxRenderMs: 100 };
// The one time bound: generous, for a loaded 2-core machine and GC pauses.
const BOUND_MS = 4 * LIMITS.maxRenderMs + 500;

// Structures the template builds for itself (self-sharing, `depth` levels deep), and big
// values from the variables (`n` items).
const PRELUDE = [
  '{% set ns = namespace(a=(1,), b=(1,), l=[1]) %}',
  '{% for i in range(depth) %}{% set ns.a = (ns.a, ns.a) %}{% set ns.b = (ns.b, ns.b) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}',
].join('');

function variables(depth: number, n: number): Record<string, unknown> {
  const big = Array.from({ length: n }, (_, i) => i);
  return { depth, n, big, words: big.map((i) => `w${i % 97}`), d: Object.fromEntries(big.map((i) => [`k${(i * 7919) % (n || 1)}`, i])) };
}

const size = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('0', '1', '2', '3', '7', '-1') },
  { weight: 1, arbitrary: fc.constantFrom('1000', '10000', '2**20', '2**53') },
);
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('ns.a', 'ns.b', 'ns.l', 'big', 'words', 'd', "'ab'", '[]', '()', "{'k': ns.a}", 'range(n)', 'lipsum(2)', 'x'),
    fc.tuple(tie('v'), size).map(([v, k]) => `(${v} * ${k})`),
    fc.tuple(size, tie('v')).map(([k, v]) => `(${k} * ${v})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} + ${b})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a}, ${b})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} ~ ${b})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} == ${b})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} in [${b}])`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} < ${b})`),
    fc.tuple(tie('v'), fc.constantFrom(
      'join', "join(', ')", 'sort', 'unique | list', 'dictsort', 'items | list', 'sum', 'sum(start=[])', 'string', 'tojson', 'pprint',
      'list', 'reverse | list', 'batch(3) | list', "map('string') | list", 'length', 'first', 'last', 'max', 'min', 'wordcount', 'center(10**6)',
    )).map(([v, f]) => `(${v} | ${f})`),
    fc.tuple(tie('v'), size).map(([v, k]) => `(('%s' * ${k}) % ((${v},) * ${k}))`),
    fc.tuple(tie('v'), size).map(([v, k]) => `(('{0}' * ${k}).format(${v}))`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} ~ '').join([${b} ~ '', 'x'])`),
    fc.tuple(size, size, size).map(([n, lo, hi]) => `lipsum(${n}, min=${lo}, max=${hi})`),
    tie('v').map((v) => `dict([(${v} ~ '', ${v})])`),
  ),
})).v;

const statement: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    value.map((v) => `{{ ${v} }}`),
    value.map((v) => `{% set x = ${v} %}`),
    fc.tuple(size, tie('s')).map(([k, body]) => `{% for i in range(${k}) %}${body}{% endfor %}`),
    fc.tuple(value, tie('s')).map(([v, body]) => `{% for i in ${v} %}${body}{% endfor %}`),
    fc.tuple(value, tie('s')).map(([v, body]) => `{% if ${v} %}${body}{% endif %}`),
  ),
})).s;

const template = fc.record({
  depth: fc.constantFrom(0, 2, 3, 5, 25, 40),
  n: fc.constantFrom(0, 3, 10, 5000),
  body: fc.array(statement, { minLength: 1, maxLength: 3 }).map((s) => s.join('')),
});

const CASES = fc.sample(template, { numRuns: RUNS, seed: SEED }).map(({ depth, n, body }) => ({
  template: PRELUDE + body,
  vars: variables(depth, n),
  limits: LIMITS,
}));
const KILL_MS = RUNS * BOUND_MS + 30_000;
let results: Promise<Map<number, ChildResult>>;

describe(`metering fuzz: ${RUNS} renders of expensive constructs (seed ${SEED})`, () => {
  beforeAll(() => {
    results = renderInChild(CASES, KILL_MS);
  });

  it(`each ends with an output or a TemplateError within ${BOUND_MS} ms`, async () => {
    const all = await results;
    let outputs = 0;
    for (const [index, c] of CASES.entries()) {
      const result = all.get(index);
      const where = `case ${index}: ${c.template.slice(PRELUDE.length)} with depth ${c.vars.depth}, n ${c.vars.n}`;
      if (result === undefined) expect.fail(`no result (the render hung or aborted the child): ${where}`);
      expect(result.outcome.kind, `${result.outcome.errorName}: ${result.outcome.text.slice(0, 200)} in ${where}`).not.toBe('other_error');
      expect(result.outcome.durationMs, where).toBeLessThan(BOUND_MS);
      expect(result.length, where).toBeLessThanOrEqual(256 * 1024);
      expect(result.next, where).toBe('Hello Ada!');
      if (result.outcome.kind === 'output') outputs++;
    }
    // The grammar must keep producing templates that render, not only ones that fail early.
    expect(outputs).toBeGreaterThanOrEqual(RUNS / 10);
  }, KILL_MS + 5000);
});
