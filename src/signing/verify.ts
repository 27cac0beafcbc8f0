import { timingSafeEqual } from 'node:crypto';
import { ContextError } from '../errors.js';
import { decodeSigningSecret } from './secret.js';
import { signatureOf } from './sign.js';

/** Default tolerance between the request's timestamp and the receiver's clock: five minutes, as the specification advises. */
export const DEFAULT_SIGNATURE_TOLERANCE_SEC = 300;

/** Headers as node:http gives them, as a fetch `Headers`, or a plain record. */
export type IncomingHeaders =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

/** Arguments of `verifyContextRequest`. */
export interface VerifyContextRequestOptions {
  headers: IncomingHeaders;
  /** The raw body exactly as received: a re-serialised JSON body does not verify. */
  body: string | Uint8Array;
  /** The endpoint's `whsec_` secret, or the current and the previous one during a rotation. */
  secret: string | readonly string[];
  /** Largest accepted distance of `webhook-timestamp` from now, in seconds. @default 300 */
  toleranceSec?: number;
  /** The receiver's clock in milliseconds since the epoch (tests). @default Date.now() */
  now?: number;
}

/** What a verified request carries. */
export interface VerifiedContextRequest {
  /** `webhook-id`: unique per request, to refuse replays. */
  id: string;
  /** `webhook-timestamp`, seconds since the epoch. */
  timestamp: number;
  /** The JSON body: the call's metadata. */
  payload: Record<string, unknown>;
}

/**
 * For customers' endpoints: checks the Standard Webhooks signature of a context request
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`) against the secret, and the
 * timestamp against `toleranceSec`. Throws `ContextError('unauthorized')` on a missing,
 * bad or stale signature, `ContextError('invalid_config')` on a malformed secret.
 */
export function verifyContextRequest(options: VerifyContextRequestOptions): VerifiedContextRequest {
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const keys = secrets.map((secret, i) => {
    const key = typeof secret === 'string' ? decodeSigningSecret(secret) : 'must be a string';
    if (typeof key === 'string') {
      throw new ContextError('invalid_config', `Invalid signing secret: secret${secrets.length > 1 ? `[${i}]` : ''} ${key}`);
    }
    return key;
  });
  if (keys.length === 0) throw new ContextError('invalid_config', 'Invalid signing secret: no secret given');
  const id = header(options.headers, 'webhook-id');
  const timestampText = header(options.headers, 'webhook-timestamp');
  const signatures = header(options.headers, 'webhook-signature');
  if (id === undefined || timestampText === undefined || signatures === undefined) {
    throw refused('the webhook-id, webhook-timestamp and webhook-signature headers are required');
  }
  if (!/^\d{1,12}$/.test(timestampText)) throw refused('webhook-timestamp is not a number of seconds');
  const timestamp = Number(timestampText);
  const tolerance = options.toleranceSec ?? DEFAULT_SIGNATURE_TOLERANCE_SEC;
  const nowSec = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSec - timestamp) > tolerance) throw refused(`the timestamp is more than ${tolerance} s from this server's clock (a replay, or a clock out of sync)`);
  const body = typeof options.body === 'string' ? options.body : Buffer.from(options.body.buffer, options.body.byteOffset, options.body.byteLength).toString('utf8');
  const offered = signatures.split(' ').filter((s) => s.startsWith('v1,')).map((s) => Buffer.from(s));
  const matches = keys.some((key) => {
    const expected = Buffer.from(signatureOf(key, id, timestamp, body));
    return offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  });
  if (!matches) throw refused('no signature matches the secret (a different secret, or a body changed on the way)');
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw refused('the signed body is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw refused('the signed body is not a JSON object');
  return { id, timestamp, payload: payload as Record<string, unknown> };
}

function header(headers: IncomingHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    for (const key of Object.keys(record)) if (key.toLowerCase() === name) value = record[key];
  }
  return Array.isArray(value) ? value.join(' ') : value;
}

function refused(detail: string): ContextError {
  return new ContextError('unauthorized', `Context request signature refused: ${detail}`, {
    hint: 'Check that the endpoint verifies with the signing secret saved in the agent settings, against the raw request body, and that its clock is right.',
  });
}
