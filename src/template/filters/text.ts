import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { Markup, makeTuple, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { escapeHtml, keepMarkup, markupPercent } from '../runtime/markup.js';
import { bindArgs, REQUIRED } from '../runtime/args.js';
import { pyStr } from '../runtime/print.js';
import { isDict, strLength, typeName } from '../runtime/values.js';
import { percentFormat } from '../runtime/percent-format.js';
import { pyCapitalize, pyCenter, pyReplace, pyRsplit, pySplitlines, pyStrip } from '../runtime/text.js';
import { wrapText } from './wordwrap.js';

function bind(name: string, params: string[], defaults: unknown[], args: unknown[], kwargs: Kwargs): unknown[] {
  return bindArgs(name, params, defaults, args, kwargs);
}

function intArg(v: unknown, what: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TemplateError(`${what} must be an integer, not ${typeName(v)}`);
  return v;
}

/** Jinja2's title filter: capitalize each piece after '-', whitespace or an opening bracket. */
function title(s: string): string {
  return s.split(/([-\s({[<]+)/).filter((p) => p !== '').map((p) => {
    const first = String.fromCodePoint(p.codePointAt(0)!);
    return first.toUpperCase() + p.slice(first.length).toLowerCase();
  }).join('');
}

function truncate(v: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const [length, killwords, end, leeway] = bind('do_truncate', ['length', 'killwords', 'end', 'leeway'], [255, false, '...', 5], args, kwargs);
  if (v === undefined || v === null) return v;
  const markup = v instanceof Markup;
  if (markup) v = (v as Markup).text;
  if (typeof v !== 'string') throw new TemplateError(`object of type '${typeName(v)}' has no len()`);
  const endStr = pyStr(end);
  const rv = truncateText(v, length, killwords, endStr, leeway);
  // Markup + end escapes the end, as markupsafe's __add__ does.
  if (!markup) return rv;
  return rv === v ? new Markup(v) : new Markup(rv.slice(0, rv.length - endStr.length) + escapeHtml(endStr));
}

function truncateText(v: string, length: unknown, killwords: unknown, endStr: string, leeway: unknown): string {
  const n = intArg(length, 'length');
  const endLen = strLength(endStr);
  if (n < endLen) throw new TemplateError(`expected length >= ${endLen}, got ${n}`);
  const lee = leeway === null || leeway === undefined ? 5 : intArg(leeway, 'leeway');
  if (lee < 0) throw new TemplateError(`expected leeway >= 0, got ${lee}`);
  const cps = Array.from(v);
  if (cps.length <= n + lee) return v;
  const head = cps.slice(0, Math.max(0, n - endLen)).join('');
  if (killwords) return head + endStr;
  return pyRsplit(head, ' ', 1)[0] + endStr;
}

function indent(v: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const [width, first, blank] = bind('do_indent', ['width', 'first', 'blank'], [4, false, false], args, kwargs);
  if (v === undefined || v === null) return undefined;
  const padLength = typeof width === 'string' ? width.length : Math.max(0, intArg(width, 'width'));
  const s = pyStr(v) + '\n';
  const lines = pySplitlines(s, false);
  // Checked before the pad is built: `indent(10**9)` on one line is that line, on two a refusal.
  const padded = (first ? 1 : 0) + (blank ? lines.length - 1 : lines.slice(1).filter((l) => l !== '').length);
  currentBudget().checkLength(s.length + padded * padLength);
  const pad = typeof width === 'string' ? width : ' '.repeat(padded > 0 ? padLength : 0);
  let rv: string;
  if (blank) rv = lines.join('\n' + pad);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += '\n' + lines.map((l) => (l ? pad + l : l)).join('\n');
  }
  return keepMarkup(v, first ? pad + rv : rv);
}

function format(v: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const hasKw = kwargs !== undefined && Object.keys(kwargs).length > 0;
  if (args.length && hasKw) throw new TemplateError("can't handle positional and keyword arguments at the same time");
  const values = hasKw ? Object.assign({}, kwargs) : makeTuple(args.slice());
  return v instanceof Markup ? markupPercent(v, values) : percentFormat(pyStr(v), values);
}

/** Python's \w+ with Unicode semantics. */
const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

/** Text filters. */
export const TEXT_FILTERS: Record<string, FilterFunction> = {
  // soft_str keeps Markup, so these return Markup for Markup (title and replace do not).
  upper: (v, a, k) => (bind('do_upper', [], [], a, k), keepMarkup(v, pyStr(v).toUpperCase())),
  lower: (v, a, k) => (bind('do_lower', [], [], a, k), keepMarkup(v, pyStr(v).toLowerCase())),
  capitalize: (v, a, k) => (bind('do_capitalize', [], [], a, k), keepMarkup(v, pyCapitalize(pyStr(v)))),
  title: (v, a, k) => (bind('do_title', [], [], a, k), title(pyStr(v))),
  trim: (v, a, k) => {
    const [chars] = bind('do_trim', ['chars'], [null], a, k);
    return keepMarkup(v, pyStrip(pyStr(v), chars === null || chars === undefined ? null : pyStr(chars)));
  },
  center: (v, a, k) => {
    const [width] = bind('do_center', ['width'], [80], a, k);
    return keepMarkup(v, pyCenter(pyStr(v), intArg(width, 'width')));
  },
  replace: (v, a, k) => {
    const [old, repl, count] = bind('do_replace', ['old', 'new', 'count'], [REQUIRED, REQUIRED, null], a, k);
    return pyReplace(pyStr(v), pyStr(old), pyStr(repl), count === null || count === undefined ? -1 : intArg(count, 'count'));
  },
  truncate,
  indent,
  format,
  wordwrap: (v, a, k) => {
    const [width, breakLong, wrapstring, breakHyphens] = bind('do_wordwrap', ['width', 'break_long_words', 'wrapstring', 'break_on_hyphens'], [79, true, null, true], a, k);
    if (v === undefined || v === null) return '';
    const sep = wrapstring === null || wrapstring === undefined ? '\n' : pyStr(wrapstring);
    const w = intArg(width, 'width');
    const s = pyStr(v);
    currentBudget().checkLength(s.length * (1 + sep.length));
    return pySplitlines(s, false).map((line) => wrapText(line, w, Boolean(breakLong), Boolean(breakHyphens)).join(sep)).join(sep);
  },
  wordcount: (v, a, k) => (bind('do_wordcount', [], [], a, k), (pyStr(v).match(WORD) ?? []).length),
  string: (v, a, k) => (bind('soft_str', [], [], a, k), v instanceof Markup ? v : pyStr(v)),
  safe: (v, a, k) => (bind('do_mark_safe', [], [], a, k), v instanceof Markup ? v : new Markup(pyStr(v))),
};

void isDict;
