import { normalizeCall } from '../call.js';
import { toZonedTime } from '../template/time/instant.js';
import { strftime } from '../template/time/strftime.js';
import { findTimeZone, type TimeZone } from '../template/time/zone.js';
import type { CallInfo } from '../types/index.js';
import { timeOfDay } from './time-of-day.js';

/** What `buildTemplateVariables` builds the namespace from. */
export interface TemplateVariablesInput {
  /** The call, as given to `ContextClient.load`. Checked like there: a bad one throws `ContextError('invalid_call')`. */
  call: CallInfo;
  /**
   * The endpoint's variables (`ContextResult.variables`; `{}` after a failed load). Every
   * top-level key wins over a system variable of the same name; a `timezone` key that is
   * an IANA name also moves `current_*` and `time_of_day` into that zone.
   */
  context?: Record<string, unknown>;
  /** The platform's own contact record, as `contact.*`. @default {} */
  contact?: Record<string, unknown>;
  /** The agent's IANA time zone. @default 'UTC' */
  timezone?: string;
  /**
   * The moment the call starts: a Date or milliseconds since the epoch. Injectable so
   * previews and tests render the same text every time.
   * @default Date.now()
   */
  now?: Date | number;
}

/**
 * The one namespace greetings and prompts render with: the system variables
 * (`current_datetime`, `current_date`, `current_time`, `timezone`, `time_of_day`, the call's
 * facts, `contact`), then the context's top-level keys over them. Unknown call facts are
 * left out, never null. No I/O: the time zone data is the ICU that ships with Node.
 *
 * @example
 * const result = await client.load(call);
 * const text = renderTemplate(greeting, buildTemplateVariables({ call, context: result.variables, timezone: 'America/New_York' }));
 */
export function buildTemplateVariables(input: TemplateVariablesInput): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) throw new TypeError('buildTemplateVariables: the input must be an object { call, context?, contact?, timezone?, now? }');
  const { context = {}, contact = {} } = input;
  if (!isRecord(context)) throw new TypeError('buildTemplateVariables: context must be an object (ContextResult.variables)');
  if (!isRecord(contact)) throw new TypeError('buildTemplateVariables: contact must be an object');
  const call = normalizeCall(input.call);
  const agentZoneName = input.timezone ?? 'UTC';
  const agentZone = findTimeZone(agentZoneName);
  if (agentZone === undefined) throw new TypeError(`buildTemplateVariables: timezone must be an IANA time zone name such as 'America/New_York' (got ${describe(agentZoneName)})`);
  const nowMs = input.now instanceof Date ? input.now.getTime() : input.now ?? Date.now();
  // The caller's zone, when the endpoint knows it, is where "now" is said; an unknown name is ignored.
  const zone: TimeZone = findTimeZone(context.timezone) ?? agentZone;
  const clock = typeof nowMs === 'number' ? toZonedTime(new Date(nowMs), zone) : undefined;
  if (clock === undefined) throw new TypeError('buildTemplateVariables: now must be a valid Date or a number of milliseconds since the epoch, within years 1–9999');
  // Null prototype: a context key named "__proto__" stays a plain variable.
  const vars = Object.create(null) as Record<string, unknown>;
  vars.current_datetime = strftime(clock, '%Y-%m-%dT%H:%M:%S%:z');
  vars.current_date = strftime(clock, '%Y-%m-%d');
  vars.current_time = strftime(clock, '%H:%M');
  vars.time_of_day = timeOfDay(clock.wall.hour);
  vars.timezone = zone.name;
  vars.direction = call.direction;
  vars.medium = call.medium;
  vars.agent_uuid = call.agentUuid;
  if (call.agentNumber !== undefined) vars.agent_number = call.agentNumber;
  if (call.contactNumber !== undefined) vars.contact_number = call.contactNumber;
  if (call.externalId !== undefined) vars.external_id = call.externalId;
  vars.room_sid = call.roomSid;
  vars.contact = contact;
  for (const key of Object.keys(context)) vars[key] = context[key];
  return vars;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
}
