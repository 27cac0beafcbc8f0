import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTemplate, checkTemplate, compileTemplate } from '../../src/index.js';
import { findSpokenArtifacts } from '../../src/analysis/index.js';

const paths = (source: string) => analyzeTemplate(source).variables.map((v) => `${v.path}${v.hasDefault ? ' (default)' : ''}`);

const analyzeCases = [
  { name: 'dotted paths once each', source: 'Hi {{ customer.first_name }} {{ customer.first_name }} {{ account.tier }}', expected: ['customer.first_name', 'account.tier'] },
  { name: 'loop items as []', source: '{% for o in orders %}{{ o.total }} {{ loop.index }}{% endfor %}', expected: ['orders', 'orders[].total'] },
  { name: 'nested loops', source: '{% for o in orders %}{% for i in o.items %}{{ i.sku }}{% endfor %}{% endfor %}', expected: ['orders', 'orders[].items', 'orders[].items[].sku'] },
  { name: 'a loop over a sorted list', source: "{% for o in orders | sort(attribute='date') %}{{ o.id }}{% endfor %}", expected: ['orders', 'orders[].id'] },
  { name: 'subscripts with constant keys', source: "{{ customer['first_name'] }} {{ orders[0].total }}", expected: ['customer.first_name', 'orders[].total'] },
  { name: 'a method call reads its receiver', source: '{{ customer.name.upper() }}', expected: ['customer.name'] },
  { name: 'names the template defines', source: '{% set greeting = "Hi" %}{% macro m(who) %}{{ who }}{{ caller }}{% endmacro %}{{ greeting }} {{ m(name) }} {{ range(3) | list }}', expected: ['name'] },
  { name: 'set aliases a path', source: '{% set c = customer %}{{ c.first_name }}', expected: ['customer', 'customer.first_name'] },
  { name: 'with aliases a path', source: '{% with a = account %}{{ a.tier }}{% endwith %}', expected: ['account', 'account.tier'] },
  { name: '| default and | d', source: '{{ name | default("there") }} {{ tier | d("basic") }}', expected: ['name (default)', 'tier (default)'] },
  { name: 'a default on only one read', source: '{{ name | default("there") }} {{ name }}', expected: ['name'] },
  { name: 'an if test of the path', source: '{% if customer.first_name %}Hi {{ customer.first_name }}{% endif %}', expected: ['customer.first_name (default)'] },
  { name: 'is defined', source: '{% if vip is defined and vip %}VIP {{ vip }}{% endif %}', expected: ['vip (default)'] },
  { name: 'the else branch of is not defined', source: '{% if x is not defined %}none{% else %}{{ x }}{% endif %}', expected: ['x (default)'] },
  { name: 'not a guard in the else branch', source: '{% if x %}{{ x }}{% else %}{{ x.y }}{% endif %}', expected: ['x (default)', 'x.y'] },
  { name: 'a conditional expression', source: '{{ name if name else "there" }}', expected: ['name (default)'] },
  { name: 'or as a fallback', source: '{{ name or "there" }}', expected: ['name (default)'] },
  { name: 'a guard on a parent only', source: '{% if customer %}{{ customer.first_name }}{% endif %}', expected: ['customer (default)', 'customer.first_name'] },
  { name: 'a loop with else', source: '{% for o in orders %}{{ o }}{% else %}no orders{% endfor %}', expected: ['orders (default)', 'orders[]'] },
  { name: 'a default over a lookup', source: '{{ {"morning": "Good morning"}[time_of_day] | default("") }}', expected: ['time_of_day (default)'] },
  { name: 'filter and test arguments', source: '{{ items | join(sep) }}{% if n is divisibleby(k) %}{% endif %}', expected: ['items', 'sep', 'n (default)', 'k'] },
  { name: 'a filter block and a set block', source: '{% filter upper %}{{ a }}{% endfilter %}{% set b | trim %}{{ c }}{% endset %}{{ b }}', expected: ['a', 'c'] },
];

