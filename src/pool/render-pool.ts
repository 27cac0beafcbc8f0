import type { Tinypool } from 'tinypool';
import { TemplateError } from '../errors.js';
import type { RenderLimits } from '../template/limits.js';
import type { RenderTask, RenderTaskResult } from './render-worker.js';
import { locateRenderWorker } from './worker-file.js';

/** Options of `createRenderPool` (platform settings, trusted). */
export interface RenderPoolOptions {
  /** Worker threads. @default the CPU count minus one, between 1 and 4 */
  size?: number;
  /** Wall clock per render, from the moment a worker takes it; over it the worker is terminated. @default 2000 */
  timeoutMs?: number;
  /** Heap limit of each worker (V8 old generation), in MiB; a render past it ends its worker. @default 128 */
  maxMemoryMb?: number;
  /** Renders waiting for a free worker; one more is refused at once. @default 1024 */
  maxQueue?: number;
}

/** Per-render options of `RenderPool.render`. */
export interface PoolRenderOptions {
  limits?: Partial<RenderLimits>;
}

/** Counters since the pool was created, for an operator's dashboard. */
export interface RenderPoolStats {
  size: number;
  active: number;
  queued: number;
  completed: number;
  timedOut: number;
  outOfMemory: number;
}

/** Renders in worker threads: a stuck or runaway template ends its worker, never the process. */
export interface RenderPool {
  /** Render like `renderTemplate`; rejects only with TemplateError. */
  render(source: string, variables: Record<string, unknown> | object, options?: PoolRenderOptions): Promise<string>;
  /** Counters and the current load. */
  stats(): RenderPoolStats;
  /** Stops the workers; renders still waiting are refused with TemplateError. */
  close(): Promise<void>;
}

/** The defaults of `createRenderPool` (`size` is derived from the CPU count at creation). */
export const DEFAULT_RENDER_POOL_OPTIONS: Readonly<Required<Omit<RenderPoolOptions, 'size'>>> = Object.freeze({
  timeoutMs: 2000,
  maxMemoryMb: 128,
  maxQueue: 1024,
});

/** How long a fresh worker may take to load before its render is given up. */
const WORKER_STARTUP_MS = 30_000;

interface Job {
  task: RenderTask;
  resolve(output: string): void;
  reject(error: TemplateError): void;
}

