import { TemplateError } from '../../errors.js';
import { currentBudget, walkTicks } from '../limits.js';
import { Markup, GROUP_TUPLE, PY_ATTRS, iteratorType, PyFloat, TemplateObject, isCallable, isTuple, makeTuple, markCallable, type Kwargs } from './types.js';
import { checkName, isBlockedName } from './sandbox.js';
import { STR_METHODS } from './str-methods.js';
import { MARKUP_METHODS } from './markup.js';
import { DICT_METHODS, LIST_METHODS, TUPLE_METHODS } from './collection-methods.js';
import { numberAttribute } from './number-methods.js';
import { codePoints, hasSurrogates, isDict, typeName } from './values.js';

type AnyMethod = (self: never, args: unknown[], kwargs: Kwargs) => unknown;

function bind(self: unknown, name: string, method: AnyMethod | undefined): unknown {
  if (method === undefined) return undefined;
  return markCallable(name, (args, kwargs) => (method as (s: unknown, a: unknown[], k: Kwargs) => unknown)(self, args, kwargs));
}

/**
 * `obj.name`. A dict's own key wins over its methods (as the lenient dialect has it:
 * `order.items` is the data when the JSON has an `items` key). Only own data
 * properties and the runtime's own Python methods are reachable; blocked names throw.
 */
export function getAttr(obj: unknown, name: string): unknown {
  if (isBlockedName(name)) checkName(name);
  // Data first (a JSON object from the variables), the most common receiver: its own key, or
  // undefined (below, the same answer comes after six type checks; the profile showed them).
  if (typeof obj === 'object' && obj !== null && Object.getPrototypeOf(obj) === Object.prototype) {
    return Object.hasOwn(obj, name) ? (obj as Record<string, unknown>)[name] : undefined;
  }
  if (typeof obj === 'string') return bind(obj, name, STR_METHODS[name]);
  if (typeof obj === 'function') {
    const attrs = (obj as unknown as Record<symbol, Record<string, unknown> | undefined>)[PY_ATTRS];
    return attrs !== undefined && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
  }
  if (typeof obj === 'number' || typeof obj === 'boolean') return numberAttribute(obj, name);
  if (typeof obj !== 'object' || obj === null) return undefined;
  if (Array.isArray(obj)) {
    if ((obj as unknown as Record<symbol, unknown>)[GROUP_TUPLE] === true && (name === 'grouper' || name === 'list')) {
      return obj[name === 'grouper' ? 0 : 1];
    }
    if (iteratorType(obj) !== undefined) return undefined;
    return bind(obj, name, isTuple(obj) ? TUPLE_METHODS[name] : LIST_METHODS[name]);
  }
  if (obj instanceof TemplateObject) return obj.getAttribute(name);
  if (obj instanceof Markup) return bind(obj, name, MARKUP_METHODS[name]);
  if (obj instanceof PyFloat) return numberAttribute(obj, name);
  if (Object.hasOwn(obj, name)) return (obj as Record<string, unknown>)[name];
  // Data (a JSON object from the variables: prototype Object.prototype, where a template's
  // own dicts have none): `order.items` not called reads the key, undefined when absent.
  // Called, it is the method (callMethod).
  if (Object.getPrototypeOf(obj) === Object.prototype) return undefined;
  return bind(obj, name, DICT_METHODS[name]);
}

/** An index into a sequence of `len` items, Python style; undefined when out of range. */
function seqIndex(key: unknown, len: number): number | undefined {
  let i: number;
  if (typeof key === 'number' && Number.isInteger(key)) i = key;
  else if (typeof key === 'boolean') i = key ? 1 : 0;
  else return undefined;
  if (i < 0) i += len;
  return i >= 0 && i < len ? i : undefined;
}

