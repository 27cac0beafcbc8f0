/**
 * The promise, as a property: a template that renders for one caller renders for every
 * caller, whatever data is missing or null. For generated templates (fragments of the
 * constructs voice templates use, over a caller/orders schema) and generated data that
 * render, removing any key, nulling any value or emptying any list never makes the render
 * throw, and the output never says `None`. fast-check shrinks a failure to the fewest
 * fragments and the smallest data, and the message prints that template.
 *
 *   PROPERTY_RUNS=2000 npx vitest run test/template/missing-data-property.test.ts   (default 150)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/template/index.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** Constructs authors write, each reading the data below; none prints a container. */
const FRAGMENTS = [
  'Hi {{ customer.first }}!',
  '{{ "Hi " ~ customer.first ~ " " ~ customer.last }}',
  '{{ customer.first | default("there") | title }}',
  '{% set name = customer.nickname | default(customer.first) %}{{ name | upper }}',
  '{% if customer.state in "CA,NV" %}west{% elif customer.state == "NY" %}east{% else %}other{% endif %}',
  '{% if customer.vip %}VIP {% endif %}{% if "vip" in customer.tags %}tagged{% endif %}',
  '{{ customer | tojson }}',
  '{{ ", ".join(customer.tags) }}',
  '{{ customer.tags | join(", ") }} ({{ customer.tags | length }})',
  '{{ customer.tags | first | default("none") }}',
  '{{ "%(first)s %(last)s" % customer }}',
  '{{ "{first} {last}".format(**customer) }}',
  '{{ customer.phone[-4:] }}',
  '{{ customer.phone.replace("-", "") }}',
  '{{ customer.first.title() }}{{ customer.last.upper() }}',
  'Balance: {{ "$%.2f" % account.balance }}',
  '{{ "{:,.2f}".format(account.balance) }}',
  '{{ account.balance | round(2) }} {{ (account.balance + account.fee) | default("unknown") }}',
  '{% if account.balance > 100 %}high{% elif account.balance > 0 %}some{% else %}none{% endif %}',
  '{{ account.balance * 2 - account.fee }}',
  '{{ "%d points" % account.points }} {{ account.points | int }}',
  '{% for i in range(account.points) %}*{% endfor %}',
  '{% for o in orders %}{{ loop.index }}. {{ o.id | upper }} {{ o.total | round(2) }}; {% else %}no orders{% endfor %}',
  '{% for o in orders %}{{ o.id ~ ":" ~ o.status }} {% endfor %}',
  '{% for o in orders if o.total > 10 %}{{ o.id }}{% endfor %}',
  '{{ orders | sort(attribute="total") | map(attribute="id") | join(",") }}',
  '{{ orders | map(attribute="total") | max }} {{ orders | map(attribute="total") | min }}',
  '{{ orders | sum(attribute="total") }}',
  '{% for g in orders | groupby("status") %}{{ g.grouper }}={{ g.list | length }} {% endfor %}',
  '{{ orders | selectattr("status", "equalto", "open") | list | length }}',
  '{{ (orders | first).id }} {{ (orders | last).total }}',
  '{% for name, phone in contacts %}{{ name }}: {{ phone }}; {% endfor %}',
  '{% for o in orders %}{% for item in o.items %}{{ item.sku }}x{{ item.qty }} {% endfor %}{% endfor %}',
  '{% for o in orders %}{{ o.items | length }}{% endfor %}',
  '{{ account.plan.name | default("basic") }} {{ account.get("plan") is none }}',
  '{{ customer.tags | sort | join(" ") }} {{ customer.tags | unique | list | length }}',
  '{{ account.balance | float }} {{ account.balance is number }}',
  '{% set total = namespace(n=0) %}{% for o in orders %}{% set total.n = total.n + o.total %}{% endfor %}{{ total.n }}',
  '{{ none }}{{ customer.middle }}',
  '{{ customer.first ~ (", " ~ customer.city if customer.city else "") }}',
];

