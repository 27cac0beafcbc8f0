import { TemplateError } from '../../errors.js';
import { Markup, GROUP_TUPLE, PY_NONE, makeIterator, makeTuple, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { bindArgs, REQUIRED } from '../runtime/args.js';
import { eq, truthy } from '../runtime/ops.js';
import { getAttr } from '../runtime/access.js';
import { isDict, typeName } from '../runtime/values.js';
import { attrGetter, seq, sortBy } from './lookup.js';
import { toJson } from './json.js';
import { pformat } from '../runtime/pformat.js';

function groupTuple(grouper: unknown, list: unknown[]): readonly unknown[] {
  const t = [grouper, list];
  Object.defineProperty(t, GROUP_TUPLE, { value: true });
  return makeTuple(t);
}

function groupby(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const [attribute, dflt, cs] = bindArgs('do_groupby', ['attribute', 'default', 'case_sensitive'], [REQUIRED, null, false], a, k);
  const lower = !truthy(cs);
  const key = attrGetter(attribute, lower, dflt);
  const sorted = sortBy(seq(v), key, false);
  const groups: { key: unknown; items: unknown[] }[] = [];
  for (const item of sorted) {
    const kk = key(item);
    const last = groups[groups.length - 1];
    if (last && eq(last.key, kk)) last.items.push(item);
    else groups.push({ key: kk, items: [item] });
  }
  const output = lower ? attrGetter(attribute, false, dflt) : undefined;
  return groups.map((g) => groupTuple(output ? output(g.items[0]) : g.key, g.items));
}

function dictsort(v: unknown, a: unknown[], k: Kwargs): unknown[] {
  const [cs, by, reverse] = bindArgs('do_dictsort', ['case_sensitive', 'by', 'reverse'], [false, 'key', false], a, k);
  if (by !== 'key' && by !== 'value') throw new TemplateError('You can only sort by either "key" or "value"');
  const pos = by === 'key' ? 0 : 1;
  const lower = !truthy(cs);
  const pairs = items(v, [], undefined);
  return sortBy(pairs, (p) => {
    let x = (p as unknown[])[pos];
    if (x instanceof Markup) x = x.text;
    return lower && typeof x === 'string' ? x.toLowerCase() : x;
  }, truthy(reverse));
}

function items(v: unknown, a: unknown[], k: Kwargs): readonly unknown[][] {
  bindArgs('do_items', [], [], a, k);
  if (v === undefined || v === null) return makeIterator([]) as unknown[][];
  if (!isDict(v)) throw new TemplateError('Can only get item pairs from a mapping.');
  return makeIterator(Object.keys(v).map((key) => makeTuple([key, v[key]]) as unknown[])) as unknown[][];
}

/** Mapping and object filters. */
export const MAPPING_FILTERS: Record<string, FilterFunction> = {
  default: (v, a, k) => {
    const [dflt, boolean] = bindArgs('default', ['default_value', 'boolean'], ['', false], a, k);
    if (v === undefined || v === null || v === PY_NONE || (truthy(boolean) && !truthy(v))) return dflt;
    return v;
  },
  items,
  dictsort,
  groupby,
  attr: (v, a, k) => {
    const [name] = bindArgs('do_attr', ['name'], [REQUIRED], a, k);
    if (typeof name !== 'string') throw new TemplateError(`attribute name must be string, not '${typeName(name)}'`);
    // Jinja2's attr is getattr only: a dict's keys are items, not attributes.
    if (isDict(v)) return Object.hasOwn(v, name) ? undefined : getAttr(v, name);
    return getAttr(v, name);
  },
  tojson: (v, a, k) => {
    const [indent] = bindArgs('do_tojson', ['indent'], [null], a, k);
    return toJson(v, indent);
  },
  pprint: (v, a, k) => (bindArgs('do_pprint', [], [], a, k), pformat(v)),
};
MAPPING_FILTERS.d = MAPPING_FILTERS.default;
