/**
 * Python 3.11's `datetime.fromisoformat`, step for step as CPython's C code reads the string
 * (Modules/_datetimemodule.c), so that a value is accepted exactly when Python accepts it:
 * extended and basic forms (`2026-03-08T13:30:00`, `20260308T133000`), ISO week dates
 * (`2026-W10-7`), any one character between date and time, `HH`, `HH:MM`, `HH:MM:SS` with a
 * `.`/`,` fraction of any length (digits past the sixth dropped), and `Z` or a `±HH[:MM[:SS[.f]]]`
 * offset. C reads UTF-8 bytes up to a NUL terminator; `byteAt` returns 0 past the end to match,
 * and an embedded NUL ends the string where C's checks would stop. One pass over the bytes.
 */
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear, weekdayMonday0 } from './civil.js';

/** The fields of a datetime Python built; the offset is there when the string had one. */
export interface IsoFields {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; micro: number;
  /** East of UTC: whole seconds, plus microseconds of the same sign. */
  offset?: { seconds: number; micro: number };
}

const DASH = 0x2d, COLON = 0x3a, DOT = 0x2e, COMMA = 0x2c, PLUS = 0x2b, WEEK = 0x57, ZULU = 0x5a;
const LONE_SURROGATE = /\p{Cs}/u;
const ASCII = /^[\0-\x7f]*$/;

/** UTF-8 bytes, one per code unit (an ASCII string is its own bytes). */
type Bytes = string;
const byteAt = (b: Bytes, i: number): number => (i < b.length ? b.charCodeAt(i) : 0);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** `datetime.fromisoformat(text)`, or undefined where Python raises ValueError. */
export function parseIsoFormat(text: string): IsoFields | undefined {
  const b = toPythonUtf8(text);
  if (b === undefined) return undefined;
  const sep = findSeparator(b);
  const date = parseDate(b, sep);
  if (date === undefined) return undefined;
  let time: TimeFields | undefined = { hour: 0, minute: 0, second: 0, micro: 0 };
  if (b.length > sep) {
    // The separator is one character, whatever it is: skip its UTF-8 bytes by the lead byte.
    const lead = b.charCodeAt(sep);
    const start = sep + ((lead & 0x80) === 0 ? 1 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf0) === 0xf0 ? 4 : 2);
    time = parseTime(b, start);
  }
  if (time === undefined) return undefined;
  const { year, month, day } = date;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return undefined;
  const { offset } = time;
  // A timezone must lie strictly within ±24 h; a zero-second offset is UTC (C drops its microseconds).
  if (offset !== undefined && Math.abs(offset.seconds * 1e6 + offset.micro) >= 86_400e6) return undefined;
  if (offset !== undefined && offset.seconds === 0) offset.micro = 0;
  return { year, month, day, hour: time.hour, minute: time.minute, second: time.second, micro: time.micro, offset };
}

