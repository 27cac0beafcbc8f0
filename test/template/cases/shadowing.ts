/**
 * JSON keys named like Python methods. In the lenient dialect `order.items` (attribute
 * syntax, no call) reads the data, as the library always did; called, it is the method.
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
  ["items-attribute-prints-data", "{{ order.items }}", {"order": {"id": "A1", "items": ["pen", "ink"]}}],
  ["items-attribute-loop", "{% for i in order.items %}{{ i.sku }}x{{ i.qty }} {% endfor %}", {"order": {"items": [{"sku": "pen", "qty": 2}, {"sku": "ink", "qty": 1}]}}],
  ["items-attribute-length", "{{ order.items | length }} item(s)", {"order": {"items": [{"sku": "pen"}, {"sku": "ink"}, {"sku": "pad"}]}}],
  ["items-attribute-nested-range", "{% for o in orders %}{% for i in range(o.items) %}*{% endfor %}|{% endfor %}", {"orders": [{"items": 2}, {"items": 1}, {"items": 4}]}],
  ["items-attribute-null-takes-default", "{{ order.items | default('no items') }}", {"order": {"items": null}}],
  ["values-attribute-join", "{{ stats.values | join(', ') }}", {"stats": {"values": [3, 5, 8]}}],
  ["keys-attribute-string", "Key: {{ api.keys }}", {"api": {"keys": "primary"}}],
  ["get-attribute-string", "{{ prefs.get }}", {"prefs": {"get": "email"}}],
]);
