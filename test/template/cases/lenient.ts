/**
 * The lenient dialect, rule by rule (../shared/jinja-oracle/README.md, "The lenient
 * dialect"): each group is one paragraph of that README, each row one of its examples
 * or a close variant, with the value missing and with it null.
 */
import { group, type CaseRow } from './define.js';

/** Each row twice: once with `x` (or the names listed) missing, once null; `[]` lists none: once, as written. */
function missingAndNull(rows: [id: string, template: string, vars?: Record<string, unknown>, absent?: string[]][]): CaseRow[] {
  return rows.flatMap(([id, template, vars, absent]) => {
    if (absent?.length === 0) return [[id, template, vars ?? {}]] as CaseRow[];
    const nulls = Object.fromEntries((absent ?? ['x']).map((k) => [k, null]));
    return [[`${id}-missing`, template, vars ?? {}], [`${id}-null`, template, { ...nulls, ...vars }]] as CaseRow[];
  });
}

export const none = group(['lenient-none', 'null'], [
  ['prints-empty', '[{{ none }}] [{{ None }}]'],
  ['concat', '[{{ "Hi " ~ none }}] [{{ none ~ "!" }}]'],
  ['in-list', '{{ [1, none] }} {{ {"a": none} }} {{ (none,) }}'],
  ['string-filter', '[{{ none | string }}] [{{ none | upper }}] {{ none | string | length }}'],
  ['join', '[{{ [none, "a"] | join("-") }}] [{{ ", ".join(["a", none]) }}]'],
  ['percent', '[{{ "%s" % none }}] [{{ "%s|%s" % ("a", none) }}]'],
  ['format', '[{{ "{}".format(none) }}] [{{ "{!r}".format(none) }}] [{{ "%r" % none }}]'],
  ['pprint', '{{ none | pprint }} {{ [none] | pprint }}'],
  ['equals-null', '{{ none == x }} {{ x == none }} {{ missing == none }} {{ none != x }}', { x: null }],
  ['sameas', '{{ x is sameas none }} {{ none is sameas none }} {{ missing is sameas none }} {{ 0 is sameas none }}', { x: null }],
  ['is-none', '{{ none is none }} {{ x is none }} {{ missing is none }} {{ none is defined }}', { x: null }],
  ['get-returns-null', '[{{ d.get("nickname") }}] [{{ "Hi " ~ d.get("nickname") }}] {{ d.get("nickname") is none }}', { d: { a: 1 } }],
  ['arith', '[{{ none + 1 }}] [{{ 1 - none }}] [{{ -none }}] [{{ (none * 2) | default("n/a") }}]'],
  ['ordering', '{{ none < 1 }} {{ none >= 0 }} {{ 1 > none }}'],
  ['set-then-use', '{% set n = none %}[{{ n }}] [{{ n ~ "x" }}] [{{ n.upper() }}] {{ n | length }}'],
  ['escape', '[{{ none | e }}] [{{ none | escape | length }}]'],
]);

export const comparisons = group(['lenient-compare', 'missing'], missingAndNull([
  ['balance-gt', '{% if account.balance > 0 %}owes{% else %}clear{% endif %}', { account: {} }, []],
  ['lt-le-ge', '{{ x < 1 }} {{ x <= 1 }} {{ x >= 1 }} {{ 1 > x }} {{ "a" < x }}'],
  ['eq-ne', '{{ x == 0 }} {{ x != 0 }} {{ x == "" }} {{ x == none }}'],
  ['tests', '{{ x is gt 1 }} {{ x is lt 1 }} {{ x is ge 1 }} {{ x is le 1 }} {{ x is eq 1 }} {{ x is ne 1 }}'],
  ['divisibleby-even-odd', '{{ x is divisibleby 3 }} {{ x is even }} {{ x is odd }} {{ 6 is divisibleby(x) }}'],
  ['defined-none', '{{ x is defined }} {{ x is undefined }} {{ x is none }} {{ x is sameas none }}'],
  ['type-tests', '{{ x is iterable }} {{ x is sequence }} {{ x is callable }} {{ x is mapping }} {{ x is string }} {{ x is number }}'],
]));

