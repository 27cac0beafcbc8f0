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
