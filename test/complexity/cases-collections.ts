/** Adversarial cases for list, tuple and dict methods and the list, mapping and number filters. */
import { makeTuple } from '../../src/template/runtime/types.js';
import { dict, numbers, records, shared, text, words, type CaseTable, type ComplexityCase } from './inputs.js';

type Input = ComplexityCase['input'];
const c = (template: string, input: Input, error?: RegExp): ComplexityCase => ({ template, input, error });

const big = (k: ComplexityCase): ComplexityCase => ({ ...k, n: 8192 });
const nums: Input = (n) => ({ x: numbers(n) });
const strs: Input = (n) => ({ x: words(n) });
const recs: Input = (n) => ({ x: records(n) });
const same: Input = (n) => ({ x: shared(n) });
const nested: Input = (n) => ({ x: numbers(n).map((i) => [i % 5, [i % 3, `s${i % 11}`]]) });
const dicts: Input = (n) => ({ d: dict(n), x: words(n) });

/** `{% set l = x.copy() %}` then `l.<call>`: mutating methods never touch the input. */
function onCopy(call: string, ...inputs: Input[]): ComplexityCase[] {
  return inputs.map((input) => c(`{% set l = x | list %}{% set r = l.${call} %}`, input));
}

export const LIST_METHOD_CASES: CaseTable = {
  index: onCopy('index(x[-1])', nums, strs, nested), count: onCopy('count(x[0])', nums, recs, same, nested),
  copy: onCopy('copy()', nums, same), append: onCopy('append(1)', nums), extend: onCopy('extend(x)', nums, same),
  insert: onCopy('insert(0, 1)', nums), pop: onCopy('pop(0)', nums), remove: onCopy('remove(x[-1])', nums, nested),
  clear: onCopy('clear()', nums), reverse: onCopy('reverse()', nums),
  sort: [...onCopy('sort()', nums, strs, nested), ...onCopy('sort(reverse=true)', nums)],
};

const tuple: Input = (n) => ({ x: makeTuple(numbers(n)) });
const nestedTuple: Input = (n) => ({ x: makeTuple(numbers(n).map((i) => makeTuple([i % 5, `s${i % 3}`]))) });

export const TUPLE_METHOD_CASES: CaseTable = {
  index: [c('{% set r = x.index(x[-1]) %}', tuple), c('{% set r = x.index(x[-1]) %}', nestedTuple)],
  count: [c('{% set r = x.count(x[0]) %}', tuple), c('{% set r = x.count(x[0]) %}', nestedTuple)],
};

export const DICT_METHOD_CASES: CaseTable = {
  get: [c('{% set r = d.get(x[-1]) %}', dicts)], keys: [c('{% set r = d.keys() | list %}', dicts)],
  values: [c('{% set r = d.values() | list %}', dicts)], items: [c('{% set r = d.items() | list %}', dicts)],
  copy: [c('{% set r = d.copy() %}', dicts)], pop: [c('{% set e = d.copy() %}{% set r = e.pop("k1") %}', dicts)],
  setdefault: [c('{% set e = d.copy() %}{% set r = e.setdefault("new", 1) %}', dicts)],
  update: [c('{% set e = {} %}{% set r = e.update(d) %}', dicts), c('{% set e = {"a": 1} %}{% set r = e.update(d, b=2) %}', dicts)],
  popitem: [c('{% set e = d.copy() %}{% set r = e.popitem() %}', dicts)],
  fromkeys: [c('{% set r = d.fromkeys(x, 0) %}', dicts)], clear: [c('{% set e = d.copy() %}{% set r = e.clear() %}', dicts)],
};

const f = (name: string, args: string, ...inputs: Input[]): ComplexityCase[] =>
  inputs.map((input) => c(`{% set r = x | ${name}${args ? `(${args})` : ''} %}`, input));

export const LIST_FILTER_CASES: CaseTable = {
  length: f('length', '', nums, text()), count: f('count', '', nums), list: [...f('list', '', nums, text())],
  first: f('first', '', nums), last: f('last', '', nums), random: f('random', '', nums),
  reverse: f('reverse', '', nums, text()), join: [...f('join', '", "', strs, nums), ...f('join', '"-", "name"', recs, same)],
  sort: [...f('sort', '', nums, strs, nested), ...f('sort', 'attribute="group,name"', recs, same), ...f('sort', 'true, true', strs)],
  unique: [...f('unique', '', nums, strs), ...f('unique', 'attribute="name"', recs, same), ...f('unique', 'true', strs)],
  min: [...f('min', '', nums, strs), ...f('min', 'attribute="id"', recs)], max: [...f('max', '', nums, strs), ...f('max', 'attribute="id"', recs, same)],
  sum: [...f('sum', '', nums), ...f('sum', 'attribute="id"', recs), ...f('sum', 'start=0.5', nums)],
  batch: f('batch', '3, "x"', nums), slice: f('slice', '7, 0', nums),
  map: [...f('map', '"string"', nums), ...f('map', 'attribute="tags.0"', recs, same), ...f('map', '"upper"', strs)],
  select: [...f('select', '"odd"', nums), ...f('select', '', same)], reject: f('reject', '"even"', nums),
  selectattr: [...f('selectattr', '"group", "eq", 3', recs, same)], rejectattr: f('rejectattr', '"id", "odd"', recs),
  default: f('default', '1', nums), d: f('d', '1', nums), items: [c('{% set r = d | items | list %}', dicts)],
  dictsort: [c('{% set r = d | dictsort %}', dicts), c('{% set r = d | dictsort(by="value", reverse=true) %}', dicts)],
  groupby: [...f('groupby', '"group"', recs, same), ...f('groupby', '"tags.1"', recs), ...f('groupby', '0', nested)],
  attr: [c('{% set r = d | attr(x[-1]) %}', dicts)],
  // Printers of lists are measured where their output is over 128 KB on both sides (V8's large-object space).
  tojson: [...f('tojson', '', recs, same, nested).map(big), ...f('tojson', '', text()), ...f('tojson', '2', recs).map(big)],
  pprint: [...f('pprint', '', recs, same, nested, strs).map(big), ...f('pprint', '', text())],
};

export const NUMBER_FILTER_CASES: CaseTable = {
  abs: f('abs', '', (n) => ({ x: -n })), round: f('round', '2, "floor"', (n) => ({ x: n / 7 })),
  int: [...f('int', '', (n) => ({ x: '1_'.repeat(16 * n) + '1' }), (n) => ({ x: ' '.repeat(32 * n) + '1' }), (n) => ({ x: '1_'.repeat(16 * n) + 'x' })), ...f('int', '0, 16', (n) => ({ x: `0x${'f_'.repeat(16 * n)}f` }))],
  float: [...f('float', '', (n) => ({ x: `${'1_'.repeat(16 * n)}1.5e3` }), (n) => ({ x: '1'.repeat(32 * n) + 'e' })), ...f('float', '', text())],
  filesizeformat: [...f('filesizeformat', '', (n) => ({ x: 10 ** Math.min(300, n) })), ...f('filesizeformat', 'true', (n) => ({ x: n * 1024 }))],
};