describe('analyzeTemplate', () => {
  it.each(analyzeCases)('lists $name', ({ source, expected }) => {
    expect(paths(source)).toEqual(expected);
  });

  it('gives the first place of each path, 1-based', () => {
    expect(analyzeTemplate('Hello\n  {{ customer.first_name }}').variables).toEqual([{ path: 'customer.first_name', line: 2, column: 6, hasDefault: false }]);
  });

  it('reports a syntax error with its position and excerpt', () => {
    const analysis = analyzeTemplate('Hi {{ name }}\n{% if x %}{% endfor %}');
    expect(analysis.ok).toBe(false);
    expect(analysis.error).toMatchObject({ line: 2, column: 14, excerpt: '{% if x %}{% endfor %}\n             ^' });
    expect(analysis.error?.message).toMatch(/^Unexpected 'endfor'/);
  });

  it('still lists the paths of a template whose only fault is an unknown filter', () => {
    const analysis = analyzeTemplate('{{ name | titel }}');
    expect(analysis).toMatchObject({ ok: false, variables: [{ path: 'name' }] });
    expect(analysis.error?.hint).toMatch(/Did you mean 'title'/);
  });

  it('never throws, and is ok exactly when the template compiles', () => {
    const pieces = fc.constantFrom('{{', '}}', '{%', '%}', ' if ', ' for ', ' in ', 'x', '.y', ' | upper', ' | nosuch', 'endif', 'endfor', '"', ' ', 'a');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (source) => {
        let compiles = true;
        try {
          compileTemplate(source);
        } catch {
          compiles = false;
        }
        expect(analyzeTemplate(source).ok).toBe(compiles);
      }),
      { numRuns: 300 },
    );
  });
});

const kinds = (source: string, variables: Record<string, unknown>) => checkTemplate(source, variables).findings.map((f) => `${f.severity} ${f.kind}${f.path ? ` ${f.path}` : ''}`);

const checkCases = [
  { name: 'a clean greeting', source: 'Hi {{ customer.first_name }}, welcome.', vars: { customer: { first_name: 'Maria' } }, expected: [] },
  { name: 'a missing path', source: 'Hi {{ first_name }}.', vars: {}, expected: ['error missing first_name', 'error spoken_artifact'] },
  { name: 'a missing path with a default', source: 'Hi {{ first_name | default("there") }}.', vars: {}, expected: [] },
  { name: 'a missing parent, once', source: '{{ customer.first_name }}{{ customer.last_name }}', vars: {}, expected: ['error missing customer.first_name'] },
  { name: 'a null value', source: 'Your plan: {{ plan }}', vars: { plan: null }, expected: ['warning null plan'] },
  { name: 'a loop item without the key', source: '{% for o in orders %}{{ o.id }}:{{ o.total }};{% endfor %}', vars: { orders: [{ id: 1, total: 2 }, { id: 2 }] }, expected: ['error missing orders[].total'] },
  { name: 'an unknown filter in a branch that did not run', source: '{% if vip %}{{ name | titel }}{% endif %}Hi', vars: { vip: false, name: 'x' }, expected: ['error unknown_filter'] },
  { name: 'an unknown test', source: '{% if x is defind %}{% endif %}', vars: { x: 1 }, expected: ['error unknown_filter'] },
  { name: 'a render error', source: '{{ 1 + name }}', vars: { name: 'x' }, expected: ['error render_error'] },
  { name: 'a syntax error', source: '{% if x %}', vars: {}, expected: ['error syntax'] },
  { name: 'an unused key', source: 'Hi', vars: { extra: 1 }, expected: ['info unused extra'] },
  { name: 'a timezone that is not an IANA name', source: 'At {{ current_time }}', vars: { current_time: '09:30', timezone: 'Mars/Olympus' }, expected: ['warning invalid_timezone timezone', 'info unused timezone'] },
  { name: 'a valid timezone', source: '{{ timezone }}', vars: { timezone: 'America/New_York' }, expected: [] },
];

