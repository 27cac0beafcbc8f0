import { TemplateError } from '../../errors.js';
import { REQUIRED, bindArgs, positional } from './args.js';
import { Markup, isTuple, makeTuple, type Kwargs } from './types.js';
import { typeName, isInt, strLength, hasSurrogates } from './values.js';
import { mappingLookup, strFormat } from './str-format.js';
import { joinText } from './join.js';
import { iterate } from './access.js';
import { pyCasefold } from './casefold.js';
import { maketrans, translate } from './translate.js';
import {
  IS_SPACE, pyCapitalize, pyCenter, pyExpandtabs, pyJust, pyReplace, pyRsplit, pySplit, pySplitlines, pyStrip, pySwapcase, pyTitle, pyZfill,
} from './text.js';

type StrMethod = (s: string, args: unknown[], kwargs: Kwargs) => unknown;

function strArg(method: string, v: unknown, allowNone = false): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.text;
  if (allowNone && (v === null || v === undefined)) return null;
  throw new TemplateError(`${method}() argument must be str${allowNone ? ' or None' : ''}, not ${typeName(v)}`);
}

function intArg(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (!isInt(v)) throw new TemplateError(`'${typeName(v)}' object cannot be interpreted as an integer`);
  return v;
}

/** Code points of s[start:end] as Python's find/count/startswith take them: [from, to) in code points. */
function bounds(len: number, start: unknown, end: unknown): [number, number] {
  const norm = (v: unknown, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    let n = intArg(v);
    if (n < 0) n = Math.max(0, n + len);
    return Math.min(n, len);
  };
  return [norm(start, 0), norm(end, len)];
}

/** Work on code point arrays only when the string has astral characters. */
function chars(s: string): string | string[] {
  return hasSurrogates(s) ? Array.from(s) : s;
}

function join(c: string | string[], a: number, b: number): string {
  return typeof c === 'string' ? c.slice(a, b) : c.slice(a, b).join('');
}

function find(s: string, args: unknown[], kwargs: Kwargs, name: string, reverse: boolean): number {
  positional(name, args, kwargs, 1, 3);
  const sub = strArg(name, args[0])!;
  const c = chars(s);
  const [a, b] = bounds(c.length, args[1], args[2]);
  if (b - a < strLength(sub)) return sub === '' && a <= b ? (reverse ? b : a) : -1;
  const hay = join(c, a, b);
  const i = reverse ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  if (i < 0) return -1;
  return a + (typeof c === 'string' ? i : Array.from(hay.slice(0, i)).length);
}

function affix(s: string, args: unknown[], kwargs: Kwargs, name: string): boolean {
  positional(name, args, kwargs, 1, 3);
  const c = chars(s);
  const [a, b] = bounds(c.length, args[1], args[2]);
  if (a > c.length) return false;
  const part = join(c, a, Math.max(a, b));
  const test = (p: unknown): boolean => {
    if (p instanceof Markup) p = p.text;
    if (typeof p !== 'string') {
      throw new TemplateError(`tuple for ${name} must only contain str, not ${typeName(p)}`);
    }
    return name === 'startswith' ? part.startsWith(p) : part.endsWith(p);
  };
  const prefix = args[0] instanceof Markup ? args[0].text : args[0];
  if (isTuple(prefix)) return prefix.some(test);
  if (typeof prefix !== 'string') {
    throw new TemplateError(`${name} first arg must be str or a tuple of str, not ${typeName(prefix)}`);
  }
  return test(prefix);
}

function predicate(re: RegExp): StrMethod {
  return (s, args, kwargs) => {
    positional('is', args, kwargs, 0, 0);
    return s !== '' && re.test(s);
  };
}

function splitArgs(name: string, args: unknown[], kwargs: Kwargs): [string | null, number] {
  const [sep, max] = bindArgs(name, ['sep', 'maxsplit'], [null, -1], args, kwargs);
  const separator = strArg(name, sep, true);
  if (separator === '') throw new TemplateError('empty separator');
  return [separator, intArg(max)];
}

function fillArg(name: string, v: unknown): string {
  if (v instanceof Markup) v = v.text;
  if (typeof v !== 'string' || strLength(v) !== 1) {
    throw new TemplateError(`The fill character must be exactly one character long`);
  }
  void name;
  return v;
}

