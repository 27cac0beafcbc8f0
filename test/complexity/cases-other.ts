/** Adversarial cases for tests, globals and operators. */
import { makeTuple } from '../../src/template/runtime/types.js';
import { dict, numbers, records, run, shared, text, words, type CaseTable, type ComplexityCase } from './inputs.js';

type Input = ComplexityCase['input'];
const c = (template: string, input: Input, error?: RegExp): ComplexityCase => ({ template, input, error });

const nums: Input = (n) => ({ x: numbers(n), y: numbers(n) });
const lists: Input = (n) => ({ x: records(n), y: records(n) });
const sharedLists: Input = (n) => ({ x: shared(n), y: shared(n) });
const strs: Input = (n) => ({ x: words(n), y: words(n) });
const texts: Input = text((n) => ({ y: `${'a'.repeat(4 * n)}b` }));

/** `x is <test>`, over text and list inputs. */
function isTest(name: string, args = '', ...inputs: Input[]): ComplexityCase[] {
  return (inputs.length ? inputs : [texts, nums]).map((input) => c(`{% set r = x is ${name}${args} %}`, input));
}

export const TEST_CASES: CaseTable = {
  defined: isTest('defined'), undefined: isTest('undefined'), none: isTest('none'), boolean: isTest('boolean'),
  false: isTest('false'), true: isTest('true'), integer: isTest('integer'), float: isTest('float'), number: isTest('number'),
  string: isTest('string'), mapping: isTest('mapping'), sequence: isTest('sequence'), iterable: isTest('iterable'),
  callable: isTest('callable'), lower: isTest('lower', '', texts, run('a', 'A')), upper: isTest('upper', '', texts, run('A', 'a')),
  escaped: isTest('escaped'), odd: isTest('odd', '', (n) => ({ x: n })), even: isTest('even', '', (n) => ({ x: n })),
  divisibleby: isTest('divisibleby', '(3)', (n) => ({ x: n })), sameas: isTest('sameas', '(y)', nums, texts),
  eq: isTest('eq', '(y)', nums, lists, sharedLists, strs, texts), equalto: isTest('equalto', '(y)', lists),
  // Tests named by an operator are reached through select/reject (`x is == y` is no syntax).
  '==': [c('{% set r = x | select("==", y[0]) | list %}', lists)], ne: isTest('ne', '(y)', lists), '!=': [c('{% set r = x | reject("!=", y[0]) | list %}', lists)],
  lt: isTest('lt', '(y)', strs, texts), lessthan: isTest('lessthan', '(y)', strs), '<': [c('{% set r = x | select("<", y[0]) | list %}', strs)],
  le: isTest('le', '(y)', strs), '<=': [c('{% set r = x | select("<=", y[0]) | list %}', strs)], gt: isTest('gt', '(y)', strs),
  greaterthan: isTest('greaterthan', '(y)', strs), '>': [c('{% set r = x | select(">", y[0]) | list %}', strs)], ge: isTest('ge', '(y)', strs),
  '>=': [c('{% set r = x | select(">=", y[0]) | list %}', strs)],
  in: [c('{% set r = x[-1] is in y %}', nums), c('{% set r = x[-1] is in y %}', lists), c('{% set r = y is in x %}', texts)],
  filter: isTest('filter'), test: isTest('test'),
};

export const GLOBAL_CASES: CaseTable = {
  range: [c('{% for i in range(x) %}{% endfor %}', (n) => ({ x: 16 * n })), c('{% set r = range(0, x, 3) | list %}', (n) => ({ x: 4 * n }))],
  dict: [c('{% set r = dict(x) %}', (n) => ({ x: numbers(n).map((i) => [`k${i}`, i]) })), c('{% set r = dict(d, a=1) %}', (n) => ({ d: dict(n) }))],
  lipsum: [c('{% set r = lipsum(x, false, 20, 40) %}', (n) => ({ x: n >> 3 }))],
  cycler: [c('{% set r = cycler(*x) %}{% for i in x %}{% set _ = r.next() %}{% endfor %}', (n) => ({ x: words(n) }))],
  joiner: [c('{% set j = joiner(x) %}{% for i in range(100) %}{% set r = j() %}{% endfor %}', text())],
  namespace: [c('{% set r = namespace(d) %}', (n) => ({ d: dict(n) })), c('{% set r = namespace(**d) %}', (n) => ({ d: dict(n) }))],
};

