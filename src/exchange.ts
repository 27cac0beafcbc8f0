import type { Dispatcher } from 'undici';
import { ContextError } from './errors.js';
import type { SecretScrubber } from './secrets/scrub.js';
import type { ContextErrorCode } from './types/index.js';

/** A 2xx answer whose body was read completely within the limits. */
export interface TransportResponse {
  status: number;
  contentType: string | undefined;
  /** The body decoded as UTF-8; '' for 204 or an empty body. */
  text: string;
  bytes: number;
}

/** Filled in while the exchange runs, so callers can report status and size even on failure. */
export interface ExchangeStats {
  /** Set by the Test report only: filled with `performance.now()` marks as the exchange runs. */
  timings?: ExchangeTimings;
  status?: number;
  bytes: number;
}

/** `performance.now()` marks of one exchange, for the Test report's timing split. */
export interface ExchangeTimings {
  startAt: number;
  lookupStartAt?: number;
  lookupEndAt?: number;
  connectStartAt?: number;
  connectEndAt?: number;
  secureEndAt?: number;
  firstByteAt?: number;
  bodyEndAt?: number;
}

/** What every exchange of one transport shares: limits and error builders, made once per client. */
export interface Endpoint {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** For response header values quoted in messages: an endpoint may echo the credentials into any header. */
  readonly scrubber: SecretScrubber;
  fail(code: ContextErrorCode, fact: string, extra?: { status?: number; hint?: string; cause?: unknown }): ContextError;
  statusError(status: number, location: string | string[] | undefined): ContextError;
  /** Maps anything that is not already a ContextError. */
  toError(error: unknown, stats: ExchangeStats): ContextError;
}

/**
 * One request in flight: undici's dispatch handler, its deadline and the settle functions
 * of the transport's promise, in one object. Its methods live on the prototype, so a
 * request allocates this object and no closures (under tsx, every named closure also pays
 * a `__name` defineProperty per request; three of them cost more than they saved).
 * The first settlement wins: a failure after the deadline, or the deadline after an
 * answer, is ignored.
 */
