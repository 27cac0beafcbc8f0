import type { CallInfo } from '../index.js';
import { readFlagFile, UsageError, type ParsedValues } from './args.js';

/** Most contacts one command runs: a preview of a whole CRM export is a load test, not a preview. */
export const MAX_CONTACTS = 200;

/** Call record fields a `--contacts` JSON file may set, in either spelling (CallInfo's or the wire body's). */
const RECORD_FIELDS: Readonly<Record<string, keyof CallInfo>> = {
  contactNumber: 'contactNumber', contact_number: 'contactNumber', contact: 'contactNumber',
  agentNumber: 'agentNumber', agent_number: 'agentNumber',
  agentUuid: 'agentUuid', agent_uuid: 'agentUuid',
  direction: 'direction', medium: 'medium',
  externalId: 'externalId', external_id: 'externalId',
};

/**
 * The calls to run: one per `--contact` (repeatable) and per entry of `--contacts FILE`
 * (one number per line, `#` comments allowed, or a JSON array of numbers and call
 * records), each on top of `base` (the flags' direction, agent…). None: `base` alone.
 */
export function resolveContacts(values: ParsedValues, base: CallInfo, readStdin?: () => string): CallInfo[] {
  const calls: CallInfo[] = [];
  const flags = values.contact;
  for (const number of Array.isArray(flags) ? flags : typeof flags === 'string' ? [flags] : []) {
    if (number === '') throw new UsageError('option --contact needs a non-empty value');
    calls.push({ ...base, contactNumber: number });
  }
  const file = values.contacts;
  if (typeof file === 'string') calls.push(...parseContactsFile(readFlagFile(file, 'contacts', readStdin), file, base));
  if (calls.length > MAX_CONTACTS) throw new UsageError(`too many contacts (${calls.length}); run at most ${MAX_CONTACTS} at a time`);
  return calls;
}

/** A label for a call in output: its number, the web visitor's id, or its position. */
export function contactLabel(call: CallInfo, index: number): string {
  if (call.contactNumber !== undefined) return call.contactNumber;
  if (call.externalId !== undefined) return `web:${call.externalId}`;
  return `#${index + 1}`;
}

function parseContactsFile(text: string, path: string, base: CallInfo): CallInfo[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let entries: unknown;
    try {
      entries = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`--contacts file ${path} starts with [ but is not valid JSON`, 'Write one phone number per line, or a JSON array of numbers and call records.');
    }
    return (entries as unknown[]).map((entry, i) => recordToCall(entry, i, base));
  }
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((number) => ({ ...base, contactNumber: number }));
}

function recordToCall(entry: unknown, index: number, base: CallInfo): CallInfo {
  if (typeof entry === 'string' || typeof entry === 'number') return { ...base, contactNumber: String(entry) };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new UsageError(`--contacts entry ${index} must be a phone number or a call record object`);
  }
  const call: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(entry)) {
    const field = Object.hasOwn(RECORD_FIELDS, key) ? RECORD_FIELDS[key] : undefined;
    // The key is echoed, never the value: a record may hold anything.
    if (field === undefined) throw new UsageError(`--contacts entry ${index} has an unknown field '${key.slice(0, 40)}'`, `Known fields: ${Object.keys(RECORD_FIELDS).join(', ')}.`);
    if (typeof value !== 'string' && !(field === 'externalId' && typeof value === 'number')) throw new UsageError(`--contacts entry ${index}: ${key} must be a string`);
    call[field] = value;
  }
  // A record with a visitor id is a web conversation unless it says otherwise.
  if (call.externalId !== undefined && !Object.hasOwn(entry, 'medium')) call.medium = 'web';
  return call as unknown as CallInfo;
}
