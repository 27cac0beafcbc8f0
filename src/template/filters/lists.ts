import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { Markup, iteratorType, makeIterator, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { bindArgs, REQUIRED } from '../runtime/args.js';
import { binary, truthy } from '../runtime/ops.js';
import { pyStr } from '../runtime/print.js';
import { codePoints, isDict, strLength, typeName } from '../runtime/values.js';
import { sortAbsentLast, attrGetter, hashKey, multiAttrGetter, seq, sortCompare } from './lookup.js';
import { FILTERS } from './index.js';
import { keepMarkup } from '../runtime/markup.js';
import { joinText } from '../runtime/join.js';
import { TESTS } from '../tests.js';

function intArg(v: unknown, what: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TemplateError(`'${typeName(v)}' object cannot be interpreted as an integer (${what})`);
  return v;
}

function length(v: unknown, a: unknown[], k: Kwargs): number {
  bindArgs('len', [], [], a, k);
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string') return strLength(v);
  if (v instanceof Markup) return strLength(v.text);
  if (Array.isArray(v)) {
    if (iteratorType(v) !== undefined) throw new TemplateError(`object of type '${typeName(v)}' has no len()`);
    return v.length;
  }
  if (isDict(v)) return Object.keys(v).length;
  throw new TemplateError(`object of type '${typeName(v)}' has no len()`);
}

function batch(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const [count, fill] = bindArgs('do_batch', ['linecount', 'fill_with'], [REQUIRED, null], a, k);
  const items = seq(v);
  // No line count: Jinja2's batch never reaches it, so every item is in one batch.
  if (count === undefined || count === null) return makeIterator(items.length ? [items.slice()] : []);
  const n = intArg(count, 'linecount');
  if (n <= 0 && items.length) throw new TemplateError('batch size must be positive');
  const out: unknown[][] = [];
  makeIterator(out);
  currentBudget().charge(n > 0 ? Math.ceil(items.length / n) : 0);
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  const last = out[out.length - 1];
  if (last && fill !== null && fill !== undefined && last.length < n) {
    currentBudget().checkLength(n);
    while (last.length < n) last.push(fill);
  }
  return out;
}

function slice(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const [slices, fill] = bindArgs('do_slice', ['slices', 'fill_with'], [REQUIRED, null], a, k);
  const n = intArg(slices, 'slices');
  const items = seq(v);
  if (n <= 0) throw new TemplateError('integer division or modulo by zero');
  currentBudget().checkRange(n);
  currentBudget().charge(n);
  const per = Math.floor(items.length / n);
  const extra = items.length % n;
  const out = makeIterator([]) as unknown[][];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const start = offset + i * per;
    if (i < extra) offset++;
    const part = items.slice(start, offset + (i + 1) * per);
    if (fill !== null && fill !== undefined && i >= extra) part.push(fill);
    out.push(part);
  }
  return out;
}

function minMax(name: string, wantMax: boolean): FilterFunction {
  return (v, a, k) => {
    const [cs, attribute] = bindArgs(name, ['case_sensitive', 'attribute'], [false, null], a, k);
    const items = seq(v);
    if (!items.length) return undefined;
    const key = attrGetter(attribute, !truthy(cs));
    // Undefined and null keys are passed over; when every key is, the first item stands.
    let i = 0;
    let bestKey = key(items[0]);
    while ((bestKey === undefined || bestKey === null) && i + 1 < items.length) bestKey = key(items[++i]);
    let best = items[i];
    for (i += 1; i < items.length; i++) {
      const kk = key(items[i]);
      if (kk === undefined || kk === null) continue;
      const c = sortCompare(kk, bestKey);
      if (wantMax ? c > 0 : c < 0) {
        best = items[i];
        bestKey = kk;
      }
    }
    return best;
  };
}

function callFilter(name: unknown, item: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const filter = typeof name === 'string' ? FILTERS[name] : undefined;
  if (filter === undefined) throw new TemplateError(`No filter named '${pyStr(name)}'.`);
  return filter(item, args, kwargs);
}

function map(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const items = seq(v);
  if (!items.length) return makeIterator([]);
  currentBudget().chargeIterations(items.length);
  if (a.length === 0 && k !== undefined && Object.hasOwn(k, 'attribute')) {
    const { attribute, default: dflt, ...rest } = k;
    const extra = Object.keys(rest);
    if (extra.length) throw new TemplateError(`Unexpected keyword argument '${extra[0]}'`);
    const get = attrGetter(attribute, false, dflt ?? null);
    return makeIterator(items.map(get));
  }
  if (a.length === 0) throw new TemplateError('map requires a filter argument');
  const rest = a.slice(1);
  return makeIterator(items.map((item) => callFilter(a[0], item, rest, k)));
}

