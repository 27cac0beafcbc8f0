import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate } from '../../src/template/index.js';
import { renderOutcome as outcome } from '../helpers/outcomes.js';
import { startCpuClock } from '../helpers/cpu-time.js';

describe('render time budget (maxRenderMs, F4 catch-all)', () => {
  // A render of about 100k iterations of real work: well over 1 ms, well under the 250 ms default.
  const busy = "{% for i in range(10000) %}{% for j in range(9) %}{% set _ = 'ab' ~ j %}{% endfor %}{% endfor %}done";

  it('stops a render that runs past the budget, and the next render works', () => {
    const t = compileTemplate(busy, { limits: { maxRenderMs: 1, maxIterations: 10_000_000 } });
    expect(outcome(() => t.render({}))).toBe('error: Template exceeded its render time budget of 1 ms');
    expect(renderTemplate('Hello {{ name }}!', { name: 'Ada' })).toBe('Hello Ada!');
  });

  it('lets the same render finish under a generous budget', () => {
    const t = compileTemplate(busy, { limits: { maxRenderMs: 60_000, maxIterations: 10_000_000 } });
    expect(t.render({})).toBe('done');
  });

  it('has a default a realistic greeting never comes near', () => {
    expect(renderTemplate('{% for i in range(100) %}{{ i }}{% endfor %}', {})).toHaveLength(190);
  });
});

describe('work priced by input size (F4)', () => {
  // s is 10,240 characters: 40 units per split at 256 characters a unit.
  const s = 'x '.repeat(5120);
  it.each([
    { name: 'under', n: 23, ok: true },
    { name: 'at', n: 24, ok: true },
    { name: 'over', n: 25, ok: false },
  ])('split() of 10 KB in a loop against a budget of 1,000 units: $name', ({ n, ok }) => {
    // n iterations + 40 units per split: 24 * 41 = 984 fits, 25 * 41 = 1,025 does not.
    const t = compileTemplate('{% for i in items %}{% if s.split() %}{% endif %}{% endfor %}ok', { limits: { maxIterations: 1000 } });
    const items = Array.from({ length: n }, (_, i) => i);
    if (ok) expect(t.render({ s, items })).toBe('ok');
    else expect(outcome(() => t.render({ s, items }))).toMatch(/loop budget of 1000/);
  });

  it('charges filters and tests on large lists and strings, not length or default', () => {
    const l = Array.from({ length: 1600 }, (_, i) => i);
    const limits = { maxIterations: 1000 };
    expect(outcome(() => compileTemplate('{% for i in range(10) %}{{ l | sum }}{% endfor %}', { limits }).render({ l }))).toMatch(/loop budget/);
    expect(outcome(() => compileTemplate('{% for i in range(10) %}{{ s is lower }}{% endfor %}', { limits }).render({ s: 'a'.repeat(30_000) }))).toMatch(/loop budget/);
    // 400 iterations, 400 length filters at a unit each, range(400) 26 units: priced by size, length would cost 100 units.
    expect(compileTemplate('{% for i in range(400) %}{{ l | length }}{% endfor %}', { limits }).render({ l })).toHaveLength(1600);
  });

  it('counts each macro call, so doubling recursion under the depth bound is stopped', () => {
    const src = '{% macro f(n) %}{% if n %}{% set a = f(n - 1) %}{% set b = f(n - 1) %}{% endif %}{% endmacro %}{{ f(40) }}';
    expect(outcome(() => renderTemplate(src, {}))).toMatch(/loop budget|time budget/);
  });
});

describe('wordwrap (F1)', () => {
  it('cuts a long word in linear time', () => {
    const cpuMs = startCpuClock();
    expect(renderTemplate("{{ ('a' * 50000) | wordwrap(7) | length }}", {})).toBe(String(50_000 + Math.ceil(50_000 / 7) - 1));
    // Linear: ~75 ms here. The quadratic cut it replaced took 17 s, so 1 s still tells them apart on a busy machine.
    expect(cpuMs()).toBeLessThan(1000);
  });

  it.each([
    { name: 'under', n: 899, ok: true },
    { name: 'at', n: 900, ok: true },
    { name: 'over', n: 1100, ok: false },
  ])('charges one unit per line: $name', ({ n, ok }) => {
    const t = compileTemplate(`{{ ('a' * ${n}) | wordwrap(1) | length }}`, { limits: { maxIterations: 1000 } });
    if (ok) expect(t.render({})).toBe(String(2 * n - 1));
    else expect(outcome(() => t.render({}))).toMatch(/loop budget of 1000/);
  });

  it('keeps textwrap hyphen breaks', () => {
    expect(renderTemplate("{{ 'x-y-zzzzzzzz-wwwww abc' | wordwrap(4) }}", {})).toBe('x-y-\nzzzz\nzzzz\n-www\nww\nabc');
  });
});

describe('width and count arguments are checked before building (F2)', () => {
  const limits = { maxOutputLength: 1000 };
  it.each([
    { name: 'under', size: 998, ok: true },
    { name: 'at', size: 999, ok: true },
    { name: 'over', size: 1000, ok: false },
  ])('expandtabs: $name', ({ size, ok }) => {
    // 'a\tb' becomes 'a' + (size - 1) spaces + 'b': size + 1 characters.
    const t = compileTemplate(`{{ 'a\tb'.expandtabs(${size}) | length }}`, { limits });
    if (ok) expect(t.render({})).toBe(String(size + 1));
    else expect(outcome(() => t.render({}))).toMatch(/exceeded 1000 characters/);
  });

  it('refuses expandtabs(10**8) without building it', () => {
    expect(outcome(() => renderTemplate("{{ 'a\tb'.expandtabs(10**8) | length }}", {}))).toMatch(/exceeded 262144 characters/);
  });

  it.each(["{{ 'x'.center(10**8) }}", "{{ 'x'.zfill(10**8) }}", "{{ 'x' | center(10**8) }}", "{{ 'x\ny' | indent(10**8) }}", "{{ '{:>100000000}'.format(1) }}", "{{ 'x' * 10**8 }}", "{{ '%100000000d' % 1 }}"])('refuses %s', (src) => {
    expect(outcome(() => renderTemplate(src, {}))).toMatch(/exceeded 262144 characters/);
  });
});