const word = fc.constantFrom('Ana', 'Bo', 'maria', 'VIP', 'vip', 'Lee', 'new', 'CA', 'NY', 'TX');
const money = fc.integer({ min: -50_000, max: 500_000 }).map((cents) => cents / 100);
const order = fc.record({
  id: fc.constantFrom('a-1', 'b-2', 'c-3', 'd-4'),
  total: money,
  status: fc.constantFrom('open', 'paid', 'late'),
  items: fc.array(fc.record({ sku: word, qty: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 }),
});
const data = fc.record({
  customer: fc.record({
    first: word,
    last: word,
    nickname: word,
    state: fc.constantFrom('CA', 'NV', 'NY', 'TX'),
    vip: fc.boolean(),
    tags: fc.array(word, { maxLength: 4 }),
    phone: fc.constantFrom('+1-555-0100', '555-0199', '+44-20-7946'),
    city: word,
  }),
  account: fc.record({
    balance: money,
    fee: money,
    points: fc.integer({ min: 0, max: 20 }),
    plan: fc.record({ name: word }),
  }),
  orders: fc.array(order, { maxLength: 4 }),
  contacts: fc.array(fc.tuple(word, fc.constantFrom('+1-555-0100', '555-0199')), { maxLength: 3 }),
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation = { label: string; apply: (root: Json) => Json };

/** Every way to take data away: each key removed, each value nulled, each list emptied. */
function mutations(value: Json, path: (string | number)[] = []): Mutation[] {
  const out: Mutation[] = [];
  const here = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') || '(root)';
  if (path.length > 0) out.push({ label: `${here} = null`, apply: (root) => setAt(root, path, null) });
  if (Array.isArray(value)) {
    // A row inside a list (`{% for name, phone in contacts %}`) emptied is a row of the wrong
    // length, a wrong shape that stays an error as in Jinja2; nulled, it is missing data.
    const isRow = typeof path[path.length - 1] === 'number';
    if (value.length > 0 && !isRow) out.push({ label: `${here} = []`, apply: (root) => setAt(root, path, []) });
    value.forEach((item, i) => out.push(...mutations(item, [...path, i])));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key];
      out.push({ label: `remove ${at.join('.')}`, apply: (root) => setAt(root, at, undefined) });
      out.push(...mutations(item, at));
    }
  }
  return out;
}

/** A copy of `root` with the value at `path` replaced (undefined: the key removed). */
function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value as Json;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? setAt(item, rest, value) : item));
  const copy = { ...(root as Record<string, Json>) };
  if (rest.length === 0 && value === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, value);
  return copy;
}

/** The first mutation that throws or prints None, as a message; null when the promise holds. */
function broken(template: string, vars: Record<string, Json>): string | null {
  for (const m of mutations(vars)) {
    const mutated = m.apply(vars) as Record<string, unknown>;
    let output: string;
    try {
      output = renderTemplate(template, mutated);
    } catch (error) {
      return `${m.label}: threw ${String(error)}`;
    }
    if (output.includes('None')) return `${m.label}: printed ${JSON.stringify(output)}`;
  }
  return null;
}

describe('missing or null data never breaks a render', () => {
  it('holds for generated templates and every key removed, value nulled or list emptied', () => {
    const templateArb = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('\n'));
    let rendered = 0;
    fc.assert(
      fc.property(templateArb, data, (template, vars) => {
        const full = vars as unknown as Record<string, Json>;
        let baseline: string;
        try {
          baseline = renderTemplate(template, full);
        } catch {
          return; // only templates that render with the full data make the promise
        }
        rendered += 1;
        expect(baseline, `full data printed None:\n${template}`).not.toContain('None');
        const failure = broken(template, full);
        expect(failure, `template:\n${template}\ndata: ${JSON.stringify(full)}`).toBeNull();
      }),
      { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20_261_203) },
    );
    // The fragments are well-typed for the data, so nearly every generated template renders.
    expect(rendered).toBeGreaterThan(RUNS * 0.9);
  });

  it('takes every piece of data away in turn, and sees a None when one is printed', () => {
    const labels = mutations({ a: { b: [1, [2, 3]] } }).map((m) => m.label);
    expect(labels).toEqual(['remove a', '.a = null', 'remove a.b', '.a.b = null', '.a.b = []', '.a.b[0] = null', '.a.b[1] = null', '.a.b[1][0] = null', '.a.b[1][1] = null']);
    expect(broken('{{ [n] }}', { n: 1 })).toMatch(/^\.n = null: printed/);
    expect(broken('{{ n + 1 }} {{ "%.2f" % n }}', { n: 1 })).toBeNull();
  });
});