function selectOrReject(select: boolean, byAttr: boolean): FilterFunction {
  return (v, a, k) => {
    const items = seq(v);
    if (!items.length) return makeIterator([]);
    currentBudget().chargeIterations(items.length);
    let off = 0;
    let get = (x: unknown): unknown => x;
    if (byAttr) {
      if (a.length === 0) throw new TemplateError('Missing parameter for attribute name');
      get = attrGetter(a[0]);
      off = 1;
    }
    let test: (x: unknown) => boolean = truthy;
    if (a.length > off) {
      const name = a[off];
      const fn = typeof name === 'string' ? TESTS[name] : undefined;
      if (fn === undefined) throw new TemplateError(`No test named '${pyStr(name)}'.`);
      const rest = a.slice(off + 1);
      test = (x) => fn(x, rest, k);
    }
    return makeIterator(items.filter((item) => test(get(item)) === select));
  };
}

function unique(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const [cs, attribute] = bindArgs('do_unique', ['case_sensitive', 'attribute'], [false, null], a, k);
  const key = attrGetter(attribute, !truthy(cs));
  const seen = new Set<string>();
  return makeIterator(seq(v).filter((item) => {
    const h = hashKey(key(item));
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  }));
}

function sum(v: unknown, a: unknown[], k: Kwargs): unknown {
  const [attribute, start] = bindArgs('do_sum', ['attribute', 'start'], [null, 0], a, k);
  const get = attribute === null || attribute === undefined ? undefined : attrGetter(attribute);
  let total = start;
  for (const item of seq(v)) total = binary('+', total, get ? get(item) : item);
  return total;
}

/** Sequence filters. */
export const LIST_FILTERS: Record<string, FilterFunction> = {
  length,
  count: length,
  list: (v, a, k) => (bindArgs('list', [], [], a, k), seq(v).slice()),
  first: (v, a, k) => (bindArgs('do_first', [], [], a, k), seq(v)[0]),
  last: (v, a, k) => {
    bindArgs('do_last', [], [], a, k);
    if (iteratorType(v) !== undefined) throw new TemplateError(`'${typeName(v)}' object is not reversible`);
    const items = seq(v);
    // Jinja2 takes the last item by index, so Markup gives Markup (first iterates: plain str).
    return keepMarkup(v, items[items.length - 1]);
  },
  random: (v, a, k) => {
    bindArgs('do_random', [], [], a, k);
    if (iteratorType(v) !== undefined) throw new TemplateError(`object of type '${typeName(v)}' has no len()`);
    const items = seq(v);
    return items.length ? keepMarkup(v, items[Math.floor(Math.random() * items.length)]) : undefined;
  },
  reverse: (v, a, k) => {
    bindArgs('do_reverse', [], [], a, k);
    if (typeof v === 'string') return codePoints(v).reverse().join('');
    if (v instanceof Markup) return new Markup(codePoints(v.text).reverse().join(''));
    // reversed(list) is an iterator; an iterator's reverse falls back to a plain list.
    const reversed = seq(v).slice().reverse();
    return Array.isArray(v) && iteratorType(v) === undefined ? makeIterator(reversed, 'list_reverseiterator') : reversed;
  },
  join: (v, a, k) => {
    const [d, attribute] = bindArgs('do_join', ['d', 'attribute'], ['', null], a, k);
    let items = seq(v);
    if (attribute !== null && attribute !== undefined) items = items.map(attrGetter(attribute));
    return joinText(items, pyStr, pyStr(d));
  },
  sort: (v, a, k) => {
    const [reverse, cs, attribute] = bindArgs('do_sort', ['reverse', 'case_sensitive', 'attribute'], [false, false, null], a, k);
    return sortAbsentLast(seq(v), multiAttrGetter(attribute, !truthy(cs)), truthy(reverse));
  },
  unique,
  min: minMax('do_min', false),
  max: minMax('do_max', true),
  sum,
  batch,
  slice,
  map,
  select: selectOrReject(true, false),
  reject: selectOrReject(false, false),
  selectattr: selectOrReject(true, true),
  rejectattr: selectOrReject(false, true),
};
