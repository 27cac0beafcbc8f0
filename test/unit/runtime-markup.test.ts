import { describe, expect, it } from 'vitest';
import { FILTERS } from '../../src/template/filters/index.js';
import { concatEscaped, markupEscape, outputEscaped } from '../../src/template/runtime/markup.js';
import { Markup } from '../../src/template/runtime/types.js';
import { pyRepr, pyStr } from '../../src/template/runtime/print.js';
import { binary } from '../../src/template/runtime/ops.js';

// Expected values are what oracle.py renders for the equivalent template under
// `{% autoescape true %}` (the compiler's output path once it calls these helpers).
const escapedOutput: { name: string; value: () => unknown; expected: string }[] = [
  { name: "{{ '<' | e | upper }}", value: () => FILTERS.upper(markupEscape('<'), [], undefined), expected: '&LT;' },
  { name: "{{ ('<' | safe) + '<' }}", value: () => binary('+', new Markup('<'), '<'), expected: '<&lt;' },
  { name: "{% set x = '<' | e %}{{ x }}", value: () => markupEscape('<'), expected: '&lt;' },
  { name: '{{ [x] }}', value: () => pyRepr([markupEscape('<')]), expected: '[Markup(&#39;&amp;lt;&#39;)]' },
  { name: "{{ x ~ '<' }}", value: () => concatEscaped(markupEscape('<'), '<'), expected: '&lt;&lt;' },
  { name: "{{ '<' ~ '<' }}", value: () => concatEscaped('<', '<'), expected: '&lt;&lt;' },
  { name: '{{ none }}', value: () => null, expected: '' },
  { name: "{{ '<' }}", value: () => '<', expected: '&lt;' },
];

describe('outputEscaped', () => {
  it.each(escapedOutput)('prints $name as Jinja2 does under autoescape', ({ value, expected }) => {
    expect(outputEscaped(value())).toBe(expected);
  });
});

/** Run a filter, catching its error: the filter table below compares outcomes, not exceptions. */
function outcome(name: string, input: unknown): { threw: boolean; text: string } {
  try {
    return { threw: false, text: pyStr(FILTERS[name](input, [], undefined)) };
  } catch {
    return { threw: true, text: '' };
  }
}

// Markup is a str subclass: every filter that takes a str takes Markup, with the same text
// (escape/forceescape aside, which is the point of Markup). markup/* corpus cases check the types.
// pprint shows the type (Markup('ab')); random is random.
const SKIP = new Set(['escape', 'e', 'forceescape', 'random', 'pprint']);

describe('filters on Markup', () => {
  it.each(Object.keys(FILTERS).filter((n) => !SKIP.has(n)))('%s accepts Markup wherever it accepts str', (name) => {
    for (const text of ['ab', 'a <b> c', '12']) {
      expect(outcome(name, new Markup(text))).toEqual(outcome(name, text));
    }
  });

  it('escapes str once and leaves Markup alone', () => {
    const once = markupEscape('<b>');
    expect(once.text).toBe('&lt;b&gt;');
    expect(markupEscape(once)).toBe(once);
    expect(pyStr(FILTERS.forceescape(once, [], undefined))).toBe('&amp;lt;b&amp;gt;');
  });
});
