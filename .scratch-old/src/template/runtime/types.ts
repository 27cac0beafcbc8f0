/**
 * How Python values are represented at template run time. Shared by the compiler
 * (which emits calls into the runtime) and the runtime (values, operations,
 * filters, tests, globals).
 *
 * - None is `null`; a missing value (Jinja's Undefined, lenient) is `undefined`.
 * - int is an integral JS number; float is a non-integral JS number, or a `PyFloat`
 *   box when the float's value is integral (`4 / 2` is `2.0`, not `2`).
 * - str is a JS string (length and indexing by code point, as Python); markupsafe's
 *   Markup (a str subclass) is a `Markup` box around its text.
 * - list is a JS array; a tuple is a frozen array marked with `TUPLE`.
 * - dict is a plain object (prototype `Object.prototype` or `null`): own keys only.
 * - Objects the library creates (loop, namespace, cycler, joiner, macros' caller…)
 *   extend `TemplateObject`, and expose attributes only through `getAttribute`.
 * - Callables are JS functions marked with `CALLABLE`; nothing else can be called.
 */

/** Keyword arguments of a call, filter or test: a null-prototype object, or undefined when none. */
export type Kwargs = Record<string, unknown> | undefined;

/** A value a template may call: `fn(args, kwargs)`. */
export type PyCallable = ((args: unknown[], kwargs: Kwargs) => unknown) & { readonly [CALLABLE]: string };

/** A filter: `value | name(args…, key=value…)`. */
export type FilterFunction = (value: unknown, args: unknown[], kwargs: Kwargs) => unknown;

/** A test: `value is name(args…)`. */
export type TestFunction = (value: unknown, args: unknown[], kwargs: Kwargs) => boolean;

/** Brand of a callable; the value is the name shown in messages. */
export const CALLABLE: unique symbol = Symbol('dynamic-context.callable');

/** Brand of a tuple (a frozen array). */
export const TUPLE: unique symbol = Symbol('dynamic-context.tuple');

/** A float whose value is integral (`2.0`). Other floats are plain JS numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * markupsafe's Markup: text already safe for HTML (`| e`, `| safe`, `| tojson`…).
 * Only Markup is boxed; plain str stays a JS string so the common path is a typeof check.
 */
export class Markup {
  constructor(readonly text: string) {}
  /** Any stray String(v) still sees the text. */
  toString(): string {
    return this.text;
  }
}

/** Base of every object the library hands to templates, other than data. */
export abstract class TemplateObject {
  /** `obj.name` / `obj['name']`; undefined when there is no such attribute. */
  abstract getAttribute(name: string): unknown;
  /** What `{{ obj }}` prints (Python's str()). */
  abstract toPyString(): string;
}

/** Mark `fn` as callable by templates under `name`. */
export function markCallable(name: string, fn: (args: unknown[], kwargs: Kwargs) => unknown): PyCallable {
  Object.defineProperty(fn, CALLABLE, { value: name });
  return fn as PyCallable;
}

export function isCallable(value: unknown): value is PyCallable {
  return typeof value === 'function' && (value as Partial<PyCallable>)[CALLABLE] !== undefined;
}

/** A float from a JS number: boxed when integral, so it prints as `2.0`. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** A Python tuple. */
export function makeTuple(items: unknown[]): readonly unknown[] {
  Object.defineProperty(items, TUPLE, { value: true });
  return Object.freeze(items);
}

export function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/** Brand of a dict view (`d.keys()`, `d.values()`, `d.items()`): a list that prints as `dict_items([...])`. */
export const DICT_VIEW: unique symbol = Symbol('dynamic-context.dictView');

/** Brand of groupby's (grouper, list) tuples, which also answer `.grouper` and `.list`. */
export const GROUP_TUPLE: unique symbol = Symbol('dynamic-context.groupTuple');

/**
 * Python's None as a template makes it (the `none` literal, `d.get('x')`, a method's
 * return value). JSON null in the variables stays `null`, which the lenient dialect
 * treats like a missing value; PY_NONE is strict, as in Jinja2: `"x" ~ none` is
 * "xNone", `none + 1` is a TypeError. Both print as '' at top level and test `is none`.
 */
export class PyNone {
  private constructor() {}
  static readonly instance = Object.freeze(new PyNone());
}

/** The Python None singleton (see PyNone). */
export const PY_NONE: PyNone = PyNone.instance;

/**
 * Optional extras on a PyCallable: PY_ATTRS holds attributes templates may read
 * (a macro's `name`, `arguments`…), PY_REPR what printing it shows ("<Macro 'm'>").
 */
export const PY_ATTRS: unique symbol = Symbol('dynamic-context.pyAttrs');
export const PY_REPR: unique symbol = Symbol('dynamic-context.pyRepr');

/** Attach readable attributes and a printed form to a callable (non-enumerable, read-only). */
export function describeCallable(fn: PyCallable, attrs: Record<string, unknown>, repr?: string): PyCallable {
  Object.defineProperty(fn, PY_ATTRS, { value: Object.freeze(Object.assign(Object.create(null), attrs)) });
  if (repr !== undefined) Object.defineProperty(fn, PY_REPR, { value: repr });
  return fn;
}

/**
 * Brand of a list that stands for a Python iterator (what map/select/unique/batch/
 * slice/items/reverse return in Jinja2): always truthy, no len(), no indexing.
 * The value is the Python type name ("generator", "list_reverseiterator").
 */
export const ITERATOR: unique symbol = Symbol('dynamic-context.iterator');

/** Mark `items` as a Python iterator of the given type name. */
export function makeIterator(items: unknown[], typeName = 'generator'): unknown[] {
  Object.defineProperty(items, ITERATOR, { value: typeName });
  return items;
}

/** The iterator type name of a marked list, else undefined. */
export function iteratorType(v: unknown): string | undefined {
  return Array.isArray(v) ? (v as unknown as Record<symbol, string | undefined>)[ITERATOR] : undefined;
}
