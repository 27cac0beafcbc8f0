/** Python's text primitives (whitespace, case, split, strip), shared by str methods and filters. */
import { currentBudget } from '../limits.js';

/** Characters Python's str.isspace() accepts. */
export const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${WS}]+`);
const LEADING_WS = new RegExp(`^[${WS}]+`);
const TRAILING_WS = new RegExp(`[${WS}]+$`);
const LAST_WS_RUN = new RegExp(`[${WS}]+(?=[^${WS}]*$)`);
export const IS_SPACE = new RegExp(`^[${WS}]+$`);

/** str.strip/lstrip/rstrip; `chars` null or undefined strips whitespace. */
export function pyStrip(s: string, chars: string | null | undefined, left = true, right = true): string {
  if (chars === null || chars === undefined) {
    if (left) s = s.replace(LEADING_WS, '');
    if (right) s = s.replace(TRAILING_WS, '');
    return s;
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
    let rest = s.replace(LEADING_WS, '');
    while (rest !== '') {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        break;
      }
      const m = WS_RUN.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
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
    const out: string[] = [];
    let rest = s.replace(TRAILING_WS, '');
    while (rest !== '') {
      if (out.length === maxsplit) {
        out.unshift(rest);
        break;
      }
      const m = LAST_WS_RUN.exec(rest);
      if (!m) {
        out.unshift(rest);
        break;
      }
      out.unshift(rest.slice(m.index + m[0].length));
      rest = rest.slice(0, m.index);
    }
    return out;
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
    let out = '';
    for (let i = 0; i < cps.length; i++) out += (i < n ? repl : '') + cps[i];
    return n > cps.length ? out + repl : out;
  }
  const parts = s.split(old);
  if (count < 0 || parts.length - 1 <= count) {
    if (repl.length > old.length) currentBudget().checkLength(s.length + (parts.length - 1) * (repl.length - old.length));
    return parts.join(repl);
  }
  return parts.slice(0, count + 1).join(repl) + old + parts.slice(count + 1).join(old);
}
