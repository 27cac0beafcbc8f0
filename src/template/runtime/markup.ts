/**
 * markupsafe's Markup semantics (markupsafe 3.0, as Jinja2 3.1 uses it): escaping, `+`,
 * `*`, `%`, and the str methods that escape their arguments and return Markup again.
 */
import { TemplateError } from '../../errors.js';
import { Markup, makeTuple, type Kwargs } from './types.js';
import { outputValue, pyStr } from './print.js';
import { typeName } from './values.js';
import { percentFormat } from './percent-format.js';
import { mappingLookup, strFormat } from './str-format.js';
import { iterate } from './access.js';
import { STR_METHODS } from './str-methods.js';
import { currentBudget } from '../limits.js';
import { pySplit } from './text.js';
import { NAMED_REFERENCES } from './html-entities.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** markupsafe.escape on text: & < > " ' as entities. */
export function escapeHtml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : s;
}

/** markupsafe.escape(v): Markup stays as it is; anything else is str()'d and escaped. */
export function markupEscape(v: unknown): Markup {
  if (v instanceof Markup) return v;
  // Null escapes to '' (null as text is empty in the lenient dialect).
  return new Markup(escapeHtml(pyStr(v)));
}

/** Wrap `result` as Markup when `self` was Markup (soft_str(x).upper() and the like). */
export function keepMarkup(self: unknown, result: unknown): unknown {
  return self instanceof Markup && typeof result === 'string' ? new Markup(result) : result;
}

/**
 * `{{ v }}` under `{% autoescape true %}`: Markup prints its text, everything else is
 * escaped after finalize (None and undefined print nothing). For the compiler's output.
 */
export function outputEscaped(v: unknown): string {
  if (typeof v === 'string') return escapeHtml(v);
  return v instanceof Markup ? v.text : escapeHtml(outputValue(v));
}

/**
 * `a ~ b` under autoescape: Jinja2's markup_join, which escapes the plain parts once
 * any part is Markup (and otherwise joins plain text, escaped later on output).
 */
export function concatEscaped(a: unknown, b: unknown): unknown {
  if (!(a instanceof Markup) && !(b instanceof Markup)) return pyStr(a) + pyStr(b);
  return new Markup(markupEscape(a).text + markupEscape(b).text);
}

/** markupsafe's __add__/__radd__: the other operand is escaped; None is a TypeError. */
export function markupAdd(a: unknown, b: unknown): Markup | undefined {
  const other = a instanceof Markup ? b : a;
  // Null has no __html__, so null's own + answers: undefined, as arithmetic on null gives.
  if (other === null) return undefined;
  // Jinja2's Undefined has __html__; int, lists do not.
  if (typeof other !== 'string' && !(other instanceof Markup) && other !== undefined) {
    throw new TemplateError(`unsupported operand type(s) for +: '${typeName(a)}' and '${typeName(b)}'`);
  }
  const text = markupEscape(a).text + markupEscape(b).text;
  currentBudget().checkLength(text.length);
  return new Markup(text);
}

/** Markup % args: each argument's str()/repr() is escaped, numbers format as numbers. */
export function markupPercent(m: Markup, args: unknown): Markup {
  return new Markup(percentFormat(m.text, args, escapeHtml));
}

type Method = (self: Markup, args: unknown[], kwargs: Kwargs) => unknown;

/** Call the str method on the text, with the arguments at `escaped` positions escaped. */
function viaStr(name: string, wrap: 'markup' | 'list' | 'tuple' | 'none', escaped: number[] = []): Method {
  return (self, args, kwargs) => {
    const a = escaped.length ? args.map((x, i) => (escaped.includes(i) && x !== undefined ? markupEscape(x).text : x)) : args;
    const rv = STR_METHODS[name](self.text, a, kwargs);
    if (wrap === 'markup') return keepMarkup(self, rv);
    if (wrap === 'none') return rv;
    const items = (rv as unknown[]).map((x) => new Markup(x as string));
    return wrap === 'tuple' ? makeTuple(items) : items;
  };
}

const WRAPPED = ['capitalize', 'title', 'lower', 'upper', 'lstrip', 'rstrip', 'strip', 'expandtabs', 'swapcase', 'zfill', 'casefold', 'removeprefix', 'removesuffix', 'translate'];

/** Markup's own methods; the rest of str's methods work on the text and return plain values. */
export const MARKUP_METHODS: Record<string, Method> = Object.assign(Object.create(null) as Record<string, Method>, {
  replace: viaStr('replace', 'markup', [1]),
  ljust: viaStr('ljust', 'markup', [1]),
  rjust: viaStr('rjust', 'markup', [1]),
  center: viaStr('center', 'markup', [1]),
  split: viaStr('split', 'list'),
  rsplit: viaStr('rsplit', 'list'),
  splitlines: viaStr('splitlines', 'list'),
  partition: viaStr('partition', 'tuple'),
  rpartition: viaStr('rpartition', 'tuple'),
  join: (self: Markup, args: unknown[], kwargs: Kwargs) => {
    if (args.length !== 1 || (kwargs && Object.keys(kwargs).length)) return STR_METHODS.join(self.text, args, kwargs);
    // Undefined and null items join as empty text, as str.join does (lenient).
    const items = iterate(args[0]).map((x, i) => {
      if (x === undefined || x === null) return '';
      if (typeof x !== 'string' && !(x instanceof Markup)) throw new TemplateError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
      return markupEscape(x).text;
    });
    return new Markup(items.join(self.text));
  },
  format: (self: Markup, args: unknown[], kwargs: Kwargs) => new Markup(strFormat(self.text, args, kwargs, escapeHtml)),
  format_map: (self: Markup, args: unknown[], kwargs: Kwargs) => {
    if (args.length !== 1 || (kwargs && Object.keys(kwargs).length)) throw new TemplateError('format_map() takes exactly one argument');
    return new Markup(strFormat(self.text, [], undefined, escapeHtml, mappingLookup(args[0])));
  },
  unescape: (self: Markup) => unescapeHtml(self.text),
  striptags: (self: Markup) => stripTags(self.text),
});
for (const name of WRAPPED) if (STR_METHODS[name]) MARKUP_METHODS[name] = viaStr(name, 'markup');
for (const name of Object.keys(STR_METHODS)) MARKUP_METHODS[name] ??= viaStr(name, 'none');