/** Each operator over the inputs that make it walk or build: strings, lists, nested and shared records. */
export const OPERATOR_CASES: CaseTable = {
  or: [c('{% set r = x or y %}', nums), c('{% set r = (x | list) or y %}', nums)],
  and: [c('{% set r = x and y %}', nums), c('{% set r = (x | list) and (y | list) %}', nums)],
  not: [c('{% set r = not (x | list) %}', nums)],
  '==': [c('{% set r = x == y %}', lists), c('{% set r = x == y %}', sharedLists), c('{% set r = x == y %}', texts)],
  '!=': [c('{% set r = x != y %}', lists), c('{% set r = x != y %}', sharedLists)],
  '<': [c('{% set r = x < y %}', strs), c('{% set r = x < x + [1] %}', nums), c('{% set r = x < y %}', texts)],
  '<=': [c('{% set r = x <= y %}', strs)], '>': [c('{% set r = x > y %}', strs)], '>=': [c('{% set r = x >= y %}', strs)],
  in: [c('{% set r = y in x %}', texts), c('{% set r = x[-1] in y %}', lists), c('{% set r = "k1" in d %}', (n) => ({ d: dict(n) })), c('{% set r = y in x %}', (n) => ({ x: 'a'.repeat(32 * n), y: `${'a'.repeat(4 * n)}b` }))],
  'not in': [c('{% set r = y not in x %}', texts), c('{% set r = x[-1] not in y %}', sharedLists)],
  is: [c('{% set r = x is sameas y %}', nums)],
  '+': [c('{% set r = x + x %}', texts), c('{% set r = x + y %}', nums), c('{% set r = (x | safe) + x %}', texts)],
  '-': [c('{% set r = (x | length) - 1 %}', nums)],
  '~': [c('{% set r = x ~ y ~ x %}', texts), c('{% set r = x ~ y %}', nums)],
  // The repeated list is measured over 128 KB on both sides (V8's large-object space; see growth.ts).
  '*': [c('{% set r = x * 3 %}', texts), { ...c('{% set r = x * 3 %}', nums), n: 8192 }, c('{% set r = (x | safe) * 3 %}', texts)],
  '/': [c('{% set r = (x | length) / 3 %}', nums)], '//': [c('{% set r = (x | length) // 3 %}', nums)],
  '%': [
    c('{% set r = x % () %}', text(), /./), c('{% set r = x % {} %}', run('%('), /incomplete format key/),
    c('{% set r = x % d %}', (n) => ({ x: '%(a)s%%%(b)5d%(a)-3s'.repeat(n), d: { a: 'q', b: 1 } })),
    c('{% set r = x % y %}', (n) => ({ x: '%s'.repeat(n), y: makeTuple(words(n)) })),
    c('{% set r = (x | length) % 7 %}', nums),
  ],
  '**': [c('{% set r = 2 ** (x | length % 50) %}', nums)],
  '-x': [c('{% set r = -(x | length) %}', nums)], '+x': [c('{% set r = +(x | length) %}', nums)],
  'x.attr': [c('{% set r = d.k1 %}', (n) => ({ d: dict(n) })), c('{% set r = x.upper %}', texts)],
  'x[i]': [c('{% set r = x[-1] %}', nums), c('{% set r = x[-1] %}', texts), c('{% set r = d["k1"] %}', (n) => ({ d: dict(n) }))],
  'x[a:b]': [c('{% set r = x[1:-1:2] %}', nums), c('{% set r = x[::-1] %}', texts), c('{% set r = x[::-3] %}', nums)],
  'x(…)': [c('{% macro m() %}{{ varargs | length }}{% endmacro %}{% set r = m(*x) %}', (n) => ({ x: numbers(n) }))],
  '|': [c('{% set r = x | string | length %}', nums)],
  'if else': [c('{% set r = x if x else y %}', nums)],
};

/** The voice filters: hostile text costs its length at most, and n valid inputs cost n. */
function voice(name: string, args: string, valid: (i: number) => unknown): ComplexityCase[] {
  return [
    c(`{% set r = x | ${name}${args} %}`, text()),
    c(`{% set r = y | map("${name}"${args ? `, ${args.slice(1, -1)}` : ''}) | list %}`, (n) => ({ y: numbers(n).map(valid) })),
  ];
}

/**
 * Strings Python's fromisoformat reads to the end (so the filters do too): a fraction's digits,
 * digits after a basic week date, separators with no end, and a long offset fraction.
 */
function longIsoStrings(name: string): ComplexityCase[] {
  const at = (prefix: string, pattern: string, tail = ''): Input => (n) => ({ x: prefix + pattern.repeat(Math.ceil((32 * n) / pattern.length)) + tail });
  return [
    at('2026-03-08T13:30:00.', '7', 'Z'), at('2026W', '1'), at('2026-03-08T', '1:'), at('2026-03-08T13:30+05:30:00.', '9'), at('2026-03-08T13', '-+Z'),
  ].map((input) => c(`{% set r = x | ${name} %}`, input));
}

export const VOICE_FILTER_CASES: CaseTable = {
  datetime: [...voice('datetime', '("%A %d %B %Y %H:%M:%S %z", "Europe/Paris")', (i) => `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`), c('{% set r = "2026-01-01T00:00:00Z" | datetime(x) %}', (n) => ({ x: '%Y'.repeat(Math.min(120, n)) })), ...longIsoStrings('datetime')],
  spell_phone: voice('spell_phone', '', (i) => `+1 (415) 555-${1000 + (i % 9000)}`),
  last_four: voice('last_four', '', (i) => `4111 1111 1111 ${1000 + (i % 9000)}`),
  money: voice('money', '("EUR", "de-DE")', (i) => i / 7),
  ordinal: voice('ordinal', '', (i) => i),
  relative_day: [...voice('relative_day', '("America/New_York")', (i) => `2026-12-${10 + (i % 18)}T15:00:00Z`), ...longIsoStrings('relative_day')],
};
