import { currentBudget } from '../limits.js';
import { compareStrings, eq, pyCompare } from './ops.js';

/**
 * Python's `a < b` as sorted() sees it. Undefined and JSON null (the oracle's
 * Undefined) are never less and never greater, which makes the order depend on
 * the sorting algorithm itself; see pySorted.
 */
export function pyLess(a: unknown, b: unknown): boolean {
  const budget = currentBudget();
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists compare at the first index where == fails, and only there.
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      budget.charge(1);
      if (!eq(a[i], b[i])) return pyLess(a[i], b[i]);
    }
    return a.length < b.length;
  }
  return pyCompare(a, b) < 0;
}

/**
 * sorted(items, key=key, reverse=reverse) with CPython's algorithm for short lists
 * (count_run + binary insertion, as list.sort does below 64 items), so that even
 * inconsistent comparisons (undefined keys) give CPython's order. Longer lists use
 * a stable merge sort on the same comparison.
 */
export function pySorted<T>(items: readonly T[], key: (item: T) => unknown, reverse: boolean): T[] {
  const keys = unwrapSingles(items.map(key));
  const vals = items.slice();
  if (reverse) { keys.reverse(); vals.reverse(); }
  const n = keys.length;
  // Priced before sorting, a tick per comparison a merge sort may make (n log n): the
  // comparator's fast path charges nothing, and lists compared item by item pay in pyLess.
  currentBudget().charge(n * Math.ceil(Math.log2(n + 1)));
  if (n < 64) {
    binarySort(keys, vals, countRun(keys, vals));
  } else {
    const idx = keys.map((_, i) => i);
    idx.sort((i, j) => order(keys[i], keys[j]));
    // Copied back in a loop: splice(0, n, ...v) passes n arguments and overflowed the stack at 262,144 (issue 8).
    const v = idx.map((i) => vals[i]);
    for (let i = 0; i < n; i++) vals[i] = v[i];
  }
  if (reverse) vals.reverse();
  return vals;
}

/** pyLess as a comparator; numbers and strings, the common keys, skip its type dispatch. */
function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : compareStrings(a, b);
  return pyLess(a, b) ? -1 : pyLess(b, a) ? 1 : 0;
}

/**
 * The sort filter's keys are one-item lists (make_multi_attrgetter). When all hold numbers,
 * or all hold strings, [a] < [b] is a < b, and sorting by the items avoids the generic list
 * comparison, which made sorting 262,144 numbers take 10 s.
 */
function unwrapSingles(keys: unknown[]): unknown[] {
  let kind: string | undefined;
  for (const k of keys) {
    if (!Array.isArray(k) || k.length !== 1) return keys;
    const t = typeof k[0];
    if ((t !== 'number' && t !== 'string') || (kind !== undefined && t !== kind)) return keys;
    kind = t;
  }
  return keys.map((k) => (k as unknown[])[0]);
}

/** Length of the leading run; a strictly descending run is reversed in place. */
function countRun(keys: unknown[], vals: unknown[]): number {
  const n = keys.length;
  if (n < 2) return n;
  let i = 1;
  if (pyLess(keys[1], keys[0])) {
    while (i + 1 < n && pyLess(keys[i + 1], keys[i])) i++;
    reverseRange(keys, 0, i + 1);
    reverseRange(vals, 0, i + 1);
  } else {
    while (i + 1 < n && !pyLess(keys[i + 1], keys[i])) i++;
  }
  return i + 1;
}

function reverseRange(a: unknown[], lo: number, hi: number): void {
  for (let i = lo, j = hi - 1; i < j; i++, j--) [a[i], a[j]] = [a[j], a[i]];
}

function binarySort(keys: unknown[], vals: unknown[], start: number): void {
  for (let s = start; s < keys.length; s++) {
    const pk = keys[s];
    const pv = vals[s];
    let l = 0;
    let r = s;
    while (l < r) {
      const mid = l + ((r - l) >> 1);
      if (pyLess(pk, keys[mid])) r = mid;
      else l = mid + 1;
    }
    for (let p = s; p > l; p--) {
      keys[p] = keys[p - 1];
      vals[p] = vals[p - 1];
    }
    keys[l] = pk;
    vals[l] = pv;
  }
}