export const membership = group(['lenient-in', 'missing'], missingAndNull([
  ['state-in-string', '{% if caller.state in "CA,NV" %}west{% else %}elsewhere{% endif %}', { caller: { state: null } }, []],
  ['state-missing', '{% if caller.state in "CA,NV" %}west{% else %}elsewhere{% endif %}', { caller: {} }, []],
  ['in-none', '{{ "vip" in none }} {{ "vip" not in none }} {{ "vip" in x }} {{ "vip" not in x }}'],
  ['absent-in', '{{ x in "abc" }} {{ x not in "abc" }} {{ x in [1, 2] }} {{ x not in [1, 2] }} {{ x in {"a": 1} }}'],
  ['absent-in-list-with-null', '{{ x in [none] }} {{ none in [none] }} {{ none in [1] }}'],
  ['is-in', '{{ x is in "abc" }} {{ "a" is in x }} {{ x is in [1] }}'],
  ['select-in', '{{ ["a", "b"] | select("in", x) | list }} {{ ["a", "b"] | reject("in", x) | list }}'],
]));

export const loops = group(['lenient-loop', 'missing'], missingAndNull([
  ['for-else', '{% for i in x %}{{ i }}{% else %}none{% endfor %}'],
  ['range', '{% for i in range(x) %}{{ i }}{% else %}empty{% endfor %} {{ range(x) | list }} {{ range(1, x) | list }}'],
  ['range-count', '{% for i in range(count) %}*{% endfor %}.', {}, ['count']],
  ['unpack-set', '{% set a, b = x %}[{{ a }}][{{ b }}] {{ a is defined }}'],
  ['unpack-nested-set', '{% set (a, b), c = x %}[{{ a }}{{ b }}{{ c }}]'],
  ['unpack-nested-row', '{% set (a, b), c = [x, 1] %}[{{ a }}{{ b }}{{ c }}]'],
  ['loop-index', '{% for o in x %}{{ loop.index }}{% else %}{{ loop is defined }}{% endfor %}'],
]));

export const unpacking = group(['lenient-unpack', 'null'], [
  ['null-row', '{% for name, phone in rows %}[{{ name }}|{{ phone }}]{% endfor %}', { rows: [['Ana', '+1555'], null, ['Bo', null]] }],
  ['nested-null-row', '{% for (first, last), phone in rows %}[{{ first }} {{ last }}|{{ phone }}]{% endfor %}', { rows: [[null, '+1555'], [['A', 'B'], '+1']] }],
  ['recursive-null-child', '{% for name, kids in tree recursive %}{{ name }}({{ loop(kids) }}){% endfor %}', { tree: [['a', [['b', null], null]], null] }],
  ['dict-items-null', '{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}', { d: { a: null, b: 1 } }],
  ['wrong-length-is-error', '{% for a, b in rows %}{{ a }}{% endfor %}', { rows: [[1, 2, 3]] }],
  ['set-wrong-length-is-error', '{% set a, b = [1] %}{{ a }}'],
]);

export const arithmetic = group(['lenient-arith', 'missing'], missingAndNull([
  ['all-ops', '[{{ x + 1 }}|{{ x - 1 }}|{{ x * 2 }}|{{ x / 2 }}|{{ x // 2 }}|{{ x % 2 }}|{{ x ** 2 }}|{{ -x }}|{{ +x }}]'],
  ['reversed', '[{{ 1 + x }}|{{ 1 - x }}|{{ 2 * x }}|{{ 2 / x }}|{{ 2 // x }}|{{ 2 ** x }}|{{ "a" * x }}]'],
  ['chains', '[{{ (x + 1) * 2 }}] [{{ ((balance + fee) | default("unknown")) }}]', { fee: 2 }, ['x', 'balance']],
  ['div-zero', '[{{ x / 0 }}] [{{ x // 0 }}] [{{ x % 0 }}]'],
  ['string-plus', '[{{ "Order " + x }}] [{{ x + "!" }}]'],
  ['sum', '[{{ [1, x, 3] | sum }}] [{{ x | sum }}] [{{ [{"a": 1}, {"a": x}] | sum(attribute="a") }}]'],
]));

