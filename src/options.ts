// The platform options (`ClientOptions`): the operator's choices, trusted but checked once.
import type { Dispatcher } from 'undici';
import { DEFAULTS, isObject, MAX_CACHE_TTL_MS } from './config.js';
import { isTracerLike, type TracerLike } from './telemetry/tracer.js';
import type { CacheStore, ClientOptions, ContextEvent, SensitiveDataMode } from './types/index.js';

/** Platform options after checking and defaulting. */
export interface ResolvedOptions {
  allowHttp: boolean; allowPrivateNetwork: boolean; maxResponseBytes: number; cacheMaxEntries: number; cacheMaxBytes: number;
  dispatcher?: Dispatcher;
  onEvent?: (e: ContextEvent) => void;
  sensitiveData: SensitiveDataMode;
  now: () => number;
  lookup?: ClientOptions['lookup'];
  cacheStore?: CacheStore;
  cacheStoreTimeoutMs: number;
  staleIfErrorMs: number;
  tracer?: TracerLike;
}

const SENSITIVE_MODES: ReadonlySet<string> = new Set(['redact', 'warn', 'off']);

function optionError(name: string, expected: string): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${expected}`);
}

/**
 * Checks and defaults the platform options, once per client. Trusted input: a wrong
 * type is a programmer error and throws `TypeError` naming the option.
 */
export function normalizeOptions(options: ClientOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw optionError('options', 'an object');
  const o = options;
  const bool = (name: 'allowHttp' | 'allowPrivateNetwork'): boolean => {
    const v = o[name];
    if (v !== undefined && typeof v !== 'boolean') throw optionError(name, 'a boolean');
    return v ?? DEFAULTS[name];
  };
  const count = (name: 'maxResponseBytes' | 'cacheMaxEntries' | 'cacheMaxBytes'): number => {
    const v = o[name];
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0)) throw optionError(name, 'a positive integer');
    return v ?? DEFAULTS[name];
  };
  const fn = <K extends 'onEvent' | 'now' | 'lookup'>(name: K): ClientOptions[K] => {
    if (o[name] !== undefined && typeof o[name] !== 'function') throw optionError(name, 'a function');
    return o[name];
  };
  if (o.dispatcher !== undefined && (typeof o.dispatcher !== 'object' || o.dispatcher === null || typeof o.dispatcher.dispatch !== 'function')) {
    throw optionError('dispatcher', 'an undici Dispatcher');
  }
  if (o.sensitiveData !== undefined && !SENSITIVE_MODES.has(o.sensitiveData)) {
    throw optionError('sensitiveData', "one of 'redact', 'warn', 'off'");
  }
  const onEvent = fn('onEvent');
  const lookup = fn('lookup');
  const store = o.cacheStore;
  if (store !== undefined && !(isObject(store) && typeof store.get === 'function' && typeof store.set === 'function' && typeof store.delete === 'function')) {
    throw optionError('cacheStore', 'a CacheStore (an object with get, set and delete methods)');
  }
  const millis = (name: 'cacheStoreTimeoutMs' | 'staleIfErrorMs', min: number): number => {
    const v = o[name];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= min && v <= MAX_CACHE_TTL_MS)) throw optionError(name, `an integer from ${min} to ${MAX_CACHE_TTL_MS}`);
    return v ?? DEFAULTS[name];
  };
  if (o.tracer !== undefined && !isTracerLike(o.tracer)) throw optionError('tracer', 'an OpenTelemetry Tracer (trace.getTracer(...))');
  return {
    cacheStoreTimeoutMs: millis('cacheStoreTimeoutMs', 1),
    staleIfErrorMs: millis('staleIfErrorMs', 0),
    ...(store && { cacheStore: store }),
    allowHttp: bool('allowHttp'),
    allowPrivateNetwork: bool('allowPrivateNetwork'),
    maxResponseBytes: count('maxResponseBytes'),
    cacheMaxEntries: count('cacheMaxEntries'),
    cacheMaxBytes: count('cacheMaxBytes'),
    sensitiveData: o.sensitiveData ?? DEFAULTS.sensitiveData,
    now: fn('now') ?? (() => performance.now()),
    ...(o.dispatcher && { dispatcher: o.dispatcher }),
    ...(onEvent && { onEvent }),
    ...(lookup && { lookup }),
    ...(o.tracer && { tracer: o.tracer }),
  };
}
