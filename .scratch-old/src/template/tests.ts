import { hasCase } from './runtime/str-methods.js';
import { pyStr } from './runtime/print.js';
import { Markup, PY_NONE, PyFloat, TemplateObject, isCallable, type Kwargs, type TestFunction } from './runtime/types.js';
import { bindArgs, REQUIRED } from './runtime/args.js';
import { compare, contains, eq, binary } from './runtime/ops.js';
import { isDict, isNumeric, toNum } from './runtime/values.js';
import { FILTERS } from './filters/index.js';

function arg(name: string, args: unknown[], kwargs: Kwargs, param = 'other'): unknown {
  return bindArgs(name, [param], [REQUIRED], args, kwargs)[0];
}

function none(name: string, args: unknown[], kwargs: Kwargs): void {
  bindArgs(name, [], [], args, kwargs);
}

function isInteger(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}

/** `value % n == want`, with Python's % (so a string operand is a formatting TypeError). */
function modEquals(v: unknown, n: unknown, want: number): boolean {
  return eq(binary('%', v, n), want);
}

const tests: Record<string, TestFunction> = {
  defined: (v, a, k) => (none('defined', a, k), v !== undefined),
  undefined: (v, a, k) => (none('undefined', a, k), v === undefined),
  none: (v, a, k) => (none('none', a, k), v === null || v === PY_NONE),
  boolean: (v, a, k) => (none('boolean', a, k), typeof v === 'boolean'),
  false: (v, a, k) => (none('false', a, k), v === false),
  true: (v, a, k) => (none('true', a, k), v === true),
  integer: (v, a, k) => (none('integer', a, k), isInteger(v)),
  float: (v, a, k) => (none('float', a, k), v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))),
  number: (v, a, k) => (none('number', a, k), isNumeric(v)),
  string: (v, a, k) => (none('string', a, k), typeof v === 'string' || v instanceof Markup),
  mapping: (v, a, k) => (none('mapping', a, k), isDict(v)),
  // Jinja2's Undefined (and the oracle's null) define __iter__ and __len__.
  sequence: (v, a, k) => (none('sequence', a, k), typeof v === 'string' || v instanceof Markup || Array.isArray(v) || isDict(v) || v === undefined || v === null),
  iterable: (v, a, k) => (none('iterable', a, k), typeof v === 'string' || v instanceof Markup || Array.isArray(v) || isDict(v) || v === undefined || v === null || (v instanceof TemplateObject && typeof (v as { iterate?: unknown }).iterate === 'function')),
  callable: (v, a, k) => (none('callable', a, k), isCallable(v) || v === undefined || v === null),
  lower: (v, a, k) => (none('lower', a, k), hasCase(pyStr(v), false)),
  upper: (v, a, k) => (none('upper', a, k), hasCase(pyStr(v), true)),
  // Jinja2's ChainableUndefined (and so the oracle's null) has __html__.
  escaped: (v, a, k) => (none('escaped', a, k), v instanceof Markup || v === undefined || v === null),
  odd: (v, a, k) => (none('odd', a, k), modEquals(v, 2, 1)),
  even: (v, a, k) => (none('even', a, k), modEquals(v, 2, 0)),
  divisibleby: (v, a, k) => {
    return modEquals(v, arg('divisibleby', a, k, 'num'), 0);
  },
  sameas: (v, a, k) => {
    const other = arg('sameas', a, k);
    // JSON null is the oracle's Null object: identical to nothing a template can write.
    if (v === null || other === null) return false;
    if (isNumeric(v) && isNumeric(other)) return typeof v === typeof other && toNum(v) === toNum(other);
    return v === other;
  },
  eq: (v, a, k) => eq(v, arg('eq', a, k)),
  ne: (v, a, k) => !eq(v, arg('ne', a, k)),
  lt: (v, a, k) => compare('<', v, arg('lt', a, k)),
  le: (v, a, k) => compare('<=', v, arg('le', a, k)),
  gt: (v, a, k) => compare('>', v, arg('gt', a, k)),
  ge: (v, a, k) => compare('>=', v, arg('ge', a, k)),
  in: (v, a, k) => contains(arg('in', a, k, 'seq'), v),
  filter: (v, a, k) => (none('filter', a, k), typeof v === 'string' && Object.hasOwn(FILTERS, v)),
  test: (v, a, k) => (none('test', a, k), typeof v === 'string' && Object.hasOwn(TESTS, v)),
};
tests['=='] = tests.eq;
tests.equalto = tests.eq;
tests['!='] = tests.ne;
tests['<'] = tests.lt;
tests.lessthan = tests.lt;
tests['<='] = tests.le;
tests['>'] = tests.gt;
tests.greaterthan = tests.gt;
tests['>='] = tests.ge;

/** Every Jinja2 3.1 built-in test, by name (null prototype: no inherited names). */
export const TESTS: Readonly<Record<string, TestFunction>> = Object.freeze(Object.assign(Object.create(null), tests));
