import { buildTemplateVariables, isTimeZoneName, type CallInfo } from '../index.js';
import { optionalString, UsageError, type ParsedValues } from './args.js';

/** `--timezone` and `--now`: render as the call would at that moment, in that zone (render and preview). */
export const CLOCK_OPTIONS = {
  timezone: { type: 'string' },
  now: { type: 'string' },
} as const;

export const CLOCK_HELP = `  --timezone ZONE             the agent's IANA time zone (default UTC); a timezone in the
                              context still wins for current_* and time_of_day
  --now TIME                  the moment of the call, ISO 8601 with an offset
                              (e.g. 2026-03-08T09:30:00-05:00); default: now`;

// An offset is required: without one the moment would depend on the machine's zone.
const ISO_WITH_OFFSET_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface Clock {
  timezone?: string;
  now: number;
}

/** Reads and checks `--timezone` and `--now`. */
export function readClock(values: ParsedValues): Clock {
  const timezone = optionalString(values, 'timezone');
  if (timezone !== undefined && !isTimeZoneName(timezone)) {
    throw new UsageError('--timezone must be an IANA time zone name', 'Use a name such as America/New_York, Europe/Berlin or UTC.');
  }
  const nowText = optionalString(values, 'now');
  const now = nowText === undefined ? Date.now() : Date.parse(nowText);
  if (nowText !== undefined && (!ISO_WITH_OFFSET_RE.test(nowText) || Number.isNaN(now))) {
    throw new UsageError('--now must be an ISO 8601 time with an offset, e.g. 2026-03-08T09:30:00-05:00');
  }
  return { timezone, now };
}

/** The variables the platform renders with: system variables under the context's keys. */
export function templateVariables(call: CallInfo, context: Record<string, unknown>, clock: Clock): Record<string, unknown> {
  return buildTemplateVariables({ call, context, now: clock.now, ...(clock.timezone === undefined ? {} : { timezone: clock.timezone }) });
}
