import { dayOfYear, daysFromCivil, SECONDS_PER_DAY, wallToSeconds, weekdayMonday0, type WallTime } from './civil.js';
import { zonedSeconds, type ZonedTime } from './instant.js';

/**
 * Python's `datetime.strftime` on Linux, in two passes as CPython does it: first Python
 * replaces `%z`, `%Z`, `%f` (and 3.12's `%:z`), then glibc's strftime formats the rest in
 * the C locale, with its `-` `_` `0` `^` `#` flags, field widths and `E`/`O` modifiers.
 * Returns undefined for a width above MAX_FIELD_WIDTH (the output must stay bounded).
 */
export function strftime(t: ZonedTime, format: string): string | undefined {
  return formatGlibc(t, replacePythonCodes(t, format));
}

/** Widest field a format may ask for (`%64Y`); Python has no bound, a render must. */
export const MAX_FIELD_WIDTH = 64;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const COMPOSITES: Record<string, string> = {
  c: '%a %b %e %H:%M:%S %Y', D: '%m/%d/%y', F: '%Y-%m-%d', r: '%I:%M:%S %p',
  R: '%H:%M', T: '%H:%M:%S', x: '%m/%d/%y', X: '%H:%M:%S',
};
// Conversions glibc 2.36 accepts after E and after O (others print as written, like unknown ones).
const E_OK = new Set('cCnpPrRstTuxXyYzZ%');
const O_OK = new Set('bBCdegGhHIjklmMnpPrRsStTuUVwWyzZ%');
/** Numeric conversions: natural digit count, and whether they pad with spaces (`%e`). */
const NUMBERS: Record<string, [digits: number, spacePad: boolean]> = {
  C: [1, false], d: [2, false], e: [2, true], g: [2, false], G: [1, false], H: [2, false], I: [2, false],
  j: [3, false], k: [2, true], l: [2, true], m: [2, false], M: [2, false], S: [2, false], u: [1, false],
  U: [2, false], V: [2, false], w: [1, false], W: [2, false], y: [2, false], Y: [1, false],
};

function replacePythonCodes(t: ZonedTime, format: string): string {
  if (!/%[zZf:]/.test(format)) return format;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch;
      continue;
    }
    const next = format[++i];
    if (next === 'z') out += formatOffset(t.offset, '');
    else if (next === 'Z') out += abbreviation(t).replace(/%/g, '%%');
    else if (next === 'f') out += String(t.wall.micro).padStart(6, '0');
    else if (next === ':' && format[i + 1] === 'z') {
      out += formatOffset(t.offset, ':');
      i++;
    } else out += `%${next}`;
  }
  return out;
}

/** The zone's abbreviation; for a wall time a clock change skipped, the one before the change (fold=0). */
function abbreviation(t: ZonedTime): string {
  const seconds = zonedSeconds(t);
  return t.zone.abbreviationAt(t.zone.offsetAt(seconds) === t.offset ? seconds : seconds - SECONDS_PER_DAY);
}

/** Python's utcoffset formatting: ±HH MM, then SS only when the offset has seconds. */
function formatOffset(offset: number, sep: string): string {
  const abs = Math.abs(offset);
  const parts = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60)];
  if (abs % 60 !== 0) parts.push(abs % 60);
  return (offset < 0 ? '-' : '+') + parts.map((n) => String(n).padStart(2, '0')).join(sep);
}

function formatGlibc(t: ZonedTime, format: string): string | undefined {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i];
      continue;
    }
    const start = i++;
    let pad = '';
    let upper = false;
    let changeCase = false;
    for (; i < format.length && '_-0^#'.includes(format[i]); i++) {
      if (format[i] === '^') upper = true;
      else if (format[i] === '#') changeCase = true;
      else pad = format[i];
    }
    let width = -1;
    for (; i < format.length && format[i] >= '0' && format[i] <= '9'; i++) {
      width = Math.max(width, 0) * 10 + Number(format[i]);
      if (width > MAX_FIELD_WIDTH) return undefined;
    }
    const modifier = format[i] === 'E' || format[i] === 'O' ? format[i++] : '';
    // A format that ends inside a conversion prints what it has, like an unknown one.
    if (i >= format.length) i = format.length - 1;
    const ch = format[i];
    const ok = modifier === '' ? true : (modifier === 'E' ? E_OK : O_OK).has(ch);
    const field = ok ? convert(t, ch, pad, width, upper, changeCase) : undefined;
    if (field !== undefined) {
      out += field;
      continue;
    }
    const raw = format.slice(start, i + 1);
    // glibc sets `#`'s upper case for month names before it rejects the modifier.
    out += padText(upper || (changeCase && 'bBh'.includes(ch)) ? raw.toUpperCase() : raw, pad, width);
  }
  return out;
}

