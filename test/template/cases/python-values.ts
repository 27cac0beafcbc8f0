/** Python value behaviour beyond the basics: pprint's wrapping, HTML entities, casefold, int/float methods. */
import { group } from './define.js';

const order = {
  id: 'A-1042',
  customer: { name: 'Dana Whitfield', tier: 'gold', phone: '+1 415 555 0134', email: null },
  items: [
    { sku: 'CHAIR-OAK', title: 'Oak dining chair, set of two', qty: 2, price: 129.5 },
    { sku: 'TBL-EXT', title: 'Extendable table', qty: 1, price: 649.99 },
  ],
  notes: 'Leave at the side door. The dog is friendly but loud; please ring twice and wait a minute before leaving.',
};

export const pprint = group(['pprint'], [
  ['wrap-dict', '{{ order | pprint }}', { order }],
  ['wrap-nested-key-indent', '{{ {"order": order.customer, "n": [1, 2]} | pprint }}', { order }],
  ['wrap-list-of-dicts', '{{ order["items"] | pprint }}', { order }],
  ['long-string-top', '{{ order.notes | pprint }}', { order }],
  ['long-string-in-list', '{{ [order.notes] | pprint }}', { order }],
  ['long-string-quotes', '{{ s | pprint }}', { s: "it's the \"best\" plan we have, isn't it? " .repeat(4) }],
  ['long-string-lines', '{{ s | pprint }}', { s: 'Line one of the note\nline two, ' + 'which keeps going '.repeat(6) + '\n' }],
  ['long-word', '{{ [s, 1] | pprint }}', { s: 'x'.repeat(100) }],
  ['tuple-one', '{{ (s,) | pprint }}', { s: 'word '.repeat(20) }],
  ['tuple-many', '{{ (s, s, 3) | pprint }}', { s: 'word '.repeat(8) }],
  ['fits-80', '{{ l | pprint }}', { l: ['abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefg'] }],
  ['just-over-80', '{{ l | pprint }}', { l: ['abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefgh', 'abcdefgh'] }],
  ['deep-empty', '{{ [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | pprint }}'],
  ['markup-not-wrapped', '{{ [s | safe, s | safe] | pprint }}', { s: 'word '.repeat(12) }],
  ['unicode-width', '{{ {"k": s} | pprint }}', { s: 'caf\u00e9 \u{1F600} '.repeat(20) }],
  ['numbers', '{{ [n, 2.5, -0.125, true, none, n * 1000, 1e-7] * 4 | pprint }}', { n: 123456 }],
  ['null-values', '{{ {"a": x, "b": [x] * 30} | pprint }}', { x: null }],
  ['dict-items-view', '{{ d.items() | pprint }}', { d: { b: 'x'.repeat(50), a: 'y'.repeat(50) } }],
  ['range-list', '{{ range(30) | list | pprint }}'],
  ['groupby-tuples', '{{ l | groupby("a") | pprint }}', { l: [{ a: 1, z: 'x'.repeat(30) }, { a: 2, b: 'y'.repeat(40) }] }],
]);

const html4 = [
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2',
  'sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc',
  'Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve',
  'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute',
  'acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde',
  'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml quot amp lt',
  'gt OElig oelig Scaron scaron Yuml fnof circ tilde Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota',
  'Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta',
  'epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi',
  'psi omega thetasym upsih piv ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo',
  'rdquo bdquo dagger Dagger bull hellip permil prime Prime lsaquo rsaquo oline frasl euro image weierp',
  'real trade alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty',
  'nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4 sim cong',
  'asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang',
  'rang loz spades clubs hearts diams',
].join(' ').split(' ');
const numeric = [0, 1, 9, 10, 11, 13, 14, 65, 127, 128, 129, 0x8d, 0x9f, 0xa0, 0xd800, 0xfdd0, 0xfffe, 0x1f600, 0x10ffff, 0x110000];

