import { LRUCache } from 'lru-cache';
import type { ResolvedCall } from './call.js';
import type { ResolvedConfig } from './config.js';

/** A successful context as stored and shared: frozen, so no caller can change another's copy. */
export interface CachedContext {
  readonly variables: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** Bytes of the response body it was parsed from. */
  readonly bytes: number;
}

/** Per-client context cache with single flight. */
export interface ContextCache {
  /** The fresh entry for `key`, if any. Synchronous so the hot path allocates nothing. */
  get(key: string): CachedContext | undefined;
  /**
   * Runs `loader` unless a load of the same key is already in flight, in which case
   * its promise is shared. A success is frozen and, when caching is on, stored; a
   * failure is never stored.
   */
  load(key: string, loader: () => Promise<CachedContext>): Promise<CachedContext>;
  /** Drops every entry; loads in flight finish but are not stored. */
  clear(): void;
}

/**
 * The cache key of one call: everything that changes the request except the room SID,
 * so two tenants, credentials, agents or contacts never share an entry. A JSON array
 * keeps the fields unambiguous (no separator can be forged inside a field), and keeps
 * `externalId` 42 apart from "42" because they are sent differently.
 */
export function cacheKey(config: ResolvedConfig, call: ResolvedCall): string {
  return JSON.stringify([
    config.endpoint,
    config.authIdentity,
    call.agentUuid,
    call.direction,
    call.medium,
    call.agentNumber ?? null,
    call.contactNumber ?? null,
    call.externalId ?? null,
  ]);
}

/**
 * Creates the cache of one client. `ttlMs` 0 turns storage off (single flight too, so
 * each load makes its own request). `now` is the clock TTLs are measured with.
 */
export function createContextCache(options: { ttlMs: number; maxEntries: number; now: () => number }): ContextCache {
  // lru-cache reads a start time of 0 as "no TTL", so an injected clock that starts at 0
  // would make entries immortal; shifting the clock to start at 1 keeps differences exact.
  const origin = options.now() - 1;
  const now = () => options.now() - origin;
  const store =
    options.ttlMs > 0
      ? new LRUCache<string, CachedContext>({
          max: options.maxEntries,
          ttl: options.ttlMs,
          // ttlResolution 0: read the clock on every check, so an injected clock is exact
          // and no timer is armed per lookup.
          ttlResolution: 0,
          perf: { now },
        })
      : undefined;
  const inFlight = new Map<string, Promise<CachedContext>>();
  let generation = 0;

  return {
    get: (key) => store?.get(key),
    load(key, loader) {
      if (store === undefined) return loader().then(freezeContext);
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const started = generation;
      // After clear() a newer load of the key may own the slot; leave that one alone.
      const settle = () => {
        if (inFlight.get(key) === promise) inFlight.delete(key);
      };
      const promise: Promise<CachedContext> = loader().then(
        (value) => {
          const frozen = freezeContext(value);
          if (started === generation) store.set(key, frozen);
          settle();
          return frozen;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
      inFlight.set(key, promise);
      return promise;
    },
    clear() {
      generation++;
      inFlight.clear();
      store?.clear();
    },
  };
}

function freezeContext(value: CachedContext): CachedContext {
  freezeDeep(value.variables);
  Object.freeze(value.warnings);
  return Object.freeze(value);
}

/** Iterative, so a deeply nested response cannot overflow the stack. */
function freezeDeep(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) continue;
    Object.freeze(value);
    for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
}