/** `obj[key]`: dict key, sequence index (negative from the end), string code point; then attribute, as Jinja2. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (typeof key === 'string' && isBlockedName(key)) checkName(key);
  if (obj === undefined || obj === null) return undefined;
  // A Markup key is its text; Markup[i] is Markup again (markupsafe's __getitem__).
  if (key instanceof Markup) key = key.text;
  if (obj instanceof Markup) {
    if (typeof key === 'string') return getAttr(obj, key);
    const ch = getItem(obj.text, key);
    return ch === undefined ? ch : new Markup(ch as string);
  }
  if (Array.isArray(obj)) {
    const i = iteratorType(obj) === undefined ? seqIndex(key, obj.length) : undefined;
    if (i !== undefined) return obj[i];
  } else if (typeof obj === 'string') {
    if (!hasSurrogates(obj)) {
      const i = seqIndex(key, obj.length);
      if (i !== undefined) return obj[i];
    } else {
      // Python indexes by code point: astral text is split whole, and that walk is charged.
      currentBudget().charge(walkTicks(obj));
      const cps = codePoints(obj);
      const i = seqIndex(key, cps.length);
      if (i !== undefined) return cps[i];
    }
  } else if (isDict(obj)) {
    if (typeof key === 'string') {
      if (Object.hasOwn(obj, key)) return obj[key];
    } else {
      // Dict literals store int keys as text ({1: 'a'}); 1 and 1.0 find them, as in Python.
      const n = typeof key === 'number' ? key : key instanceof PyFloat ? key.value : NaN;
      if (Number.isInteger(n)) {
        const k = String(n);
        return Object.hasOwn(obj, k) ? obj[k] : undefined;
      }
    }
  }
  return typeof key === 'string' ? getAttr(obj, key) : undefined;
}

function sliceIndex(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new TemplateError(`slice indices must be integers or None or have an __index__ method`);
  void name;
}

/** The indexes a Python slice selects from a sequence of `len` items. */
export function sliceIndexes(len: number, start: unknown, stop: unknown, step: unknown): number[] {
  const st = sliceIndex(step, 'step') ?? 1;
  if (st === 0) throw new TemplateError('slice step cannot be zero');
  const norm = (v: number | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === undefined) return dflt;
    if (v < 0) v += len;
    return v < lo ? lo : v > hi ? hi : v;
  };
  const out: number[] = [];
  if (st > 0) {
    const a = norm(sliceIndex(start, 'start'), 0, 0, len);
    const b = norm(sliceIndex(stop, 'stop'), len, 0, len);
    for (let i = a; i < b; i += st) out.push(i);
  } else {
    const a = norm(sliceIndex(start, 'start'), len - 1, -1, len - 1);
    const b = norm(sliceIndex(stop, 'stop'), -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(i);
  }
  return out;
}

/** `obj[start:stop:step]` on a string (by code point), list or tuple; undefined/None give undefined. */
export function sliceValue(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (obj instanceof Markup) return new Markup(sliceValue(obj.text, start, stop, step) as string);
  if (typeof obj === 'string') {
    const simple = (step === undefined || step === null || step === 1) && !hasSurrogates(obj);
    if (simple) {
      const len = obj.length;
      const a = sliceBound(start, len, 0);
      const b = sliceBound(stop, len, len);
      return a < b ? obj.slice(a, b) : '';
    }
    currentBudget().charge(walkTicks(obj));
    const cps = codePoints(obj);
    return sliceIndexes(cps.length, start, stop, step).map((i) => cps[i]).join('');
  }
  if (Array.isArray(obj) && iteratorType(obj) === undefined) {
    const indexes = sliceIndexes(obj.length, start, stop, step);
    currentBudget().charge(indexes.length);
    const out = indexes.map((i) => obj[i]);
    return isTuple(obj) ? makeTuple(out) : out;
  }
  throw new TemplateError(`'${typeName(obj)}' object is not subscriptable`);
}

function sliceBound(v: unknown, len: number, dflt: number): number {
  const n = sliceIndex(v, '');
  if (n === undefined) return dflt;
  const m = n < 0 ? n + len : n;
  return m < 0 ? 0 : m > len ? len : m;
}

/** `{% set obj.name = value %}`: only namespace objects accept it. */
export function setAttr(obj: unknown, name: string, value: unknown): void {
  checkName(name);
  const target = obj as { setAttribute?: (n: string, v: unknown) => void } | null;
  if (obj instanceof TemplateObject && typeof target?.setAttribute === 'function') {
    target.setAttribute(name, value);
    return;
  }
  throw new TemplateError('Cannot assign attribute on non-namespace object');
}

/** Call a template value. Undefined and None give undefined (lenient); other non-callables throw. */
export function callValue(fn: unknown, args: unknown[], kwargs: Kwargs): unknown {
  if (isCallable(fn)) return fn(args, kwargs);
  if (fn === undefined || fn === null) return undefined;
  throw new TemplateError(`'${typeName(fn)}' object is not callable`);
}

/** The items a `for` loop (or a filter) walks: list/tuple items, dict keys, string code points. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return codePoints(v);
  if (v === undefined || v === null) return [];
  if (isDict(v)) return Object.keys(v);
  // Iterating a Markup yields plain str characters, as str.__iter__ does.
  if (v instanceof Markup) return codePoints(v.text);
  if (v instanceof TemplateObject) {
    const it = (v as { iterate?: () => unknown[] }).iterate;
    if (typeof it === 'function') return it.call(v);
  }
  throw new TemplateError(`'${typeName(v)}' object is not iterable`);
}