export const calls = group(['lenient-call', 'missing'], missingAndNull([
  ['call-absent', '[{{ x() }}] [{{ x.y() }}] [{{ x(1, a=2) }}]'],
  ['method-of-null-name', '[{{ customer.name.title() }}] [{{ customer.name.upper() | default("friend") }}]', { customer: { name: null } }, []],
  ['slice-bound', '[{{ phone[-digits:] }}] [{{ phone[:digits] }}] [{{ phone[::digits] }}]', { phone: '+15550100' }, ['digits']],
  ['slice-absent', '[{{ x[1:] }}] [{{ x[:2] }}]'],
]));

export const dictMethods = group(['lenient-dict-method', 'dict-method'], [
  ['items-key-missing', '{% for i in order.items %}{{ i }}{% else %}none{% endfor %} {{ order["items"] | length }}', { order: { id: 'A-1' } }],
  ['items-key-present', '{% for i in order.items %}{{ i }},{% endfor %} {{ order["items"] | length }}', { order: { items: ['a', 'b'] } }],
  ['items-called', '{{ order.items() | list }} {{ order.keys() | list }} {{ order.values() | list }}', { order: { id: 'A-1' } }],
  ['keys-values-get-pop', '[{{ order.keys }}] [{{ order.values }}] [{{ order.get }}] [{{ order.pop }}] [{{ order.update }}]', { order: { id: 'A-1' } }],
  ['key-present', '{{ order.keys }} {{ order.get }} {{ order.values | length }}', { order: { keys: 'k', get: 'g', values: [1, 2] } }],
  ['get-called', '{{ order.get("id") }} [{{ order.get("nope") }}] {{ order.get("nope", "d") }}', { order: { id: 'A-1' } }],
  ['nested', '{{ d.a.items | default("none") }} {{ d.a.copy is defined }}', { d: { a: { x: 1 } } }],
  ['sort-by-values-attr', '{{ rows | sort(attribute="values") | map(attribute="n") | list }}', { rows: [{ n: 1, values: 3 }, { n: 2, values: 1 }] }],
  ['literal-dict-is-not-data', '{{ {"a": 1}.items() | list }}'],
]);

export const text = group(['lenient-text', 'null'], missingAndNull([
  ['concat', '[{{ "Hi " ~ x }}] [{{ x ~ "!" }}]'],
  ['string-filters', '[{{ x | string }}] [{{ x | upper }}] [{{ x | lower }}] [{{ x | title }}] [{{ x | capitalize }}] [{{ x | trim }}]'],
  ['join', '[{{ ["a", x, "b"] | join(",") }}] [{{ ", ".join(["a", x]) }}] [{{ x | join(",") }}]'],
  ['percent-s', '[{{ "%s" % x }}] [{{ "%6s|" % x }}] [{{ "%-4s|" % x }}] [{{ "%s and %s" % ("a", x) }}]'],
  ['str-format', '[{{ "{}".format(x) }}] [{{ "{:>6}".format(x) }}] [{{ "{:<3}|".format(x) }}] [{{ "{0}-{0}".format(x) }}]'],
  ['repr-keeps-none', '[{{ "%r" % x }}] [{{ "{!r}".format(x) }}] [{{ [x] }}] [{{ x | pprint }}]'],
  ['tojson', '{{ x | tojson }} {{ [x, 1] | tojson }} {{ {"a": x} | tojson }}'],
  ['customer-tojson', '{{ customer | tojson }}', {}, ['customer']],
  ['wordcount-wordwrap', '{{ x | wordcount }} [{{ x | wordwrap(5) }}] [{{ x | center(4) }}] [{{ x | indent }}]'],
  ['replace-truncate', '[{{ x | replace("a", "b") }}] [{{ x | truncate(5) }}] [{{ x | striptags }}] [{{ x | urlize }}]'],
  ['escape', '[{{ x | e }}] [{{ x | forceescape }}] [{{ x | safe }}]'],
  ['urlencode', '[{{ x | urlencode }}] [{{ [["a", 1], x] | urlencode }}] [{{ {"a": x} | urlencode }}]'],
  ['xmlattr', '[{{ x | xmlattr }}] [{{ {"a": x, "b": 1} | xmlattr }}]'],
]));

