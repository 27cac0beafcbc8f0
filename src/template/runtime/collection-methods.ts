import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { REQUIRED, bindArgs, positional } from './args.js';
import { DICT_VIEW, makeTuple, type Kwargs } from './types.js';
import { eq, truthy } from './ops.js';
import { pySorted } from './sort.js';
import { pyRepr } from './print.js';
import { isDict, isInt, typeName } from './values.js';
import { iterate, callValue } from './access.js';

type Method<T> = (self: T, args: unknown[], kwargs: Kwargs) => unknown;

function view(kind: string, items: unknown[]): unknown[] {
  Object.defineProperty(items, DICT_VIEW, { value: kind });
  return items;
}

function indexOf(list: readonly unknown[], args: unknown[], kwargs: Kwargs): number {
  positional('index', args, kwargs, 1, 3);
  const start = args.length > 1 ? normIndex(args[1], list.length) : 0;
  const stop = args.length > 2 ? normIndex(args[2], list.length) : list.length;
  for (let i = start; i < stop; i++) if (eq(list[i], args[0])) return i;
  throw new TemplateError(`${pyRepr(args[0])} is not in list`);
}

function normIndex(v: unknown, len: number): number {
  if (!isInt(v)) throw new TemplateError(`slice indices must be integers or have an __index__ method`);
  return v < 0 ? Math.max(0, v + len) : Math.min(v, len);
}

/** Methods of tuples (read-only). */
export const TUPLE_METHODS: Readonly<Record<string, Method<readonly unknown[]>>> = Object.assign(Object.create(null), {
  index: indexOf,
  count: (l: readonly unknown[], a: unknown[], k: Kwargs) => (positional('count', a, k, 1, 1), l.filter((x) => eq(x, a[0])).length),
});

/** Methods of lists. Mutating ones mutate, as unsandboxed Jinja2 does. */
export const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = Object.assign(Object.create(null), {
  ...TUPLE_METHODS,
  copy: (l: unknown[], a: unknown[], k: Kwargs) => (positional('copy', a, k, 0, 0), currentBudget().charge(l.length), l.slice()),
  append: (l: unknown[], a: unknown[], k: Kwargs) => {
    positional('append', a, k, 1, 1);
    currentBudget().chargeIterations(1);
    l.push(a[0]);
    return null;
  },
  extend: (l: unknown[], a: unknown[], k: Kwargs) => {
    positional('extend', a, k, 1, 1);
    const items = iterate(a[0]);
    currentBudget().checkLength(l.length + items.length);
    currentBudget().chargeIterations(items.length);
    // One push per item: push(...items) passes every item as an argument and overflows the stack.
    for (const item of items) l.push(item);
    return null;
  },
  insert: (l: unknown[], a: unknown[], k: Kwargs) => {
    positional('insert', a, k, 2, 2);
    currentBudget().chargeIterations(1);
    l.splice(normIndex(a[0], l.length), 0, a[1]);
    return null;
  },
  pop: (l: unknown[], a: unknown[], k: Kwargs) => {
    positional('pop', a, k, 0, 1);
    if (l.length === 0) throw new TemplateError('pop from empty list');
    let i = a.length ? a[0] : -1;
    if (!isInt(i)) throw new TemplateError(`'${typeName(i)}' object cannot be interpreted as an integer`);
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new TemplateError('pop index out of range');
    return l.splice(i as number, 1)[0];
  },
  remove: (l: unknown[], a: unknown[], k: Kwargs) => {
    positional('remove', a, k, 1, 1);
    const i = l.findIndex((x) => eq(x, a[0]));
    if (i < 0) throw new TemplateError('list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  clear: (l: unknown[], a: unknown[], k: Kwargs) => (positional('clear', a, k, 0, 0), (l.length = 0), null),
  reverse: (l: unknown[], a: unknown[], k: Kwargs) => (positional('reverse', a, k, 0, 0), l.reverse(), null),
  sort: (l: unknown[], a: unknown[], k: Kwargs) => {
    if (a.length) throw new TemplateError('sort() takes no positional arguments');
    const [key, reverse] = bindArgs('sort', ['key', 'reverse'], [null, false], [], k);
    const sorted = pySorted(l, key === null ? (v) => v : (v) => callValue(key, [v], undefined), truthy(reverse));
    for (let i = 0; i < sorted.length; i++) l[i] = sorted[i];
    return null;
  },
});

type Dict = Record<string, unknown>;

/** Methods of dicts. */
export const DICT_METHODS: Readonly<Record<string, Method<Dict>>> = Object.assign(Object.create(null), {
  get: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('get', a, k, 1, 2);
    return typeof a[0] === 'string' && Object.hasOwn(d, a[0]) ? d[a[0]] : a.length > 1 ? a[1] : null;
  },
  keys: (d: Dict, a: unknown[], k: Kwargs) => (positional('keys', a, k, 0, 0), view('dict_keys', keysOf(d))),
  values: (d: Dict, a: unknown[], k: Kwargs) => (positional('values', a, k, 0, 0), view('dict_values', keysOf(d).map((key) => d[key]))),
  items: (d: Dict, a: unknown[], k: Kwargs) => (positional('items', a, k, 0, 0), view('dict_items', keysOf(d).map((key) => makeTuple([key, d[key]])))),
  // Into a null-prototype object, as dict literals are: assigning a `__proto__` key to `{}`
  // would set the copy's prototype (issue 8: `{'__proto__': ns}.copy()`).
  copy: (d: Dict, a: unknown[], k: Kwargs) => (positional('copy', a, k, 0, 0), keysOf(d), Object.assign(Object.create(null) as Dict, d)),
  pop: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('pop', a, k, 1, 2);
    const key = a[0];
    if (typeof key === 'string' && Object.hasOwn(d, key)) {
      const v = d[key];
      delete d[key];
      return v;
    }
    if (a.length > 1) return a[1];
    throw new TemplateError(`KeyError: ${pyRepr(key)}`);
  },
  setdefault: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('setdefault', a, k, 1, 2);
    const key = dictKey(a[0]);
    if (!Object.hasOwn(d, key)) defineKey(d, key, a.length > 1 ? a[1] : null);
    return d[key];
  },
  update: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('update', a, undefined, 0, 1);
    updateDict(d, a.length ? a[0] : undefined, k, dictKey);
    return null;
  },
  popitem: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('popitem', a, k, 0, 0);
    const keys = keysOf(d);
    if (keys.length === 0) throw new TemplateError("KeyError: 'popitem(): dictionary is empty'");
    const key = keys[keys.length - 1];
    const v = d[key];
    delete d[key];
    return makeTuple([key, v]);
  },
  fromkeys: (_d: Dict, a: unknown[], k: Kwargs) => {
    positional('fromkeys', a, k, 1, 2);
    const out: Dict = Object.create(null);
    const keys = iterate(a[0]);
    currentBudget().chargeIterations(keys.length);
    // Int keys are stored as their text, as dict literals store them.
    for (const key of keys) defineKey(out, isInt(key) ? String(key) : dictKey(key), a.length > 1 ? a[1] : null);
    return out;
  },
  clear: (d: Dict, a: unknown[], k: Kwargs) => {
    positional('clear', a, k, 0, 0);
    for (const key of keysOf(d)) delete d[key];
    return null;
  },
});