/**
 * A pool of worker threads for rendering untrusted templates: the hard backstop behind the
 * in-process render limits. The recommended way for a multi-tenant runtime to render.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const size = readCount(options.size, 'size', defaultPoolSize(), 64);
  const timeoutMs = readCount(options.timeoutMs, 'timeoutMs', DEFAULT_RENDER_POOL_OPTIONS.timeoutMs, 600_000);
  const maxMemoryMb = readCount(options.maxMemoryMb, 'maxMemoryMb', DEFAULT_RENDER_POOL_OPTIONS.maxMemoryMb, 16_384);
  const maxQueue = readCount(options.maxQueue, 'maxQueue', DEFAULT_RENDER_POOL_OPTIONS.maxQueue, 1_000_000, 0);
  const worker = locateRenderWorker();
  // A worker that fails outside a task (its script does not load) is reported here, not
  // thrown: an unhandled 'error' event would end the process with every live call.
  let workerStartError: unknown;
  // tinypool is ESM-only: a dynamic import loads it from the CommonJS build on Node 20.18 too.
  const starting: Promise<Tinypool> = import('tinypool').then(({ Tinypool }) => {
    const open = (execArgv: string[]) => new Tinypool({
      filename: worker.filename,
      execArgv,
      minThreads: size,
      maxThreads: size,
      isolateWorkers: false,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(1, maxMemoryMb >> 3)) },
    });
    // Workers inherit the process's flags (--import of an APM, --enable-source-maps), but some
    // are refused in a worker: `--input-type` (node -e) fails at start, and per-process V8 flags
    // (--expose-gc…) throw at creation; then the workers start with none.
    let pool: Tinypool;
    try {
      pool = open(process.execArgv.filter((flag) => !flag.startsWith('--input-type')));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      pool = open([]);
    }
    pool.on('error', (error: unknown) => {
      workerStartError = error;
    });
    return pool;
  });
  starting.catch(() => undefined); // a failed load is reported by each render, never as an unhandled rejection
  let pool: Tinypool | undefined;
  const queue: Job[] = [];
  const counters = { completed: 0, timedOut: 0, outOfMemory: 0 };
  let active = 0;
  let closed = false;

  // Our own queue in front of tinypool's: a job reaches a worker only when one is free.
  const pump = () => {
    while (active < size && queue.length > 0) {
      active++;
      void run(queue.shift()!);
    }
  };

  const run = async (job: Job) => {
    const controller = new AbortController();
    let fault: 'timeout' | 'startup' | undefined;
    const dispatchedAt = performance.now();
    // The deadline counts render time: while a fresh worker is still loading, the timer waits
    // (up to WORKER_STARTUP_MS), so a replaced worker does not fail the renders behind it.
    const onTimer = () => {
      if (Atomics.load(job.task.started, 0) === 1) fault = 'timeout';
      else if (performance.now() - dispatchedAt > WORKER_STARTUP_MS) fault = 'startup';
      else return void (timer = setTimeout(onTimer, timeoutMs));
      controller.abort();
    };
    let timer = setTimeout(onTimer, timeoutMs);
    let settle: () => void;
    try {
      pool ??= await starting;
      const result = (await pool.run(job.task, { signal: controller.signal })) as RenderTaskResult;
      counters.completed++;
      settle = result.ok
        ? () => job.resolve(result.output)
        : () => job.reject(new TemplateError(result.reason, { line: result.line, column: result.column, source: job.task.source }));
    } catch (error) {
      if (fault === 'timeout') counters.timedOut++;
      else if (isOutOfMemory(error)) counters.outOfMemory++;
      const templateError = workerFault(fault === 'startup' ? (workerStartError ?? error) : error, fault, timeoutMs, maxMemoryMb);
      settle = () => job.reject(templateError);
    } finally {
      clearTimeout(timer);
    }
    active--;
    settle();
    pump();
  };

  return {
    render(source, variables, renderOptions = {}) {
      if (closed) return Promise.reject(new TemplateError('The render pool is closed'));
      if (typeof source !== 'string') return Promise.reject(new TemplateError('Template source must be a string'));
      if (queue.length >= maxQueue) {
        return Promise.reject(new TemplateError(`The render pool is busy: ${maxQueue} renders are already waiting`));
      }
      const vars = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<string, unknown>;
      const started = new Int32Array(new SharedArrayBuffer(4));
      const task: RenderTask = renderOptions.limits === undefined ? { source, variables: vars, started } : { source, variables: vars, limits: renderOptions.limits, started };
      return new Promise<string>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        pump();
      });
    },
    stats: () => ({ size, active, queued: queue.length, ...counters }),
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new TemplateError('The render pool is closed'));
      await (await starting.catch(() => undefined))?.destroy();
    },
  };
}

function workerFault(error: unknown, fault: 'timeout' | 'startup' | undefined, timeoutMs: number, maxMemoryMb: number): TemplateError {
  if (fault === 'startup') {
    return new TemplateError(`No render worker started within ${WORKER_STARTUP_MS} ms: ${error instanceof Error ? error.message : 'unknown fault'}`, { cause: error });
  }
  if (fault === 'timeout') return new TemplateError(`Template render took longer than ${timeoutMs} ms; its worker was stopped`);
  if (isOutOfMemory(error)) return new TemplateError(`Template render ran out of memory (the worker's ${maxMemoryMb} MB heap); its worker was stopped`);
  const name = error instanceof Error ? error.name : '';
  if (name === 'DataCloneError') {
    return new TemplateError('Template variables cannot be sent to a render worker: use JSON-like data (no functions or class instances)', { cause: error });
  }
  return new TemplateError(`Template render failed in its worker: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function isOutOfMemory(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, process.getBuiltinModule('node:os').availableParallelism() - 1));
}

function readCount(value: unknown, name: string, fallback: number, max: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`createRenderPool: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