export class Exchange implements Dispatcher.DispatchHandler {
  /** Set once the deadline passed; a request not yet dispatched must not start. */
  aborted = false;
  /** The pre-dispatch DNS check's cut-off, while it runs. */
  onAbort: (() => void) | undefined = undefined;
  private controller: Dispatcher.DispatchController | undefined = undefined;
  private readonly chunks: Buffer[] = [];
  private status = 0;
  private contentType: string | undefined = undefined;
  private fault: ContextError | undefined = undefined;
  /** A 4xx/5xx whose body is being read (a little) for the hint. */
  private pendingFault: ContextError | undefined = undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly stats: ExchangeStats,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: ContextError) => void,
  ) {
    // undici defers an abort that arrives before the connection exists until connect
    // ends, so a stalled DNS or connect is cut off by this timer, not by the controller.
    this.timer = setTimeout(expire, endpoint.timeoutMs, this);
  }

  /** The deadline: settle with `timeout` first (undici reports the abort synchronously), then abort. */
  expire(): void {
    const { endpoint, stats } = this;
    this.failed(endpoint.fail('timeout', `no complete answer within ${endpoint.timeoutMs} ms`, { status: stats.status }));
    this.aborted = true;
    this.controller?.abort(new Error('aborted'));
    this.onAbort?.();
  }

  /** The caller gave up (`load`'s signal): settle with `aborted` at once and close the request's connection. */
  cancel(): void {
    this.failed(this.endpoint.fail('aborted', ABORTED_FACT, { status: this.stats.status }));
    this.aborted = true;
    this.controller?.abort(new Error('aborted'));
    this.onAbort?.();
  }

  failed(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reject(this.endpoint.toError(error, this.stats));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.aborted) controller.abort(new Error('aborted'));
    else this.controller = controller;
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx: the final answer follows
    const { endpoint, stats } = this;
    if (stats.timings !== undefined) stats.timings.firstByteAt = performance.now();
    const status = (this.status = stats.status = statusCode);
    if (status >= 300) {
      const fault = endpoint.statusError(status, headers.location);
      // An error page often says why (a stack trace, "database down"): read its head for the hint.
      const encoding = headerValue(headers['content-encoding']);
      if (status >= 400 && fault.code === 'http_error' && (encoding === undefined || encoding.toLowerCase() === 'identity')) this.pendingFault = fault;
      else this.fault = fault;
    } else {
      const encoding = headerValue(headers['content-encoding']);
      const declared = Number(headerValue(headers['content-length']));
      // Decompressing would let a small body expand past the cap; the request never asks for it.
      if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
        this.fault = endpoint.fail('invalid_json', `compressed response (${endpoint.scrubber.head(encoding, 20)})`, { status, hint: 'The endpoint must answer with an uncompressed JSON body (the request sends no Accept-Encoding).' });
      } else if (declared > endpoint.maxBytes) {
        this.fault = endpoint.fail('response_too_large', `Content-Length ${declared} is above the ${endpoint.maxBytes}-byte limit`, { status, hint: tooLargeHint(endpoint.maxBytes) });
      }
      this.contentType = headerValue(headers['content-type']);
    }
    if (this.fault !== undefined) controller.abort(this.fault);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.fault !== undefined) return;
    const { stats, endpoint } = this;
    stats.bytes += chunk.length;
    if (this.pendingFault !== undefined) {
      this.chunks.push(chunk);
      if (stats.bytes >= ERROR_BODY_BYTES) {
        this.fault = this.withBodyExcerpt(this.pendingFault, true);
        controller.abort(this.fault);
      }
      return;
    }
    if (stats.bytes > endpoint.maxBytes) {
      this.fault = endpoint.fail('response_too_large', `body passed the ${endpoint.maxBytes}-byte limit`, { status: this.status, hint: tooLargeHint(endpoint.maxBytes) });
      controller.abort(this.fault);
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.controller = undefined;
    if (this.stats.timings !== undefined) this.stats.timings.bodyEndAt = performance.now();
    if (this.pendingFault !== undefined) return this.failed(this.withBodyExcerpt(this.pendingFault));
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const { chunks, stats } = this;
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, stats.bytes);
    this.resolve({ status: this.status, contentType: this.contentType, text: buffer.toString('utf8'), bytes: stats.bytes });
  }

  /** The status error with the head of the error page (scrubbed, one line) in its hint, still one sentence. */
  private withBodyExcerpt(fault: ContextError, truncated = false): ContextError {
    const text = Buffer.concat(this.chunks).toString('utf8');
    // Truncated: the read stopped at ERROR_BODY_BYTES, perhaps inside an echoed secret.
    const excerpt = this.endpoint.scrubber.head(text, 2 * ERROR_EXCERPT_CHARS, truncated).replace(/[\x00-\x1f\x7f\s]+/g, ' ').trim();
    if (excerpt === '') return fault;
    const isCut = excerpt.length > ERROR_EXCERPT_CHARS || text.length > 2 * ERROR_EXCERPT_CHARS;
    const shown = isCut ? `${excerpt.slice(0, ERROR_EXCERPT_CHARS)}…` : excerpt;
    return new ContextError(fault.code, fault.message, { status: fault.status, hint: `${fault.hint.replace(/\.$/, '')} (its body began: "${shown}").`, cause: fault.cause });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.controller = undefined;
    this.failed(this.fault ?? error);
  }
}

/** How much of an error page is read, and how much of it a hint quotes. */
const ERROR_BODY_BYTES = 4096;
const ERROR_EXCERPT_CHARS = 200;

/** What an aborted load's error says happened. */
export const ABORTED_FACT = 'the load was cancelled before the answer arrived';

// A module-level callback with the exchange as argument: no closure per request.
function expire(exchange: Exchange): void {
  exchange.expire();
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function tooLargeHint(maxBytes: number): string {
  return `The response is larger than ${maxBytes} bytes; return only the fields the greeting and prompt use.`;
}
