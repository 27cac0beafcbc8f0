import { createCacheKey, createContextCache, type CachedContext } from './cache.js';
import { normalizeCall, type ResolvedCall } from './call.js';
import { normalizeConfig, normalizeOptions } from './config.js';
import { ContextError, isContextError } from './errors.js';
import { mergeParsed, parseContextBody } from './merge.js';
import { buildTestReport } from './report.js';
import { createWireRequest } from './request.js';
import { scanSensitiveData } from './sensitive.js';
import { createTransport, type ExchangeStats } from './transport.js';
import type { CallInfo, ClientOptions, ContextClient, ContextEvent, ContextResult, DynamicContextConfig } from './types.js';

/** A parsed, merged and scanned context; `merged` marks an array answer. */
interface ParsedContext extends CachedContext {
  readonly merged: boolean;
}

type EventType = ContextEvent['type'];

const EMPTY_BODY_WARNING = 'The endpoint answered with an empty body; the call proceeds with no variables.';
const BLANK = /^\s*$/;

/**
 * Creates the client the runtime keeps per tenant configuration. Options and config are
 * validated once, here: a bad config throws `ContextError('invalid_config')`, a wrong
 * option type throws `TypeError`.
 *
 * @example
 * const client = createContextClient({ endpoint: 'https://crm.example.com/context', auth: { type: 'bearer', token } });
 * const result = await client.load({ agentUuid, direction: 'inbound', contactNumber, roomSid });
 * const greeting = renderTemplate('Hi {{ first_name | default("there") }}!', result.variables);
 */
