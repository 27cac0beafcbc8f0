import { TemplateError } from '../../errors.js';
import { currentBudget, walkTicks } from '../limits.js';
import { getItem, iterate } from '../runtime/access.js';
import { eq, pyCompare } from '../runtime/ops.js';
import { pySorted } from '../runtime/sort.js';
import { isDict, typeName } from '../runtime/values.js';
import { Markup, PyFloat } from '../runtime/types.js';

/** Jinja2's attribute path "a.b.0": dotted parts, digit-only parts as indexes. */
function parts(attribute: unknown): unknown[] {
  if (attribute === null || attribute === undefined) return [];
  if (typeof attribute === 'string') return attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return [attribute];
}

/** make_attrgetter: follow the path with getitem; `dflt` replaces undefined values (not null). */
export function attrGetter(attribute: unknown, lower = false, dflt: unknown = null): (item: unknown) => unknown {
  const path = parts(attribute);
  return (item) => {
    for (const part of path) {
      item = getItem(item, part);
      if (dflt !== null && dflt !== undefined && (item === undefined || item === null)) item = dflt;
    }
    if (item instanceof Markup) item = item.text;
    return lower && typeof item === 'string' ? item.toLowerCase() : item;
  };
}

/** make_multi_attrgetter: "a,b" gives a list key. */
export function multiAttrGetter(attribute: unknown, lower: boolean): (item: unknown) => unknown[] {
  const getters = (typeof attribute === 'string' ? attribute.split(',') : [attribute]).map((a) => attrGetter(a, lower));
  return (item) => getters.map((g) => g(item));
}

/**
 * Python's `<` as sorted() uses it, made total for undefined/None the way the
 * lenient dialect's Undefined behaves (it compares as neither less nor greater).
 */
export function sortCompare(a: unknown, b: unknown): number {
  const budget = currentBudget();
  budget.charge(1);
  if (a === undefined || a === null || b === undefined || b === null) {
    return 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // Python compares lists at the first index where == fails, and only there.
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      budget.charge(1);
      if (!eq(a[i], b[i])) return sortCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  return pyCompare(a, b) || 0;
}

/**
 * sorted(items, key=…, reverse=…) with undefined and null key parts last, in their original
 * order, ascending or descending (the lenient dialect's sort, dictsort and groupby). Only
 * when some part is absent does each part become [present, part] or [absent] (flags swapped
 * in reverse), so the common case keeps the plain keys and their fast comparison.
 */
export function sortAbsentLast<T>(items: readonly T[], key: (item: T) => unknown, reverse: boolean): T[] {
  // A tick per key computed; the sort prices its comparisons itself (pySorted).
  currentBudget().charge(items.length);
  const keys = items.map(key);
  const isAbsent = (part: unknown): boolean => part === undefined || part === null;
  const order = items.map((_, i) => i);
  if (!keys.some((k) => (Array.isArray(k) ? k.some(isAbsent) : isAbsent(k)))) return pySorted(order, (i) => keys[i], reverse).map((i) => items[i]);
  const present = reverse ? 1 : 0;
  const absent = reverse ? 0 : 1;
  const wrapped = keys.map((k) => (Array.isArray(k) ? k : [k]).map((part) => (isAbsent(part) ? [absent] : [present, part])));
  return pySorted(order, (i) => wrapped[i], reverse).map((i) => items[i]);
}

/**
 * A hashable identity for set/dict-key semantics (1 == 1.0 == True); TypeError for unhashable.
 * A tick per value hashed, nested tuples included: a tuple that shares itself is priced by
 * the nodes its key spells out, and the budget stops it before the key outgrows memory.
 */
export function hashKey(v: unknown): string {
  const budget = currentBudget();
  budget.charge(1);
  switch (typeof v) {
    case 'string':
      budget.charge(walkTicks(v));
      return 's' + v;
    case 'number': return 'n' + v;
    case 'boolean': return v ? 'n1' : 'n0';
    case 'undefined': return 'u';
  }
  if (v === null) return 'N';
  if (v instanceof PyFloat) return 'n' + v.value;
  // Markup hashes as its text (a str subclass).
  if (v instanceof Markup) return hashKey(v.text);
  if (Array.isArray(v) && Object.isFrozen(v)) return 't' + v.map(hashKey).join('\u0000');
  throw new TemplateError(`unhashable type: '${typeName(v)}'`);
}

/** Items of a filter's sequence argument; undefined and None are empty. */
export function seq(v: unknown): unknown[] {
  return iterate(v);
}

void isDict;
