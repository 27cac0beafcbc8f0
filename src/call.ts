import { z } from 'zod';
import { CONTROL_RE, firstIssue, HEADER_SAFE_RE, isObject, MAX_CALL_FIELD_LENGTH, parseOptions } from './config.js';
import { ContextError } from './errors.js';
import type { CallDirection, CallMedium } from './types/index.js';

/** Call metadata after validation: trimmed, defaulted, `externalId` only for web calls. */
export interface ResolvedCall {
  agentUuid: string; direction: CallDirection; medium: CallMedium; roomSid: string;
  agentNumber?: string; contactNumber?: string; externalId?: string | number;
}

const callString = z.string()
  .max(MAX_CALL_FIELD_LENGTH, { error: `must be at most ${MAX_CALL_FIELD_LENGTH} characters`, abort: true })
  .refine((v) => !CONTROL_RE.test(v), { error: 'must not contain control characters or line breaks', abort: true })
  .refine((v) => HEADER_SAFE_RE.test(v), { error: 'must contain only printable ASCII characters' });
// Only spaces and tabs are trimmed: a CR or LF must fail, never be silently removed.
const trimmed = () => z.string().overwrite((v) => v.replace(/^[ \t]+|[ \t]+$/g, ''));
const requiredCallString = trimmed().min(1, { error: 'is required' }).pipe(callString);
// Empty optional fields mean "not known": they are dropped, never sent empty.
const optionalCallString = trimmed().pipe(callString).optional();

/** The zod schema of `CallInfo`. */
export const callSchema = z.object({
  agentUuid: requiredCallString,
  direction: z.enum(['inbound', 'outbound']),
  medium: z.enum(['phone', 'web']).optional(),
  agentNumber: optionalCallString,
  contactNumber: optionalCallString,
  externalId: z.union([optionalCallString, z.number().refine(Number.isFinite, { error: 'must be a finite number' })]).optional(),
  roomSid: requiredCallString,
});

/**
 * Validates one call's metadata. Throws `ContextError('invalid_call')` naming the
 * first bad field. `externalId` is web-only and dropped for phone calls.
 */
export function normalizeCall(call: unknown): ResolvedCall {
  return resolveCleanCall(call) ?? parseCall(call);
}

// A clean field needs no trimming and passes every callString rule: printable ASCII,
// no edge spaces, at most MAX_CALL_FIELD_LENGTH characters.
const CLEAN_FIELD_RE = new RegExp(`^[\\x21-\\x7e](?:[\\x20-\\x7e]{0,${MAX_CALL_FIELD_LENGTH - 2}}[\\x21-\\x7e])?$`);
const isCleanField = (v: unknown): v is string => typeof v === 'string' && CLEAN_FIELD_RE.test(v);
const isCleanOptional = (v: unknown): boolean => v === undefined || isCleanField(v);

/**
 * The per-call hot path: a call that is plainly valid is resolved without zod
 * (which costs ~16 µs a call). Anything unusual returns undefined and goes through
 * the schema, which also writes the error message.
 */
export function resolveCleanCall(call: unknown): ResolvedCall | undefined {
  if (!isObject(call)) return undefined;
  const { agentUuid, direction, medium, agentNumber, contactNumber, externalId, roomSid } = call;
  if (!isCleanField(agentUuid) || !isCleanField(roomSid)) return undefined;
  if (direction !== 'inbound' && direction !== 'outbound') return undefined;
  if (medium !== undefined && medium !== 'phone' && medium !== 'web') return undefined;
  if (!isCleanOptional(agentNumber) || !isCleanOptional(contactNumber)) return undefined;
  const isWeb = medium === 'web';
  if (isWeb && !(isCleanOptional(externalId) || (typeof externalId === 'number' && Number.isFinite(externalId)))) return undefined;
  const resolved: ResolvedCall = { agentUuid, direction, medium: isWeb ? 'web' : 'phone', roomSid };
  if (agentNumber !== undefined) resolved.agentNumber = agentNumber as string;
  if (contactNumber !== undefined) resolved.contactNumber = contactNumber as string;
  if (isWeb && externalId !== undefined) resolved.externalId = externalId as string | number;
  return resolved;
}

export function parseCall(call: unknown): ResolvedCall {
  // externalId is web-only: on a phone call it is ignored, not validated.
  const isWeb = isObject(call) && call.medium === 'web';
  const parsed = callSchema.safeParse(isWeb || !isObject(call) ? call : { ...call, externalId: undefined }, parseOptions);
  if (!parsed.success) {
    const detail = firstIssue(parsed.error, 'call');
    throw new ContextError('invalid_call', `Invalid call metadata: ${detail}`, {
      hint: `The call metadata is invalid (${detail}); this is a platform fault, not the endpoint's.`,
    });
  }
  const data = parsed.data;
  const medium = data.medium ?? 'phone';
  const resolved: ResolvedCall = { agentUuid: data.agentUuid, direction: data.direction, medium, roomSid: data.roomSid };
  if (data.agentNumber) resolved.agentNumber = data.agentNumber;
  if (data.contactNumber) resolved.contactNumber = data.contactNumber;
  if (isWeb && data.externalId !== undefined && data.externalId !== '') resolved.externalId = data.externalId;
  return resolved;
}

