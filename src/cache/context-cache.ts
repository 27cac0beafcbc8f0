import { freezeContext, staleWarning, type ContextCache, type LoadOutcome } from './context.js';
import type { MemoryStore } from './memory-store.js';
import { SingleFlight } from './single-flight.js';

export type { CachedContext, ContextCache, LoadOutcome, Loader } from './context.js';
export { createCacheKey, createStoreKey } from './key.js';

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/**
 * The cache of one client over the in-process store. Hits are synchronous objects; a
 * load runs once per key at a time (single flight); a success is frozen and stored, a
 * failure never is. With `staleMs`, an entry is kept that much past its TTL and served
 * when the endpoint fails. `owned`: the client made the store, so `clear` empties it;
 * a store shared with other clients is left alone.
 */
export function createContextCache(options: {
  store: MemoryStore;
  owned: boolean;
  ttlMs: number;
  staleMs: number;
  abortedError: () => Error;
}): ContextCache {
  const { store, ttlMs, staleMs } = options;
  const flights = new SingleFlight<LoadOutcome>(options.abortedError);

  return {
    get: store.peek,
    load(key, loader, signal) {
      return flights.run(key, async (flightSignal, isCurrent) => {
        try {
          const context = freezeContext(await loader(flightSignal));
          if (isCurrent()) store.put(key, context, ttlMs, staleMs);
          return { context, source: 'network', stale: false, warnings: NO_WARNINGS };
        } catch (error) {
          const old = staleMs > 0 && !flightSignal.aborted ? store.peekStale(key) : undefined;
          if (old === undefined) throw error;
          return { context: old, source: 'cache', stale: true, warnings: [staleWarning(error)] };
        }
      }, signal);
    },
    invalidate(key) {
      flights.forget(key);
      return store.delete(key);
    },
    clear() {
      flights.clear();
      if (options.owned) store.clear();
    },
  };
}
