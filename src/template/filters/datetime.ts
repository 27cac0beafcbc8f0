import { currentBudget } from '../limits.js';
import { bindArgs } from '../runtime/args.js';
import { Markup, type FilterFunction } from '../runtime/types.js';
import { toZonedTime } from '../time/instant.js';
import { zoneForRender } from '../time/render-clock.js';
import { strftime } from '../time/strftime.js';

/** Longest `datetime` format: the format is the template's, its output must stay small. */
export const MAX_DATETIME_FORMAT_LENGTH = 256;
/** Format characters per work unit charged to the render's budget. */
const FORMAT_CHARS_PER_UNIT = 32;

/**
 * `value | datetime(format='%Y-%m-%d %H:%M', timezone=none)`: Python's
 * `value.astimezone(ZoneInfo(timezone)).strftime(format)`. Lenient: a missing, null or
 * unparseable value, an unknown zone or an unusable format give undefined.
 */
export const datetimeFilter: FilterFunction = (value, args, kwargs) => {
  const [format, timezone] = bindArgs('datetime', ['format', 'timezone'], ['%Y-%m-%d %H:%M', null], args, kwargs);
  const text = format instanceof Markup ? format.text : format;
  if (typeof text !== 'string' || text.length > MAX_DATETIME_FORMAT_LENGTH || text.includes('\0')) return undefined;
  // The call's own unit is charged where it is made (every filter call is an operation).
  currentBudget().chargeIterations((text.length / FORMAT_CHARS_PER_UNIT) | 0);
  const zone = zoneForRender(timezone);
  const time = zone === undefined ? undefined : toZonedTime(value, zone);
  return time === undefined ? undefined : strftime(time, text);
};

export const DATETIME_FILTERS: Readonly<Record<string, FilterFunction>> = { datetime: datetimeFilter };
