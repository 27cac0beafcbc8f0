import { daysFromCivil, SECONDS_PER_DAY } from './civil.js';

/** An IANA time zone, answered by the ICU data that ships with Node (no network, no files). */
export interface TimeZone {
  readonly name: string;
  /** Seconds east of UTC at the instant `seconds` after the epoch. */
  offsetAt(seconds: number): number;
  /** The zone's abbreviation at that instant, for `%Z` (ICU's English one, else `+0530`). */
  abbreviationAt(seconds: number): string;
}

/** Longest zone name looked up: real ones are under 40 characters. */
const MAX_ZONE_NAME_LENGTH = 64;
/** Zones kept resolved (valid and invalid names alike); an Intl formatter costs ~50 µs to build. */
const MAX_CACHED_ZONES = 1000;
const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
// "1/2/2026 AD, 09:05:07": format() is ~4x faster than formatToParts().
const WALL_RE = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

const zones = new Map<string, TimeZone | null>();
const OFFSET_BUCKET_SECONDS = 900;
/** Quarter hours remembered per zone (about a week of distinct ones). */
const MAX_CACHED_BUCKETS = 1024;

/** The zone named `name`, or undefined when it is not an IANA name Python's ZoneInfo would accept. */
export function findTimeZone(name: unknown): TimeZone | undefined {
  if (typeof name !== 'string') return undefined;
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = createZone(name);
    if (zones.size >= MAX_CACHED_ZONES) zones.clear();
    zones.set(name, zone);
  }
  return zone ?? undefined;
}

/** True when `name` is an IANA time zone name (`America/New_York`, `UTC`). */
export function isTimeZoneName(name: unknown): name is string {
  return findTimeZone(name) !== undefined;
}

const UTC_ZONE: Omit<TimeZone, 'name'> = { offsetAt: () => 0, abbreviationAt: () => 'UTC' };

function createZone(name: string): TimeZone | null {
  if (name.length > MAX_ZONE_NAME_LENGTH || !ZONE_NAME_RE.test(name)) return null;
  if (name === 'UTC' || name === 'Etc/UTC') return { name, ...UTC_ZONE };
  let wallFormat: Intl.DateTimeFormat;
  try {
    wallFormat = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return null;
  }
  if (!hasTzCase(name, wallFormat.resolvedOptions().timeZone)) return null;
  let nameFormat: Intl.DateTimeFormat | undefined;
  const askIcu = (seconds: number): number => {
    const m = WALL_RE.exec(wallFormat.format(seconds * 1000));
    if (m === null) return 0;
    const year = m[4] === 'BC' ? 1 - Number(m[3]) : Number(m[3]);
    const wall = daysFromCivil(year, Number(m[1]), Number(m[2])) * SECONDS_PER_DAY + Number(m[5]) * 3600 + Number(m[6]) * 60 + Number(m[7]);
    return wall - seconds;
  };
  // An Intl call costs ~3 µs. Offsets change at most once in a quarter hour, so a quarter
  // hour whose first and last second agree has one offset throughout, and is remembered.
  const buckets = new Map<number, number>();
  const offsetAt = (seconds: number): number => {
    const bucket = Math.floor(seconds / OFFSET_BUCKET_SECONDS);
    const known = buckets.get(bucket);
    if (known !== undefined) return known;
    const first = askIcu(bucket * OFFSET_BUCKET_SECONDS);
    if (askIcu((bucket + 1) * OFFSET_BUCKET_SECONDS - 1) !== first) return askIcu(seconds);
    if (buckets.size >= MAX_CACHED_BUCKETS) buckets.clear();
    buckets.set(bucket, first);
    return first;
  };
  return {
    name,
    offsetAt,
    abbreviationAt(seconds) {
      nameFormat ??= new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' });
      const text = nameFormat.formatToParts(seconds * 1000).find((p) => p.type === 'timeZoneName')?.value ?? '';
      // ICU has English letters for few zones ("EST"); the tz database writes the rest as numbers ("+0545", "+11").
      return /^(GMT|UTC)[+-]/.test(text) || text === '' ? numericAbbreviation(offsetAt(seconds)) : text;
    },
  };
}

let canonicalByLowerCase: Map<string, string> | undefined;

/**
 * Intl ignores case ("utc", "asia/kolkata"); the tz database on Linux, and so Python's
 * ZoneInfo, does not. Names are checked against ICU's canonical spellings, and every
 * part of a name must start with a capital letter, as all IANA names do.
 */
function hasTzCase(name: string, resolved: string): boolean {
  if (!name.split('/').every((part) => part[0] >= 'A' && part[0] <= 'Z')) return false;
  canonicalByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const canonical = canonicalByLowerCase.get(name.toLowerCase()) ?? (resolved.toLowerCase() === name.toLowerCase() ? resolved : name);
  return canonical === name;
}

function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor((abs % 3600) / 60);
  return mm === 0 ? `${sign}${hh}` : `${sign}${hh}${String(mm).padStart(2, '0')}`;
}

/**
 * The offset of wall time `wallSeconds` (a wall clock read as UTC) in `zone`, as Python's
 * ZoneInfo gives it with fold=0: the offset before the transition, for a time that a
 * clock change skipped (a gap) as for one it repeated (a fold).
 */
export function offsetOfWallTime(zone: TimeZone, wallSeconds: number): number {
  // Zones change offset at most once in two days: the offsets a day either side bracket it.
  const before = zone.offsetAt(wallSeconds - SECONDS_PER_DAY);
  if (zone.offsetAt(wallSeconds - before) === before) return before;
  const after = zone.offsetAt(wallSeconds + SECONDS_PER_DAY);
  return zone.offsetAt(wallSeconds - after) === after ? after : before;
}
