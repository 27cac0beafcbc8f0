import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate } from '../../src/template/index.js';
import { renderOutcome as outcome } from '../helpers/outcomes.js';
import { startCpuClock } from '../helpers/cpu-time.js';

describe('printing stops at the output bound (F3)', () => {
  const limits = { maxOutputLength: 1000 };
  // ['x', 'x', ...]: n items print as 5n characters.
  it.each([
    { name: 'under', n: 199, ok: true },
    { name: 'at', n: 200, ok: true },
    { name: 'over', n: 201, ok: false },
  ])('repr of a list: $name', ({ n, ok }) => {
    const t = compileTemplate('{{ l | string | length }}', { limits });
    const l = Array.from({ length: n }, () => 'x');
    if (ok) expect(t.render({ l })).toBe(String(5 * n));
    else expect(outcome(() => t.render({ l }))).toMatch(/exceeded 1000 characters/);
  });

  const doubling = (n: number, print: string): string =>
    `{% set ns = namespace(s='x') %}{% for i in range(${n}) %}{% set ns.s = [ns.s, ns.s] %}{% endfor %}{{ ns.s ${print} }}`;
  it.each(['', '| string | length', '| pprint | length', '| tojson | length'])('shared structure doubled 100 times, %s, fails fast', (print) => {
    const cpuMs = startCpuClock();
    // Printing is charged, so a slow machine may reach the time budget before the output bound.
    expect(outcome(() => renderTemplate(doubling(100, print), {}))).toMatch(/exceeded 262144 characters|time budget of 250 ms/);
    expect(cpuMs()).toBeLessThan(900);
  });

  it('prints shared structure that fits', () => {
    expect(renderTemplate(doubling(2, ''), {})).toBe("[['x', 'x'], ['x', 'x']]");
    expect(renderTemplate(doubling(2, '| pprint'), {})).toBe("[['x', 'x'], ['x', 'x']]");
    expect(renderTemplate(doubling(1, '| tojson'), {})).toBe('["x", "x"]');
  });
});

describe('template source length (F5)', () => {
  const limits = { maxSourceLength: 100 };
  it.each([
    { name: 'under', n: 99, ok: true },
    { name: 'at', n: 100, ok: true },
    { name: 'over', n: 101, ok: false },
  ])('$name', ({ n, ok }) => {
    const run = (): string => compileTemplate('x'.repeat(n), { limits }).render({});
    if (ok) expect(run()).toHaveLength(n);
    else expect(outcome(run)).toBe('error: Template source is longer than 100 characters (101)');
  });

  it('defaults to 128 KiB', () => {
    expect(outcome(() => renderTemplate('x'.repeat(128 * 1024 + 1), {}))).toMatch(/longer than 131072 characters/);
  });

  // That compiling is linear is measured as a ratio in test/complexity/compile.test.ts; the
  // compile budget is raised because a loaded test host is not what this test is about.
  it('compiles and renders 100 KiB of {{ a }}', () => {
    expect(compileTemplate('{{ a }}'.repeat(14_628), { limits: { maxCompileMs: 60_000 } }).render({ a: 'y' })).toHaveLength(14_628);
  });

  it('says a too deeply nested source is nested too deeply', () => {
    expect(outcome(() => renderTemplate(`{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`, {}))).toMatch(/^error: Template is nested too deeply/);
  });
});

describe('nested literals in tags (M5)', () => {
  // Expected outputs checked against /work/shared/jinja-oracle/oracle.py.
  it.each([
    ["{% set d = {'a': {'b': 1}} %}{{ d }}", "{'a': {'b': 1}}"],
    ["{{ {'a': {'b': 1}} }}", "{'a': {'b': 1}}"],
    ["{{ {'a': 1}}}", "{'a': 1}"],
    ["{% set d = {'a': {'b': {'c': 1}}} %}{{ d.a.b.c }}", '1'],
    ["{% if {'a': {'b': 1}}['a'] %}y{% endif %}", 'y'],
    ["{% for k in {'x': {'y': 1}} %}{{ k }}{% endfor %}", 'x'],
    ["{%- set d = {'a': {'b': 1}} -%} {{ d.a.b -}} !", '1!'],
  ])('%s', (src, expected) => {
    expect(renderTemplate(src, {})).toBe(expected);
  });

  it.each(["{{ {'a': 7 %} }}", '{{ (1 -}} x', '{{ ([1, 2] }}'])('%s stays a syntax error', (src) => {
    expect(outcome(() => renderTemplate(src, {}))).toMatch(/^error: /);
  });
});

describe('clear messages (M2, M3)', () => {
  const frozen = { d: Object.freeze({ a: 1 }), l: Object.freeze([1]) };
  it.each([
    ["{% set _ = d.update({'a': 2}) %}", 'cannot modify dict with update() (read-only context data)'],
    ['{% set _ = d.pop("a") %}', 'cannot modify dict with pop() (read-only context data)'],
    ['{% set _ = l.append(2) %}', 'cannot modify list with append() (read-only context data)'],
  ])('%s', (src, reason) => {
    expect(outcome(() => renderTemplate(src, frozen))).toBe(`error: ${reason}`);
    expect(frozen).toEqual({ d: { a: 1 }, l: [1] });
  });

  it.each([
    ["{{ '%.100000000f' % 1 }}", /exceeded 262144 characters/],
    ["{{ '{:.100000000f}'.format(1.5) }}", /exceeded 262144 characters/],
    ["{{ '%.101f' % 1 }}", /precision 101 is above the supported maximum of 100 digits/],
  ])('%s', (src, reason) => {
    expect(outcome(() => renderTemplate(src, {}))).toMatch(reason);
  });

  it('keeps precision up to 100 digits', () => {
    expect(renderTemplate("{{ '%.100f' % 0.5 }}", {})).toBe(`0.5${'0'.repeat(99)}`);
  });
});
