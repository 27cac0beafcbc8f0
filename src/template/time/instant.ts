import { Markup, PyFloat } from '../runtime/types.js';
import { secondsToWall, wallToSeconds, type WallTime } from './civil.js';
import { parseIsoFormat } from './iso-format.js';
import { offsetOfWallTime, type TimeZone } from './zone.js';

/** A moment read from template data: an instant, or a wall time with no zone of its own. */
type TimeValue = { seconds: number; micro: number; wall?: undefined } | { wall: WallTime };

/** A moment as a clock in `zone` shows it: what strftime formats. */
export interface ZonedTime {
  wall: WallTime;
  /** Seconds east of UTC. */
  offset: number;
  zone: TimeZone;
}

const MIN_SECONDS = -62_135_596_800; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z

/**
 * The moment `value` names, in `zone`, or undefined when it names none (missing, null,
 * unparseable, or outside Python's years 1–9999). Never throws.
 */
export function toZonedTime(value: unknown, zone: TimeZone): ZonedTime | undefined {
  const parsed = parseTimeValue(value);
  if (parsed === undefined) return undefined;
  if (parsed.wall !== undefined) {
    // Python's `naive.replace(tzinfo=zone).astimezone(zone)` keeps the wall time as written.
    return { wall: parsed.wall, offset: offsetOfWallTime(zone, wallToSeconds(parsed.wall)), zone };
  }
  if (parsed.seconds < MIN_SECONDS || parsed.seconds > MAX_SECONDS) return undefined;
  const offset = zone.offsetAt(parsed.seconds);
  const wall = secondsToWall(parsed.seconds + offset, parsed.micro);
  return wall.year >= 1 && wall.year <= 9999 ? { wall, offset, zone } : undefined;
}

/** Seconds since the epoch of a zoned time. */
export function zonedSeconds(t: ZonedTime): number {
  return wallToSeconds(t.wall) - t.offset;
}

function parseTimeValue(value: unknown): TimeValue | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return undefined;
    const seconds = Math.floor(ms / 1000);
    return { seconds, micro: (ms - seconds * 1000) * 1000 };
  }
  if (value instanceof PyFloat) return fromEpochSeconds(value.value);
  if (typeof value === 'number') return fromEpochSeconds(value);
  if (value instanceof Markup) return parseIso(value.text);
  return typeof value === 'string' ? parseIso(value) : undefined;
}

/** Python's `datetime.fromtimestamp(x)`: microseconds rounded half to even. */
function fromEpochSeconds(x: number): TimeValue | undefined {
  if (!Number.isFinite(x) || x < MIN_SECONDS - 1 || x > MAX_SECONDS + 1) return undefined;
  let seconds = Math.trunc(x);
  let micro = roundHalfEven((x - seconds) * 1e6);
  if (micro >= 1e6) {
    micro -= 1e6;
    seconds += 1;
  } else if (micro < 0) {
    micro += 1e6;
    seconds -= 1;
  }
  return { seconds, micro };
}

// C's _PyTime_RoundHalfEven: round() is half away from zero, exact halves go to even.
function roundHalfEven(x: number): number {
  const rounded = Math.sign(x) * Math.round(Math.abs(x));
  return Math.abs(x - rounded) === 0.5 ? 2 * Math.sign(x) * Math.round(Math.abs(x / 2)) : rounded;
}

/** A string as Python's `datetime.fromisoformat` reads it: wall time, or an instant when it has an offset. */
function parseIso(text: string): TimeValue | undefined {
  const fields = parseIsoFormat(text);
  if (fields === undefined) return undefined;
  const { offset } = fields;
  const wall: WallTime = { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second, micro: fields.micro };
  if (offset === undefined) return { wall };
  // The offset's microseconds have the offset's sign; borrow a second when they go below zero.
  let seconds = wallToSeconds(wall) - offset.seconds;
  let micro = wall.micro - offset.micro;
  if (micro < 0) {
    micro += 1e6;
    seconds -= 1;
  } else if (micro >= 1e6) {
    micro -= 1e6;
    seconds += 1;
  }
  return { seconds, micro };
}
