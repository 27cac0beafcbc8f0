import { currentBudget } from '../limits.js';
import { toZonedTime, type ZonedTime } from './instant.js';
import { findTimeZone, type TimeZone } from './zone.js';

/**
 * The filters that format in the render's zone, with the position of their `timezone`
 * parameter: the compiler passes a `timezone` the template binds itself, and checkTemplate
 * counts a valid `timezone` variable as read when one of them is used.
 */
export const ZONED_FILTERS: ReadonlyMap<string, number> = new Map([['datetime', 1], ['relative_day', 0]]);

/**
 * The zone a date filter formats in: its `timezone` argument; when that is none, the
 * render's `timezone` variable; when that is absent, UTC. Undefined for an unknown zone.
 */
export function zoneForRender(argument: unknown): TimeZone | undefined {
  if (argument !== undefined && argument !== null) return findTimeZone(argument);
  const variables = currentBudget().variables;
  const name = Object.hasOwn(variables, 'timezone') ? variables.timezone : undefined;
  return findTimeZone(name === undefined || name === null ? 'UTC' : name);
}

/**
 * "Now" of the render, in `zone`: the `current_datetime` variable that
 * buildTemplateVariables set (so previews and tests are reproducible), else the clock.
 */
export function nowForRender(zone: TimeZone): ZonedTime | undefined {
  const variables = currentBudget().variables;
  const now = Object.hasOwn(variables, 'current_datetime') ? toZonedTime(variables.current_datetime, zone) : undefined;
  return now ?? toZonedTime(new Date(), zone);
}
