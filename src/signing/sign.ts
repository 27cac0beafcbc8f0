import { createHmac, randomUUID } from 'node:crypto';

/** The three headers of a signed request, lower case as the Standard Webhooks specification writes them. */
export interface SignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`: one signature, as the specification defines it. */
export function signatureOf(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Signs one request body with every key (two during a rotation, space separated), under a
 * fresh message id and the current time in seconds unless given.
 */
export function signRequest(keys: readonly Buffer[], body: string, id: string = newMessageId(), timestamp: number = Math.floor(Date.now() / 1000)): SignatureHeaders {
  let signature = '';
  for (const key of keys) signature += (signature === '' ? '' : ' ') + signatureOf(key, id, timestamp, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

/** A message id unique per request: the endpoint can refuse a replayed id. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}
