import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/template/index.js';
import { pformat } from '../../src/template/runtime/pformat.js';
import { makeTuple } from '../../src/template/runtime/types.js';
import { renderOutcome as outcome } from '../helpers/outcomes.js';

// Expectations from Python 3.11's pprint.pformat (what Jinja2's | pprint calls).
describe('pformat wraps at 80 columns like Python', () => {
  it.each([
    { name: 'a short list on one line', input: ['a', 1, null], expected: "['a', 1, None]" },
    { name: 'dict keys sorted', input: { b: 1, a: 2 }, expected: "{'a': 2, 'b': 1}" },
    { name: 'a long list one item per line', input: Array(12).fill('abcdefgh'), expected: `[${Array(12).fill("'abcdefgh'").join(',\n ')}]` },
    { name: 'a one-tuple keeps its comma', input: makeTuple(['word '.repeat(20)]), expected: "('word word word word word word word word word word word word word word word '\n 'word word word word word ',)" },
    { name: 'a top-level long string in parentheses', input: 'word '.repeat(20), expected: "('word word word word word word word word word word word word word word word '\n 'word word word word word ')" },
  ])('$name', ({ input, expected }) => {
    expect(pformat(input)).toBe(expected);
  });
});

describe('pprint stops at the output bound, counting the wrapped text', () => {
  // n items of 'abcdefghij': one line is 14n characters, wrapped it is 15n - 1.
  const t = compileTemplate('{{ l | pprint | length }}', { limits: { maxOutputLength: 989 } });
  const list = (n: number): string[] => Array.from({ length: n }, () => 'abcdefghij');
  it.each([
    { name: 'under', n: 65, ok: true },
    { name: 'at', n: 66, ok: true },
    { name: 'over (the one-line form would fit)', n: 67, ok: false },
  ])('$name', ({ n, ok }) => {
    if (ok) expect(t.render({ l: list(n) })).toBe(String(15 * n - 1));
    else expect(outcome(() => t.render({ l: list(n) }))).toMatch(/exceeded 989 characters/);
  });
});