/** Python's islower()/isupper(): some cased character, and all of them in that case. */
export function hasCase(s: string, upper: boolean): boolean {
  let cased = false;
  for (const ch of s) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    if (upper ? ch !== up : ch !== lo) return false;
    cased = true;
  }
  return cased;
}

function isTitle(s: string): boolean {
  let prevCased = false;
  let cased = false;
  for (const ch of s) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) {
      prevCased = false;
      continue;
    }
    // After a cased char only lowercase may follow; otherwise upper or titlecase (ǅ).
    if (prevCased ? ch !== lo || ch === up : ch === lo) return false;
    prevCased = true;
    cased = true;
  }
  return cased;
}

/** Python's str methods, looked up by `getAttr` on a string. */
export const STR_METHODS: Readonly<Record<string, StrMethod>> = Object.assign(Object.create(null), {
  upper: (s: string, a: unknown[], k: Kwargs) => (positional('upper', a, k, 0, 0), s.toUpperCase()),
  lower: (s: string, a: unknown[], k: Kwargs) => (positional('lower', a, k, 0, 0), s.toLowerCase()),
  casefold: (s: string, a: unknown[], k: Kwargs) => (positional('casefold', a, k, 0, 0), pyCasefold(s)),
  title: (s: string, a: unknown[], k: Kwargs) => (positional('title', a, k, 0, 0), pyTitle(s)),
  capitalize: (s: string, a: unknown[], k: Kwargs) => (positional('capitalize', a, k, 0, 0), pyCapitalize(s)),
  swapcase: (s: string, a: unknown[], k: Kwargs) => (positional('swapcase', a, k, 0, 0), pySwapcase(s)),
  strip: (s: string, a: unknown[], k: Kwargs) => (positional('strip', a, k, 0, 1), pyStrip(s, strArg('strip', a[0], true))),
  lstrip: (s: string, a: unknown[], k: Kwargs) => (positional('lstrip', a, k, 0, 1), pyStrip(s, strArg('lstrip', a[0], true), true, false)),
  rstrip: (s: string, a: unknown[], k: Kwargs) => (positional('rstrip', a, k, 0, 1), pyStrip(s, strArg('rstrip', a[0], true), false, true)),
  split: (s: string, a: unknown[], k: Kwargs) => pySplit(s, ...splitArgs('split', a, k)),
  rsplit: (s: string, a: unknown[], k: Kwargs) => pyRsplit(s, ...splitArgs('rsplit', a, k)),
  splitlines: (s: string, a: unknown[], k: Kwargs) => pySplitlines(s, Boolean(bindArgs('splitlines', ['keepends'], [false], a, k)[0])),
  startswith: (s: string, a: unknown[], k: Kwargs) => affix(s, a, k, 'startswith'),
  endswith: (s: string, a: unknown[], k: Kwargs) => affix(s, a, k, 'endswith'),
  replace: (s: string, a: unknown[], k: Kwargs) => {
    const [old, repl, count] = bindArgs('replace', ['old', 'new', 'count'], [REQUIRED, REQUIRED, -1], a, k);
    return pyReplace(s, strArg('replace', old)!, strArg('replace', repl)!, intArg(count));
  },
  find: (s: string, a: unknown[], k: Kwargs) => find(s, a, k, 'find', false),
  rfind: (s: string, a: unknown[], k: Kwargs) => find(s, a, k, 'rfind', true),
  index: (s: string, a: unknown[], k: Kwargs) => notFound(find(s, a, k, 'index', false)),
  rindex: (s: string, a: unknown[], k: Kwargs) => notFound(find(s, a, k, 'rindex', true)),
  count: (s: string, a: unknown[], k: Kwargs) => {
    positional('count', a, k, 1, 3);
    const sub = strArg('count', a[0])!;
    const c = chars(s);
    const [from, to] = bounds(c.length, a[1], a[2]);
    if (from > to) return 0;
    const hay = join(c, from, to);
    return sub === '' ? strLength(hay) + 1 : hay.split(sub).length - 1;
  },
  join: (s: string, a: unknown[], k: Kwargs) => {
    positional('join', a, k, 1, 1);
    // Undefined and null items join as empty text, as the join filter does (lenient).
    return joinText(iterate(a[0]), (item, i) => {
      if (typeof item === 'string') return item;
      if (item instanceof Markup) return item.text;
      if (item === undefined || item === null) return '';
      throw new TemplateError(`sequence item ${i}: expected str instance, ${typeName(item)} found`);
    }, s);
  },
  format: (s: string, a: unknown[], k: Kwargs) => strFormat(s, a, k),
  format_map: (s: string, a: unknown[], k: Kwargs) => (positional('format_map', a, k, 1, 1), strFormat(s, [], undefined, undefined, mappingLookup(a[0]))),
  translate,
  maketrans,
  zfill: (s: string, a: unknown[], k: Kwargs) => (positional('zfill', a, k, 1, 1), pyZfill(s, intArg(a[0]))),
  center: (s: string, a: unknown[], k: Kwargs) => (positional('center', a, k, 1, 2), pyCenter(s, intArg(a[0]), a.length > 1 ? fillArg('center', a[1]) : ' ')),
  ljust: (s: string, a: unknown[], k: Kwargs) => (positional('ljust', a, k, 1, 2), pyJust(s, intArg(a[0]), a.length > 1 ? fillArg('ljust', a[1]) : ' ', true)),
  rjust: (s: string, a: unknown[], k: Kwargs) => (positional('rjust', a, k, 1, 2), pyJust(s, intArg(a[0]), a.length > 1 ? fillArg('rjust', a[1]) : ' ', false)),
  partition: (s: string, a: unknown[], k: Kwargs) => partition(s, a, k, false),
  rpartition: (s: string, a: unknown[], k: Kwargs) => partition(s, a, k, true),
  removeprefix: (s: string, a: unknown[], k: Kwargs) => {
    positional('removeprefix', a, k, 1, 1);
    const p = strArg('removeprefix', a[0])!;
    return p !== '' && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s: string, a: unknown[], k: Kwargs) => {
    positional('removesuffix', a, k, 1, 1);
    const p = strArg('removesuffix', a[0])!;
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  isdigit: predicate(/^[\p{Nd}²³¹⁰-⁹₀-₉]+$/u),
  isdecimal: predicate(/^\p{Nd}+$/u),
  isnumeric: predicate(/^[\p{N}]+$/u),
  isalpha: predicate(/^\p{L}+$/u),
  isalnum: predicate(/^[\p{L}\p{N}]+$/u),
  isspace: predicate(IS_SPACE),
  isascii: (s: string, a: unknown[], k: Kwargs) => (positional('isascii', a, k, 0, 0), /^[\x00-\x7f]*$/.test(s)),
  isidentifier: predicate(/^[\p{L}_][\p{L}\p{N}_]*$/u),
  isprintable: (s: string, a: unknown[], k: Kwargs) => (positional('isprintable', a, k, 0, 0), !/[^\P{C}]|[^\P{Z} ]/u.test(s)),
  islower: (s: string, a: unknown[], k: Kwargs) => (positional('islower', a, k, 0, 0), hasCase(s, false)),
  isupper: (s: string, a: unknown[], k: Kwargs) => (positional('isupper', a, k, 0, 0), hasCase(s, true)),
  istitle: (s: string, a: unknown[], k: Kwargs) => (positional('istitle', a, k, 0, 0), isTitle(s)),
  expandtabs: (s: string, a: unknown[], k: Kwargs) => pyExpandtabs(s, intArg(bindArgs('expandtabs', ['tabsize'], [8], a, k)[0])),
});

function notFound(i: number): number {
  if (i < 0) throw new TemplateError('substring not found');
  return i;
}

function partition(s: string, a: unknown[], k: Kwargs, reverse: boolean): readonly unknown[] {
  positional(reverse ? 'rpartition' : 'partition', a, k, 1, 1);
  const sep = strArg('partition', a[0])!;
  if (sep === '') throw new TemplateError('empty separator');
  const i = reverse ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return makeTuple(reverse ? ['', '', s] : [s, '', '']);
  return makeTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
}
