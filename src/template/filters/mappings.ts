import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { Markup, GROUP_TUPLE, makeIterator, makeTuple, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { bindArgs, REQUIRED } from '../runtime/args.js';
import { eq, truthy } from '../runtime/ops.js';
import { getAttr } from '../runtime/access.js';
import { DICT_METHODS } from '../runtime/collection-methods.js';
import { isBlockedName } from '../runtime/sandbox.js';
import { isDict, typeName } from '../runtime/values.js';
import { attrGetter, seq, sortAbsentLast } from './lookup.js';
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
  // Items whose key is undefined or null form one group, last.
  const sorted = sortAbsentLast(seq(v), key, false);
  const groups: { key: unknown; items: unknown[] }[] = [];
  for (const item of sorted) {
    const kk = key(item);
    const last = groups[groups.length - 1];
    const absent = kk === undefined || kk === null;
    if (last && (absent ? last.key === undefined || last.key === null : eq(last.key, kk))) last.items.push(item);
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
  const key = (p: unknown[]): unknown => {
    let x = p[pos];
    if (x instanceof Markup) x = x.text;
    return lower && typeof x === 'string' ? x.toLowerCase() : x;
  };
  return sortAbsentLast(pairs, key, truthy(reverse));
}

function items(v: unknown, a: unknown[], k: Kwargs): readonly unknown[][] {
  bindArgs('do_items', [], [], a, k);
  if (v === undefined || v === null) return makeIterator([]) as unknown[][];
  if (!isDict(v)) throw new TemplateError('Can only get item pairs from a mapping.');
  const keys = Object.keys(v);
  currentBudget().charge(keys.length);
  return makeIterator(keys.map((key) => makeTuple([key, v[key]]) as unknown[])) as unknown[][];
}

/** Mapping and object filters. */
export const MAPPING_FILTERS: Record<string, FilterFunction> = {
  default: (v, a, k) => {
    const [dflt, boolean] = bindArgs('default', ['default_value', 'boolean'], ['', false], a, k);
    if (v === undefined || v === null || (truthy(boolean) && !truthy(v))) return dflt;
    return v;
  },
  items,
  dictsort,
  groupby,
  attr: (v, a, k) => {
    const [name] = bindArgs('do_attr', ['name'], [REQUIRED], a, k);
    if (typeof name !== 'string') throw new TemplateError(`attribute name must be string, not '${typeName(name)}'`);
    // Jinja2's attr reads only names the object has as attributes: on a dict, its method
    // names (which, on data, read the key: the lenient dialect), never its other keys.
    // (getAttr refuses blocked names such as `constructor` with its sandbox error.)
    if (isDict(v)) return Object.hasOwn(DICT_METHODS, name) || isBlockedName(name) ? getAttr(v, name) : undefined;
    return getAttr(v, name);
  },
  tojson: (v, a, k) => {
    const [indent] = bindArgs('do_tojson', ['indent'], [null], a, k);
    return toJson(v, indent);
  },
  pprint: (v, a, k) => (bindArgs('do_pprint', [], [], a, k), pformat(v)),
};
MAPPING_FILTERS.d = MAPPING_FILTERS.default;
