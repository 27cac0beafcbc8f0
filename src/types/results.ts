// What a load and a Test return: the variables templates see, and the editor's report.
import type { TemplateCheck } from '../analysis/index.js';
import type { ContextError } from '../errors.js';
import type { ContextErrorCode } from './client.js';

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
