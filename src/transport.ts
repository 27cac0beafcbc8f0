import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { classifyAddress, type AddressClass } from './address.js';
import { checkResolved, createGuardedAgent, findBlocked, resolveAll } from './destination.js';
import { MAX_TIMEOUT_MS, type ResolvedConfig, type ResolvedOptions } from './config.js';
import { ContextError, DEFAULT_HINTS } from './errors.js';
import type { ContextErrorCode, ContextRequest } from './types.js';

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
  status?: number;
  bytes: number;
}

/** Sends the context request of one client configuration. */
export interface Transport {
  /** Sends the request; rejects with a `ContextError` only. */
  send(request: ContextRequest, stats: ExchangeStats): Promise<TransportResponse>;
  /** Closes the dispatcher the transport owns (never a platform-provided one). */
  close(): Promise<void>;
}


const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|SSL_|HOSTNAME_MISMATCH/;
const NETWORK_FACTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'hostname not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/**
 * Creates the transport of one client. By default it owns an undici `Agent` (keep-alive,
 * bounded connections per origin) whose connector resolves every address of the host and
 * refuses the connection unless all of them are public, so DNS rebinding and names that
 * resolve to internal addresses are stopped before a byte is sent.
 *
 * With a platform-provided `dispatcher` the same check runs once before dispatching, but
 * that dispatcher resolves the name again on its own: a hostile DNS server could answer
 * differently the second time (rebinding). Platforms that pass a dispatcher and need the
 * guard should give it a connector with the same policy, or set `allowPrivateNetwork`
 * knowingly.
 */
