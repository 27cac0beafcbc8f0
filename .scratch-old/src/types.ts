import type { Dispatcher } from 'undici';
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
}

/** Where a successful context came from. */
export type ContextSource = 'network' | 'cache' | 'disabled';

/** The outcome of `ContextClient.load`: it never rejects on endpoint faults. */
export type ContextResult =
  | {
      ok: true;
      /** Template variables: the top-level keys of the merged response. */
      variables: Record<string, unknown>;
      source: ContextSource;
      durationMs: number;
      warnings: string[];
    }
  | {
      ok: false;
      /** Always empty, so the call proceeds with templates' defaults. */
      variables: Record<string, never>;
      error: ContextError;
      durationMs: number;
    };

/** The editor's "Test" button report. */
export interface TestReport {
  ok: boolean;
  /** HTTP status, when a response arrived. */
  status?: number;
  durationMs: number;
  /** Bytes of the response body read. */
  responseBytes: number;
  /** Top-level variable names, sorted. */
  variables: string[];
  /** The error, when `ok` is false. Its `hint` says what to fix. */
  error?: { code: ContextErrorCode; message: string; hint: string; status?: number };
  /** Slower than 1 s, larger than 16 KiB, not a JSON object, plain http, sensitive data… */
  warnings: string[];
}

/** One structured event per load/fetch/test. Contains no secrets and no response values. */
export interface ContextEvent {
  type: 'load' | 'fetch' | 'test';
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
}

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
  | 'network_error';

/** The client the runtime keeps per tenant configuration. */
export interface ContextClient {
  /** Fetch (or reuse) the context. Never rejects on endpoint faults: `{ ok: false }` instead. */
  load(call: CallInfo): Promise<ContextResult>;
  /** Fetch (or reuse) the context; rejects with `ContextError`. */
  fetch(call: CallInfo): Promise<Record<string, unknown>>;
  /** The editor's "Test" button: always goes to the network, never rejects. */
  test(call: CallInfo): Promise<TestReport>;
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
