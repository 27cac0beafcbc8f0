import pTimeout, { TimeoutError } from 'p-timeout';
import { ContextError } from '../errors.js';
import type { CacheStore, CacheStoreFault } from '../types/index.js';
import { decodeEntry, encodeEntry, type StoredEntry } from './codec.js';
import { freezeContext, staleWarning, type ContextCache, type LoadOutcome } from './context.js';
import { SingleFlight } from './single-flight.js';

export interface SharedCacheOptions {
  store: CacheStore;
  ttlMs: number;
  staleMs: number;
  /** Deadline of every store call. */
  timeoutMs: number;
  /** Wall clock, in ms since the epoch: entries cross processes. */
  now: () => number;
  abortedError: () => Error;
  /** A store fault no load result can carry (a background write). */
  onWriteFault: (key: string, fault: CacheStoreFault) => void;
}

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/**
 * The cache of one client over a shared store (Redis…). Every store call is bounded by
 * `timeoutMs`; a rejection, a hang or an unreadable value is a miss, reported in the
 * result's warnings. Nothing is kept in process between loads, so an invalidation on any
 * replica holds on every replica. The write after a network load is not awaited: a slow
 * store delays no call by more than one timeout (the read).
 */
export function createSharedCache(options: SharedCacheOptions): ContextCache {
  const { store, ttlMs, staleMs, timeoutMs, now } = options;
  const flights = new SingleFlight<LoadOutcome>(options.abortedError);
  const guard = <T>(op: () => Promise<T>): Promise<T> =>
    // The store may throw synchronously, or never settle: neither reaches the caller.
    pTimeout(Promise.resolve().then(op), { milliseconds: timeoutMs });

  async function read(key: string): Promise<{ entry?: StoredEntry; fault?: CacheStoreFault }> {
    let raw: unknown;
    try {
      raw = await guard(() => store.get(key));
    } catch (error) {
      return { fault: classify(error) };
    }
    if (raw === undefined || raw === null) return {};
    const entry = decodeEntry(raw);
    return entry === undefined ? { fault: 'unreadable' } : { entry };
  }

  return {
    get: () => undefined,
    load(key, loader, signal) {
      return flights.run(key, async (flightSignal, isCurrent) => {
        const { entry, fault } = await read(key);
        const faultWarnings = fault === undefined ? NO_WARNINGS : [faultWarning(fault, timeoutMs)];
        const extra = fault === undefined ? {} : { fault };
        if (entry !== undefined && now() < entry.freshUntil) {
          return { context: entry.context, source: 'cache', stale: false, warnings: NO_WARNINGS };
        }
        if (flightSignal.aborted) throw options.abortedError();
        let context;
        try {
          context = freezeContext(await loader(flightSignal));
        } catch (error) {
          if (entry === undefined || staleMs === 0 || flightSignal.aborted || now() >= entry.freshUntil + staleMs) throw error;
          return { context: entry.context, source: 'cache', stale: true, warnings: [staleWarning(error)], ...extra };
        }
        if (isCurrent()) {
          const value = encodeEntry(context, now() + ttlMs);
          guard(() => store.set(key, value, ttlMs + staleMs)).catch((error: unknown) => options.onWriteFault(key, classify(error)));
        }
        return { context, source: 'network', stale: false, warnings: faultWarnings, ...extra };
      }, signal);
    },
    async invalidate(key) {
      flights.forget(key);
      try {
        await guard(() => store.delete(key));
      } catch (error) {
        const fact = classify(error) === 'timeout' ? `did not answer within ${timeoutMs} ms` : 'failed';
        throw new ContextError('network_error', `Cache invalidation failed: the cache store ${fact}`, {
          hint: 'The shared cache store (Redis) did not confirm the delete; check that it is up, then invalidate again.',
        });
      }
    },
    clear() {
      flights.clear();
    },
  };
}

function classify(error: unknown): CacheStoreFault {
  return error instanceof TimeoutError ? 'timeout' : 'error';
}

/** Says what happened without the store's own message, which may name hosts or keys. */
export function faultWarning(fault: CacheStoreFault, timeoutMs: number): string {
  const what = fault === 'timeout' ? `did not answer within ${timeoutMs} ms` : fault === 'error' ? 'failed' : 'held an unreadable entry';
  return `The shared cache store ${what}; the context was loaded from the endpoint.`;
}
