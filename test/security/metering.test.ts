import { beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/index.js';
import { renderInChild, type ChildPayload, type ChildResult } from '../helpers/render-in-child.js';
import { renderOutcome as outcome } from '../helpers/outcomes.js';

/*
 * Issue 8's template findings. Before the fix each of these hung, aborted the process or
 * ran for seconds and built hundreds of megabytes; they run in a child process so that a
 * regression fails the test instead of hanging vitest.
 */
interface Finding extends ChildPayload {
  name: string;
  /** The render's outcome: an output (exactly this text when a string) or a TemplateError matching this. */
  expect: { output: string | true } | { error: RegExp };
}

// Two equal structures that share themselves 40 deep: 2^40 leaves each, 40 nodes in memory.
const SHARED = "{% set ns = namespace(a=(1,), b=(1,)) %}{% for i in range(40) %}{% set ns.a = (ns.a, ns.a) %}{% set ns.b = (ns.b, ns.b) %}{% endfor %}";
const pairs = Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]);
const big = Array.from({ length: 50_000 }, (_, i) => i);
const bigDict = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`key${(i * 7919) % 50_000}`, i]));
const s200k = 'x'.repeat(200_000);
// Shared structure: the per-node charge reaches the unit budget, or the clock, within maxRenderMs.
const BUDGET = /loop budget of 100000 iterations|time budget of 250 ms/;
// Work that was free: with the clock out of the way (10 s), the unit budget alone must stop it.
const PRICED = { maxIterations: 5000, maxRenderMs: 10_000 };
const PRICED_OUT = /loop budget of 5000 iterations/;
const OUTPUT = /exceeded 262144 characters/;

const FINDINGS: Finding[] = [
  // Repetition: the size check multiplied by the empty length, then looped 2^53 times.
  { name: '[] * 2**53 is empty at once', template: '{{ [] * 2**53 }}', expect: { output: '[]' } },
  { name: '2**53 * () is empty at once', template: '{{ 2**53 * () }}', expect: { output: '()' } },
  { name: "'' * 2**53 is empty at once", template: "{{ '' * 2**53 }}|", expect: { output: '|' } },
  { name: '[1] * 2**53 is refused', template: '{{ [1] * 2**53 }}', expect: { error: OUTPUT } },
  // V8 aborted the process with "invalid size".
  { name: 'lipsum(min=200000000)', template: '{{ lipsum(min=200000000) }}', expect: { error: OUTPUT } },
  { name: 'lipsum(n=10**9, max=2)', template: '{{ lipsum(n=10**9, min=1, max=2) }}', expect: { error: OUTPUT } },
  // Exponential walks over shared structure, uncharged: == took 3 s at 25 levels, never ended at 40.
  { name: '== on shared structure', template: `${SHARED}{{ ns.a == ns.b }}`, expect: { error: BUDGET } },
  { name: '!= on shared structure', template: `${SHARED}{{ ns.a != ns.b }}`, expect: { error: BUDGET } },
  { name: 'in on shared structure', template: `${SHARED}{{ ns.a in [ns.b] }}`, expect: { error: BUDGET } },
  { name: 'unique on shared structure', template: `${SHARED}{{ [ns.a, ns.b] | unique | list | length }}`, expect: { error: BUDGET } },
  { name: 'sort on shared structure', template: `${SHARED}{{ [(ns.a, 2), (ns.b, 1)] | sort | length }}`, expect: { error: BUDGET } },
  { name: '< on shared structure', template: `${SHARED}{{ (ns.a, 2) < (ns.b, 1) }}`, expect: { error: BUDGET } },
  { name: 'groupby on shared structure', template: `${SHARED}{{ [{'k': ns.a}, {'k': ns.b}] | groupby('k') | length }}`, expect: { error: BUDGET } },
  { name: 'list.index on shared structure', template: `${SHARED}{{ [ns.a].index(ns.b) }}`, expect: { error: BUDGET } },
  // Work that cost no units and so never read the clock (7-10 s each).
  { name: 'dict(p) on a big list, 200 times', template: '{% for i in range(200) %}{% set d = dict(p) %}{% endfor %}done', vars: { p: pairs }, limits: PRICED, expect: { error: PRICED_OUT } },
  { name: '2,000 == of big lists', template: '{% for i in range(2000) %}{% if a == b %}{% endif %}{% endfor %}done', vars: { a: big, b: [...big] }, limits: PRICED, expect: { error: PRICED_OUT } },
  { name: 'dictsort of a big dict, 200 times', template: '{% for i in range(200) %}{% set _ = d | dictsort %}{% endfor %}done', vars: { d: bigDict }, limits: PRICED, expect: { error: PRICED_OUT } },
  { name: 'items and .items() of a big dict, 2,000 times', template: '{% for i in range(2000) %}{% set _ = d | items %}{% set _ = d.items() %}{% endfor %}done', vars: { d: bigDict }, limits: PRICED, expect: { error: PRICED_OUT } },
  { name: 'fmt % args, 2,000 times', template: "{% set f = '%(a)s' * 10000 %}{% for i in range(2000) %}{% set _ = f % {'a': 'x'} %}{% endfor %}done", limits: PRICED, expect: { error: PRICED_OUT } },
  { name: 'sum(start=[]) of many lists', template: "{{ ([[1] * 100] * 2000) | sum(start=[]) | length }}", limits: PRICED, expect: { error: PRICED_OUT } },
  // maxOutputLength was not checked on what these build: 200 M characters each.
  { name: 'join', template: '{{ ([s] * 1000) | join | length }}', vars: { s: s200k }, expect: { error: OUTPUT } },
  { name: '% with a tuple', template: "{{ (('%s' * 1000) % ((s,) * 1000)) | length }}", vars: { s: s200k }, expect: { error: OUTPUT } },
  { name: 'str.join', template: "{{ ''.join([s] * 1000) | length }}", vars: { s: s200k }, expect: { error: OUTPUT } },
  { name: 'str.format', template: "{{ ('{0}' * 1000).format(s) | length }}", vars: { s: s200k }, expect: { error: OUTPUT } },
  { name: 'sum(start=[]) past the bound', template: '{{ ([[1] * 200000] * 3) | sum(start=[]) | length }}', expect: { error: OUTPUT } },
];

