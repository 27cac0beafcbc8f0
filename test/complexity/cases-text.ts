/** Adversarial cases for str and Markup methods and the text and HTML filters. */
import { run, text, words, type CaseTable, type ComplexityCase } from './inputs.js';

/** `x.<method>(args)` over the hostile text, once per argument list. */
function method(name: string, ...argLists: string[]): ComplexityCase[] {
  return (argLists.length ? argLists : ['']).map((args) => ({ template: `{% set r = x.${name}(${args}) %}`, input: text((n) => ({ w: 60 * n })) }));
}

/** `x | <filter>(args)` over the hostile text, once per argument list. */
function filter(name: string, ...argLists: string[]): ComplexityCase[] {
  return (argLists.length ? argLists : ['']).map((args) => ({ template: `{% set r = x | ${name}${args ? `(${args})` : ''} %}`, input: text((n) => ({ w: 60 * n })) }));
}

const same = (template: string, input: ComplexityCase['input'], error?: RegExp): ComplexityCase => ({ template, input, error });

export const STR_METHOD_CASES: CaseTable = {
  upper: method('upper'), lower: method('lower'), casefold: method('casefold'), title: method('title'),
  capitalize: method('capitalize'), swapcase: method('swapcase'),
  strip: [...method('strip', '', '"M "', 'None')], lstrip: method('lstrip', '', '"M "'), rstrip: method('rstrip', '', '"M "', 'None'),
  split: method('split', '', 'None, 1000', '" "', '"M"', '"aaaaaaaaab"'),
  rsplit: method('rsplit', '', 'None, 1', 'None, 1000', '" "', '"M", 2'),
  splitlines: method('splitlines', '', 'True'),
  startswith: method('startswith', '"a"', '("x", "M", "www.")', '"M", 5, -5'), endswith: method('endswith', '"a"', '("x", "M")'),
  replace: [...method('replace', '" ", "  "', '"a", "b", 100', '"", "-"'), same('{% set r = x.replace(y, "b") %}', (n) => ({ x: 'a'.repeat(32 * n), y: `${'a'.repeat(4 * n)}b` }))],
  find: [...method('find', '"%(%(x"', '"M", 10, -10'), same('{% set r = x.find(y) %}', (n) => ({ x: 'a'.repeat(32 * n), y: 'a'.repeat(4 * n) + 'b' }))],
  rfind: method('rfind', '"%(%(x"', '"M", 10, -10'),
  index: method('index', '"M"', '"😀M"'), rindex: method('rindex', '"M"'),
  count: [...method('count', '"  "', '"M"', '""'), same('{% set r = x.count(y) %}', (n) => ({ x: 'a'.repeat(32 * n), y: 'a'.repeat(4 * n) + 'b' }))],
  join: [same('{% set r = ", ".join(x) %}', (n) => ({ x: words(n) })), same('{% set r = x.join(y) %}', (n) => ({ x: ' ', y: words(n) }))],
  format: [
    same('{% set r = x.format(*y, a=1) %}', (n) => ({ x: '{}{a}{{}}{!r:>5}'.repeat(n), y: words(2 * n) })),
    same('{% set r = x.format(1) %}', run('{', '{'), /'\}'/),
    same('{% set r = x.format(1) %}', run('{0:', '}'), /./),
  ],
  format_map: [same('{% set r = x.format_map(d) %}', (n) => ({ x: '{a}{b[0]}{{'.repeat(n), d: { a: 1, b: [2] } }))],
  translate: method('translate', '{32: "_", 97: none, 77: "MM"}'),
  maketrans: [same('{% set r = x.maketrans(x, x) %}', (n) => ({ x: 'abcdefgh'.repeat(n) })), same('{% set r = "".maketrans(d) %}', (n) => ({ d: Object.fromEntries(words(n).map((w, i) => [String.fromCodePoint(0x4e00 + i), w])) }))],
  zfill: method('zfill', 'w'), center: method('center', 'w', 'w, "*"'), ljust: method('ljust', 'w'), rjust: method('rjust', 'w', 'w, "-"'),
  partition: method('partition', '"M"', '"%(x"'), rpartition: method('rpartition', '"M"', '"%(x"'),
  removeprefix: method('removeprefix', '"a"'), removesuffix: method('removesuffix', '"M"'),
  isdigit: [...method('isdigit'), same('{% set r = x.isdigit() %}', run('9', 'x'))],
  isdecimal: [...method('isdecimal'), same('{% set r = x.isdecimal() %}', run('9', 'x'))],
  isnumeric: [...method('isnumeric'), same('{% set r = x.isnumeric() %}', run('9', 'x'))],
  isalpha: [...method('isalpha'), same('{% set r = x.isalpha() %}', run('a', '1'))],
  isalnum: [...method('isalnum'), same('{% set r = x.isalnum() %}', run('a', ' '))],
  isspace: [...method('isspace'), same('{% set r = x.isspace() %}', run(' ', 'x'))],
  isascii: method('isascii'), isidentifier: [...method('isidentifier'), same('{% set r = x.isidentifier() %}', run('a', ' '))],
  isprintable: [...method('isprintable'), same('{% set r = x.isprintable() %}', run('a', '\n'))],
  islower: [...method('islower'), same('{% set r = x.islower() %}', run('a', 'A'))],
  isupper: method('isupper'), istitle: [...method('istitle'), same('{% set r = x.istitle() %}', run('Aa ', 'AA'))],
  expandtabs: [...method('expandtabs', '', '4', '0'), same('{% set r = x.expandtabs() %}', run('a', '\t'))],
};