function convert(t: ZonedTime, ch: string, pad: string, width: number, upper: boolean, changeCase: boolean): string | undefined {
  const spec = NUMBERS[ch];
  if (spec !== undefined) return padNumber(numberField(t.wall, ch), spec[0], spec[1], pad, width);
  const composite = COMPOSITES[ch];
  if (composite !== undefined) {
    const text = formatGlibc(t, composite) ?? '';
    return padText(upper ? text.toUpperCase() : text, pad, width);
  }
  const text = textField(t, ch);
  if (text === undefined) return undefined;
  let cased = text;
  if (ch === 'P' || (ch === 'p' && changeCase)) cased = text.toLowerCase();
  else if (upper || (changeCase && 'aAbBh'.includes(ch))) cased = text.toUpperCase();
  return padText(cased, pad, width);
}

function textField(t: ZonedTime, ch: string): string | undefined {
  const w = t.wall;
  switch (ch) {
    case 'a': return WEEKDAYS[weekdayMonday0(w.year, w.month, w.day)].slice(0, 3);
    case 'A': return WEEKDAYS[weekdayMonday0(w.year, w.month, w.day)];
    case 'b': case 'h': return MONTHS[w.month - 1].slice(0, 3);
    case 'B': return MONTHS[w.month - 1];
    case 'p': case 'P': return w.hour < 12 ? 'AM' : 'PM';
    case 'n': return '\n';
    case 't': return '\t';
    case '%': return '%';
    case 's': return String(mktimeUtc(t));
    // Only with a flag or width: Python formats the plain ones itself (see replacePythonCodes).
    case 'z': return formatOffset(t.offset, '');
    case 'Z': return abbreviation(t);
    default: return undefined;
  }
}

/**
 * `%s` is glibc's mktime() of the wall time in the process's zone. With TZ=UTC (containers,
 * CI) that is the wall time read as UTC, an hour less when the zone is on summer time:
 * mktime honours the tm_isdst flag Python passes. Summer time here: an offset above the
 * smaller of the year's January and July offsets.
 */
function mktimeUtc(t: ZonedTime): number {
  const { year } = t.wall;
  const january = t.zone.offsetAt(daysFromCivil(year, 1, 1) * SECONDS_PER_DAY);
  const july = t.zone.offsetAt(daysFromCivil(year, 7, 1) * SECONDS_PER_DAY);
  return wallToSeconds(t.wall) - (t.offset > Math.min(january, july) ? 3600 : 0);
}

function numberField(w: WallTime, ch: string): number {
  const weekday = weekdayMonday0(w.year, w.month, w.day);
  const yday = dayOfYear(w.year, w.month, w.day);
  switch (ch) {
    case 'C': return Math.floor(w.year / 100);
    case 'd': case 'e': return w.day;
    case 'g': return isoWeek(w).year % 100;
    case 'G': return isoWeek(w).year;
    case 'H': case 'k': return w.hour;
    case 'I': case 'l': return w.hour % 12 || 12;
    case 'j': return yday;
    case 'm': return w.month;
    case 'M': return w.minute;
    case 'S': return w.second;
    case 'u': return weekday + 1;
    case 'U': return Math.floor((yday - 1 + 7 - ((weekday + 1) % 7)) / 7);
    case 'V': return isoWeek(w).week;
    case 'w': return (weekday + 1) % 7;
    case 'W': return Math.floor((yday - 1 + 7 - weekday) / 7);
    case 'y': return w.year % 100;
    default: return w.year;
  }
}

/** ISO 8601 week: the week (Monday first) holding the year's first Thursday is week 1. */
function isoWeek(w: WallTime): { year: number; week: number } {
  const weekday = weekdayMonday0(w.year, w.month, w.day);
  const yday = dayOfYear(w.year, w.month, w.day);
  const thursday = yday + 3 - weekday;
  if (thursday < 1) {
    const prev = w.year - 1;
    const prevDays = dayOfYear(prev, 12, 31);
    return { year: prev, week: Math.floor((thursday + prevDays - 1) / 7) + 1 };
  }
  const days = dayOfYear(w.year, 12, 31);
  if (thursday > days) return { year: w.year + 1, week: 1 };
  return { year: w.year, week: Math.floor((thursday - 1) / 7) + 1 };
}

/** glibc's number padding: zeros to the natural width, spaces with `_`, none with `-`; a width widens it. */
function padNumber(n: number, digits: number, spacePad: boolean, pad: string, width: number): string {
  const text = String(n);
  const flag = spacePad && pad !== '0' && pad !== '-' ? '_' : pad;
  if (flag === '-') return text.padStart(width, ' ');
  const size = Math.max(digits, width);
  return text.padStart(size, flag === '_' ? ' ' : '0');
}

/** glibc's text padding: only to an explicit width, with spaces (zeros under the `0` flag). */
function padText(text: string, pad: string, width: number): string {
  return width > text.length ? text.padStart(width, pad === '0' ? '0' : ' ') : text;
}