// The child measures each render; the bound is the "a small multiple of maxRenderMs".
const MAX_MS = 1000;
const KILL_MS = 60_000;
let results: Promise<Map<number, ChildResult>>;

describe('metering: issue 8 template findings end quickly with a result or a TemplateError', () => {
  beforeAll(() => {
    results = renderInChild(FINDINGS, KILL_MS);
  });

  it.each(FINDINGS.map((f, i) => [f.name, f, i] as const))('%s', async (_name, finding, index) => {
    const result = (await results).get(index);
    if (result === undefined) expect.fail(`the render hung or aborted the process (no result before the kill at ${KILL_MS} ms)`);
    const { outcome: o } = result;
    if ('output' in finding.expect) {
      expect(o.kind, o.text.slice(0, 200)).toBe('output');
      if (finding.expect.output !== true) expect(o.text).toBe(finding.expect.output);
    } else {
      expect(o.kind, o.text.slice(0, 200)).toBe('template_error');
      expect(o.text).toMatch(finding.expect.error);
    }
    expect(result.next).toBe('Hello Ada!');
    expect(o.durationMs, `took ${Math.round(o.durationMs)} ms`).toBeLessThan(MAX_MS);
  }, KILL_MS + 5000);
});

describe('fixed-factor growth is checked on the result of every filter and method', () => {
  // 100,000 '<' grow to 300,000 characters or more: past the default bound of 262,144.
  it.each([
    ['escape', '{{ (s | e) | length }}'],
    ['forceescape', '{{ (s | forceescape) | length }}'],
    ['urlencode', '{{ (s | urlencode) | length }}'],
    ['xmlattr', "{{ ({'a': s} | xmlattr) | length }}"],
    ['str.replace', "{{ s.replace('<', '<<<<') | length }}"],
  ])('%s', (_name, src) => {
    expect(outcome(() => compileTemplate(src).render({ s: '<'.repeat(100_000) }))).toMatch(/exceeded 262144 characters/);
    expect(compileTemplate(src).render({ s: '<'.repeat(1000) })).toMatch(/^\d+$/);
  });
});

describe('builders check maxOutputLength before building', () => {
  const limits = { maxOutputLength: 1000 };
  // Each builds exactly n characters (or items) from the variables s = 'ab', w = 'abcd' and l = [1].
  const BUILDERS: Array<[string, string]> = [
    ['join', "{{ ([s] * (n // 2)) | join | length }}"],
    ['join with a separator', "{{ ([s] * (n // 4)) | join('xy') | length }}"],
    // The format string is half the output, so the output's own check is what refuses.
    ['%', "{{ (('%s' * (n // 4)) % ((w,) * (n // 4))) | length }}"],
    ['str.join', "{{ ''.join([s] * (n // 2)) | length }}"],
    ['str.format', "{{ ('{}' * (n // 4)).format(*([w] * (n // 4))) | length }}"],
    ['sum(start=[])', '{{ ([l * (n // 2)] * 2) | sum(start=[]) | length }}'],
    ['str * int', '{{ (s * (n // 2)) | length }}'],
    ['list * int', '{{ (l * n) | length }}'],
    ['list + list', '{{ ((l * (n // 2)) + (l * (n // 2))) | length }}'],
  ];
  const cases = BUILDERS.flatMap(([name, src]) => [
    { name, src, n: 996, ok: true },
    { name, src, n: 1000, ok: true },
    { name, src, n: 1004, ok: false },
  ]);
  it.each(cases)('$name of $n', ({ src, n, ok }) => {
    const t = compileTemplate(src, { limits });
    const run = (): string => t.render({ s: 'ab', w: 'abcd', l: [1], n });
    // 'join with a separator' builds n // 4 items of 'ab' with n // 4 - 1 separators.
    const expected = src.includes("'xy'") ? String(4 * (n / 4) - 2) : String(n);
    if (ok) expect(run()).toBe(expected);
    else expect(outcome(run)).toMatch(/exceeded 1000 characters/);
  });
});
