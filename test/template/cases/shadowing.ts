/**
 * JSON keys named like Python methods. Only the forms where Jinja2 and the library
 * agree live here; `order.items` (attribute syntax, no call) is a deliberate
 * difference, kept in ../deliberate-differences.json.
 */
import { group } from './define.js';

const order = { id: 'A1', items: [{ sku: 'x', qty: 2 }, { sku: 'y', qty: 1 }], keys: 'k', values: [1, 2], count: 5 };

export const shadowing = group(['shadowing'], [
  ['item-syntax-reaches-data', '{% for i in order["items"] %}{{ i.sku }}{% endfor %}', { order }],
  ['call-reaches-method', '{% for k, v in order.items() %}{{ k }};{% endfor %}', { order }],
  ['keys-call', '{{ order.keys() | list }}', { order }],
  ['values-item', '{{ order["values"] }}', { order }],
  ['count-item', '{{ order["count"] + 1 }}', { order }],
  ['non-method-key', '{{ order.id }}', { order }],
  ['get-item-key', "{{ d['get'] }} {{ d.get('get') }}", { d: { get: 'data' } }],
  ['length-of-items-item', "{{ order['items'] | length }}", { order }],
  ['count-attribute-is-data', '{{ cart.count + 1 }}', { cart: { count: 5 } }],
  ['upper-key-on-dict', "{{ d['upper'] }}", { d: { upper: 'U' } }],
]);
