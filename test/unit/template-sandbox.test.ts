import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { compileTemplate, renderTemplate } from '../../src/template/index.js';
import { startCpuClock } from '../helpers/cpu-time.js';

/** Injection and denial-of-service payloads: each must end in a TemplateError, fast, and change nothing. */
const payloads = [
  { name: 'Function through range.constructor', template: '{{ range.constructor("return process")() }}' },
  { name: 'Python class walk', template: "{{ ''.__class__.__mro__ }}" },
  { name: '__proto__ of data', template: '{{ x.__proto__ }}' },
  { name: 'cycler internals', template: '{{ cycler.__init__ }}' },
  { name: 'constructor by subscript', template: "{{ x['constructor']['constructor']('return 1')() }}" },
  { name: 'constructor of a list literal', template: '{% set a = [] %}{{ a.constructor }}' },
  { name: 'constructor of a string', template: "{{ 'a'.constructor }}" },
  { name: 'attr filter', template: "{{ x | attr('constructor') }}" },
  { name: 'map attribute', template: "{{ [x] | map(attribute='__proto__') | list }}" },
  { name: 'set from constructor', template: '{% set f = x.constructor %}' },
  { name: 'namespace prototype', template: "{% set ns = namespace() %}{% set ns.__proto__ = 1 %}" },
  { name: 'macro prototype', template: '{% macro m() %}{% endmacro %}{{ m.constructor }}' },
  { name: 'caller constructor', template: '{% macro m() %}{{ caller.constructor }}{% endmacro %}{% call m() %}{% endcall %}' },
  { name: 'loop constructor', template: '{% for i in [1] %}{{ loop.constructor }}{% endfor %}' },
  { name: 'defineGetter', template: '{{ x.__defineGetter__ }}' },
  { name: 'huge range', template: '{% for i in range(1000000) %}{% endfor %}' },
  { name: 'nested loops 1000x1000', template: '{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}' },
  { name: 'recursive macro without base case', template: '{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}' },
  { name: 'recursive loop without base case', template: '{% for k in x recursive %}{{ loop(x) }}{% endfor %}', vars: { x: [1] } },
  { name: 'string repetition', template: "{{ 'x' * 100000000 }}" },
  { name: 'doubling concatenation', template: "{% set ns = namespace(s='ab') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}" },
  { name: 'output growth in a loop', template: "{% for i in range(10000) %}{{ 'abcdefghij' * 10 }}{% endfor %}" },
  { name: 'concatenation in a long loop', template: "{% for i in range(10000) %}{% for j in range(9) %}{{ 'ab' ~ i ~ j }}{% endfor %}{% endfor %}" },
];

describe('sandbox', () => {
  it.each(payloads)('refuses $name', ({ template, vars }) => {
    const globalKeys = Object.keys(globalThis).join();
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();
    const cpuMs = startCpuClock();
    let thrown: unknown;
    try {
      renderTemplate(template, vars ?? { x: { a: 1 } });
    } catch (error) {
      thrown = error;
    }
    expect(isTemplateError(thrown)).toBe(true);
    expect(cpuMs()).toBeLessThan(1000);
    expect(Object.keys(globalThis).join()).toBe(globalKeys);
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoKeys);
    expect(renderTemplate('{{ 1 + 1 }}', {})).toBe('2');
  });

  it('resolves names only in template scope, the variables and the template globals', () => {
    expect(renderTemplate('[{{ process }}{{ globalThis }}{{ require }}{{ Function }}{{ constructor }}{{ toString }}]', {})).toBe('[]');
  });

  it('treats template names as data keys, never as JS identifiers', () => {
    expect(renderTemplate('{% set __proto__ = 1 %}{% set constructor = 2 %}{{ __proto__ }}{{ constructor }}', {})).toBe('12');
    expect(renderTemplate("{% set o = {'__proto__': 2, 'constructor': 3} %}{{ o | list }}", {})).toBe("['__proto__', 'constructor']");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('limits', () => {
  const loop = (n: number): string => `{% for i in range(${n}) %}x{% endfor %}`;
  // Over a list from the variables: the loop's iterations are its only cost (range() is a call).
  it.each([
    { name: 'under', n: 99, ok: true },
    { name: 'at', n: 100, ok: true },
    { name: 'over', n: 101, ok: false },
  ])('loop budget: $name', ({ n, ok }) => {
    const t = compileTemplate('{% for i in items %}x{% endfor %}', { limits: { maxIterations: 100 } });
    const items = Array.from({ length: n }, (_, i) => i);
    if (ok) expect(t.render({ items })).toHaveLength(n);
    else expect(() => t.render({ items })).toThrow(/loop budget of 100 iterations/);
  });

  it.each([
    { name: 'under', depth: 4, ok: true },
    { name: 'at', depth: 5, ok: true },
    { name: 'over', depth: 6, ok: false },
  ])('macro depth: $name', ({ depth, ok }) => {
    const t = compileTemplate('{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{% endif %}.{% endmacro %}{{ m(d - 1) }}', { limits: { maxCallDepth: 5 } });
    if (ok) expect(t.render({ d: depth })).toBe('.'.repeat(depth));
    else expect(() => t.render({ d: depth })).toThrow(/depth of 5/);
  });

  it.each([
    { name: 'under', n: 999, ok: true },
    { name: 'at', n: 1000, ok: true },
    { name: 'over', n: 1001, ok: false },
  ])('output length: $name', ({ n, ok }) => {
    const t = compileTemplate(loop(n), { limits: { maxOutputLength: 1000 } });
    if (ok) expect(t.render({})).toHaveLength(n);
    else expect(() => t.render({})).toThrow(/exceeded 1000 characters/);
  });

  it('converts a stack overflow into a TemplateError', () => {
    const deep = '{{ ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + ' }}';
    let thrown: unknown;
    try {
      renderTemplate(deep, {});
    } catch (error) {
      thrown = error;
    }
    if (thrown !== undefined) expect(isTemplateError(thrown)).toBe(true);
  });
});
