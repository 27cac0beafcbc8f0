import type { TracerLike } from './telemetry/tracer.js';
import type { Dispatcher } from 'undici';
import type { TemplateCheck } from './analysis/index.js';
import type { ContextError } from './errors.js';

/**
 * How the platform authenticates to the customer's context endpoint.
 *
 * @example { type: 'bearer', token: process.env.CRM_TOKEN }
 */
export type ContextAuth =
  /** `Authorization: Bearer <token>`. */
  | { type: 'bearer'; token: string }
  /** `Authorization: Basic base64(username:password)`. */
  | { type: 'basic'; username: string; password: string }
  /** A custom header, e.g. `X-Api-Key: <value>`. The name must not collide with the call headers. */
  | { type: 'header'; name: string; value: string }
  /** No authentication header. */
  | { type: 'none' };

/**
 * Tenant configuration: what a customer saves in the agent editor under
 * Call Flow → Before Call → Dynamic Context. Untrusted input: validated by
 * `createContextClient`, which throws `ContextError('invalid_config')` for a bad one.
 */
export interface DynamicContextConfig {
  /**
   * The "Dynamic Context" toggle. When false, `load` resolves an empty context
   * without any request.
   * @default true
   */
  enabled?: boolean;
  /**
   * Absolute `https:` URL of the customer's context endpoint. Plain `http:` only
   * when the platform sets `allowHttp`. Credentials inside the URL are refused.
   * @example 'https://crm.example.com/voice/context'
   */
  endpoint: string;
  /**
   * How to authenticate to the endpoint.
   * @default { type: 'none' }
   */
  auth?: ContextAuth;
  /**
   * Total deadline for the whole exchange (DNS, connect, headers, body), in
   * milliseconds. Must be in 1…30000.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * How long a successful response is reused for the same agent and contact, in
   * milliseconds. `0` turns caching off.
   * @default 300000 (5 minutes)
   */
  cacheTtlMs?: number;
  /**
   * Standard Webhooks signing secret (`whsec_` + base64 key). When set, every request carries
   * `webhook-id`, `webhook-timestamp` and `webhook-signature`, so the endpoint can check that it
   * came from the platform. During a rotation give two, `[next, previous]`: both signatures are sent.
   */
  signingSecret?: string | readonly string[];
}

/** Direction of the conversation, from the agent's point of view. */
export type CallDirection = 'inbound' | 'outbound';

/** Where the conversation happens: a phone call or the web widget. */
export type CallMedium = 'phone' | 'web';

/** What the runtime knows about a conversation before it starts. */
export interface CallInfo {
  /** The agent's UUID. Sent as `agent_uuid` and `X-Agent-UUID`. */
  agentUuid: string;
  /** `inbound` or `outbound`. Sent as `direction` and `X-Direction`. */
  direction: CallDirection;
  /**
   * `phone` or `web`. Sent as `medium` and `X-Medium`.
   * @default 'phone'
   */
  medium?: CallMedium;
  /** The agent's phone number, when known. Sent as `agent_number` / `X-Agent-Number`. */
  agentNumber?: string;
  /** The contact's phone number, when known. Sent as `contact_number` / `X-Contact-Number`. */
  contactNumber?: string;
  /**
   * The web widget's identifier for the visitor (web calls only). A number stays a
   * number in the body and becomes its decimal string in `X-External-ID`.
   */
  externalId?: string | number;
  /** Unique id of this conversation session. Sent as `X-Room-SID`. */
  roomSid: string;
}

/** How the client handles sensitive data (passwords, card numbers, SSNs) in a response. */
export type SensitiveDataMode = 'redact' | 'warn' | 'off';

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
   * What to do with passwords, secrets, card numbers and SSNs found in a response.
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

/** Where a successful context came from. */
export type ContextSource = 'network' | 'cache' | 'disabled';

/** A JSON value of a loaded context, read-only all the way down. */
export type ContextValue = string | number | boolean | null | readonly ContextValue[] | ContextVariables;

/**
 * Loaded template variables: the top-level keys of the merged JSON response. Read-only all
 * the way down, because a cached context is shared by every call of that caller (and
 * deep-frozen at run time): copy it (`structuredClone`) to change it.
 */
export interface ContextVariables {
  readonly [key: string]: ContextValue;
}

/** The outcome of `ContextClient.load`: it never rejects on endpoint faults. Narrow on `ok`. */
export type ContextResult =
  | {
      ok: true;
      /** Template variables: the top-level keys of the merged response. */
      variables: ContextVariables;
      source: ContextSource;
      durationMs: number;
      warnings: string[];
      /** True when an expired context was served because the endpoint failed (`staleIfErrorMs`). */
      stale?: boolean;
    }
  | {
      ok: false;
      /** Always empty, so the call proceeds with templates' defaults. */
      variables: Readonly<Record<string, never>>;
      error: ContextError;
      durationMs: number;
    };

/** What the Test report says about an exchange that failed: its `hint` says what to fix. */
export interface TestReportError {
  code: ContextErrorCode;
  message: string;
  hint: string;
  /** HTTP status, when a response arrived. */
  status?: number;
}

/** The editor's "Test" button report. Narrow on `ok`: only a failed report has an `error`. */
export type TestReport =
  | (TestReportBase & { ok: true; error?: undefined })
  | (TestReportBase & { ok: false; error: TestReportError });

/** What every Test report holds, passed or failed. */
export interface TestReportBase {
  /** HTTP status, when a response arrived. */
  status?: number;
  durationMs: number;
  /** Bytes of the response body read. */
  responseBytes: number;
  /** Top-level variable names, sorted. */
  variables: string[];
  /** Slower than 1 s, larger than 16 KiB, not a JSON object, plain http, sensitive data… */
  warnings: string[];
  /**
   * Where the time went, in ms with one decimal: DNS, TCP connect, TLS handshake, first
   * byte (after the connection was ready), body. A phase that did not happen is absent.
   */
  timings?: TestTimings;
  /** The request as it was sent: every credential in its headers, URL and body masked as `[redacted]`. */
  request?: TestRequest;
  /** Each template given in `test(call, { templates })`, checked against the answer (or against no context after a failure). */
  templates?: Record<string, TemplateCheck>;
}

/** The Test report's split of the exchange's time, in milliseconds. */
export interface TestTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  bodyMs?: number;
}

/** The request a Test sent, credentials masked. */
export interface TestRequest {
  method: 'POST';
  /** Origin and path; a query string is shown as `?[redacted]`. */
  url: string;
  /** Lower-case names, as sent. */
  headers: Record<string, string>;
  body: string;
}

/** Options of `ContextClient.test`. */
export interface TestOptions {
  /**
   * Templates to check against the answer, by name (a file name, "greeting"…): the report
   * gets `checkTemplate`'s findings and render for each, or against no context when the
   * endpoint failed (what the caller hears then).
   */
  templates?: Record<string, string>;
  /** The agent's IANA time zone for the templates' `current_*` variables. @default 'UTC' */
  timezone?: string;
  /** The moment the templates render at (ms since the epoch or a Date). @default now */
  now?: Date | number;
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