/** Markup's methods wrap the str ones (escaping arguments first): the first str case of each, on Markup text. */
export const MARKUP_METHOD_CASES: CaseTable = Object.fromEntries(
  Object.entries(STR_METHOD_CASES).map(([name, cases]) => [name, [{ ...cases[0], template: cases[0].template.replace(/\bx\./g, '(x | safe).') }]]),
);
MARKUP_METHOD_CASES.unescape = [same('{% set r = (x | safe).unescape() %}', text()), same('{% set r = (x | safe).unescape() %}', run('&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))];
MARKUP_METHOD_CASES.striptags = [same('{% set r = (x | safe).striptags() %}', text()), same('{% set r = (x | safe).striptags() %}', run('<!<!---->--'))];

export const TEXT_FILTER_CASES: CaseTable = {
  upper: filter('upper'), lower: filter('lower'), capitalize: filter('capitalize'), title: filter('title'),
  trim: [...filter('trim', '', '"M "'), same('Hi {{ x | trim }}!', (n) => ({ x: `M${' '.repeat(50 * n)}a` }))],
  center: filter('center', 'w'), replace: filter('replace', '" ", "--"', '"M", "", 3'),
  truncate: filter('truncate', 'w // 2', 'w // 2, true', '255, false, "...", 0'),
  indent: filter('indent', '', '4, true, true', '"> "'), format: [same('{% set r = x | format(*y) %}', (n) => ({ x: '%s-%r%%'.repeat(n), y: words(2 * n) }))],
  wordwrap: [...filter('wordwrap', '', '10', '10, false', '79, true, "\\n", false'), same('{% set r = x | wordwrap(5) %}', run('a-')), same('{% set r = x | wordwrap(5) %}', run('a', '-'.repeat(40)))],
  wordcount: filter('wordcount'), string: filter('string'), safe: filter('safe'),
  escape: filter('escape'), e: filter('e'), forceescape: filter('forceescape'),
  striptags: [...filter('striptags'), same('{% set r = x | striptags %}', run('<')), same('{% set r = x | striptags %}', run('<!--')), same('{% set r = x | striptags %}', run('<a>'))],
  urlencode: [...filter('urlencode'), same('{% set r = d | urlencode %}', (n) => ({ d: Object.fromEntries(words(n).map((w) => [w, `${w} &`])) }))],
  urlize: [
    ...filter('urlize', '', '10, true, "_blank", "x y"'),
    same('{% set r = x | urlize %}', run(')', 'x')), same('{% set r = x | urlize %}', run('(', 'x.com')),
    same('{% set r = x | urlize %}', run('&gt;', 'x')), same('{% set r = x | urlize %}', run('a.', 'com!')),
    same('{% set r = x | urlize %}', (n) => ({ x: `www.${'a.'.repeat(n)}com` })), same('{% set r = x | urlize %}', (n) => ({ x: `a@${'a.'.repeat(n)}!` })),
    same('{% set r = x | urlize %}', (n) => ({ x: `${'('.repeat(n)}x.com${')'.repeat(n)}` })), same('{% set r = x | urlize %}', (n) => ({ x: `http://[${'1:'.repeat(n)}]` })),
  ],
  xmlattr: [same('{% set r = d | xmlattr %}', (n) => ({ d: Object.fromEntries(words(n).map((w) => [w, `<${w}> & "q"`])) }))],
};
