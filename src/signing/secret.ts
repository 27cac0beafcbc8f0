/** The prefix of a Standard Webhooks secret: `whsec_` + the base64 key. */
export const SIGNING_SECRET_PREFIX = 'whsec_';

/** Shortest and longest key accepted, in bytes (the specification asks for 24 to 64 random bytes). */
export const MIN_SIGNING_KEY_BYTES = 16;
export const MAX_SIGNING_KEY_BYTES = 128;

/** Most secrets accepted at once: the current one and the one being rotated out. */
export const MAX_SIGNING_SECRETS = 2;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The HMAC key of a `whsec_` secret, or why it is not one. The message never holds
 * the secret: it is the customer's and ends up in the editor.
 */
export function decodeSigningSecret(secret: string): Buffer | string {
  if (!secret.startsWith(SIGNING_SECRET_PREFIX)) return `must start with '${SIGNING_SECRET_PREFIX}'`;
  const encoded = secret.slice(SIGNING_SECRET_PREFIX.length);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return `must be '${SIGNING_SECRET_PREFIX}' followed by a base64 key`;
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SIGNING_KEY_BYTES) return `must hold a key of at least ${MIN_SIGNING_KEY_BYTES} bytes`;
  if (key.length > MAX_SIGNING_KEY_BYTES) return `must hold a key of at most ${MAX_SIGNING_KEY_BYTES} bytes`;
  return key;
}

/** The texts a signing secret can leak as: the whole `whsec_…` string and its base64 key alone. */
export function signingSecretForms(secret: string): string[] {
  return secret.startsWith(SIGNING_SECRET_PREFIX) ? [secret, secret.slice(SIGNING_SECRET_PREFIX.length)] : [secret];
}

/** A fresh secret in the Standard Webhooks form, 32 random bytes. */
export function generateSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + globalThis.crypto.getRandomValues(Buffer.alloc(32)).toString('base64');
}