/**
 * Python's `d.update(src, **kwargs)`, which `dict(src, **kwargs)` also is: `src` a mapping or
 * an iterable of key/value pairs, absent or null adding nothing (lenient). `toKey` makes each
 * key (dict methods refuse non-strings; `dict()` prints them).
 */
export function updateDict(d: Dict, src: unknown, kwargs: Kwargs, toKey: (key: unknown) => string): void {
  if (isDict(src)) {
    for (const key of keysOf(src)) defineKey(d, toKey(key), src[key]);
  } else if (src !== undefined && src !== null) {
    const budget = currentBudget();
    for (const pair of iterate(src)) {
      budget.charge(1);
      const kv = iterate(pair);
      if (kv.length !== 2) throw new TemplateError(`dictionary update sequence element has length ${kv.length}; 2 is required`);
      defineKey(d, toKey(kv[0]), kv[1]);
    }
  }
  if (kwargs) for (const key of keysOf(kwargs)) defineKey(d, toKey(key), kwargs[key]);
}

/** A dict's keys, a tick each: listing them walks the whole dict. */
function keysOf(d: Dict): string[] {
  const keys = Object.keys(d);
  currentBudget().charge(keys.length);
  return keys;
}

/** A dict key from a template value: our dicts are string-keyed; sandbox names refused. */
function dictKey(v: unknown): string {
  if (typeof v !== 'string') throw new TemplateError(`dict keys must be strings here, not ${typeName(v)}`);
  if (v === '__proto__') throw new TemplateError(`access to attribute '__proto__' is not allowed`);
  return v;
}

/** Set an own data property even for keys like "__proto__" (never the prototype). */
export function defineKey(d: Dict, key: string, value: unknown): void {
  Object.defineProperty(d, key, { value, writable: true, enumerable: true, configurable: true });
}

void REQUIRED;
