import { currentBudget, walkTicks } from '../limits.js';
import { Markup, PyFloat, TemplateObject, isTuple, iteratorType, makeFloat, makeTuple } from './types.js';
import { isDict, isFloat, isNumeric, toNum, typeName, typeError } from './values.js';
import { pyStr } from './print.js';
import { percentFormat } from './percent-format.js';
import { pyPow } from './pow.js';
import { TemplateError } from '../../errors.js';
import { markupAdd, markupPercent } from './markup.js';

/** Python truthiness; undefined and None are false, nan is true. */
export function truthy(v: unknown): boolean {
  switch (typeof v) {
    case 'boolean': return v;
    case 'string': return v.length > 0;
    case 'number': return v !== 0;
    case 'undefined': return false;
    case 'function': return true;
  }
  if (v === null) return false;
  // A Python iterator (map/select output) is truthy even when empty.
  if (Array.isArray(v)) return v.length > 0 || iteratorType(v) !== undefined;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof Markup) return v.text.length > 0;
  if (v instanceof TemplateObject) return true;
  for (const _ in v as object) return true;
  return false;
}

/**
 * Python ==, deep for lists, tuples and dicts; 1 == 1.0 == True. Each item compared costs
 * a tick: two equal structures that share themselves ((x, x) nested 40 deep) are walked
 * node by node, and the budget stops the walk, not the end of it.
 */
export function eq(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  // JSON null equals None (the oracle's Null == None); undefined equals only undefined.
  if (a === null) return b === null;
  if (b === null || a === undefined || b === undefined) return false;
  const ta = typeof a;
  // Markup is a str subclass: equal to a str or Markup of the same text.
  if (ta === 'string' || typeof b === 'string') return b instanceof Markup ? a === b.text : a instanceof Markup && a.text === b;
  if (a instanceof Markup) return b instanceof Markup && a.text === b.text;
  if (isNumeric(a)) return isNumeric(b) && toNum(a) === toNum(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || isTuple(a) !== isTuple(b)) return false;
    if (iteratorType(a) !== undefined || iteratorType(b) !== undefined) return false;
    if (depth > 500) throw new TemplateError('maximum recursion depth exceeded in comparison');
    const budget = currentBudget();
    for (let i = 0; i < a.length; i++) {
      budget.charge(1);
      if (!eq(a[i], b[i], depth + 1)) return false;
    }
    return true;
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    const budget = currentBudget();
    // Listing both dicts' keys is work too, whether or not the first values differ.
    budget.charge(2 * ka.length);
    if (ka.length !== Object.keys(b).length) return false;
    if (depth > 500) throw new TemplateError('maximum recursion depth exceeded in comparison');
    for (const k of ka) {
      budget.charge(1);
      if (!Object.hasOwn(b, k) || !eq(a[k], b[k], depth + 1)) return false;
    }
    return true;
  }
  return false;
}

type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