export const entities = group(['entities'], [
  ['striptags-html4', '{{ s | striptags }}', { s: html4.map((n) => `&${n};`).join(' ') }],
  ['unescape-html4', '{{ (s | safe).unescape() }}', { s: html4.map((n) => `&${n};`).join('') }],
  ['bare-legacy-names', '{{ (s | safe).unescape() }}', { s: html4.map((n) => `&${n}x`).join(' ') }],
  ['numeric', '{{ (s | safe).unescape() | list }}', { s: numeric.map((n) => `&#${n};&#x${n.toString(16)}&#X${n.toString(16).toUpperCase()};`).join('') }],
  ['edge-forms', '{{ (s | safe).unescape() }}', { s: '&ampfoo; &amp;amp; &AMP; &AMP &copy2 &COPY; &apos; &notin; &notit; &nbspx &unknown; & &; &# &#x; &#0000000065; &Eacute &eacute;x' }],
  ['striptags-mixed', '{{ s | striptags }}', { s: '<p>Caf&eacute; &amp; cr&egrave;me<br/>  &mdash; <!-- c <b> --> &euro;5 &#8364;&nbsp;now &hellip;</p>' }],
]);

/** Code points first..last, less those Python 3.11's Unicode 14 does not know (Node's newer tables case them). */
function span(first: number, last: number): string {
  const newer = new Set([0x1c89, 0xa7cb, 0xa7cc, 0xa7ce, 0xa7d2, 0xa7d4, 0xa7da, 0xa7dc]);
  let s = '';
  for (let c = first; c <= last; c++) if (!newer.has(c) && (c < 0xd800 || c > 0xdfff)) s += String.fromCodePoint(c);
  return s;
}

export const casefold = group(['casefold'], [
  ['words', '{{ s.casefold() }}|{{ (s | safe).casefold() }}', { s: 'STRASSE Straße ΣΊΣΥΦΟΣ ΟΔΟΣ. ﬁnance ŉ ǰ ΐ İstanbul ꭰꮿ ᏸ Ꭰ µ ſ ẞ ᾈ' }],
  ['compare', '{{ a.casefold() == b.casefold() }} {{ a.lower() == b.lower() }}', { a: 'Straße', b: 'STRASSE' }],
  ['latin-greek-cyrillic', '{{ s.casefold() }}', { s: span(0x80, 0x58f) }],
  ['cherokee-georgian-extended', '{{ s.casefold() }}', { s: span(0x10a0, 0x10ff) + span(0x13a0, 0x13ff) + span(0x1c80, 0x1cbf) }],
  ['latin-greek-extended', '{{ s.casefold() }}', { s: span(0x1e00, 0x1fff) }],
  ['letterlike-glagolitic-coptic', '{{ s.casefold() }}', { s: span(0x2100, 0x218f) + span(0x24b6, 0x24e9) + span(0x2c00, 0x2d2f) }],
  ['cyrillic-latin-ext-cherokee-small', '{{ s.casefold() }}', { s: span(0xa640, 0xa7ff) + span(0xab70, 0xabbf) + span(0xfb00, 0xfb17) + span(0xff21, 0xff5a) }],
  ['astral-scripts', '{{ s.casefold() }}', { s: span(0x10400, 0x104ff) + span(0x10c80, 0x10cff) + span(0x118a0, 0x118df) + span(0x16e40, 0x16e7f) + span(0x1e900, 0x1e943) }],
]);