export function createContextClient(config: DynamicContextConfig, options?: ClientOptions): ContextClient {
  const opts = normalizeOptions(options);
  const resolved = normalizeConfig(config, opts);
  // Built even when disabled: the Test button still checks the endpoint. No socket opens until used.
  const transport = createTransport(resolved, opts);
  // Only an injected clock needs exact reads; the default lets lru-cache coarsen them.
  const now = options?.now === undefined ? undefined : opts.now;
  const cache = createContextCache({ ttlMs: resolved.cacheTtlMs, maxEntries: opts.cacheMaxEntries, now });
  // No key to build when nothing is stored (cacheTtlMs 0).
  const cacheKey = resolved.cacheTtlMs > 0 ? createCacheKey(resolved) : undefined;
  const onEvent = opts.onEvent;
  const wireRequest = createWireRequest(resolved);
  const plainHttp = resolved.url.protocol === 'http:';
  let closing: Promise<void> | undefined;

  async function exchange(call: ResolvedCall, stats: ExchangeStats): Promise<ParsedContext> {
    const response = await transport.send(wireRequest(call), stats);
    if (BLANK.test(response.text)) return { variables: {}, warnings: [EMPTY_BODY_WARNING], bytes: response.bytes, merged: false };
    let json: unknown;
    let merged: Record<string, unknown>;
    try {
      json = parseContextBody(response.text, response.contentType, resolved.secrets);
      merged = mergeParsed(json, response.text);
    } catch (error) {
      throw withStatus(toContextError(error), response.status);
    }
    const scan = scanSensitiveData(merged, opts.sensitiveData);
    return { variables: scan.variables, warnings: scan.warnings, bytes: response.bytes, merged: Array.isArray(json) };
  }

  function emit(type: EventType, call: unknown, event: Omit<ContextEvent, 'type' | 'agentUuid' | 'direction' | 'medium' | 'origin'>): void {
    if (onEvent === undefined) return;
    try {
      onEvent({ type, ...eventCallFields(call), origin: resolved.origin, ...event });
    } catch {
      // An audit hook must never break a call.
    }
  }

  async function run(type: EventType, call: CallInfo): Promise<ContextResult> {
    const start = performance.now();
    let resolvedCall: ResolvedCall;
    try {
      resolvedCall = normalizeCall(call);
    } catch (error) {
      return failure(type, call, toContextError(error), start, 0);
    }
    if (!resolved.enabled) {
      const durationMs = performance.now() - start;
      emit(type, resolvedCall, { outcome: 'disabled', durationMs, bytes: 0, cacheHit: false, warnings: 0 });
      return { ok: true, variables: {}, source: 'disabled', durationMs, warnings: [] };
    }
    const key = cacheKey?.(resolvedCall);
    if (key !== undefined) {
      const hit = cache.get(key);
      if (hit !== undefined) return success(type, resolvedCall, hit, 'cache', start);
    }
    const stats: ExchangeStats = { bytes: 0 };
    try {
      const context = key === undefined ? await exchange(resolvedCall, stats) : await cache.load(key, () => exchange(resolvedCall, stats));
      return success(type, resolvedCall, context, 'network', start);
    } catch (error) {
      return failure(type, resolvedCall, toContextError(error), start, stats.bytes);
    }
  }

  function success(type: EventType, call: ResolvedCall, context: CachedContext, source: 'network' | 'cache', start: number): ContextResult {
    const durationMs = performance.now() - start;
    const warnings = context.warnings.length === 0 ? [] : context.warnings.slice();
    // Guarded here so the cached path builds no event object when nobody listens.
    if (onEvent !== undefined) emit(type, call, { outcome: 'ok', durationMs, bytes: context.bytes, cacheHit: source === 'cache', warnings: warnings.length });
    return { ok: true, variables: context.variables as Record<string, unknown>, source, durationMs, warnings };
  }

  function failure(type: EventType, call: unknown, error: ContextError, start: number, bytes: number): ContextResult {
    const durationMs = performance.now() - start;
    const event = { outcome: 'error', code: error.code, durationMs, bytes, cacheHit: false, warnings: 0 } as const;
    emit(type, call, error.status === undefined ? event : { ...event, status: error.status });
    return { ok: false, variables: {}, error, durationMs };
  }

  return {
    load: (call) => run('load', call),

    async fetch(call) {
      const result = await run('fetch', call);
      if (!result.ok) throw result.error;
      return result.variables;
    },

    async test(call) {
      const start = performance.now();
      const stats: ExchangeStats = { bytes: 0 };
      let eventCall: unknown = call;
      let context: ParsedContext | undefined;
      let error: ContextError | undefined;
      try {
        const resolvedCall = normalizeCall(call);
        eventCall = resolvedCall;
        // Always the network, even while the toggle is off: the button checks the endpoint.
        context = await exchange(resolvedCall, stats);
      } catch (caught) {
        error = toContextError(caught);
      }
      const durationMs = performance.now() - start;
      const report = buildTestReport({ durationMs, status: stats.status, bytes: stats.bytes, context, error, plainHttp, disabled: !resolved.enabled });
      emit('test', eventCall, {
        outcome: error === undefined ? 'ok' : 'error',
        ...(error === undefined ? {} : { code: error.code }),
        ...(report.status === undefined ? {} : { status: report.status }),
        durationMs,
        bytes: stats.bytes,
        cacheHit: false,
        warnings: report.warnings.length,
      });
      return report;
    },

    close() {
      closing ??= (async () => {
        cache.clear();
        await transport.close();
      })();
      return closing;
    },
  };
}

/** Call fields for an event, taken only when they are strings: no value of unknown shape leaks out. */
function eventCallFields(call: unknown): Pick<ContextEvent, 'agentUuid' | 'direction' | 'medium'> {
  const c = (typeof call === 'object' && call !== null ? call : {}) as Record<string, unknown>;
  return {
    agentUuid: typeof c.agentUuid === 'string' ? c.agentUuid.slice(0, 200) : '',
    direction: c.direction === 'outbound' ? 'outbound' : 'inbound',
    medium: c.medium === 'web' ? 'web' : 'phone',
  };
}

/** Anything that is not a ContextError is a fault of this library; it still must not break the call. */
function toContextError(error: unknown): ContextError {
  if (isContextError(error)) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new ContextError('invalid_response', `Context request failed: unexpected ${name} while reading the response`, { cause: new Error(name) });
}

/** Body faults happen after a 2xx arrived; the status tells the editor the request itself worked. */
function withStatus(error: ContextError, status: number): ContextError {
  if (error.status !== undefined) return error;
  return new ContextError(error.code, error.message, { status, hint: error.hint, cause: error.cause });
}
