import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import type { ExchangeTimings } from './exchange.js';
import { classifyAddress, type AddressClass } from './address.js';
import type { ResolvedOptions } from './options.js';

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
export function createGuardedAgent(guard: boolean, resolve: Resolve | undefined, timeoutMs: number, timings?: ExchangeTimings): Agent {
  const lookup = guard || resolve !== undefined ? createLookup(resolve ?? resolveAll, guard) : undefined;
  if (timings !== undefined) return createTimedAgent(lookup ?? (dnsLookup as unknown as LookupFunction), timeoutMs, timings);
  return new Agent({
    connections: 16,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // A connect attempt outliving the deadline would hold a socket nobody waits for.
    connect: lookup === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup },
  });
}

type LookupFunction = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => void;

/**
 * A one-connection Agent for the Test report: the same lookup (and so the same guard),
 * with `performance.now()` marks for DNS, TCP connect and the TLS handshake. A fresh
 * connection every time, so the split is the one a first call of the day pays.
 */
function createTimedAgent(lookup: LookupFunction, timeoutMs: number, timings: ExchangeTimings): Agent {
  const timedLookup: LookupFunction = (hostname, options, callback) => {
    timings.lookupStartAt = performance.now();
    lookup(hostname, options, (error, address, family) => {
      timings.lookupEndAt = performance.now();
      callback(error, address, family);
    });
  };
  const connector = buildConnector({ timeout: timeoutMs, lookup: timedLookup as never });
  return new Agent({
    connections: 1,
    connect(options, callback) {
      timings.connectStartAt = performance.now();
      // undici's connector returns its socket (typed void): a TLS socket emits 'connect'
      // when TCP is up, then 'secureConnect' after the handshake.
      const socket = connector(options, callback) as unknown as import('node:net').Socket;
      socket.once('connect', () => (timings.connectEndAt = performance.now()));
      socket.once('secureConnect', () => (timings.secureEndAt = performance.now()));
      return socket;
    },
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