const nums = { n: 42, f: 2.75, t: true, neg: -255, tiny: 1e-300 };
export const numberMethods = group(['number-methods'], [
  ['is-integer', '{{ (1.5).is_integer() }} {{ f.is_integer() }} {{ (4 / 2).is_integer() }} {{ (10 / 4).is_integer() }}', nums],
  ['real-imag', '{{ n.real }} {{ n.imag }} {{ f.real }} {{ f.imag }} {{ t.real }} {{ t.imag }} {{ (4 / 2).real }} {{ (-0.0).real }}', nums],
  ['numerator-denominator', '{{ n.numerator }}/{{ n.denominator }} {{ t.numerator }}/{{ t.denominator }} [{{ f.numerator }}]', nums],
  ['bit-length-count', '{{ (255).bit_length() }} {{ neg.bit_length() }} {{ (0).bit_length() }} {{ t.bit_length() }} {{ (2 ** 60).bit_length() }} {{ (255).bit_count() }} {{ (-7).bit_count() }}', nums],
  ['as-integer-ratio', '{{ (3.5).as_integer_ratio() }} {{ (0.1).as_integer_ratio() }} {{ (4 / 2).as_integer_ratio() }} {{ n.as_integer_ratio() }} {{ t.as_integer_ratio() }} {{ (-2.5).as_integer_ratio() }} {{ (1e16).as_integer_ratio() }}', nums],
  ['ratio-unpack', '{% set p, q = f.as_integer_ratio() %}{{ p }} over {{ q }}', nums],
  ['conjugate', '{{ n.conjugate() }} {{ f.conjugate() }} {{ t.conjugate() }} {{ (4 / 2).conjugate() }}', nums],
  ['float-hex', '{{ (3.5).hex() }} {{ (0.1).hex() }} {{ (-0.0).hex() }} {{ (4 / 2).hex() }} {{ (1e-320).hex() }} {{ tiny.hex() }} {{ (1.7976931348623157e308).hex() }}', nums],
  ['type-specific-missing', '[{{ f.bit_length }}][{{ n.hex }}][{{ t.hex }}][{{ f.numerator }}]', nums],
  ['attribute-as-item', "{{ n['real'] }} {{ n.real.real }} {{ f['imag'] }}", nums],
  ['in-tests', '{{ n.real is number }} {{ (7).as_integer_ratio() is sequence }} {{ f.real + 1 }} {{ n.imag + f.imag }}', nums],
  ['arity-float', '{{ (1.5).is_integer(1) }}', nums],
  ['arity-int', '{{ n.bit_length(2) }}', nums],
  ['kwargs', '{{ f.hex(x=1) }}', nums],
]);

export const translateAndDictExtras = group(['str-translate'], [
  ['dict-table', "{{ 'hello'.translate({104: 'J', 108: none, 111: 48}) }}"],
  ['maketrans-two', "{{ 'hello'.translate(''.maketrans('el', 'ip')) }} {{ s.translate(s.maketrans('éö', 'eo')) }}", { s: 'héllo wörld' }],
  ['maketrans-delete', "{{ 'hello'.translate(''.maketrans('el', 'ip', 'o')) }}"],
  ['maketrans-dict', "{{ 'hello'.translate(''.maketrans({'h': 'J', 'o': none})) }} {{ 'hello'.translate(''.maketrans({104: 'J'})) }}"],
  ['list-table', "{{ 'hello'.translate(['x'] * 105) }} {{ 'hello'.translate({}) }}"],
  ['markup-keeps-values', "{{ ('<b>' | safe).translate({98: '&'}) }} {{ (s | safe).translate({98: '<i>'}) is escaped }}", { s: 'ab' }],
  ['bad-mapping', "{{ 'hello'.translate({104: 1.5}) }}"],
  ['maketrans-unequal', "{{ 'hello'.translate(''.maketrans('ab', 'x')) }}"],
  ['maketrans-long-key', "{{ 'hello'.translate(''.maketrans({'ab': 'x'})) }}"],
  ['translate-arity', "{{ 'hello'.translate() }}"],
  ['fromkeys', "{{ {}.fromkeys(['a', 'b']) }} {{ {}.fromkeys('xy', 0) }} {{ {'q': 1}.fromkeys([]) }} {{ d.fromkeys(['x'])['x'] is none }}", { d: { a: 1 } }],
  ['popitem', "{% set d = {'a': 1, 'b': 2} %}{{ d.popitem() }} {{ d }} {{ d.popitem() }} {{ d }}"],
  ['popitem-empty', '{% set d = {} %}{{ d.popitem() }}'],
]);
