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