export const numbers = group(['lenient-number', 'money'], missingAndNull([
  ['percent-f', '[{{ "$%.2f" % x }}] [{{ "%d points" % x }}] [{{ "%x|%o|%c|%e|%g" % (x, x, x, x, x) }}]'],
  ['percent-width', '[{{ "%6.2f|" % x }}] [{{ "%05d|" % x }}] [{{ "%*d|" % (4, x) }}]'],
  ['percent-mixed', '[{{ "%s owes $%.2f" % ("Ana", x) }}] [{{ "%(n)s: %(v).2f" % {"n": "A", "v": x} }}]'],
  ['format-numeric', '[{{ "{:,.2f}".format(x) }}] [{{ "{:d}".format(x) }}] [{{ "{:c}".format(x) }}] [{{ "{:%Y}".format(x) }}] [{{ "{:08.3f}|".format(x) }}]'],
  ['format-filter', '[{{ "%.2f" | format(x) }}] [{{ "%s-%d" | format("a", x) }}]'],
  ['int-float', '{{ x | int }} {{ x | float }} {{ x | int(-1) }} {{ x | float(1.5) }} {{ x | int(default=7) }}'],
  ['round-abs', '[{{ x | round }}] [{{ x | round(2) }}] [{{ x | round(2, "floor") }}] [{{ x | abs }}] [{{ x | round | default("n/a") }}]'],
  ['length-count', '{{ x | length }} {{ x | count }}'],
  ['filesizeformat', '[{{ x | filesizeformat }}]'],
]));

export const placeholders = group(['lenient-placeholder', 'formatting'], [
  ['percent-mapping-missing-key', '[{{ "%(first)s %(last)s" % customer }}]', { customer: { first: 'Ana' } }],
  ['percent-mapping-null-key', '[{{ "%(first)s %(last)s" % customer }}]', { customer: { first: 'Ana', last: null } }],
  ['percent-mapping-absent', '[{{ "%(first)s %(last)s" % customer }}] [{{ "%(n).2f" % customer }}]'],
  ['format-kwargs-missing', '[{{ "{first} {last}".format(**customer) }}]', { customer: { first: 'Ana' } }],
  ['format-index-missing', '[{{ "{0[first]} {0[last]}".format(customer) }}]', { customer: { first: 'Ana' } }],
  ['format-map-missing', '[{{ "{first} {last}".format_map(customer) }}]', { customer: { first: 'Ana' } }],
  ['format-keyword-missing', '[{{ "{a}-{b}".format(a=1) }}]'],
  ['too-few-positional-is-error', '{{ "{} {}".format(1) }}'],
  ['too-few-percent-is-error', '{{ "%s %s" % ("a",) }}'],
  ['percent-string-to-f-is-error', '{{ "%.2f" % amount }}', { amount: '12.50' }],
]);

export const sequences = group(['lenient-sequence', 'filter'], missingAndNull([
  ['empty', '[{{ x | join(",") }}] [{{ x | sort }}] [{{ x | first }}] [{{ x | last }}] [{{ x | sum }}] [{{ x | list }}] [{{ x | unique | list }}]'],
  ['iterators', '{{ x | map("upper") | list }} {{ x | select | list }} {{ x | reject | list }} {{ x | selectattr("a") | list }} {{ x | rejectattr("a") | list }}'],
  ['more', '{{ x | batch(2) | list }} {{ x | slice(2) | list }} {{ x | reverse | list }} [{{ x | min }}] [{{ x | max }}] {{ x | groupby("a") }} {{ x | dictsort }} {{ x | items | list }}'],
]));

