import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent } from 'undici';
import { classifyAddress, type AddressClass } from './address.js';
import type { ResolvedOptions } from './config.js';

/** Resolves every address of a hostname (injectable for tests). */
export type Resolve = NonNullable<ResolvedOptions['lookup']>;
type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

const BLOCKED = Symbol('blocked-destination');

/** dns.lookup with every address, in the resolver's order. */
export const resolveAll: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses as Array<{ address: string; family: 4 | 6 }>);
    });
  });

/**
 * The client's own undici Agent: keep-alive, bounded sockets per origin, and a connector
 * whose lookup refuses any non-public address unless the guard is off.
 */
export function createGuardedAgent(guard: boolean, resolve: Resolve | undefined, timeoutMs: number): Agent {
  const lookup = guard || resolve !== undefined ? createLookup(resolve ?? resolveAll, guard) : undefined;
  return new Agent({
    connections: 16,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // A connect attempt outliving the deadline would hold a socket nobody waits for.
    connect: lookup === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup },
  });
}

/**
 * A `net.connect` lookup: resolves every address, refuses if any one is not public, then
 * hands Node exactly the checked addresses, so the socket can only reach one of them.
 */
function createLookup(resolve: Resolve, guard: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    const checked = guard ? checkResolved(resolve, hostname) : resolve(hostname);
    checked.then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error, []),
    );
  };
}

/** Every address of `hostname`, or a rejection marked BLOCKED when any one is not public. */
export async function checkResolved(resolve: Resolve, hostname: string): Promise<Array<{ address: string; family: 4 | 6 }>> {
  const addresses = await resolve(hostname);
  if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') throw Object.assign(new Error(`blocked ${kind} address`), { [BLOCKED]: kind });
  }
  return addresses;
}

/** Walks the cause chain: undici may wrap the connector's error. */
export function findBlocked(error: unknown): AddressClass | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const kind = (current as Record<symbol, unknown>)[BLOCKED];
    if (typeof kind === 'string') return kind as AddressClass;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

