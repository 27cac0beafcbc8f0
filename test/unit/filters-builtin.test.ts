import { describe, expect, it } from 'vitest';
import { FILTERS } from '../../src/template/filters/index.js';
import { TESTS } from '../../src/template/tests.js';
import { outputValue } from '../../src/template/runtime/print.js';
import { getAttr } from '../../src/template/runtime/access.js';
import { PyFloat, iteratorType, makeTuple } from '../../src/template/runtime/types.js';
import { truthy } from '../../src/template/runtime/ops.js';

type Kw = Record<string, unknown>;
const f = (name: string, v: unknown, args: unknown[] = [], kw?: Kw) => FILTERS[name](v, args, kw);
// Iterator results are printed through `| list`, as the templates in the names do.
const listed = (v: unknown) => (iteratorType(v) === undefined ? v : FILTERS.list(v, [], undefined));
const out = (name: string, v: unknown, args: unknown[] = [], kw?: Kw) => outputValue(listed(f(name, v, args, kw)));
const USERS = [{ name: 'Bob', age: 30, city: 'NY' }, { name: 'alice', age: 25, city: 'la' }, { name: 'Carl', age: 35, city: 'NY', active: true }, { name: 'dave', age: null, city: 'LA' }];
const WORDS = ['banana', 'Apple', 'cherry', 'apple'];
const TEXT = 'The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs.';

// Every expectation below is oracle.py's rendering of the template in the name.
const cases: { name: string; run: () => string; expected: string }[] = [
  { name: '"hello-world o\'neil (x)y [z" | title', run: () => out('title', "hello-world o'neil (x)y [z"), expected: "Hello-World O'neil (X)y [Z" },
  { name: 'text | truncate(20)', run: () => out('truncate', TEXT, [20]), expected: 'The quick brown...' },
  { name: 'text | truncate(20, true)', run: () => out('truncate', TEXT, [20, true]), expected: 'The quick brown f...' },
  { name: '"foo bar baz qux" | truncate(11)', run: () => out('truncate', 'foo bar baz qux', [11]), expected: 'foo bar baz qux' },
  { name: 'text | wordwrap(20)', run: () => out('wordwrap', TEXT, [20]), expected: 'The quick brown fox\njumps over the lazy\ndog. Pack my box\nwith five dozen\nliquor jugs.' },
  { name: '"a\\nb\\n\\nc" | indent', run: () => out('indent', 'a\nb\n\nc'), expected: 'a\n    b\n\n    c' },
  { name: '"3.7" | int', run: () => out('int', '3.7'), expected: '3' },
  { name: '"0x1A" | int(0, 16)', run: () => out('int', '0x1A', [0, 16]), expected: '26' },
  { name: 'n | float', run: () => out('float', null), expected: '0.0' },
  { name: '12.6 | round', run: () => out('round', 12.6), expected: '13.0' },
  { name: '2.5 | round', run: () => out('round', 2.5), expected: '2.0' },
  { name: '2.675 | round(2)', run: () => out('round', 2.675, [2]), expected: '2.67' },
  { name: '7 | round', run: () => out('round', 7), expected: '7' },
  { name: '3.2 | round(method="ceil")', run: () => out('round', 3.2, [], { method: 'ceil' }), expected: '4.0' },
  { name: '123456789 | filesizeformat', run: () => out('filesizeformat', 123456789), expected: '123.5 MB' },
  { name: '2048 | filesizeformat(true)', run: () => out('filesizeformat', 2048, [true]), expected: '2.0 KiB' },
  { name: 'words | sort', run: () => out('sort', WORDS), expected: "['Apple', 'apple', 'banana', 'cherry']" },
  { name: 'words | sort(case_sensitive=true)', run: () => out('sort', WORDS, [], { case_sensitive: true }), expected: "['Apple', 'apple', 'banana', 'cherry']".replace("'Apple', 'apple', 'banana', 'cherry'", "'Apple', 'apple', 'banana', 'cherry'") },
  { name: 'words | unique | list', run: () => out('unique', WORDS), expected: "['banana', 'Apple', 'cherry']" },
  { name: '[1, 1.0, true, 2] | unique', run: () => out('unique', [1, new PyFloat(1), true, 2]), expected: '[1, 2]' },
  { name: 'words | max', run: () => out('max', WORDS), expected: 'cherry' },
  { name: 'users | sum(attribute="age")', run: () => out('sum', USERS, [], { attribute: 'age' }), expected: '' },
  { name: 'nums | batch(2, "x")', run: () => out('batch', [3, 1, 2], [2, 'x']), expected: "[[3, 1], [2, 'x']]" },
  { name: '[1,2,3,4,5] | slice(3, 0)', run: () => out('slice', [1, 2, 3, 4, 5], [3, 0]), expected: '[[1, 2], [3, 4], [5, 0]]' },
  { name: 'users | map(attribute="age", default=0)', run: () => out('map', USERS, [], { attribute: 'age', default: 0 }), expected: '[30, 25, 35, 0]' },
  { name: 'users | rejectattr("city", "equalto", "NY") | map(attribute="name")', run: () => out('map', f('rejectattr', USERS, ['city', 'equalto', 'NY']), [], { attribute: 'name' }), expected: "['alice', 'dave']" },
  { name: 'nums | select(">", 1)', run: () => out('select', [3, 1, 2], ['>', 1]), expected: '[3, 2]' },
  { name: '[1, n, "a"] | join("-")', run: () => out('join', [1, null, 'a'], ['-']), expected: '1--a' },
  { name: 'd | dictsort', run: () => out('dictsort', { b: 2, a: 1, C: 3 }), expected: "[('a', 1), ('b', 2), ('C', 3)]" },
  { name: 'd | dictsort(by="value", reverse=true)', run: () => out('dictsort', { b: 2, a: 1, C: 3 }, [], { by: 'value', reverse: true }), expected: "[('C', 3), ('b', 2), ('a', 1)]" },
  { name: 'users | groupby("city") grouper', run: () => (f('groupby', USERS, ['city']) as unknown[]).map((g) => `${outputValue(getAttr(g, 'grouper'))}:${outputValue(f('join', getAttr(g, 'list'), [','], { attribute: 'name' }))}`).join(';'), expected: 'la:alice,dave;NY:Bob,Carl' },
  { name: '"<a href=\'x\'>&é" | tojson', run: () => out('tojson', "<a href='x'>&é"), expected: '"\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u00e9"' },
  { name: '{"a": [1, {"b": 2}]} | tojson(2)', run: () => out('tojson', { a: [1, { b: 2 }] }, [2]), expected: '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}' },
  { name: 'd | pprint', run: () => out('pprint', { b: 2, a: 1 }), expected: "{'a': 1, 'b': 2}" },
  { name: 'html | striptags', run: () => out('striptags', '<p>Hi &amp; <b>bye</b></p>'), expected: 'Hi & bye' },
  { name: '"\\"q\\" \'s\'" | escape', run: () => out('escape', '"q" \'s\''), expected: '&#34;q&#34; &#39;s&#39;' },
  { name: '{"q": "a b", "x": 1} | urlencode', run: () => out('urlencode', { q: 'a b', x: 1 }), expected: 'q=a+b&x=1' },
  { name: 'urlize', run: () => out('urlize', 'visit www.example.com or bob@example.com'), expected: 'visit <a href="https://www.example.com" rel="noopener">www.example.com</a> or <a href="mailto:bob@example.com">bob@example.com</a>' },
  { name: 'xmlattr', run: () => out('xmlattr', { class: 'a b', id: null, 'data-x': '<">' }), expected: ' class="a b" data-x="&lt;&#34;&gt;"' },
  { name: 'n | default("y")', run: () => out('default', null, ['y']), expected: 'y' },
  { name: '"" | default("z", true)', run: () => out('default', '', ['z', true]), expected: 'z' },
  { name: '"%s-%s" | format("a", 2)', run: () => out('format', '%s-%s', ['a', 2]), expected: 'a-2' },
];

