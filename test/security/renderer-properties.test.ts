import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDER_LIMITS, isTemplateError, renderTemplate } from '../../src/index.js';
import { startCpuClock } from '../helpers/cpu-time.js';

const DANGEROUS = ['constructor', '__proto__', 'prototype', '__defineGetter__', '__class__', '__globals__', 'toString', 'valueOf', 'call', 'apply', 'bind', 'length', 'name', 'caller', 'arguments', 'hasOwnProperty'];
const NAMES = ['x', 'items', 'range', 'namespace', 'lipsum', 'cycler', 'joiner', 'dict', 'loop', 'self', 'caller', 'ns', ...DANGEROUS];
const VARS = { x: { a: 1, items: [1, 2], constructor: 'data' }, items: ['a', 'b'], n: 3, s: 'text' };
const MAX_MS = 1000;

function check(source: string): void {
  const cpuMs = startCpuClock();
  let output: string | undefined;
  try {
    output = renderTemplate(source, structuredClone(VARS));
  } catch (error) {
    expect(isTemplateError(error), `non-TemplateError ${String((error as Error)?.name)}: ${String((error as Error)?.message)} for ${JSON.stringify(source)}`).toBe(true);
  }
  expect(cpuMs(), JSON.stringify(source)).toBeLessThanOrEqual(MAX_MS);
  if (output !== undefined) {
    expect(output.length).toBeLessThanOrEqual(DEFAULT_RENDER_LIMITS.maxOutputLength);
    expect(output, 'JS internals in output').not.toMatch(/\[Function|native code|\[object /);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

const TOKENS = ['{{', '}}', '{%', '%}', '{#', '#}', '(', ')', '[', ']', '{', '}', '.', ',', ':', '|', '~', '+', '*', '**', '-', '/', '//', '%', '=', '==', ' ', 'if', 'else', 'endif', 'for', 'in', 'endfor', 'set', 'macro', 'endmacro', 'call', 'endcall', 'recursive', 'loop', 'not', 'and', 'or', 'is', "'", '"', '10', '9', 'None', 'true', ...NAMES, 'attr', 'map', 'join', 'center', 'indent', 'wordwrap', 'format', 'replace', 'batch', 'list', 'string'];

const name = fc.constantFrom(...NAMES);
const attrName = fc.constantFrom(...DANGEROUS, 'a', 'items', 'next', 'current', 'append', 'upper', 'format', 'keys');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    fc.integer({ min: -5, max: 12 }).map(String),
    fc.constantFrom("'ab'", "'constructor'", "'__pro' ~ 'to__'", '[1, 2]', "{'a': 1}", '10**6'),
    fc.tuple(tie('e'), attrName).map(([o, a]) => `${o}.${a}`),
    fc.tuple(tie('e'), attrName).map(([o, a]) => `${o}['${a}']`),
    fc.tuple(tie('e'), tie('e')).map(([o, k]) => `${o}[${k}]`),
    fc.tuple(tie('e'), fc.array(tie('e'), { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('e'), fc.constantFrom('*', '+', '~', '**', '%'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('e'), fc.constantFrom("attr('constructor')", "map(attribute='__proto__')", 'center(10**6)', 'indent(10**6)', 'wordwrap(1)', 'batch(10**6)', 'list', 'join', "format('x')", 'string', 'pprint', "selectattr('constructor')", "sort(attribute='prototype')")).map(([v, f]) => `${v} | ${f}`),
  ),
})).e;
const stmt: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    expr.map((e) => `{{ ${e} }}`),
    fc.tuple(name, expr).map(([n, e]) => `{% set ${n} = ${e} %}`),
    fc.tuple(attrName, expr).map(([a, e]) => `{% set ns = namespace() %}{% set ns.${a} = ${e} %}{{ ns }}`),
    fc.tuple(name, expr, tie('s')).map(([n, e, b]) => `{% for ${n} in ${e} %}${b}{% endfor %}`),
    fc.tuple(expr, tie('s'), tie('s')).map(([c, a, b]) => `{% if ${c} %}${a}{% else %}${b}{% endif %}`),
    fc.tuple(tie('s'), expr).map(([b, e]) => `{% macro m(a) %}${b}{{ m(a) }}{% endmacro %}{{ m(${e}) }}`),
    fc.tuple(tie('s')).map(([b]) => `{% macro m() %}{{ caller() }}${b}{% endmacro %}{% call m() %}{{ caller }}{% endcall %}`),
    fc.tuple(expr, tie('s')).map(([e, b]) => `{% for i in ${e} recursive %}${b}{{ loop(i) }}{% endfor %}`),
  ),
})).s;

describe('renderer properties on generated templates', () => {
  it('token soup: only TemplateError, bounded output, bounded time', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(' ')), check), { numRuns: 1500, seed: 4242 });
  });

  it('grammar-generated templates with dangerous attribute names', () => {
    fc.assert(fc.property(fc.array(stmt, { minLength: 1, maxLength: 4 }).map((s) => s.join('')), check), { numRuns: 1500, seed: 4243 });
  });

  it('dangerous names are never readable as attributes or subscripts', () => {
    fc.assert(
      fc.property(fc.constantFrom('constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupSetter__'), fc.constantFrom('x', "''", '[]', 'range', 'namespace()', 'cycler(1)', 'joiner()', "'a'.upper", 'loop'), fc.boolean(), (n, obj, subscript) => {
        const source = subscript ? `{% for i in [1] %}{{ ${obj}['${n}'] }}{% endfor %}` : `{% for i in [1] %}{{ ${obj}.${n} }}{% endfor %}`;
        let thrown: unknown;
        try {
          renderTemplate(source, VARS);
        } catch (error) {
          thrown = error;
        }
        expect(isTemplateError(thrown), source).toBe(true);
      }),
      { numRuns: 200, seed: 4244 },
    );
  });
});
