/**
 * markupsafe's Markup semantics (markupsafe 3.0, as Jinja2 3.1 uses it): escaping, `+`,
 * `*`, `%`, and the str methods that escape their arguments and return Markup again.
 */
import { TemplateError } from '../../errors.js';
import { Markup, PY_NONE, makeTuple, type Kwargs } from './types.js';
import { outputValue, pyRepr, pyStr } from './print.js';
import { typeName } from './values.js';
import { percentFormat } from './percent-format.js';
import { strFormat } from './str-format.js';
import { iterate } from './access.js';
import { STR_METHODS } from './str-methods.js';
import { currentBudget } from '../limits.js';
import { pySplit } from './text.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** markupsafe.escape on text: & < > " ' as entities. */
export function escapeHtml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : s;
}

/** markupsafe.escape(v): Markup stays as it is; anything else is str()'d and escaped. */
export function markupEscape(v: unknown): Markup {
  if (v instanceof Markup) return v;
  // Python's None (not JSON null, which the oracle's Null prints as '') escapes to 'None'.
  return new Markup(escapeHtml(v === PY_NONE ? 'None' : pyStr(v)));
}

/** The text of a str or Markup, else undefined. */
export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : v instanceof Markup ? v.text : undefined;
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
export function markupAdd(a: unknown, b: unknown): Markup {
  const other = a instanceof Markup ? b : a;
  // Jinja2's Undefined (and so null) has __html__; int, None, lists do not.
  if (typeof other !== 'string' && !(other instanceof Markup) && other !== undefined && other !== null) {
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
    const items = iterate(args[0]).map((x, i) => {
      if (typeof x !== 'string' && !(x instanceof Markup)) throw new TemplateError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
      return markupEscape(x).text;
    });
    return new Markup(items.join(self.text));
  },
  format: (self: Markup, args: unknown[], kwargs: Kwargs) => new Markup(strFormat(self.text, args, kwargs, escapeHtml)),
  format_map: (self: Markup, args: unknown[], kwargs: Kwargs) => {
    if (args.length !== 1 || (kwargs && Object.keys(kwargs).length)) throw new TemplateError('format_map() takes exactly one argument');
    return new Markup(strFormat(self.text, [], args[0] as Kwargs, escapeHtml));
  },
  unescape: (self: Markup) => unescapeHtml(self.text),
  striptags: (self: Markup) => stripTags(self.text),
});
for (const name of WRAPPED) if (STR_METHODS[name]) MARKUP_METHODS[name] = viaStr(name, 'markup');
for (const name of Object.keys(STR_METHODS)) MARKUP_METHODS[name] ??= viaStr(name, 'none');

/** Markup's repr: Markup('…'). */
export function reprMarkup(m: Markup): string {
  return `Markup(${pyRepr(m.text)})`;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', raquo: '»', laquo: '«', copy: '©', reg: '®',
  trade: '™', hellip: '…', mdash: '—', ndash: '–', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°', middot: '·',
  bull: '•', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', times: '×', divide: '÷', sect: '§', para: '¶',
};

/** html.unescape for the named entities above and all numeric references. */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);?/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return Object.hasOwn(ENTITIES, ref) ? ENTITIES[ref] : m;
  });
}

/** Markup.striptags: drop comments and tags, collapse whitespace, unescape. */
export function stripTags(s: string): string {
  let start: number;
  while ((start = s.indexOf('<!--')) !== -1) {
    const end = s.indexOf('-->', start);
    if (end === -1) break;
    s = s.slice(0, start) + s.slice(end + 3);
  }
  while ((start = s.indexOf('<')) !== -1) {
    const end = s.indexOf('>', start);
    if (end === -1) break;
    s = s.slice(0, start) + s.slice(end + 1);
  }
  return unescapeHtml(pySplit(s, null, -1).join(' '));
}
