import { createClientCache, type CachedContext, type LoadOutcome } from './cache/index.js';
import { normalizeCall, type ResolvedCall } from './call.js';
import { normalizeConfig } from './config.js';
import { normalizeOptions } from './options.js';
import { ContextError, isContextError } from './errors.js';
import { mergeParsed, parseContextBody } from './merge.js';
import { checkTestTemplates } from './analysis/test-templates.js';
import { buildTestReport } from './report.js';
import { createWireRequest, type WireRequest } from './request.js';
import { describeSentRequest, splitTimings } from './test-details.js';
import { scrubContextError } from './secrets/scrub-error.js';
import { scanSensitiveData } from './sensitive.js';
import { ABORTED_FACT } from './exchange.js';
import { createTransport, type ExchangeStats } from './transport.js';
import { eventCallFields } from './telemetry/event-fields.js';
import { createLoadObserver, type Observation } from './telemetry/observer.js';
import type { CacheStoreFault, CallInfo, ClientOptions, ContextClient, ContextEvent, ContextResult, ContextVariables, DynamicContextConfig, LoadOptions } from './types/index.js';

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
  const onEvent = opts.onEvent;
  const abortedError = () => new ContextError('aborted', `Context request failed: ${ABORTED_FACT} (POST ${resolved.origin})`);
  // Nothing is stored with cacheTtlMs 0: no cache, no key to build.
  const clientCache = createClientCache(resolved, opts, {
    injectedNow: options?.now !== undefined,
    abortedError,
    onWriteFault: (_key, fault) => emit('store', {}, { outcome: 'error', durationMs: 0, bytes: 0, cacheHit: false, warnings: 0, cacheStoreFault: fault }),
  });
  const cache = clientCache?.cache;
  const cacheKey = clientCache?.key;
  const observer = createLoadObserver(resolved, opts.tracer);
  const wireRequest = createWireRequest(resolved);
  const plainHttp = resolved.url.protocol === 'http:';
  const scrubber = resolved.scrubber;
  let closing: Promise<void> | undefined;

  async function exchange(call: ResolvedCall, stats: ExchangeStats, signal?: AbortSignal, onSend?: (request: WireRequest) => void): Promise<ParsedContext> {
    const request = wireRequest(call);
    onSend?.(request);
    const response = await transport.send(request, stats, signal);
    if (BLANK.test(response.text)) return { variables: {}, warnings: [EMPTY_BODY_WARNING], bytes: response.bytes, merged: false };
    let json: unknown;
    let merged: Record<string, unknown>;
    try {
      json = parseContextBody(response.text, response.contentType, scrubber);
      merged = mergeParsed(json, response.text);
    } catch (error) {
      throw withStatus(toContextError(error), response.status);
    }
    const scan = scanSensitiveData(merged, opts.sensitiveData, { body: response.text, scrubber });
    // Warnings name paths, and a path is made of the endpoint's keys: a token may be one.
    const warnings = scrubber.active && scan.warnings.length > 0 ? scan.warnings.map(scrubber.scrub) : scan.warnings;
    return { variables: scan.variables, warnings, bytes: response.bytes, merged: Array.isArray(json) };
  }

  function emit(type: EventType, call: unknown, event: Omit<ContextEvent, 'type' | 'agentUuid' | 'direction' | 'medium' | 'origin'>, observation?: Observation, status?: number): void {
    if (onEvent === undefined && observation === undefined) return;
    const full: ContextEvent = { type, ...eventCallFields(call), origin: resolved.origin, ...event };
    if (observation !== undefined) observer.end(observation, full, status ?? event.status);
    if (onEvent === undefined) return;
    try {
      onEvent(full);
    } catch {
      // An audit hook must never break a call.
    }
  }

  async function run(type: EventType, call: CallInfo, options?: LoadOptions): Promise<ContextResult> {
    const start = performance.now();
    const signal = options === undefined ? undefined : loadSignal(options);
    const observation = observer.start(type, call);
    let resolvedCall: ResolvedCall;
    try {
      resolvedCall = normalizeCall(call);
    } catch (error) {
      return failure(type, call, toContextError(error), start, 0, observation);
    }
    if (!resolved.enabled) {
      const durationMs = performance.now() - start;
      emit(type, resolvedCall, { outcome: 'disabled', durationMs, bytes: 0, cacheHit: false, warnings: 0 }, observation);
      return { ok: true, variables: {}, source: 'disabled', durationMs, warnings: [] };
    }
    if (signal?.aborted) return failure(type, resolvedCall, abortedError(), start, 0, observation);
    const key = cacheKey?.(resolvedCall);
    if (key !== undefined) {
      const hit = cache!.get(key);
      if (hit !== undefined) return success(type, resolvedCall, hit, 'cache', start, observation);
    }
    const stats: ExchangeStats = { bytes: 0 };
    try {
      if (key === undefined) return success(type, resolvedCall, await exchange(resolvedCall, stats, signal), 'network', start, observation, stats.status);
      const outcome = await cache!.load(key, (flightSignal) => exchange(resolvedCall, stats, flightSignal), signal);
      const status = outcome.source === 'network' ? stats.status : undefined;
      return success(type, resolvedCall, outcome.context, outcome.source, start, observation, status, outcome);
    } catch (error) {
      return failure(type, resolvedCall, toContextError(error), start, stats.bytes, observation);
    }
  }

  function success(
    type: EventType, call: ResolvedCall, context: CachedContext, source: 'network' | 'cache', start: number,
    observation: Observation | undefined, status?: number, outcome?: LoadOutcome,
  ): ContextResult {
    const durationMs = performance.now() - start;
    const warnings = context.warnings.length === 0 ? [] : context.warnings.slice();
    if (outcome !== undefined && outcome.warnings.length > 0) warnings.push(...outcome.warnings);
    const stale = outcome?.stale === true;
    // Guarded here so the cached path builds no event object when nobody listens.
    if (onEvent !== undefined || observation !== undefined) {
      emit(type, call, {
        outcome: 'ok', durationMs, bytes: context.bytes, cacheHit: source === 'cache', warnings: warnings.length,
        ...(stale && { stale }), ...(outcome?.fault !== undefined && { cacheStoreFault: outcome.fault }),
      }, observation, status);
    }
    const result: ContextResult = { ok: true, variables: context.variables as ContextVariables, source, durationMs, warnings };
    if (stale) result.stale = true;
    return result;
  }

  function failure(type: EventType, call: unknown, fault: ContextError, start: number, bytes: number, observation: Observation | undefined): ContextResult {
    const durationMs = performance.now() - start;
    const error = scrubContextError(fault, scrubber);
    const event = { outcome: 'error', code: error.code, durationMs, bytes, cacheHit: false, warnings: 0 } as const;
    emit(type, call, error.status === undefined ? event : { ...event, status: error.status }, observation);
    return { ok: false, variables: {}, error, durationMs };
  }

  return {
    load: (call, options) => run('load', call, options),

    async fetch(call, options) {
      const result = await run('fetch', call, options);
      if (!result.ok) throw result.error;
      return result.variables;
    },

    async test(call, testOptions) {
      const start = performance.now();
      const observation = observer.start('test', call);
      const stats: ExchangeStats = { bytes: 0, timings: { startAt: start } };
      let eventCall: unknown = call;
      let context: ParsedContext | undefined;
      let error: ContextError | undefined;
      let sent: WireRequest | undefined;
      try {
        const resolvedCall = normalizeCall(call);
        eventCall = resolvedCall;
        // Always the network, even while the toggle is off: the button checks the endpoint.
        context = await exchange(resolvedCall, stats, undefined, (request) => (sent = request));
      } catch (caught) {
        error = scrubContextError(toContextError(caught), scrubber);
      }
      const durationMs = performance.now() - start;
      const report = buildTestReport({ durationMs, status: stats.status, bytes: stats.bytes, context, error, plainHttp, disabled: !resolved.enabled, scrub: scrubber.scrub });
      report.timings = splitTimings(stats.timings!);
      if (sent !== undefined) report.request = describeSentRequest(resolved.url, sent, scrubber);
      if (testOptions?.templates !== undefined) report.templates = checkTestTemplates(call, context?.variables ?? {}, { ...testOptions, templates: testOptions.templates });
      emit('test', eventCall, {
        outcome: error === undefined ? 'ok' : 'error',
        ...(error === undefined ? {} : { code: error.code }),
        ...(report.status === undefined ? {} : { status: report.status }),
        durationMs,
        bytes: stats.bytes,
        cacheHit: false,
        warnings: report.warnings.length,
      }, observation);
      return report;
    },

    async invalidate(call) {
      const resolvedCall = normalizeCall(call);
      if (cache === undefined || cacheKey === undefined) return;
      const start = performance.now();
      let fault: CacheStoreFault | undefined;
      try {
        await cache.invalidate(cacheKey(resolvedCall));
      } catch (error) {
        fault = 'error';
        throw error;
      } finally {
        const durationMs = performance.now() - start;
        emit('invalidate', resolvedCall, { outcome: fault === undefined ? 'ok' : 'error', durationMs, bytes: 0, cacheHit: false, warnings: 0, ...(fault && { cacheStoreFault: fault }) });
      }
    },

    close() {
      closing ??= (async () => {
        cache?.clear();
        await transport.close();
      })();
      return closing;
    },
  };
}

/** The signal of a load's options; a wrong type is a platform bug, named like any option. */
function loadSignal(options: LoadOptions): AbortSignal | undefined {
  const signal = (options as LoadOptions | null)?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('Expected `signal` to be an AbortSignal');
  return signal;
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
