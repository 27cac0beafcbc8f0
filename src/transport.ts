import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { classifyAddress, type AddressClass } from './address.js';
import { checkResolved, createGuardedAgent, findBlocked, resolveAll } from './destination.js';
import { MAX_TIMEOUT_MS, type ResolvedConfig } from './config.js';
import type { ResolvedOptions } from './options.js';
import { ContextError, DEFAULT_HINTS } from './errors.js';
import { Exchange, headerValue, type Endpoint, type ExchangeStats, type TransportResponse } from './exchange.js';
import type { WireRequest } from './request.js';
import type { ContextErrorCode } from './types/index.js';

export type { ExchangeStats, TransportResponse } from './exchange.js';

/** Sends the context request of one client configuration. */
export interface Transport {
  /** Sends the request; rejects with a `ContextError` only (`aborted` once `signal` aborts). */
  send(request: WireRequest, stats: ExchangeStats, signal?: AbortSignal): Promise<TransportResponse>;
  /** Closes the dispatcher the transport owns (never a platform-provided one). */
  close(): Promise<void>;
}


const PLAIN_HTTP_CODE = /WRONG_VERSION_NUMBER|HTTP_REQUEST|PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE/;
const NO_CREDENTIALS_HINT = 'The endpoint wants credentials and none are configured: add the bearer token, username/password or header value it expects under Authentication.';
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
  const lookup = options.lookup ?? resolveAll;
  const hostname = config.url.hostname.replace(/^\[|\]$/g, '');
  const guard = !options.allowPrivateNetwork;
  // A literal IP can't change between calls, so it is classified once, here.
  const literalClass: AddressClass | undefined = isIP(hostname) === 0 ? undefined : classifyAddress(hostname);
  const preResolve = guard && literalClass === undefined && options.dispatcher !== undefined;
  const owned = options.dispatcher === undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? createGuardedAgent(guard, options.lookup, timeoutMs);

  const fail = (code: ContextErrorCode, fact: string, extra: { status?: number; hint?: string; cause?: unknown } = {}) =>
    new ContextError(code, `Context request failed: ${fact} (POST ${origin})`, extra);

  function statusError(status: number, location: string | string[] | undefined): ContextError {
    if (status === 401 || status === 403) {
      // A 401 to a request that carried no credentials is a missing setting, not a wrong token.
      if (config.authHeader === undefined) return fail('unauthorized', `status ${status}, and the request sent no credentials`, { status, hint: NO_CREDENTIALS_HINT });
      return fail('unauthorized', `status ${status}`, { status });
    }
    if (status >= 300 && status < 400) {
      const target = redirectTarget(headerValue(location), config.url);
      if (target === undefined) return fail('http_error', `redirect (status ${status})`, { status, hint: 'The endpoint redirects without a usable Location; save the final URL in the settings, because redirects are not followed.' });
      return fail('http_error', `redirect (status ${status}) to ${new URL(target).origin}`, { status, hint: `The endpoint redirects to ${target}; save that URL in the settings, because redirects are not followed.` });
    }
    return fail('http_error', `status ${status}`, { status, hint: statusHint(status) });
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
    if (code !== undefined && PLAIN_HTTP_CODE.test(code)) {
      // OpenSSL read an HTTP answer where a TLS record belongs: the port speaks plain http.
      return fail('network_error', `the server answered TLS with plain HTTP (${code})`, {
        cause,
        hint: `Port ${config.url.port || '443'} serves plain http, not https: this is not a certificate problem; use the port where the endpoint serves https (usually 443), or an http:// URL for a local test.`,
      });
    }
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

  const endpoint: Endpoint = { timeoutMs, maxBytes, scrubber: config.scrubber, fail, statusError, toError: (error, stats) => (error instanceof ContextError ? error : networkError(error, stats)) };

  // undici's dispatch handler: no Readable stream, no async iterator and no signal
  // listener per request (the request() API costs ~9 µs more per call on loopback).
  function start(request: WireRequest, exchange: Exchange, via: Dispatcher): void {
    try {
      via.dispatch({ origin, path, method: 'POST', headers: request.headers, body: request.body }, exchange);
    } catch (error) {
      exchange.failed(error);
    }
  }

  return {
    // One promise, settled by the Exchange (answer, failure or deadline, whichever comes
    // first): a Promise.race against a deadline promise cost 2-7 us more per request.
    send(request, stats, signal) {
      // The Test report's timing split needs a connection of its own (see createGuardedAgent).
      const timed = stats.timings !== undefined && owned ? createGuardedAgent(guard, options.lookup, timeoutMs, stats.timings) : undefined;
      const via = timed ?? dispatcher;
      const sent = new Promise<TransportResponse>((resolve, reject) => {
        if (signal !== undefined) {
          const cancel = () => exchange.cancel();
          const done = () => signal.removeEventListener('abort', cancel);
          signal.addEventListener('abort', cancel, { once: true });
          const settled = resolve;
          const failed = reject;
          resolve = (response) => (done(), settled(response));
          reject = (error) => (done(), failed(error));
        }
        const exchange = new Exchange(endpoint, stats, resolve, reject);
        if (signal?.aborted) exchange.cancel();
        else if (guard && literalClass !== undefined && literalClass !== 'public') exchange.failed(blockedError(literalClass));
        else if (preResolve) abortable(checkResolved(lookup, hostname), exchange).then(() => start(request, exchange, via), (error: unknown) => exchange.failed(error));
        else start(request, exchange, via);
      });
      return timed === undefined ? sent : sent.finally(() => timed.destroy());
    },
    close: () => (owned ? dispatcher.close() : Promise.resolve()),
  };
}

/** `promise`, or a rejection once the exchange's deadline passes. */
function abortable<T>(promise: Promise<T>, deadline: Exchange): Promise<T> {
  return new Promise((resolve, reject) => {
    if (deadline.aborted) return reject(new Error('aborted'));
    deadline.onAbort = () => reject(new Error('aborted'));
    // The hook is released before settling: the dispatch that follows installs its own.
    promise.then(
      (value) => {
        deadline.onAbort = undefined;
        resolve(value);
      },
      (error: unknown) => {
        deadline.onAbort = undefined;
        reject(error);
      },
    );
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

/** The absolute URL a redirect names, without credentials, query or fragment (they may hold secrets). */
function redirectTarget(location: string | undefined, base: URL): string | undefined {
  if (location === undefined) return undefined;
  try {
    const url = new URL(location, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.origin}${url.pathname}`;
  } catch {
    return undefined;
  }
}

function statusHint(status: number): string {
  if (status === 404 || status === 405) return `The endpoint answered ${status}: check that the URL's path is the context route and that it accepts POST.`;
  if (status >= 500) return `The endpoint failed with status ${status}; check its logs for this request.`;
  return DEFAULT_HINTS.http_error;
}
