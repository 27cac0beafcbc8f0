import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ResolvedCall } from './call.js';
import type { ResolvedConfig } from './config.js';

/** A successful context; frozen once stored or shared, so no caller can change another's copy. */
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
   * its promise is shared. With caching on, a success is frozen and stored; a failure
   * is never stored. With caching off, the loader's result is handed back as is.
   */
  load(key: string, loader: () => Promise<CachedContext>): Promise<CachedContext>;
  /** Drops every entry; loads in flight finish but are not stored. */
  clear(): void;
}

// Validated call fields are printable ASCII (normalizeCall), so this can't occur inside one.
const SEP = '\u0001';

/**
 * The cache key builder of one client configuration. A key holds everything that
 * changes the request except the room SID, so two tenants, credentials, agents or
 * contacts never share an entry. The endpoint and credential part is the same for every
 * call of a client, so it is hashed once into a short prefix (never the secret itself)
 * rather than serialised per call; `externalId` carries a type tag, so 42 and "42",
 * which are sent differently, stay apart.
 */
export function createCacheKey(config: ResolvedConfig): (call: ResolvedCall) => string {
  const prefix = createHash('sha256').update(`${config.endpoint}${SEP}${config.authIdentity}`).digest('hex').slice(0, 16) + SEP;
  return (call) => {
    const id = call.externalId;
    return prefix + call.agentUuid + SEP + call.direction + SEP + call.medium + SEP + (call.agentNumber ?? '') + SEP +
      (call.contactNumber ?? '') + SEP + (id === undefined ? '' : typeof id === 'number' ? `n${id}` : `s${id}`);
  };
}

/**
 * Creates the cache of one client. `ttlMs` 0 turns storage off (single flight too, so
 * each load makes its own request). `now`, when given, is the clock TTLs are measured
 * with, read exactly on every check (for tests); without it lru-cache's own clock is
 * used with its default 1 ms resolution, which spares a clock read per hit.
 */
export function createContextCache(options: { ttlMs: number; maxEntries: number; now?: () => number }): ContextCache {
  const store = options.ttlMs > 0 ? new LRUCache<string, CachedContext>({ max: options.maxEntries, ttl: options.ttlMs, ...clockOptions(options.now) }) : undefined;
  const inFlight = new Map<string, Promise<CachedContext>>();
  let generation = 0;

  return {
    get: (key) => store?.get(key),
    load(key, loader) {
      // Nothing is stored or shared with caching off, so there is nobody to freeze against.
      if (store === undefined) return loader();
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

function clockOptions(now: (() => number) | undefined): Pick<LRUCache.Options<string, CachedContext, unknown>, 'ttlResolution' | 'perf'> {
  if (now === undefined) return {};
  // lru-cache reads a start time of 0 as "no TTL", so an injected clock that starts at 0
  // would make entries immortal; shifting the clock to start at 1 keeps differences exact.
  const origin = now() - 1;
  // ttlResolution 0: read the clock on every check, so an injected clock is exact.
  return { ttlResolution: 0, perf: { now: () => now() - origin } };
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
