import { describe, expect, it } from 'vitest';
import { outputValue, pyRepr, pyStr } from '../../src/template/runtime/print.js';
import { binary, compare, concat, contains, eq, truthy, unary } from '../../src/template/runtime/ops.js';
import { PyFloat, makeTuple } from '../../src/template/runtime/types.js';
import { isTemplateError } from '../../src/errors.js';

// Expected values are what oracle.py renders for the equivalent template.
const printCases: { name: string; value: () => unknown; expected: string }[] = [
  { name: '{{ 7 / 2 }}', value: () => binary('/', 7, 2), expected: '3.5' },
  { name: '{{ 4 / 2 }}', value: () => binary('/', 4, 2), expected: '2.0' },
  { name: '{{ -7 // 2 }}', value: () => binary('//', -7, 2), expected: '-4' },
  { name: '{{ 7.5 // 2 }}', value: () => binary('//', 7.5, 2), expected: '3.0' },
  { name: '{{ -7 % 3 }}', value: () => binary('%', -7, 3), expected: '2' },
  { name: '{{ -7.5 % 2 }}', value: () => binary('%', -7.5, 2), expected: '0.5' },
  { name: '{{ 2 ** -1 }}', value: () => binary('**', 2, -1), expected: '0.5' },
  { name: '{{ 0.1 + 0.2 }}', value: () => binary('+', 0.1, 0.2), expected: '0.30000000000000004' },
  { name: '{{ true + 1 }}', value: () => binary('+', true, 1), expected: '2' },
  { name: '{{ 1e16 }}', value: () => new PyFloat(1e16), expected: '1e+16' },
  { name: '{{ 1.5e-7 }}', value: () => 1.5e-7, expected: '1.5e-07' },
  { name: '{{ 0.0001 }}', value: () => 0.0001, expected: '0.0001' },
  { name: '{{ 1e300 * 1e10 }}', value: () => binary('*', 1e300, 1e10), expected: 'inf' },
  { name: '{{ "ab" * 3 }}', value: () => binary('*', 'ab', 3), expected: 'ababab' },
  { name: '{{ [1] * 3 }}', value: () => binary('*', [1], 3), expected: '[1, 1, 1]' },
  { name: '{{ [1, "a", n, 2.5, true, {"k": "v"}] }}', value: () => [1, 'a', null, 2.5, true, { k: 'v' }], expected: "[1, 'a', None, 2.5, True, {'k': 'v'}]" },
  { name: 'quotes in repr', value: () => makeTuple(["it's", 'say "hi"', 'both\'"']), expected: `("it's", 'say "hi"', 'both\\'"')` },
  { name: '{{ (1,) }}', value: () => makeTuple([1]), expected: '(1,)' },
  { name: 'escapes in repr', value: () => ['a\nb', 'tab\t', 'back\\', 'é', '\x00'], expected: "['a\\nb', 'tab\\t', 'back\\\\', 'é', '\\x00']" },
  { name: '{{ "%.2f" % 2.675 }}', value: () => binary('%', '%.2f', 2.675), expected: '2.67' },
  { name: '{{ "%.1f" % 0.25 }}', value: () => binary('%', '%.1f', 0.25), expected: '0.2' },
  { name: 'printf flags', value: () => binary('%', '%5.1f|%-5d|%05d|%+d', makeTuple([3.14159, 42, 42, 5])), expected: '  3.1|42   |00042|+5' },
  { name: 'printf null is empty', value: () => binary('%', '%s and %s', makeTuple(['a', null])), expected: 'a and ' },
  { name: 'printf mapping', value: () => binary('%', '%(a)s-%(b)d', { a: 'x', b: 3 }), expected: 'x-3' },
  { name: 'printf conversions', value: () => binary('%', '%x %X %o %e %r %i %%', makeTuple([255, 255, 8, 12345.678, 'q', 3.9])), expected: "ff FF 10 1.234568e+04 'q' 3 %" },
  { name: 'printf %g', value: () => binary('%', '%.3g|%g|%g', makeTuple([1234.5, 0.00001, 100000000])), expected: '1.23e+03|1e-05|1e+08' },
  { name: '"Hi " ~ null ~ "!"', value: () => concat(concat('Hi ', null), '!'), expected: 'Hi !' },
  { name: '"x" ~ none', value: () => concat('x', null), expected: 'x' },
  { name: '{{ -f }}', value: () => unary('-', 3.14159), expected: '-3.14159' },
];

describe('printing and arithmetic match Python', () => {
  it.each(printCases)('$name', ({ value, expected }) => {
    expect(outputValue(value())).toBe(expected);
  });

  it('prints None and undefined as empty at top level, None inside containers', () => {
    expect(outputValue(null)).toBe('');
    expect(outputValue(undefined)).toBe('');
    expect(pyStr(null)).toBe('');
    expect(pyRepr([null, 1])).toBe('[None, 1]');
  });
});

describe('lenient operators', () => {
  it('gives undefined for arithmetic on undefined or null', () => {
    expect(binary('+', null, 1)).toBeUndefined();
    expect(binary('*', undefined, 'a')).toBeUndefined();
    expect(unary('-', null)).toBeUndefined();
  });
  it('makes ordering comparisons with undefined or null false', () => {
    expect(compare('>', null, 5)).toBe(false);
    expect(compare('<', undefined, 3)).toBe(false);
  });
  it.each([
    ['"a" + 1', () => binary('+', 'a', 1)],
    ['"10" > 5', () => compare('>', '10', 5)],
    ['1 / 0', () => binary('/', 1, 0)],
    ['1 in "abc"', () => contains('abc', 1)],
    ['"%d" % "x"', () => binary('%', '%d', 'x')],
  ])('raises a TemplateError for %s', (_name, fn) => {
    let thrown: unknown;
    try { fn(); } catch (e) { thrown = e; }
    expect(isTemplateError(thrown)).toBe(true);
  });
  it('follows Python equality and truthiness', () => {
    expect(eq('5', 5)).toBe(false);
    expect(eq(1, new PyFloat(1))).toBe(true);
    expect(eq(true, 1)).toBe(true);
    expect(eq(makeTuple([1, 2]), [1, 2])).toBe(false);
    expect(eq({ a: [1] }, { a: [1] })).toBe(true);
    expect(eq(null, undefined)).toBe(false);
    expect([0, '', [], {}, null, undefined, new PyFloat(0)].some(truthy)).toBe(false);
    expect([NaN, 'a', [0], { a: 1 }].every(truthy)).toBe(true);
  });
  it('checks the output budget before repeating a string', () => {
    expect(() => binary('*', 'x', 10_000_000)).toThrow(/exceeded/);
  });
});