export const ordering = group(['lenient-order', 'null'], [
  ['sort-null-last', '{{ [3, none, 1, missing, 2] | sort }} {{ [3, none, 1, 2] | sort(reverse=true) }}'],
  ['sort-attribute', '{{ tickets | sort(attribute="due") | map(attribute="id") | join(" ") }}', { tickets: [{ id: 'TK-1', due: null }, { id: 'TK-2' }, { id: 'TK-3', due: '2024-01-02' }, { id: 'TK-4', due: '2024-01-01' }] }],
  ['sort-attribute-reverse', '{{ tickets | sort(attribute="due", reverse=true) | map(attribute="id") | join(" ") }}', { tickets: [{ id: 'TK-1', due: null }, { id: 'TK-2' }, { id: 'TK-3', due: '2024-01-02' }, { id: 'TK-4', due: '2024-01-01' }] }],
  ['sort-strings', '{{ ["b", none, "A", "c"] | sort }} {{ ["b", none, "A"] | sort(case_sensitive=true) }}'],
  ['sort-multi-attribute', '{{ rows | sort(attribute="a,b") | map(attribute="n") | join }}', { rows: [{ n: 1, a: 1, b: null }, { n: 2, a: 1, b: 0 }, { n: 3, a: null, b: 1 }, { n: 4, a: 0, b: 5 }] }],
  ['dictsort-values', '{{ d | dictsort(by="value") }} {{ d | dictsort(by="value", reverse=true) }}', { d: { a: 2, b: null, c: 1, e: null } }],
  ['dictsort-keys', '{{ d | dictsort }} {{ d | dictsort(reverse=true) }}', { d: { b: null, a: 1 } }],
  ['min-max', '{{ [none, 42, 55] | max }} {{ [none, 42, 55] | min }} [{{ [none, none] | max }}] {{ ["b", none, "a"] | min }}'],
  ['min-max-attribute', '{{ (rows | max(attribute="v")).n }} {{ (rows | min(attribute="v")).n }}', { rows: [{ n: 1, v: null }, { n: 2, v: 5 }, { n: 3 }, { n: 4, v: 3 }] }],
  ['groupby-absent-last', '{% for g in rows | groupby("status") %}[{{ g.grouper }}:{{ g.list | map(attribute="id") | join(",") }}]{% endfor %}', { rows: [{ id: 1, status: 'open' }, { id: 2, status: null }, { id: 3 }, { id: 4, status: 'closed' }, { id: 5, status: 'open' }] }],
  ['groupby-default', '{% for g in rows | groupby("status", default="none") %}[{{ g.grouper }}:{{ g.list | length }}]{% endfor %}', { rows: [{ id: 1, status: 'open' }, { id: 2, status: null }, { id: 3 }] }],
  ['map-default-null', '{{ [{"s": none}, {}] | map(attribute="s", default="?") | list }} {{ rows | map(attribute="s", default="-") | join }}', { rows: [{ s: 'a' }, { s: null }, {}] }],
  ['unique-null', '{{ [none, 1, none, missing] | unique | list }}'],
  ['sum-missing-term', '[{{ [1, none, 2] | sum }}] [{{ rows | sum(attribute="v") }}]', { rows: [{ v: 1 }, {}] }],
]);