// html.unescape's pattern: numeric references, or up to 32 characters of a name, `;` optional.
const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

// What html.unescape gives for numeric references that HTML5 remaps (C1 controls as cp1252).
const REMAPPED: Record<number, string> = {
  0x00: '\ufffd', 0x0d: '\r', 0x80: '\u20ac', 0x82: '\u201a', 0x83: '\u0192', 0x84: '\u201e', 0x85: '\u2026',
  0x86: '\u2020', 0x87: '\u2021', 0x88: '\u02c6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152',
  0x8e: '\u017d', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022', 0x96: '\u2013',
  0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a', 0x9c: '\u0153', 0x9e: '\u017e',
  0x9f: '\u0178', 0x81: '\x81', 0x8d: '\x8d', 0x8f: '\x8f', 0x90: '\x90', 0x9d: '\x9d',
};

/** Code points html.unescape drops: controls, noncharacters. */
function isDroppedCodePoint(cp: number): boolean {
  return (cp >= 0x1 && cp <= 0x8) || cp === 0xb || (cp >= 0xe && cp <= 0x1f) || (cp >= 0x7f && cp <= 0x9f)
    || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

function numericReference(ref: string): string {
  const hex = ref[1] === 'x' || ref[1] === 'X';
  const digits = ref.slice(hex ? 2 : 1).replace(/;$/, '').replace(/^0+(?=.)/, '');
  const cp = digits.length > 8 ? Infinity : parseInt(digits, hex ? 16 : 10);
  if (Object.hasOwn(REMAPPED, cp)) return REMAPPED[cp];
  if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return '\ufffd';
  return isDroppedCodePoint(cp) ? '' : String.fromCodePoint(cp);
}

/** Python's html.unescape, with the named references of html-entities.ts. */
export function unescapeHtml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(CHARREF, (m, ref: string) => {
    if (ref[0] === '#') return numericReference(ref);
    const whole = NAMED_REFERENCES.get(ref);
    if (whole !== undefined) return whole;
    // The longest prefix that is a name (only names valid without `;` can match here).
    const chars = Array.from(ref);
    for (let x = chars.length - 1; x > 1; x--) {
      const found = NAMED_REFERENCES.get(chars.slice(0, x).join(''));
      if (found !== undefined) return found + chars.slice(x).join('');
    }
    return m;
  });
}

/**
 * markupsafe's loop `while (start := s.find(open)) != -1: cut s[start:s.find(close, start) + len(close)]`,
 * in one pass. Rebuilding the string per cut was quadratic in the number of tags (issue 8).
 * A cut can join text before it with text after it into a new `open` (`<!<!---->--`); markupsafe
 * finds it on its next search from 0, so the last few kept characters stay open to matching.
 */
function cutSpans(s: string, open: string, close: string): string {
  const keep = open.length - 1;
  // The kept text is `kept` (in pieces, never rebuilt) then `tail`, its last `keep` characters.
  const kept: string[] = [];
  let tail = '';
  let pos = 0;
  const settle = (): void => {
    if (tail.length > keep) {
      kept.push(tail.slice(0, tail.length - keep));
      tail = tail.slice(tail.length - keep);
    }
    while (tail.length < keep && kept.length > 0) {
      const last = kept.pop()!;
      const need = keep - tail.length;
      if (last.length > need) kept.push(last.slice(0, last.length - need));
      tail = last.slice(Math.max(0, last.length - need)) + tail;
    }
  };
  for (;;) {
    // Positions below `pos` are in `tail`: the next `open` may start there and end in `s`.
    const seam = (tail + s.slice(pos, pos + keep)).indexOf(open);
    const start = seam >= 0 ? pos - tail.length + seam : s.indexOf(open, pos);
    if (start < 0) break;
    let end: number;
    if (start < pos) {
      const from = tail.length - (pos - start);
      const i = (tail.slice(from) + s.slice(pos, pos + close.length)).indexOf(close);
      const at = i >= 0 ? start + i : s.indexOf(close, pos);
      if (at < 0) break;
      end = at + close.length;
      tail = tail.slice(0, from) + (end < pos ? tail.slice(tail.length - (pos - end)) : '');
    } else {
      const at = s.indexOf(close, start);
      if (at < 0) break;
      end = at + close.length;
      tail += s.slice(pos, start);
    }
    pos = Math.max(pos, end);
    settle();
  }
  return kept.join('') + tail + s.slice(pos);
}

/** Markup.striptags: drop comments and tags, collapse whitespace, unescape. */
export function stripTags(s: string): string {
  const text = cutSpans(cutSpans(s, '<!--', '-->'), '<', '>');
  return unescapeHtml(pySplit(text, null, -1).join(' '));
}
