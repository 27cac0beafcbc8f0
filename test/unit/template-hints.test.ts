import { describe, expect, it } from 'vitest';
import { TemplateError, isTemplateError } from '../../src/errors.js';
import { renderTemplate } from '../../src/template/index.js';
import { closestName, editDistance } from '../../src/template/suggest.js';

function thrownBy(template: string, variables: Record<string, unknown> = {}): TemplateError {
  try {
    renderTemplate(template, variables);
  } catch (error) {
    if (isTemplateError(error)) return error;
    throw error;
  }
  throw new Error('expected a TemplateError, nothing was thrown');
}

const cases = [
  { name: 'a misspelt filter', template: 'Hi {{ name | titel }}', kind: 'unknown_filter', hint: /^Did you mean 'title'\? Use a built-in Jinja2 filter/ },
  { name: 'a misspelt filter in a branch that runs', template: '{% if 1 %}{{ x | uper }}{% endif %}', kind: 'unknown_filter', hint: /^Did you mean 'upper'\?/ },
  { name: 'a filter nothing resembles', template: '{{ x | zzzzzzzz }}', kind: 'unknown_filter', hint: /^Use a built-in Jinja2 filter/ },
  { name: 'a misspelt test', template: '{{ x is defind }}', kind: 'unknown_test', hint: /^Did you mean 'defined'\? Use a built-in Jinja2 test/ },
  { name: 'calling a string', template: "{{ 'abc'() }}", kind: 'not_callable', hint: /remove the parentheses after the value/ },
  { name: 'a loop over the budget', template: '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}', kind: 'limit', hint: /loop over fewer items/ },
  { name: 'an unclosed block', template: '{% if x %}hi', kind: 'unclosed_block', hint: /\{% endif %\}/ },
  { name: 'a misplaced end tag', template: '{% if x %}{% endfor %}', kind: 'misplaced_tag', hint: /^Match the end tag near line 1, column 14/ },
  { name: 'an unsupported tag', template: "{% include 'x' %}", kind: 'unsupported_tag', hint: /write the text inline/ },
  { name: 'a stray token', template: '{{ 1 + }}', kind: 'syntax', hint: /^Fix the expression near line 1, column 8: every \{\{ needs a closing \}\}/ },
  { name: 'a forbidden attribute', template: '{{ x.__class__ }}', kind: 'forbidden', hint: /may read only the context's data/ },
  { name: 'a write to context data', template: '{{ items.append(1) }}', vars: { items: Object.freeze([1]) }, kind: 'read_only', hint: /read-only; build a new value/ },
  { name: 'a type mismatch', template: '{{ 1 + "a" }}', kind: 'type', hint: /is not of the type the template expects/ },
] as const;

describe('template error hints', () => {
  it.each(cases)('gives $name the $kind hint', ({ template, kind, hint, ...rest }) => {
    const error = thrownBy(template, 'vars' in rest ? (rest.vars as Record<string, unknown>) : {});
    expect(error.kind).toBe(kind);
    expect(error.hint).toMatch(hint);
  });

  it('gives every kind its own hint', () => {
    const hints = new Set(cases.map(({ template, ...rest }) => thrownBy(template, 'vars' in rest ? (rest.vars as Record<string, unknown>) : {}).hint.replace(/^Did you mean '\w+'\? /, '').replace(/line \d+, column \d+/, '')));
    expect(hints.size).toBe(new Set(cases.map((c) => c.kind)).size);
  });

  it('keeps a hint given by the thrower', () => {
    expect(new TemplateError('No filter named \'x\'', { hint: 'Custom.' }).hint).toBe('Custom.');
  });
});

describe('did you mean', () => {
  it.each([
    ['titel', ['title', 'trim', 'upper'], 'title'],
    ['frist_name', ['first_name', 'last_name'], 'first_name'],
    ['custmer', ['customer', 'account'], 'customer'],
    ['Customer', ['customer'], 'customer'],
    ['x', ['y', 'z'], undefined],
    ['balance', ['orders', 'account'], undefined],
  ] as const)('%s among %j suggests %s', (name, candidates, expected) => {
    expect(closestName(name, candidates)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect([editDistance('titel', 'title'), editDistance('abc', 'abc'), editDistance('', 'ab'), editDistance('kitten', 'sitting')]).toEqual([1, 0, 2, 3]);
  });
});
