/**
 * The builtins rewritten as linear scans (issue 8: trim, strip, split, rsplit, expandtabs,
 * `%` formatting, urlize, striptags, sort, extend) still print what Jinja2 prints: each case
 * is rendered by the real Jinja2 (oracle.py) in this run and by the library, and compared.
 * Their growth is tested in test/complexity; this file pins their answers, small and large.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTemplateError } from '../../src/errors.js';
import { compileTemplate, renderTemplate } from '../../src/template/index.js';
import { stripTags } from '../../src/template/runtime/markup.js';
import { findJinjaPython, runOracle, type OracleCase } from './oracle-runner.js';

const SPACES = ' \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000';
const name = `M${' '.repeat(300)}a b`;

const cases: OracleCase[] = [
  ['trim-unicode-spaces', '[{{ s | trim }}]', { s: `${SPACES}a ${SPACES}b${SPACES}` }],
  ['trim-chars', '[{{ s | trim("xy") }}]', { s: 'xyaxbyx' }],
  ['trim-long-inner-run', '[{{ s | trim }}]', { s: name }],
  ['strip-methods', '[{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ s.rstrip("b ") }}]', { s: `  a ${SPACES}b  ` }],
  ['strip-all-space', '[{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}]', { s: SPACES }],
  ['split-none', '{{ s.split() }} {{ s.split(None, 1) }} {{ s.split(None, 0) }}', { s: ` a  b\u3000c${SPACES}` }],
  ['rsplit-none', '{{ s.rsplit() }} {{ s.rsplit(None, 1) }} {{ s.rsplit(None, 0) }} {{ s.rsplit(None, 2) }}', { s: ` a  b\u3000c ` }],
  ['rsplit-empty', '{{ "".rsplit(None, 1) }} {{ "   ".rsplit(None, 1) }} {{ "   ".split(None, 1) }}', {}],
  ['truncate-uses-rsplit', '{{ s | truncate(12) }}', { s: 'one two three four five' }],
  ['expandtabs', '{{ s.expandtabs() }}|{{ s.expandtabs(4) }}|{{ s.expandtabs(0) }}|{{ s.expandtabs(-1) }}', { s: 'a\tbc\t\r\td\n\t😀\tx' }],
  ['percent-keys', "{{ '%(a(b)c)s-%(x)5d|%%|%-4s|%.2f' % d }}", { d: { 'a(b)c': 'k', x: 7 } }],
  ['percent-incomplete-key', "{{ '%(a' % {} }}", {}],
  ['percent-tuple', "{{ '%s=%r %*d %.*f' % ('a', 'b', 4, 2, 2, 3.14159) }}", {}],
  ['percent-long-unclosed', "{{ ('%(' * 5000) % {} }}", {}],
  ['urlize-trailing', '{{ s | urlize }}', { s: 'see www.example.com). and (http://x.io/a)) <y.org> end,\nz.net.' }],
  ['urlize-parens-run', '{{ s | urlize }}', { s: `${')'.repeat(200)}x ${'('.repeat(50)}x.com${')'.repeat(80)}` }],
  ['striptags', '{{ s | striptags }}', { s: '<!<!---->--> a <b>bold</b> <!-- c <i> --> d &amp; <x' }],
  ['replace-empty', '{{ s.replace("", "-") }}|{{ s.replace("", "-", 2) }}|{{ "".replace("", "-") }}|{{ "".replace("", "-", 0) }}|{{ s | replace("", "+", 9) }}', { s: 'ab😀c' }],
  ['sort-large', '{{ (x | sort)[:3] }} {{ (x | sort(reverse=true))[:3] }} {{ x | sort | length }}', { x: Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2000) }],
  ['sort-strings', '{{ x | sort | join(",") }}', { x: ['b', 'a', '\u{1F600}', '\uffff', 'A', ''] }],
].map(([id, template, vars]) => ({ id: id as string, template: template as string, vars: vars as Record<string, unknown> }));

function render(c: OracleCase): { output?: string; error?: boolean } {
  try {
    return { output: renderTemplate(c.template, c.vars) };
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return { error: true };
  }
}

const python = findJinjaPython();

describe('linear builtins agree with Jinja2', () => {
  const rendered = python === null ? [] : runOracle(python, cases);
  it.skipIf(python === null).each(cases.map((c, i) => ({ ...c, i })))('renders $id as Jinja2 does', (c) => {
    const want = rendered[c.i];
    expect(render(c)).toEqual(want.error ? { error: true } : { output: want.expected });
  });
});

describe('linear builtins at the sizes that used to hang or crash', () => {
  it('trims a 262 KB name with spaces inside', () => {
    const x = `M${' '.repeat(262_000)}a`;
    expect(renderTemplate('Hi {{ x | trim }}!', { x })).toBe(`Hi ${x}!`);
  });

  it("refuses ('%(' * 131072) % {} as an incomplete format key", () => {
    expect(() => renderTemplate("{{ ('%(' * 131072) % {} }}", {})).toThrow(/incomplete format key/);
  });

  it.each([
    ['sort', '{{ (x | sort)[-1] }}'],
    ['list.sort', '{% set l = x | list %}{% set _ = l.sort() %}{{ l[-1] }}'],
    ['list.extend', '{% set l = [] %}{% set _ = l.extend(x) %}{{ l | length - 1 }}'],
  ])('%s handles 262,144 items without overflowing the stack', (_name, template) => {
    const x = Array.from({ length: 262_144 }, (_, i) => (i * 7919) % 262_144);
    // The unit budget would stop these first; here the walk itself is under test.
    expect(compileTemplate(template, { limits: { maxIterations: 1e9, maxRenderMs: 60_000 } }).render({ x })).toBe('262143');
  });
});

/** markupsafe's striptags loop, literally: find the first open, cut to the close after it, repeat. */
function markupsafeCuts(value: string): string {
  for (const [open, close] of [['<!--', '-->'], ['<', '>']]) {
    for (let start = value.indexOf(open); start !== -1; start = value.indexOf(open)) {
      const end = value.indexOf(close, start);
      if (end === -1) break;
      value = value.slice(0, start) + value.slice(end + close.length);
    }
  }
  return value;
}

describe('striptags', () => {
  it('cuts exactly what markupsafe cuts, including comments a cut joins back together', () => {
    const text = fc.array(fc.constantFrom('<', '!', '-', '>', 'a', ' '), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (s) => {
      expect(stripTags(s)).toBe(markupsafeCuts(s).split(' ').filter(Boolean).join(' '));
    }), { numRuns: 3000 });
  });
});