/** What `PyUnicode_AsUTF8AndSize` gives after `_sanitize_isoformat_str`, or undefined where Python refuses. */
function toPythonUtf8(text: string): Bytes | undefined {
  if (ASCII.test(text)) return text.length < 7 ? undefined : text;
  // Python counts code points: under 7 is refused; a lone surrogate passes only as the separator.
  const starts: number[] = [];
  let index = 0;
  for (const cp of text) {
    if (starts.length === 11) break;
    starts.push(index);
    index += cp.length;
  }
  if (starts.length < 7) return undefined;
  if (LONE_SURROGATE.test(text)) {
    for (const pos of [7, 8, 10]) {
      if (pos >= starts.length) break;
      const at = starts[pos];
      if (LONE_SURROGATE.test(text[at]) && text.codePointAt(at)! < 0x10000) {
        text = `${text.slice(0, at)}T${text.slice(at + 1)}`;
        break;
      }
    }
    if (LONE_SURROGATE.test(text)) return undefined;
  }
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** `_find_isoformat_datetime_separator`: where the date ends, told by bytes 4, 5, 8 and 10. */
function findSeparator(b: Bytes): number {
  const len = b.length;
  if (len === 7) return 7;
  if (b.charCodeAt(4) === DASH) {
    if (b.charCodeAt(5) !== WEEK) return 10;
    if (len < 8) return -1;
    if (len > 8 && b.charCodeAt(8) === DASH) {
      if (len === 9) return -1;
      return len > 10 && isDigit(b.charCodeAt(10)) ? 8 : 10;
    }
    return 8;
  }
  if (b.charCodeAt(4) !== WEEK) return 8;
  let idx = 7;
  while (idx < len && isDigit(b.charCodeAt(idx))) idx++;
  if (idx < 9) return idx;
  return idx % 2 === 0 ? 7 : 8;
}

/** `parse_digits`: `count` digits from `at` as a number, or -1. */
function readDigits(b: Bytes, at: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const c = byteAt(b, at + i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/** `parse_isoformat_date`: YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D]. Fields unchecked. */
function parseDate(b: Bytes, len: number): { year: number; month: number; day: number } | undefined {
  if (len < 0) return undefined;
  const year = readDigits(b, 0, 4);
  if (year < 0) return undefined;
  let p = 4;
  const usesSeparator = b.charCodeAt(p) === DASH;
  if (usesSeparator) p++;
  if (byteAt(b, p) === WEEK) {
    const week = readDigits(b, p + 1, 2);
    if (week < 0) return undefined;
    p += 3;
    let weekday = 1;
    if (p < len) {
      if (usesSeparator && byteAt(b, p++) !== DASH) return undefined;
      weekday = readDigits(b, p, 1);
      if (weekday < 0) return undefined;
    }
    return fromIsoWeek(year, week, weekday);
  }
  const month = readDigits(b, p, 2);
  if (month < 0) return undefined;
  p += 2;
  if (usesSeparator && byteAt(b, p++) !== DASH) return undefined;
  const day = readDigits(b, p, 2);
  return day < 0 ? undefined : { year, month, day };
}

/** `iso_to_ymd`: the date of weekday `weekday` (1 = Monday) of ISO week `week` of `year`. */
function fromIsoWeek(year: number, week: number, weekday: number): { year: number; month: number; day: number } | undefined {
  // Year 0 is outside Python's calendar; every date it could name falls outside 1–9999.
  if (year < 1) return undefined;
  const jan1Weekday = weekdayMonday0(year, 1, 1);
  const hasWeek53 = jan1Weekday === 3 || (jan1Weekday === 2 && isLeapYear(year));
  if (week < 1 || week > 53 || (week === 53 && !hasWeek53)) return undefined;
  if (weekday < 1 || weekday > 7) return undefined;
  const week1Monday = daysFromCivil(year, 1, 1) - jan1Weekday + (jan1Weekday > 3 ? 7 : 0);
  return civilFromDays(week1Monday + (week - 1) * 7 + weekday - 1);
}

interface TimeFields { hour: number; minute: number; second: number; micro: number; offset?: { seconds: number; micro: number } }

/** `parse_isoformat_time`: the time from `start`, then `Z` or a signed offset read the same way. */
function parseTime(b: Bytes, start: number): TimeFields | undefined {
  const end = b.length;
  let tz = start;
  do {
    const c = byteAt(b, tz);
    if (c === ZULU || c === PLUS || c === DASH) break;
  } while (++tz < end);
  const clock = parseClock(b, start, tz);
  if (clock === undefined) return undefined;
  if (tz === end) return clock.trailing ? undefined : clock;
  if (b.charCodeAt(tz) === ZULU) {
    clock.offset = { seconds: 0, micro: 0 };
    return byteAt(b, tz + 1) === 0 ? clock : undefined;
  }
  const sign = b.charCodeAt(tz) === DASH ? -1 : 1;
  const zone = parseClock(b, tz + 1, end);
  if (zone === undefined || zone.trailing) return undefined;
  clock.offset = { seconds: sign * (zone.hour * 3600 + zone.minute * 60 + zone.second), micro: sign * zone.micro };
  return clock;
}

/**
 * `parse_hh_mm_ss_ff` over [start, end): HH[:MM[:SS]] or HH[MM[SS]], then a fraction after `.`
 * or `,`. `trailing` is C's return 1 (something follows); undefined is a malformed time.
 */
function parseClock(b: Bytes, start: number, end: number): (TimeFields & { trailing: boolean }) | undefined {
  const values = [0, 0, 0];
  let p = start;
  let hasSeparator = true;
  let fraction = false;
  for (let i = 0; i < 3 && !fraction; i++) {
    values[i] = readDigits(b, p, 2);
    if (values[i] < 0) return undefined;
    p += 2;
    const c = byteAt(b, p++);
    if (i === 0) hasSeparator = c === COLON;
    if (p >= end) return { hour: values[0], minute: values[1], second: values[2], micro: 0, trailing: c !== 0 };
    if (hasSeparator && c === COLON) continue;
    if (c === DOT || c === COMMA) fraction = true;
    else if (!hasSeparator) p--;
    else return undefined;
  }
  const digits = Math.min(end - p, 6);
  let micro = readDigits(b, p, digits);
  if (micro < 0) return undefined;
  micro *= 10 ** (6 - digits);
  p += digits;
  while (isDigit(byteAt(b, p))) p++;
  return { hour: values[0], minute: values[1], second: values[2], micro, trailing: byteAt(b, p) !== 0 };
}
