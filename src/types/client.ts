// The client the runtime keeps per tenant, its platform options, and what it reports through `onEvent`.
import type { TracerLike } from '../telemetry/tracer.js';
import type { Dispatcher } from 'undici';
import type { CallDirection, CallInfo, CallMedium, SensitiveDataMode } from './config.js';
import type { ContextResult, ContextVariables, TestOptions, TestReport } from './results.js';

/**
 * Platform options: what the operator of the voice runtime decides. Trusted, but
 * still checked once: a wrong type throws `TypeError` naming the option.
 */
export interface ClientOptions {
  /**
   * Allow plain `http:` endpoints. Meant for local development and tests.
   * @default false
   */
  allowHttp?: boolean;
  /**
   * Allow loopback, private, link-local, CGNAT, unique-local, unspecified,
   * multicast and metadata destinations. Checked on the address actually connected
   * to, after DNS.
   * @default false
   */
  allowPrivateNetwork?: boolean;
  /**
   * Largest response body read, in bytes. A larger one is `response_too_large`.
   * @default 262144 (256 KiB)
   */
  maxResponseBytes?: number;
  /**
   * Most contexts kept in the client's cache.
   * @default 10000
   */
  cacheMaxEntries?: number;
  /**
   * Bound on the cached contexts' size, in bytes of heap, for the client's own in-process
   * cache. Each context is counted as 32 bytes per byte of the body it came from (the
   * measured worst case over JSON shapes: nested empty arrays take 28), so the bound holds
   * whatever a hostile endpoint sends; a typical context takes 2–3, so 256 MiB holds about
   * 5,000 contexts of 1.5 KiB, or 32 of the largest (256 KiB) answers. Checked without
   * walking the context. Whichever of this and `cacheMaxEntries` is reached first evicts.
   * @default 268435456 (256 MiB)
   */
  cacheMaxBytes?: number;
  /**
   * The undici dispatcher to send requests through (e.g. an `Agent` with a custom
   * CA). By default the client owns one keep-alive `Agent`, closed by `close()`.
   * The destination check still applies to the client's own connector only.
   */
  dispatcher?: Dispatcher;
  /**
   * Audit/metrics hook: one event per `load`/`fetch`/`test`. Never sees secrets or
   * response values. Exceptions it throws are swallowed.
   */
  onEvent?: (event: ContextEvent) => void;
  /**
   * What to do with passwords, secrets, card numbers and SSNs found in a response, and
   * with the client's own credentials echoed back inside a value or key (`redact`
   * replaces each occurrence with `[redacted]` and keeps the rest of the string).
   * @default 'redact'
   */
  sensitiveData?: SensitiveDataMode;
  /**
   * Clock used for cache TTLs, in milliseconds. Injectable for tests.
   * @default performance.now
   */
  now?: () => number;
  /**
   * DNS resolver used by the client's own connector. Injectable for tests; must
   * return every address of the name.
   * @default dns.lookup with `all: true`
   */
  lookup?: (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;
  /**
   * Where contexts are cached. By default each client keeps its own in-process LRU
   * (`cacheMaxEntries`). Pass a shared store, such as `createRedisCacheStore()` from
   * `dynamic-context/redis`, so that every replica serves a caller another one loaded;
   * or one `createMemoryCacheStore()` shared by many clients of one process.
   * A store that fails, hangs or returns garbage never fails a load: see `cacheStoreTimeoutMs`.
   * @default the client's own in-process LRU
   */
  cacheStore?: CacheStore;
  /**
   * Deadline of every call to a shared `cacheStore` (get, set, delete), in milliseconds.
   * Past it the load goes to the network, and the result's warnings and the event say so.
   * @default 50
   */
  cacheStoreTimeoutMs?: number;
  /**
   * How long past its TTL a cached context is still served when the endpoint fails
   * (timeout, network error, error status…), in milliseconds. Such a result has
   * `source: 'cache'`, `stale: true` and a warning naming the endpoint's error.
   * @default 0 (never serve an expired context)
   */
  staleIfErrorMs?: number;
  /**
   * An OpenTelemetry tracer (`trace.getTracer('dynamic-context')`): one client span per
   * load, fetch and test, with the stable HTTP attributes. Unset, nothing is traced and
   * `@opentelemetry/api` is never loaded.
   */
  tracer?: TracerLike;
}

/**
 * A cache shared by clients: the built-in memory store, Redis, or your own. Keys are
 * opaque strings the client builds (hashed, never holding a secret); values are opaque
 * versioned strings. The client bounds every call with `cacheStoreTimeoutMs` and treats
 * a rejection, a hang or an unreadable value as a miss.
 */
export interface CacheStore {
  /** The value stored under `key`, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Removes `key`; resolves when it is gone (or was never there). */
  delete(key: string): Promise<void>;
}

/** Options of one `load` or `fetch`. */
export interface LoadOptions {
  /**
   * Aborting it resolves the load at once with `{ ok: false, error.code 'aborted' }`
   * (`fetch` rejects) and cancels the request, unless another load of the same caller
   * still waits on it.
   */
  signal?: AbortSignal;
}

/** The client the runtime keeps per tenant configuration. */
export interface ContextClient {
  /** Fetch (or reuse) the context. Never rejects on endpoint faults: `{ ok: false }` instead. */
  load(call: CallInfo, options?: LoadOptions): Promise<ContextResult>;
  /** Fetch (or reuse) the context; rejects with `ContextError`. */
  fetch(call: CallInfo, options?: LoadOptions): Promise<ContextVariables>;
  /**
   * Drops this caller's cached context, in this process and in the shared store, so the
   * next load goes to the endpoint. A load already in flight finishes but is not stored.
   * Rejects with `ContextError` (`invalid_call`, or `network_error` when the store did not
   * confirm the delete in time).
   */
  invalidate(call: CallInfo): Promise<void>;
  /** The editor's "Test" button: always goes to the network, never rejects. */
  test(call: CallInfo, options?: TestOptions): Promise<TestReport>;
  /** Release sockets and the cache. */
  close(): Promise<void>;
}

/** What `buildContextRequest` returns: the exact request that goes out. */
export interface ContextRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** One structured event per load/fetch/test. Contains no secrets and no response values. */
export interface ContextEvent {
  /** `invalidate` when `client.invalidate` ran; `store` when a background cache-store write failed. */
  type: 'load' | 'fetch' | 'test' | 'invalidate' | 'store';
  agentUuid: string;
  direction: CallDirection;
  medium: CallMedium;
  /** The endpoint's origin only (no path, query or credentials). */
  origin: string;
  outcome: 'ok' | 'error' | 'disabled';
  /** The error code, when `outcome` is `error`. */
  code?: ContextErrorCode;
  status?: number;
  durationMs: number;
  bytes: number;
  cacheHit: boolean;
  warnings: number;
  /** An expired context was served because the endpoint failed (`staleIfErrorMs`). */
  stale?: boolean;
  /** The shared cache store failed during this operation; the load went to the network. */
  cacheStoreFault?: CacheStoreFault;
}

/** How a shared cache store failed: no answer in time, an error, or a value that is not a readable entry. */
export type CacheStoreFault = 'timeout' | 'error' | 'unreadable';

/** The fixed list of `ContextError` codes. */
export type ContextErrorCode =
  | 'invalid_config'
  | 'invalid_call'
  | 'timeout'
  | 'unauthorized'
  | 'http_error'
  | 'invalid_json'
  | 'invalid_response'
  | 'response_too_large'
  | 'blocked_destination'
  | 'network_error'
  | 'aborted';