export const filterArgs = group(['lenient-filter-arg', 'filter'], [
  ['truncate-limit', '[{{ "Thanks for calling" | truncate(limit) }}] [{{ "Thanks for calling Northwind" | truncate(10, killwords) }}]'],
  ['wordwrap-width', '[{{ "a b" | wordwrap(width) }}] [{{ "a b" | wordwrap(none) }}]'],
  ['center-round-join', '[{{ "ab" | center(n) }}] [{{ 2.567 | round(digits) }}] [{{ ["a", "b"] | join(sep) }}] [{{ 2.5 | round(1, method) }}]'],
  ['int-base-default', '{{ "12" | int(none) }} {{ "ff" | int(0, base) }} {{ x | int(fallback) }}'],
  ['indent-width', '[{{ "a\nb" | indent(w) }}] [{{ "a\nb" | indent(2, first) }}]'],
  ['default-fallback-is-value', '[{{ missing | default(none) }}] [{{ missing | default(other) }}] [{{ missing | d(other, true) }}]'],
  ['batch-missing', '{{ [1, 2, 3] | batch(n) | list }} {{ [1, 2, 3] | batch(2, fill) | list }}'],
  ['slice-missing', '{{ [1, 2, 3] | slice(n) | list }}'],
  ['replace-count', '[{{ "a-b-c" | replace("-", "", n) }}] [{{ "a-b" | replace(missing, "x") }}]'],
  ['sort-attribute-arg', '{{ [3, 1] | sort(attribute=attr) }} {{ [3, 1] | sort(reverse=r) }}'],
  ['map-missing-filter', '{{ ["a"] | map(f) | list }}'],
  ['truncate-end', '[{{ "Thanks for calling Northwind" | truncate(9, false, end) }}]'],
  ['filesizeformat-binary', '{{ 2048 | filesizeformat(b) }}'],
  ['tojson-indent', '{{ {"b": 1, "a": 2} | tojson(indent) }}'],
  ['unique-attribute', '{{ [1, 2, 1] | unique(attribute=a) | list }}'],
]);

export const methodArgs = group(['lenient-method-arg', 'python'], [
  ['split', '{{ "a b".split(missing) }} {{ "a b".split(none) }} {{ "a,b,c".split(",", n) }} {{ "a b".rsplit(none) }}'],
  ['replace-count', '{{ "a-b-c".replace("-", "", none) }} {{ "a-b-c".replace("-", "", missing) }}'],
  ['startswith', '{{ "abc".startswith("a", none) }} {{ "abc".startswith(missing) }} {{ "abc".endswith(none) }} {{ "abc".startswith("b", n) }}'],
  ['find-count', '{{ "abc".find(missing) }} {{ "abca".count("a", none) }} {{ "abc".find("c", n, none) }}'],
  ['strip-center', '[{{ " a ".strip(none) }}] [{{ " a ".strip(missing) }}] [{{ "a".center(n) }}] [{{ "a".ljust(3, missing) }}] [{{ "7".zfill(n) }}]'],
  ['index-missing', '[{{ ["bronze", "silver", "gold"].index(tier) }}] [{{ ["bronze", "silver", "gold"].index(tier) | default("none") }}]'],
  ['remove-missing', '{% set tags = ["a", "b"] %}{{ tags.remove(tag) }}{{ tags }}'],
  ['phone-replace-missing', '[{{ phone.replace(missing, "") }}]', { phone: '+1-555' }],
  ['translate-null', '{{ "hello".translate({108: none}) }}'],
  ['join-null-items', '[{{ ", ".join(tags) }}]', { tags: ['vip', null, 'new'] }],
  ['markup-join-null-items', '{% autoescape true %}[{{ (", " | safe).join(tags) }}]{% endautoescape %}', { tags: ['<vip>', null] }],
  ['get-default-null', '[{{ d.get("a", none) }}] [{{ d.get(missing) }}] [{{ d.get(missing, "x") }}]', { d: { a: 1 } }],
  ['list-methods', '{% set l = [3, 1] %}{{ l.count(missing) }} {{ l.pop(missing) }} {{ l }}'],
  ['capitalize-format', '[{{ missing.capitalize() }}] [{{ "x".upper(missing) }}]'],
  ['split-wrong-arg-is-error', '{{ "a,b".split(",", "x") }}'],
  ['index-defined-missing-is-error', '{{ ["a"].index("b") }}'],
  ['call-string-is-error', '{{ name() }}', { name: 'Ana' }],
]);
