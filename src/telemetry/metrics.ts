import type { ContextEvent } from '../types/index.js';

/** Options of `createContextMetrics`. */
export interface ContextMetricsOptions {
  /** Upper bounds of the latency histogram's buckets, in ms (one more bucket counts the rest). @default LATENCY_BUCKETS_MS */
  bucketsMs?: readonly number[];
  /** A load slower than this counts as slow: the customer guide's one second. @default 1000 */
  slowMs?: number;
  /** Most distinct origins tracked; later ones are counted under `'(other)'`. @default 10000 */
  maxOrigins?: number;
}

/** The latency buckets' upper bounds, in ms. */
export const LATENCY_BUCKETS_MS: readonly number[] = Object.freeze([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000]);

/** The figures of one origin (or of all, in `total`). */
export interface OriginMetrics {
  /** Loads, fetches and tests seen. */
  count: number;
  /** Per outcome: `ok`, `disabled`, or the error code (`timeout`, `unauthorized`, …). */
  outcomes: Record<string, number>;
  cacheHits: number;
  /** `cacheHits / count` among operations that could hit (tests always go to the network). */
  cacheHitRatio: number;
  /** Operations slower than `slowMs`. */
  slow: number;
  /** Expired contexts served because the endpoint failed (`staleIfErrorMs`). */
  staleServed: number;
  /** Faults of a shared cache store (timeouts, errors, unreadable entries), in loads and background writes. */
  cacheStoreFaults: number;
  latencyMs: {
    /** Cumulative counts, Prometheus style: `count` of operations at or under `le` ms. */
    buckets: Array<{ le: number; count: number }>;
    sum: number;
    max: number;
  };
}

export interface ContextMetricsSnapshot {
  total: OriginMetrics;
  byOrigin: Record<string, OriginMetrics>;
}

/** Aggregates `ContextEvent`s: pass `metrics.onEvent` as the client's `onEvent`. */
export interface ContextMetrics {
  readonly onEvent: (event: ContextEvent) => void;
  snapshot(): ContextMetricsSnapshot;
  reset(): void;
}

interface Tally {
  count: number;
  cacheable: number;
  cacheHits: number;
  slow: number;
  staleServed: number;
  cacheStoreFaults: number;
  outcomes: Map<string, number>;
  bucketCounts: number[];
  sum: number;
  max: number;
}

const OTHER_ORIGINS = '(other)';

/**
 * Latency histogram per origin, outcome counts by error code, cache hit ratio and slow
 * endpoint counts, built on `onEvent`. Holds numbers only: no call data.
 */
export function createContextMetrics(options: ContextMetricsOptions = {}): ContextMetrics {
  const bounds = [...(options.bucketsMs ?? LATENCY_BUCKETS_MS)].sort((a, b) => a - b);
  const slowMs = options.slowMs ?? 1000;
  const maxOrigins = options.maxOrigins ?? 10_000;
  let total = newTally(bounds.length);
  let byOrigin = new Map<string, Tally>();

  const record = (tally: Tally, event: ContextEvent) => {
    if (event.cacheStoreFault !== undefined || event.type === 'store') tally.cacheStoreFaults++;
    // Only loads, fetches and tests are operations with a latency; invalidations and store writes are not.
    if (event.type !== 'load' && event.type !== 'fetch' && event.type !== 'test') return;
    tally.count++;
    if (event.stale === true) tally.staleServed++;
    if (event.type !== 'test' && event.outcome !== 'disabled') tally.cacheable++;
    if (event.cacheHit) tally.cacheHits++;
    if (event.durationMs > slowMs) tally.slow++;
    const outcome = event.outcome === 'error' ? (event.code ?? 'error') : event.outcome;
    tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
    let bucket = 0;
    while (bucket < bounds.length && event.durationMs > bounds[bucket]!) bucket++;
    tally.bucketCounts[bucket]!++;
    tally.sum += event.durationMs;
    if (event.durationMs > tally.max) tally.max = event.durationMs;
  };

  return {
    onEvent(event) {
      record(total, event);
      let tally = byOrigin.get(event.origin);
      if (tally === undefined) {
        const origin = byOrigin.size < maxOrigins ? event.origin : OTHER_ORIGINS;
        tally = byOrigin.get(origin) ?? newTally(bounds.length);
        byOrigin.set(origin, tally);
      }
      record(tally, event);
    },
    snapshot: () => ({
      total: view(total, bounds),
      byOrigin: Object.fromEntries([...byOrigin].map(([origin, tally]) => [origin, view(tally, bounds)])),
    }),
    reset() {
      total = newTally(bounds.length);
      byOrigin = new Map();
    },
  };
}

function newTally(bucketCount: number): Tally {
  return { count: 0, cacheable: 0, cacheHits: 0, slow: 0, staleServed: 0, cacheStoreFaults: 0, outcomes: new Map(), bucketCounts: new Array<number>(bucketCount + 1).fill(0), sum: 0, max: 0 };
}

function view(tally: Tally, bounds: readonly number[]): OriginMetrics {
  let running = 0;
  const buckets = tally.bucketCounts.map((n, i) => ({ le: i < bounds.length ? bounds[i]! : Infinity, count: (running += n) }));
  return {
    count: tally.count,
    outcomes: Object.fromEntries(tally.outcomes),
    cacheHits: tally.cacheHits,
    cacheHitRatio: tally.cacheable === 0 ? 0 : tally.cacheHits / tally.cacheable,
    slow: tally.slow,
    staleServed: tally.staleServed,
    cacheStoreFaults: tally.cacheStoreFaults,
    latencyMs: { buckets, sum: tally.sum, max: tally.max },
  };
}