export function createTransport(config: ResolvedConfig, options: ResolvedOptions): Transport {
  const origin = config.origin;
  const path = `${config.url.pathname}${config.url.search}`;
  const timeoutMs = Math.min(config.timeoutMs, MAX_TIMEOUT_MS);
  const maxBytes = options.maxResponseBytes;
  const resolve = options.lookup ?? resolveAll;
  const hostname = config.url.hostname.replace(/^\[|\]$/g, '');
  const guard = !options.allowPrivateNetwork;
  // A literal IP can't change between calls, so it is classified once, here.
  const literalClass: AddressClass | undefined = isIP(hostname) === 0 ? undefined : classifyAddress(hostname);
  const preResolve = guard && literalClass === undefined && options.dispatcher !== undefined;
  const owned = options.dispatcher === undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? createGuardedAgent(guard, options.lookup, timeoutMs);

  const fail = (code: ContextErrorCode, fact: string, extra: { status?: number; hint?: string; cause?: unknown } = {}) =>
    new ContextError(code, `Context request failed: ${fact} (POST ${origin})`, extra);

  async function exchange(request: ContextRequest, stats: ExchangeStats, signal: Deadline): Promise<TransportResponse> {
    if (guard && literalClass !== undefined && literalClass !== 'public') throw blockedError(literalClass);
    if (preResolve) await abortable(checkResolved(resolve, hostname), signal);
    return new Promise<TransportResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let status = 0;
      let contentType: string | undefined;
      let fault: ContextError | undefined;
      // undici's dispatch handler: no Readable stream, no async iterator and no signal
      // listener per request (the request() API costs ~9 µs more per call on loopback).
      dispatcher.dispatch({ origin, path, method: 'POST', headers: request.headers, body: request.body }, {
        onRequestStart(controller) {
          if (signal.aborted) controller.abort(new Error('aborted'));
          else signal.onAbort = () => controller.abort(new Error('aborted'));
        },
        onResponseStart(controller, statusCode, headers) {
          if (statusCode < 200) return; // 1xx: the final answer follows
          status = stats.status = statusCode;
          if (status >= 300) fault = statusError(status, headers.location);
          else {
            const encoding = headerValue(headers['content-encoding']);
            const declared = Number(headerValue(headers['content-length']));
            // Decompressing would let a small body expand past the cap; the request never asks for it.
            if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
              fault = fail('invalid_json', `compressed response (${encoding.slice(0, 20)})`, { status, hint: 'The endpoint must answer with an uncompressed JSON body (the request sends no Accept-Encoding).' });
            } else if (declared > maxBytes) {
              fault = fail('response_too_large', `Content-Length ${declared} is above the ${maxBytes}-byte limit`, { status, hint: tooLargeHint(maxBytes) });
            }
            contentType = headerValue(headers['content-type']);
          }
          if (fault !== undefined) controller.abort(fault);
        },
        onResponseData(controller, chunk) {
          if (fault !== undefined) return;
          stats.bytes += chunk.length;
          if (stats.bytes > maxBytes) {
            fault = fail('response_too_large', `body passed the ${maxBytes}-byte limit`, { status, hint: tooLargeHint(maxBytes) });
            controller.abort(fault);
            return;
          }
          chunks.push(chunk);
        },
        onResponseEnd() {
          signal.onAbort = undefined;
          const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, stats.bytes);
          resolve({ status, contentType, text: buffer.toString('utf8'), bytes: stats.bytes });
        },
        onResponseError(_controller, error) {
          signal.onAbort = undefined;
          reject(fault ?? error);
        },
      });
    });
  }

  function statusError(status: number, location: string | string[] | undefined): ContextError {
    if (status === 401 || status === 403) return fail('unauthorized', `status ${status}`, { status });
    if (status >= 300 && status < 400) {
      const target = redirectOrigin(headerValue(location), config.url);
      const to = target === undefined ? '' : ` to ${target}`;
      return fail('http_error', `redirect (status ${status})${to}`, { status, hint: `The endpoint redirects${to}; save the final URL in the settings, because redirects are not followed.` });
    }
    return fail('http_error', `status ${status}`, { status });
  }

  function blockedError(kind: AddressClass): ContextError {
    return fail('blocked_destination', `destination is a ${kind} address`, {
      hint: `The endpoint resolves to a ${kind} address, which the platform does not call; use a public hostname that resolves to a public IP.`,
    });
  }

  function networkError(error: unknown, stats: ExchangeStats): ContextError {
    const blocked = findBlocked(error);
    if (blocked !== undefined) return blockedError(blocked);
    const code = errorCode(error);
    const cause = sanitizedCause(error, code);
    if (code !== undefined && TLS_CODE.test(code)) {
      return fail('network_error', `TLS certificate not accepted (${code})`, {
        cause,
        hint: "The endpoint's TLS certificate could not be verified; it must be valid for the hostname, unexpired and issued by a trusted CA.",
      });
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return fail('timeout', `connect did not finish within ${timeoutMs} ms`, { cause, status: stats.status });
    const fact = (code !== undefined && NETWORK_FACTS[code]) || 'network failure';
    const hint = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? "The endpoint's hostname could not be resolved; check its spelling and DNS records." : DEFAULT_HINTS.network_error;
    return fail('network_error', code === undefined ? fact : `${fact} (${code})`, { cause, hint });
  }

  return {
    // One promise settled by whichever comes first (a Promise.race against a deadline
    // promise cost 2-7 us more per request); later settlements are ignored by it.
    send(request, stats) {
      return new Promise<TransportResponse>((resolve, reject) => {
        const signal = new Deadline();
        // undici defers an abort that arrives before the connection exists until connect
        // ends, so a stalled DNS or connect is cut off by this timer, not by the signal.
        const timer = setTimeout(() => {
          signal.abort();
          reject(fail('timeout', `no complete answer within ${timeoutMs} ms`, { status: stats.status }));
        }, timeoutMs);
        exchange(request, stats, signal).then(
          (response) => {
            clearTimeout(timer);
            resolve(response);
          },
          (error: unknown) => {
            clearTimeout(timer);
            // Past the deadline the promise is already settled and a late failure goes unheard.
            reject(error instanceof ContextError ? error : networkError(error, stats));
          },
        );
      });
    },
    close: () => (owned ? dispatcher.close() : Promise.resolve()),
  };
}

/**
 * The abort handle of one request: the dispatched request sets `onAbort` (undici's
 * controller), and the pre-dispatch DNS check listens for 'abort'. No AbortController:
 * its EventTarget cost ~15 µs per request on loopback.
 */
class Deadline extends EventEmitter {
  aborted = false;
  /** Aborts the dispatched request, once it has started. */
  onAbort: (() => void) | undefined = undefined;
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.onAbort?.();
    this.emit('abort');
  }
}

function abortable<T>(promise: Promise<T>, signal: Deadline): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.once('abort', onAbort);
    promise.then(resolve, reject).finally(() => signal.removeListener('abort', onAbort));
  });
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Only the error's code survives: messages of lower layers may echo hosts, paths or headers. */
function sanitizedCause(error: unknown, code: string | undefined): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const cause = new Error(code ?? name);
  cause.name = name;
  return Object.assign(cause, code === undefined ? {} : { code });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function redirectOrigin(location: string | undefined, base: URL): string | undefined {
  if (location === undefined) return undefined;
  try {
    const origin = new URL(location, base).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

function tooLargeHint(maxBytes: number): string {
  return `The response is larger than ${maxBytes} bytes; return only the fields the greeting and prompt use.`;
}
