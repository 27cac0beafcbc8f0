/** Python's text primitives (whitespace, case, split, strip), shared by str methods and filters. */
import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';

/** Characters Python's str.isspace() accepts. */
export const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const IS_SPACE = new RegExp(`^[${WS}]+$`);

/**
 * str.isspace() for one UTF-16 unit (every whitespace character is in the BMP). The
 * whitespace primitives below scan by hand: an anchored `\s+$` retries from every start
 * of a run, so a 262 KB name with spaces inside took 34 s to trim (issue 8).
 */
export function isSpaceCode(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Index of the first non-space at or after `i` (or `s.length`). */
function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Index just after the last non-space before `j` (or 0). */
function skipSpaceBack(s: string, j: number): number {
  while (j > 0 && isSpaceCode(s.charCodeAt(j - 1))) j--;
  return j;
}

/** str.strip/lstrip/rstrip; `chars` null or undefined strips whitespace. */
export function pyStrip(s: string, chars: string | null | undefined, left = true, right = true): string {
  if (chars === null || chars === undefined) {
    const a = left ? skipSpace(s, 0) : 0;
    return s.slice(a, right ? Math.max(a, skipSpaceBack(s, s.length)) : s.length);
  }
  const set = new Set(Array.from(chars));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.has(cps[a])) a++;
  if (right) while (b > a && set.has(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

/** str.split(sep, maxsplit); `sep` null splits on whitespace runs and drops empty ends. */
export function pySplit(s: string, sep: string | null, maxsplit: number): string[] {
  if (sep === null) {
    const out: string[] = [];
    for (let i = skipSpace(s, 0); i < s.length; i = skipSpace(s, i)) {
      // CPython keeps the remainder's trailing whitespace once maxsplit is reached.
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(s.slice(i));
        break;
      }
      let j = i;
      while (j < s.length && !isSpaceCode(s.charCodeAt(j))) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** str.rsplit(sep, maxsplit). */
export function pyRsplit(s: string, sep: string | null, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === null) {
    // Collected from the end and reversed once (unshift per part was quadratic too).
    const out: string[] = [];
    for (let j = skipSpaceBack(s, s.length); j > 0; j = skipSpaceBack(s, j)) {
      if (out.length === maxsplit) {
        out.push(s.slice(0, j));
        break;
      }
      let i = j;
      while (i > 0 && !isSpaceCode(s.charCodeAt(i - 1))) i--;
      out.push(s.slice(i, j));
      j = i;
    }
    return out.reverse();
  }
  const parts = s.split(sep);
  if (parts.length <= maxsplit + 1) return parts;
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** str.splitlines(keepends). */
export function pySplitlines(s: string, keepends: boolean): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(LINE_BREAK)) {
    out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

// Titlecase differs from uppercase for digraphs and ligatures (Python's title/capitalize use it).
const TITLECASE: Record<string, string> = {
  'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ',
  'ß': 'Ss', 'ﬀ': 'Ff', 'ﬁ': 'Fi', 'ﬂ': 'Fl', 'ﬃ': 'Ffi', 'ﬄ': 'Ffl', 'ﬅ': 'St', 'ﬆ': 'St',
};

/** Python's titlecase of one character. */
export function toTitleChar(ch: string): string {
  return TITLECASE[ch] ?? ch.toUpperCase();
}

const CASE_IGNORABLE = /[\p{Mn}\p{Me}\p{Cf}\p{Lm}\p{Sk}'.:\u00b7\u0387\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a]/u;

/** Is there a cased letter next to `i` in direction `step`, skipping case-ignorable characters? */
function casedNeighbour(cps: readonly string[], i: number, step: number): boolean {
  for (let j = i + step; j >= 0 && j < cps.length; j += step) {
    if (!CASE_IGNORABLE.test(cps[j])) return isCased(cps[j]);
  }
  return false;
}

/** Lowercase one character of `s` at `i`, with Unicode's Final_Sigma rule for 'Σ', as Python. */
function lowerAt(cps: readonly string[], i: number): string {
  const ch = cps[i];
  if (ch !== 'Σ') return ch.toLowerCase();
  return casedNeighbour(cps, i, -1) && !casedNeighbour(cps, i, 1) ? 'ς' : 'σ';
}

/** str.title(): a cased character after an uncased one is upper, the rest lower ("o'neil" → "O'Neil"). */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  const cps = Array.from(s);
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i];
    const cased = isCased(ch);
    out += cased ? (prevCased ? lowerAt(cps, i) : toTitleChar(ch)) : ch;
    prevCased = cased;
  }
  return out;
}

/** str.capitalize(): first character upper, the rest lower. */
export function pyCapitalize(s: string): string {
  if (s === '') return s;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  // Lowercase the whole string so Final_Sigma sees the first character as context.
  const lower = s.toLowerCase();
  const firstLower = first.toLowerCase();
  const rest = lower.startsWith(firstLower) ? lower.slice(firstLower.length) : s.slice(first.length).toLowerCase();
  return toTitleChar(first) + rest;
}

/** str.swapcase(). */
export function pySwapcase(s: string): string {
  let out = '';
  const cps = Array.from(s);
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i];
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    // Titlecase letters (ǅ) are neither upper nor lower: Python leaves them.
    out += ch === lower && ch !== upper ? upper : ch === upper && ch !== lower ? lowerAt(cps, i) : ch;
  }
  return out;
}

/** str.center(width, fill), with CPython's choice of which side gets the odd space. */
export function pyCenter(s: string, width: number, fill = ' '): string {
  const len = Array.from(s).length;
  if (width <= len) return s;
  currentBudget().checkLength(width);
  const marg = width - len;
  const left = (marg >> 1) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

/** str.ljust / str.rjust. */
export function pyJust(s: string, width: number, fill: string, leftAlign: boolean): string {
  const len = Array.from(s).length;
  if (width <= len) return s;
  currentBudget().checkLength(width);
  const pad = fill.repeat(width - len);
  return leftAlign ? s + pad : pad + s;
}

/** str.zfill(width): zeros after any sign. */
export function pyZfill(s: string, width: number): string {
  const len = Array.from(s).length;
  if (width <= len) return s;
  currentBudget().checkLength(width);
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  return sign + '0'.repeat(width - len) + s.slice(sign.length);
}

/** str.replace(old, new, count). */
export function pyReplace(s: string, old: string, repl: string, count: number): string {
  if (old === '') {
    const cps = Array.from(s);
    const n = count < 0 ? cps.length + 1 : Math.min(count, cps.length + 1);
    currentBudget().checkLength(s.length + n * repl.length);
    // Joined once: a string built by one `+=` per character cost more per character as it grew.
    if (cps.length === 0) return n > 0 ? repl : s;
    const head = n > 0 ? repl + cps.slice(0, n).join(repl) : '';
    return n > cps.length ? head + repl : head + cps.slice(n).join('');
  }
  const parts = s.split(old);
  if (count < 0 || parts.length - 1 <= count) {
    if (repl.length > old.length) currentBudget().checkLength(s.length + (parts.length - 1) * (repl.length - old.length));
    return parts.join(repl);
  }
  return parts.slice(0, count + 1).join(repl) + old + parts.slice(count + 1).join(old);
}

/**
 * str.expandtabs(tabsize): one pass, the column reset by \n and \r as in CPython. A
 * per-line `[^\t]*\t` regex rescanned tab-free lines from every start (issue 8).
 */
export function pyExpandtabs(s: string, size: number): string {
  // Check the length as the tabs grow, before each repeat: expandtabs(10**8) must not build 100 MB (F2).
  const budget = currentBudget();
  let length = s.length;
  let out = '';
  let last = 0;
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09) {
      out += s.slice(last, i);
      last = i + 1;
      if (size <= 0) continue;
      const pad = size - (col % size);
      budget.checkLength((length += pad - 1));
      out += ' '.repeat(pad);
      col += pad;
    } else if (c === 0x0a || c === 0x0d) {
      col = 0;
    } else if (c < 0xdc00 || c > 0xdfff) {
      // A low surrogate ends a code point its high surrogate already counted.
      col++;
    }
  }
  return out + s.slice(last);
}

/** `%c` / `{:c}` of an int: the character, or Python's OverflowError outside Unicode's range. */
export function codePointChar(n: number): string {
  if (!(n >= 0 && n <= 0x10ffff)) throw new TemplateError('%c arg not in range(0x110000)');
  return String.fromCodePoint(n);
}