function unsupported(op: string, a: unknown, b: unknown): TemplateError {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function zeroDivision(op: string, floatResult: boolean): TemplateError {
  if (op === '/') return new TemplateError('division by zero');
  if (op === '%') return new TemplateError(floatResult ? 'float modulo' : 'integer modulo by zero');
  return new TemplateError(floatResult ? 'float floor division by zero' : 'integer division or modulo by zero');
}

/** A numeric result: float (boxed when integral) if either operand was a float. */
function num(n: number, asFloat: boolean): number | PyFloat {
  // An int result is never -0 (0 * -1 is 0 in Python).
  return asFloat ? makeFloat(n) : n === 0 ? 0 : n;
}

/** Python's % on numbers: the result has the sign of the divisor. */
export function pyMod(x: number, y: number): number {
  const r = x % y;
  // A zero remainder takes the divisor's sign, as CPython's float_rem does (0 % -2.5 is -0.0).
  if (r === 0) return y < 0 ? -0 : 0;
  return (r < 0) !== (y < 0) ? r + y : r;
}

/** Python's // on numbers. */
export function pyFloorDiv(x: number, y: number): number {
  return Math.floor(x / y);
}

/**
 * `seq * times`. The result's real size is checked before building and charged by the
 * items it holds: `[] * 2**53` is empty at once, not 2^53 empty pushes.
 */
function repeat(seq: string | readonly unknown[], times: unknown, op: string, other: unknown): unknown {
  if (typeof times === 'boolean') times = times ? 1 : 0;
  if (typeof times !== 'number' || !Number.isInteger(times)) {
    throw typeError(`can't multiply sequence by non-int of type '${typeName(other)}'`);
  }
  void op;
  const n = seq.length === 0 ? 0 : Math.max(0, times);
  const budget = currentBudget();
  budget.checkLength(seq.length * n);
  if (typeof seq === 'string') {
    const out = seq.repeat(n);
    budget.charge(walkTicks(out));
    return out;
  }
  budget.charge(seq.length * n);
  const out = new Array<unknown>(seq.length * n);
  for (let i = 0, k = 0; i < n; i++) for (let j = 0; j < seq.length; j++) out[k++] = seq[j];
  return isTuple(seq) ? makeTuple(out) : out;
}

/** A binary arithmetic operator, lenient: an undefined or None operand gives undefined. */
export function binary(op: BinaryOp, a: unknown, b: unknown): unknown {
  if (op === '%' && typeof a === 'string') return percentFormat(a, b);
  // Markup on the left answers + and % first (markupsafe's __add__ takes Undefined too).
  if (a instanceof Markup) {
    if (op === '+') return markupAdd(a, b);
    if (op === '%') return markupPercent(a, b);
    if (op === '*') return keepMarkupRepeat(a, b, b);
  }
  if (a === undefined || a === null || b === undefined || b === null) return undefined;
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    const asFloat = isFloat(a) || isFloat(b);
    switch (op) {
      case '+': return num(x + y, asFloat);
      case '-': return num(x - y, asFloat);
      case '*': return num(x * y, asFloat);
      case '/':
        if (y === 0) throw zeroDivision(op, asFloat);
        return makeFloat(x / y);
      case '//':
        if (y === 0) throw zeroDivision(op, asFloat);
        return num(pyFloorDiv(x, y), asFloat);
      case '%':
        if (y === 0) throw zeroDivision(op, asFloat);
        return num(pyMod(x, y), asFloat);
      case '**':
        if (x === 0 && y < 0) throw new TemplateError('0.0 cannot be raised to a negative power');
        // int ** int stays exact in JS below 2^53; pyPow rounds float results like C's pow().
        return num(asFloat || y < 0 ? pyPow(x, y) : x ** y, asFloat || y < 0);
    }
  }
  if (op === '+') {
    if (b instanceof Markup && typeof a === 'string') return markupAdd(a, b);
    if (typeof a === 'string' && typeof b === 'string') {
      currentBudget().checkLength(a.length + b.length);
      return a + b;
    }
    if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && iteratorType(a) === undefined && iteratorType(b) === undefined) {
      // Checked before building: sum(lists, start=[]) would otherwise copy its way past any bound.
      const budget = currentBudget();
      budget.checkLength(a.length + b.length);
      budget.charge(a.length + b.length);
      const out = [...a, ...b];
      return isTuple(a) ? makeTuple(out) : out;
    }
  }
  if (op === '*' && b instanceof Markup) return keepMarkupRepeat(b, a, a);
  if (op === '*' && iteratorType(a) === undefined && iteratorType(b) === undefined) {
    if (typeof a === 'string' || Array.isArray(a)) return repeat(a as string, b, op, b);
    if (typeof b === 'string' || Array.isArray(b)) return repeat(b as string, a, op, a);
  }
  throw unsupported(op === '**' ? '** or pow()' : op, a, b);
}

function keepMarkupRepeat(m: Markup, times: unknown, other: unknown): unknown {
  if (times === undefined || times === null) return undefined;
  return new Markup(repeat(m.text, times, '*', other) as string);
}

/** `a ~ b`: both as text, None and undefined as ''. */
export function concat(a: unknown, b: unknown): string {
  const x = typeof a === 'string' ? a : pyStr(a);
  const y = typeof b === 'string' ? b : pyStr(b);
  if (x.length + y.length > 65536) currentBudget().checkLength(x.length + y.length);
  return x + y;
}

/** Python's code point order; JS's < orders UTF-16 units, which puts astral chars below U+E000. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  let x = a.charCodeAt(i);
  let y = b.charCodeAt(i);
  if (x >= 0xd800 && y >= 0xd800) {
    x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
  }
  return x - y;
}

/** Python ordering of two defined values: negative, zero or positive; TypeError when unorderable. */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : compareStrings(a, b);
  if ((a instanceof Markup || typeof a === 'string') && (b instanceof Markup || typeof b === 'string')) {
    return compareStrings(String(a), String(b));
  }
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const n = Math.min(a.length, b.length);
    const budget = currentBudget();
    for (let i = 0; i < n; i++) {
      budget.charge(1);
      if (!eq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** An ordering comparison, lenient: an undefined or None operand makes it false. */
export function compare(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
    }
  }
  const c = pyCompare(a, b, op);
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** Python `item in container`; false when either side is undefined or null (lenient). */
export function contains(container: unknown, item: unknown): boolean {
  if (container === undefined || container === null || item === undefined || item === null) return absentContains(container, item);
  if (container instanceof Markup) container = container.text;
  if (item instanceof Markup) item = item.text;
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    currentBudget().charge(walkTicks(container));
    return container.includes(item);
  }
  if (Array.isArray(container)) {
    const budget = currentBudget();
    for (const x of container) {
      budget.charge(1);
      if (eq(x, item)) return true;
    }
    return false;
  }
  if (isDict(container)) return typeof item === 'string' && Object.hasOwn(container, item);
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** `in` with an absent side: false, except null found in a list or tuple (`none in [none]`). */
function absentContains(container: unknown, item: unknown): boolean {
  if (item === null && Array.isArray(container)) return container.some((x) => x === null);
  return false;
}

/** Unary minus and plus, lenient on undefined and None. */
export function unary(op: '-' | '+', a: unknown): unknown {
  if (a === undefined || a === null) return undefined;
  if (!isNumeric(a)) throw typeError(`bad operand type for unary ${op}: '${typeName(a)}'`);
  if (op === '+') return typeof a === 'boolean' ? (a ? 1 : 0) : a;
  const n = -toNum(a);
  return isFloat(a) ? makeFloat(n) : n === 0 ? 0 : n;
}