describe('checkTemplate', () => {
  it.each(checkCases)('reports $name', ({ source, vars, expected }) => {
    expect(kinds(source, vars)).toEqual(expected);
  });

  it('is ok only without errors, and gives the render', () => {
    expect(checkTemplate('Plan: {{ plan }}', { plan: null })).toMatchObject({ ok: true, output: 'Plan: ' });
    expect(checkTemplate('Hi {{ name }}', {}).ok).toBe(false);
  });

  it.each([
    { name: 'a misspelt top-level name', source: 'Hi {{ custmer.first_name }}', vars: { customer: { first_name: 'M' } }, message: /^custmer is missing \(did you mean 'customer'\?\), so custmer\.first_name is empty: add it to the variables, or write \| default\("…"\) or \{% if custmer %\} where it is read\.$/ },
    { name: 'a misspelt key', source: 'Hi {{ customer.frist_name }}', vars: { customer: { first_name: 'M' } }, message: /did you mean 'first_name'\?/ },
    { name: 'an item by its index', source: '{% for o in orders %}{{ o.total }}{% endfor %}', vars: { orders: [{ total: 1 }, { totl: 2 }] }, message: /^orders\[\]\.total is missing in item 1 \(counting from 0\) \(did you mean 'totl'\?\): add it to every item/ },
    { name: 'a misspelt filter', source: '{{ name | titel }}', vars: { name: 'x' }, message: /^There is no filter named 'titel' \(\| titel\), so every call that reaches it fails: did you mean 'title'\?$/ },
    { name: 'a context. prefix', source: 'Hi {{ context.customer.first_name }}', vars: { customer: { first_name: 'M' } }, message: /^context is missing, so context\.customer\.first_name is empty: variables are the answer's top-level keys, so write \{\{ customer\.first_name \}\} instead of \{\{ context\.customer\.first_name \}\}\.$/ },
    { name: 'a null', source: 'Hi {{ name }}', vars: { name: null }, message: /^name is null, so the caller would hear nothing: send a value, or write \| default\("…"\) where it is printed\.$/ },
  ])('says how to fix $name in one sentence', ({ source, vars, message }) => {
    const finding = checkTemplate(source, vars).findings[0];
    expect(finding?.message).toMatch(message);
    expect(finding?.message.split(/[.?!] (?=[A-Z])/)).toHaveLength(1);
  });

  it('gives the position of a finding in the template', () => {
    expect(checkTemplate('Hello\n{{ x | nosuch }}', { x: 1 }).findings[0]).toMatchObject({ kind: 'unknown_filter', line: 2, column: 8 });
  });
});

const artifactCases = [
  { text: 'Your balance is None.', found: ['None'] },
  { text: 'Hi null, undefined and NaN', found: ['null', 'undefined', 'NaN'] },
  { text: 'Hi [object Object]', found: ['[object Object]'] },
  { text: "Your orders: ['a', 'b'] and {'x': 1}", found: ["['a', ", "{'x':"] },
  { text: 'Card [redacted] on file', found: ['[redacted]'] },
  { text: 'Hello {{ name }} and {% if %}', found: ['{{', '{%'] },
  { text: 'Hi , welcome back', found: [' ,'] },
  { text: 'Hi  Maria', found: ['  '] },
  { text: 'Thanks for calling.\nNone of your orders shipped', found: ['None'] },
  { text: 'Hi Maria, welcome back. nonetheless, a null_value and Nancy.', found: [] },
  { text: 'Line one.\n  Indented line.', found: [] },
];

describe('spoken artifacts', () => {
  it.each(artifactCases)('finds $found in "$text"', ({ text, found }) => {
    expect(findSpokenArtifacts(text).map((a) => a.text)).toEqual(found);
  });

  it('reports an artifact as an error with the fix', () => {
    const check = checkTemplate('Hi {{ customer }}', { customer: { a: 1 } });
    expect(check.ok).toBe(false);
    expect(check.findings[0]?.message).toMatch(/^The caller would hear "\{'a':" in "Hi \{'a': 1\}": a whole object was printed; print one of its fields instead/);
  });
});

describe('checkTemplate: what the caller actually hears decides the finding', () => {
  it.each([
    // The fix a missing-finding advises ({% if customer %}) clears it.
    { name: 'a read under a test of its absent prefix', source: '{% if customer %}Hi {{ customer.first_name }}.{% endif %}', vars: {}, kinds: [] },
    { name: 'a read under a test of its null prefix', source: '{% if customer %}Hi {{ customer.first_name }}.{% endif %}', vars: { customer: null }, kinds: [] },
    { name: 'a loop item under a test of its absent part', source: '{% for o in orders %}{% if o.customer %}{{ o.customer.name }} {% endif %}{% endfor %}', vars: { orders: [{ customer: { name: 'Ann' } }, {}] }, kinds: [] },
    { name: 'a tested prefix that is there, without the key', source: '{% if customer %}Hi {{ customer.first_name }}.{% endif %}', vars: { customer: { last_name: 'R' } }, kinds: ['missing', 'spoken_artifact'] },
    { name: 'the same read outside the test too', source: '{% if customer %}{{ customer.first_name }}{% endif %}Hi {{ customer.first_name }}!', vars: {}, kinds: ['missing', 'spoken_artifact'] },
    // A key whose value is undefined prints and tests like an absent one.
    { name: 'a key set to undefined', source: 'Hi {{ name }}!', vars: { name: undefined }, kinds: ['missing', 'spoken_artifact'] },
    // NaN and infinity print as Python does (nan, inf): never words for a caller.
    { name: 'a NaN', source: 'Your balance is {{ balance }}.', vars: { balance: Number.NaN }, kinds: ['spoken_artifact'] },
    { name: 'an infinity', source: 'Your balance is {{ balance }}.', vars: { balance: -Infinity }, kinds: ['spoken_artifact'] },
    { name: 'a NaN in a loop item', source: '{% for o in orders %}{{ o.total }}; {% endfor %}', vars: { orders: [{ total: 1 }, { total: Number.NaN }] }, kinds: ['spoken_artifact'] },
    { name: 'the word nan in the text, with no NaN in the data', source: 'Say hi to your nan, {{ name }}.', vars: { name: 'Maria' }, kinds: [] },
  ])('$name', ({ source, vars, kinds }) => {
    const check = checkTemplate(source, vars as Record<string, unknown>);
    expect(check.findings.map((f) => f.kind)).toEqual(kinds);
    expect(check.ok).toBe(kinds.length === 0);
  });
});

describe('checkTemplate: unused timezone', () => {
  // The zone filters default to the render's timezone, and the clock variables are said in it:
  // dropping it, as an `unused` finding advises, would change what the caller hears.
  it.each([
    { name: 'datetime without a zone argument', source: "{{ appt | datetime('%H:%M') }}", unused: false },
    { name: 'relative_day', source: '{{ appt | relative_day }}', unused: false },
    { name: 'current_time', source: '{{ current_time }} {{ appt }}', unused: false },
    { name: 'time_of_day', source: 'Good {{ time_of_day }} {{ appt }}', unused: false },
    { name: 'no zoned read', source: '{{ appt }}', unused: true },
  ])('$name: unused is $unused', ({ source, unused }) => {
    const vars = { appt: '2026-03-08T15:30:00Z', timezone: 'Asia/Kolkata', current_time: '21:00', time_of_day: 'evening' };
    const kinds = checkTemplate(source, vars).findings.filter((f) => f.path === 'timezone').map((f) => f.kind);
    expect(kinds).toEqual(unused ? ['unused'] : []);
  });
});
