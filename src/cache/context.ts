import type { CacheStoreFault } from '../types/index.js';

/** A successful context; frozen once stored or shared, so no caller can change another's copy. */
export interface CachedContext {
  readonly variables: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** Bytes of the response body it was parsed from. */
  readonly bytes: number;
}

/** What a load through the cache produced, beyond the context itself. */
export interface LoadOutcome {
  context: CachedContext;
  source: 'network' | 'cache';
  /** Served past its TTL because the endpoint failed. */
  stale: boolean;
  /** Warnings of the cache itself (stale entry served, store fault), added to the context's. */
  warnings: readonly string[];
  fault?: CacheStoreFault;
}

/** Loads a context from the network; the signal cancels the request. */
export type Loader = (signal: AbortSignal | undefined) => Promise<CachedContext>;

/** The cache of one client: the memory path or a shared store, behind one shape. */
export interface ContextCache {
  /** The fresh entry for `key`, if the cache can answer synchronously (the memory store). */
  get(key: string): CachedContext | undefined;
  /**
   * The context of `key` from the cache, or from `loader` with single flight per process.
   * A failure is never stored. Rejects with the loader's error, or the aborted error.
   */
  load(key: string, loader: Loader, signal?: AbortSignal): Promise<LoadOutcome>;
  /** Drops `key` here and in the store; a load in flight finishes but is not stored. */
  invalidate(key: string): Promise<void>;
  /** Drops what this client holds; loads in flight finish but are not stored. */
  clear(): void;
}

export function freezeContext<T extends CachedContext>(value: T): T {
  freezeDeep(value.variables);
  Object.freeze(value.warnings);
  return Object.freeze(value);
}

/** Iterative, so a deeply nested response cannot overflow the stack. */
function freezeDeep(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) continue;
    Object.freeze(value);
    for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
}

/** The warning of a result served past its TTL. */
export function staleWarning(error: unknown): string {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'error';
  return `The endpoint failed (${code}); an expired cached context was served instead (staleIfErrorMs).`;
}
