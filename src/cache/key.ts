import { createHash } from 'node:crypto';
import type { ResolvedCall } from '../call.js';
import type { ResolvedConfig } from '../config.js';

// Validated call fields are printable ASCII (normalizeCall), so this can't occur inside one.
const SEP = '\u0001';

/** Version of the stored entry format; part of every shared key, so formats never meet. */
export const ENTRY_FORMAT = 1;

function callPart(call: ResolvedCall): string {
  const id = call.externalId;
  return call.agentUuid + SEP + call.direction + SEP + call.medium + SEP + (call.agentNumber ?? '') + SEP +
    (call.contactNumber ?? '') + SEP + (id === undefined ? '' : typeof id === 'number' ? `n${id}` : `s${id}`);
}

/** Everything of a client that changes what is cached: endpoint, credentials, and the platform's content policy. */
function configPart(config: ResolvedConfig, policy: string): string {
  return `${config.endpoint}${SEP}${config.authIdentity}${SEP}${policy}`;
}

/**
 * The in-process key builder of one client configuration. A key holds everything that
 * changes the request except the room SID, so two tenants, credentials, agents or
 * contacts never share an entry. The endpoint and credential part is the same for every
 * call of a client, so it is hashed once into a short prefix (never the secret itself)
 * rather than serialised per call; `externalId` carries a type tag, so 42 and "42",
 * which are sent differently, stay apart.
 */
export function createCacheKey(config: ResolvedConfig, policy = ''): (call: ResolvedCall) => string {
  const prefix = createHash('sha256').update(configPart(config, policy)).digest('hex').slice(0, 16) + SEP;
  return (call) => prefix + callPart(call);
}

/**
 * The key builder for a shared store: the whole key is a hash of the configuration and
 * the caller, so neither a credential nor a phone number is readable in the store, and
 * the entry format version leads it.
 */
export function createStoreKey(config: ResolvedConfig, policy = ''): (call: ResolvedCall) => string {
  const head = configPart(config, policy) + SEP;
  return (call) => `v${ENTRY_FORMAT}:${createHash('sha256').update(head + callPart(call)).digest('base64url')}`;
}
