import type { ResolvedCall } from '../call.js';
import type { ResolvedConfig } from '../config.js';
import type { ResolvedOptions } from '../options.js';
import type { CacheStoreFault } from '../types/index.js';
import { createCacheKey, createContextCache, createStoreKey, type ContextCache } from './context-cache.js';
import { MemoryStore } from './memory-store.js';
import { createSharedCache } from './shared-cache.js';

export type { CachedContext, ContextCache, LoadOutcome } from './context.js';
export { createMemoryCacheStore, type MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-store.js';

/** A client's cache and the key builder that goes with it. */
export interface ClientCache {
  cache: ContextCache;
  key: (call: ResolvedCall) => string;
}

/**
 * The cache of one client, or `undefined` when `cacheTtlMs` is 0 (nothing stored, no
 * single flight). Without `cacheStore` the client owns an in-process LRU; a memory store
 * given by the platform is used the same way (synchronous hits), shared; any other store
 * goes through the versioned string entries with a deadline on every call.
 */
export function createClientCache(
  config: ResolvedConfig,
  options: ResolvedOptions,
  hooks: { injectedNow: boolean; abortedError: () => Error; onWriteFault: (key: string, fault: CacheStoreFault) => void },
): ClientCache | undefined {
  const ttlMs = config.cacheTtlMs;
  if (ttlMs === 0) return undefined;
  // What the platform does to a response before caching it; clients that differ here must not share entries.
  const policy = options.sensitiveData;
  const staleMs = options.staleIfErrorMs;
  const given = options.cacheStore;
  if (given === undefined || given instanceof MemoryStore) {
    // Only an injected clock needs exact reads; the default lets lru-cache coarsen them.
    const store = given ?? new MemoryStore({ maxEntries: options.cacheMaxEntries, maxBytes: options.cacheMaxBytes, ...(hooks.injectedNow && { now: options.now }) });
    const cache = createContextCache({ store, owned: given === undefined, ttlMs, staleMs, abortedError: hooks.abortedError });
    return { cache, key: createCacheKey(config, policy) };
  }
  const cache = createSharedCache({
    store: given,
    ttlMs,
    staleMs,
    timeoutMs: options.cacheStoreTimeoutMs,
    now: hooks.injectedNow ? options.now : Date.now,
    abortedError: hooks.abortedError,
    onWriteFault: hooks.onWriteFault,
  });
  return { cache, key: createStoreKey(config, policy) };
}
