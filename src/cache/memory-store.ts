import { LRUCache } from 'lru-cache';
import { DEFAULTS } from '../config.js';
import type { CacheStore } from '../types/index.js';
import type { CachedContext } from './context.js';

/** Options of {@link createMemoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /**
   * Most entries kept; the least recently used goes first.
   * @default 10000
   */
  maxEntries?: number;
  /**
   * Bound on the heap the entries take, in bytes, as estimated by `estimateEntryBytes`
   * (an upper bound for any JSON shape); the least recently used go first.
   * @default 268435456 (256 MiB)
   */
  maxBytes?: number;
  /**
   * Clock the TTLs are measured with, in milliseconds. Injectable for tests.
   * @default performance.now
   */
  now?: () => number;
}

/** The in-process LRU, usable as a `CacheStore` and shareable by many clients of one process. */
export interface MemoryCacheStore extends CacheStore {
  /** Entries held right now (expired ones may count until they are next touched). */
  readonly size: number;
  /** Their estimated heap bytes, as bounded by `maxBytes`. */
  readonly bytes: number;
  /** Drops every entry. */
  clear(): void;
}

const INITIAL_CAPACITY = 16;

/** An entry of the object path: a frozen context and, with stale-if-error, when it stops being fresh. */
interface StoredContext extends CachedContext {
  readonly freshUntil?: number;
}

/**
 * The in-process LRU. Through the `CacheStore` methods it holds strings like any store;
 * a client that owns or is given one also keeps its frozen contexts in it directly, with
 * a synchronous read, so a cache hit parses nothing and awaits nothing.
 */
export class MemoryStore implements MemoryCacheStore {
  private lru: LRUCache<string, StoredContext | string>;
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly clock: ReturnType<typeof clockOptions>;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    const maxBytes = options.maxBytes ?? DEFAULTS.cacheMaxBytes;
    if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) throw new TypeError('Expected `maxEntries` to be a positive integer');
    if (!(Number.isSafeInteger(maxBytes) && maxBytes > 0)) throw new TypeError('Expected `maxBytes` to be a positive integer');
    if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('Expected `now` to be a function');
    this.now = options.now ?? (() => performance.now());
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.clock = clockOptions(options.now);
    this.lru = this.create(Math.min(maxEntries, INITIAL_CAPACITY));
  }

  private create(max: number): LRUCache<string, StoredContext | string> {
    // An entry larger than maxBytes is simply not kept (lru-cache's maxEntrySize defaults to maxSize).
    return new LRUCache({ max, maxSize: this.maxBytes, sizeCalculation: estimateEntryBytes, ...this.clock });
  }

  /**
   * lru-cache allocates its arrays for `max` entries up front: about 170 KB at 10,000, so
   * 5,000 tenants' idle clients held 820 MB. The store starts small and grows ×4 when full
   * (entries moved least recent first, with their remaining TTL) until it reaches maxEntries.
   */
  private makeRoom(): void {
    const lru = this.lru;
    if (lru.size < lru.max || lru.max >= this.maxEntries) return;
    const bigger = this.create(Math.min(this.maxEntries, lru.max * 4));
    for (const key of lru.rkeys()) {
      const value = lru.peek(key);
      const ttl = lru.getRemainingTTL(key);
      if (value !== undefined && ttl > 0) bigger.set(key, value, { ttl });
    }
    this.lru = bigger;
  }

  get size(): number {
    return this.lru.size;
  }

  /** The estimated bytes of the entries held right now (what `maxBytes` bounds). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get(key: string): Promise<string | undefined> {
    const value = this.lru.get(key);
    return Promise.resolve(typeof value === 'string' ? value : undefined);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.makeRoom();
    if (ttlMs > 0) this.lru.set(key, value, { ttl: ttlMs });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.lru.delete(key);
    return Promise.resolve();
  }

  /** Drops every entry and the room they took. */
  clear(): void {
    this.lru = this.create(Math.min(this.maxEntries, INITIAL_CAPACITY));
  }

  /**
   * The fresh context under `key`: the client's hit path, handed out as is (an arrow, so no
   * wrapper call). Reads the clock only for entries kept past their TTL (stale-if-error).
   */
  readonly peek = (key: string): CachedContext | undefined => {
    const value = this.lru.get(key);
    if (typeof value !== 'object') return undefined;
    return value.freshUntil === undefined || this.now() < value.freshUntil ? value : undefined;
  };

  /** The context under `key` even when it is past its TTL but within its stale window. */
  peekStale(key: string): CachedContext | undefined {
    const value = this.lru.get(key);
    return typeof value === 'object' ? value : undefined;
  }

  /** Keeps a frozen context for `ttlMs`, and `staleMs` longer as a stale-if-error fallback. */
  put(key: string, context: CachedContext, ttlMs: number, staleMs: number): void {
    this.makeRoom();
    const entry: StoredContext = staleMs > 0 ? Object.freeze({ ...context, freshUntil: this.now() + ttlMs }) : context;
    this.lru.set(key, entry, { ttl: ttlMs + staleMs });
  }
}

/**
 * Heap bytes a parsed context may take per byte of the body it came from, at most. Measured
 * with bench/memory-shapes.ts (Node 20/22, heap delta of 200 parsed, merged and scanned
 * bodies per shape): nested empty arrays 27.7, nested arrays 25.3, objects with distinct
 * keys 23.5, empty objects 21.3, floats 6.0, a typical CRM context 2.2, long strings 1.0.
 * Rounded up, so the bound holds whatever shape a hostile endpoint picks.
 */
export const HEAP_BYTES_PER_BODY_BYTE = 32;
/** The LRU's own bookkeeping per entry, the context object and its warnings array. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * What one entry costs, without walking it: the body's byte length times the measured
 * worst-case factor for a context, the characters themselves (two bytes each at most) for
 * a string entry, plus the key and a fixed overhead.
 */
export function estimateEntryBytes(value: StoredContext | string, key: string): number {
  const own = typeof value === 'string' ? value.length * 2 : value.bytes * HEAP_BYTES_PER_BODY_BYTE + warningsBytes(value.warnings);
  return ENTRY_OVERHEAD_BYTES + key.length * 2 + own;
}

function warningsBytes(warnings: readonly string[]): number {
  let chars = 0;
  for (const warning of warnings) chars += warning.length;
  return chars * 2;
}

/**
 * Creates an in-process cache store. Every client has its own by default; pass one
 * store as `cacheStore` to many clients of a process to bound them all together.
 *
 * @example
 * const store = createMemoryCacheStore({ maxEntries: 50_000 });
 * const client = createContextClient(config, { cacheStore: store });
 */
export function createMemoryCacheStore(options?: MemoryCacheStoreOptions): MemoryCacheStore {
  return new MemoryStore(options);
}

function clockOptions(now: (() => number) | undefined): Pick<LRUCache.Options<string, object, unknown>, 'ttlResolution' | 'perf'> {
  if (now === undefined) return {};
  // lru-cache reads a start time of 0 as "no TTL", so an injected clock that starts at 0
  // would make entries immortal; shifting the clock to start at 1 keeps differences exact.
  const origin = now() - 1;
  // ttlResolution 0: read the clock on every check, so an injected clock is exact.
  return { ttlResolution: 0, perf: { now: () => now() - origin } };
}