describe('built-in filters match Jinja2', () => {
  it.each(cases)('$name', ({ run, expected }) => {
    expect(run()).toBe(expected);
  });
  it('treats undefined and null as empty in sequence filters', () => {
    for (const v of [undefined, null]) {
      expect(f('length', v)).toBe(0);
      expect(f('list', v)).toEqual([]);
      expect(out('join', v)).toBe('');
      expect(out('first', v)).toBe('');
      expect(out('int', v)).toBe('0');
      expect(out('round', v)).toBe('');
    }
  });
  it('returns iterators like Jinja2: truthy when empty, no len()', () => {
    const none = f('select', [0, ''], []);
    expect(truthy(none)).toBe(true);
    expect(() => f('length', none)).toThrow(/object of type 'generator' has no len\(\)/);
    expect(f('length', f('list', none))).toBe(0);
    expect(() => f('last', f('map', [1], ['string']))).toThrow(/not reversible/);
  });
  it('raises for unknown filters and tests in map and select', () => {
    expect(() => f('map', [1], ['nope'])).toThrow(/No filter named 'nope'/);
    expect(() => f('select', [1], ['nope'])).toThrow(/No test named 'nope'/);
  });
  it('binds arguments like Python', () => {
    expect(() => f('truncate', 'x', [], { bogus: 1 })).toThrow(/unexpected keyword argument 'bogus'/);
    expect(() => f('batch', [1], [])).toThrow(/missing 1 required positional argument/);
  });
});

describe('built-in tests match Jinja2', () => {
  const t = (name: string, v: unknown, ...args: unknown[]) => TESTS[name](v, args, undefined);
  it('distinguishes null (defined, none) from undefined', () => {
    expect([t('defined', null), t('none', null), t('defined', undefined), t('undefined', undefined)]).toEqual([true, true, false, true]);
  });
  it('checks types like Python', () => {
    expect([t('integer', 42), t('float', new PyFloat(2)), t('number', true), t('string', 'a'), t('mapping', {}), t('sequence', makeTuple([]))]).toEqual([true, true, true, true, true, true]);
    expect([t('integer', true), t('lower', 'abc1'), t('upper', 'A1'), t('iterable', 5)]).toEqual([false, true, true, false]);
  });
  it('compares with the operator aliases', () => {
    expect([t('divisibleby', 9, 3), t('eq', 3, new PyFloat(3)), t('greaterthan', 3, 2), t('lessthan', 3, 2), t('in', 2, [3, 1, 2])]).toEqual([true, true, true, false, true]);
  });
});
