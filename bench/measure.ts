import { setImmediate as yieldToLoop } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Iteration counts scale with BENCH_SCALE (1 = the full run; 0.01 = the smoke test). */
export const SCALE = (() => {
  const value = Number(process.env.BENCH_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? Math.min(value, 10) : 1;
})();

/** `base × BENCH_SCALE`, at least `min`. */
export function scaled(base: number, min = 1): number {
  return Math.max(min, Math.round(base * SCALE));
}

export function nowNs(): bigint {
  return process.hrtime.bigint();
}

export function median(values: number[]): number {
  return percentile(values, 0.5);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index];
}

/**
 * Runs every side once per round, interleaved (A/B/A/B…; with more than two sides
 * the starting side rotates each round), so drift in machine load hits all alike.
 * Returns each side's per-round results.
 */
export async function interleave<T>(rounds: number, sides: Array<() => Promise<T> | T>): Promise<T[][]> {
  const results: T[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const index = sides.length > 2 ? (round + k) % sides.length : k;
      results[index].push(await sides[index]());
      await yieldToLoop();
    }
  }
  return results;
}

/** Sink for benchmark results, so the optimiser cannot drop the work. */
export let blackhole: unknown;
export function consume(value: unknown): void {
  blackhole = value;
}

/** Nanoseconds per call of a synchronous function over `n` calls. */
export function timeSync(fn: () => unknown, n: number): number {
  let last: unknown;
  const start = nowNs();
  for (let i = 0; i < n; i++) last = fn();
  const elapsed = Number(nowNs() - start);
  consume(last);
  return elapsed / n;
}

/** Nanoseconds per call of an async function awaited one after another. */
export async function timeAsyncSequential(fn: () => Promise<unknown>, n: number): Promise<number> {
  let last: unknown;
  const start = nowNs();
  for (let i = 0; i < n; i++) last = await fn();
  const elapsed = Number(nowNs() - start);
  consume(last);
  return elapsed / n;
}

/**
 * Calls per batch so one batch of `fn` takes about `targetMs` (scaled), measured
 * after a warm-up of `warmupMs`.
 */
export function calibrateSync(fn: () => unknown, targetMs: number, warmupMs = 200): number {
  const warmupEnd = performance.now() + warmupMs * Math.min(1, SCALE * 10);
  let calls = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < 16; i++) consume(fn());
    calls += 16;
  } while (performance.now() < warmupEnd);
  const perCallMs = (performance.now() - start) / calls;
  return Math.max(2, Math.round((targetMs * SCALE) / perCallMs));
}

/** A full, synchronous garbage collection (uses --expose-gc when given, else turns it on). */
export const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** heapUsed after full collections, once pending callbacks have run. */
export async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await yieldToLoop();
    gc();
  }
  return process.memoryUsage().heapUsed;
}
