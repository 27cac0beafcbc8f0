import { ContextError } from '../errors.js';
import type { SecretScrubber } from './scrub.js';

/**
 * `error` with every form of the credentials removed from its message and hint: the last
 * pass before an error leaves the client, whatever part of it came from the endpoint
 * (a header value, a redirect target, a body snippet). The same error when clean.
 */
export function scrubContextError(error: ContextError, scrubber: SecretScrubber): ContextError {
  if (!scrubber.active) return error;
  const message = scrubber.scrub(error.message);
  const hint = scrubber.scrub(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new ContextError(error.code, message, { status: error.status, hint, cause: error.cause });
}
