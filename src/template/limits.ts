import { TemplateError } from '../errors.js';

/** Bounds on the work one render may do. Templates are written by untrusted tenants. */
export interface RenderLimits {
  /**
   * Work units of one render. Each loop iteration, macro call and template operation
   * (operator, comparison, filter, test, call) costs at least one unit; builtins are
   * priced by the work they do: a unit per 16 items or 256 characters walked, and walks
   * over nested or shared structure per node visited (see `RenderBudget.charge`).
   * @default 100000
   */
  maxIterations: number;
  /** Largest `range()` a template may build. @default 10000 */
  maxRange: number;
  /** Deepest macro/recursive-loop call nesting. @default 64 */
  maxCallDepth: number;
  /** Longest output, and longest string a template may build, in characters. @default 262144 */
  maxOutputLength: number;
  /**
   * Wall-clock budget of one render in milliseconds: the catch-all for work the unit
   * budget prices too low. A realistic greeting renders in about 10 µs. @default 250
   */
  maxRenderMs: number;
  /** Longest template source, in characters, checked before parsing. @default 131072 */
  maxSourceLength: number;
  /**
   * Wall-clock budget of compiling one source (parse and code generation) in
   * milliseconds. Compiling is linear in the source; this bounds it on a loaded host.
   * A source over budget throws TemplateError and is not cached. @default 1000
   */
  maxCompileMs: number;
}

export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = Object.freeze({
  maxIterations: 100_000,
  maxRange: 10_000,
  maxCallDepth: 64,
  maxOutputLength: 256 * 1024,
  maxRenderMs: 250,
  maxSourceLength: 128 * 1024,
  maxCompileMs: 1000,
});

/**
 * The meter counts ticks; a unit of `maxIterations` is TICKS_PER_UNIT ticks. A loop
 * iteration, a macro call and every template operation (operator, comparison, filter,
 * test, call) cost at least a unit; walks inside builtins cost a tick per item visited,
 * so a walk over shared structure pays for every node it actually reaches.
 */
export const TICKS_PER_UNIT = 16;
/** Strings: one tick per this many characters (256 per unit). */
const CHARS_PER_TICK = 16;
/** Ticks between two reads of the clock. Every operation charges, so no work skips the clock. */
const TICKS_PER_CLOCK_CHECK = 16 * TICKS_PER_UNIT;

/** Ticks to walk `v` once: a tick per item of a list, per 16 characters of a string. */
export function walkTicks(v: unknown): number {
  if (typeof v === 'string') return (v.length / CHARS_PER_TICK) | 0;
  return Array.isArray(v) ? v.length : 0;
}

/**
 * The budget of the render in progress. Rendering is synchronous, so one
 * module-level budget is safe: a render sets it on entry and restores it on exit.
 */
export class RenderBudget {
  callDepth = 0;
  private ticks = 0;
  private readonly maxTicks: number;
  /** Next tick count at which `charge` leaves its fast path: a clock read, or the budget's end. */
  private nextCheck: number;
  private readonly deadline: number;
  /** `timed` false: the idle budget outside renders, which has no start time to count from. */
  constructor(readonly limits: RenderLimits, timed = true) {
    this.deadline = timed ? performance.now() + limits.maxRenderMs : Infinity;
    this.maxTicks = limits.maxIterations * TICKS_PER_UNIT;
    this.nextCheck = Math.min(TICKS_PER_CLOCK_CHECK, this.maxTicks + 1);
  }

  /** Work units spent so far. */
  get iterations(): number {
    return this.ticks / TICKS_PER_UNIT;
  }

  /** Count `ticks` more ticks of work; one comparison on the fast path. */
  charge(ticks: number): void {
    this.ticks += ticks;
    if (this.ticks >= this.nextCheck) this.meter();
  }

  /** Count `n` more units of work (loop iterations, calls, operations). */
  chargeIterations(n = 1): void {
    this.charge(n * TICKS_PER_UNIT);
  }

  /** One template operation: a unit. */
  op(): void {
    this.charge(TICKS_PER_UNIT);
  }

  /** `op()`, then `v`: an O(1) builtin's input in generated code. */
  counted<V>(v: V): V {
    this.charge(TICKS_PER_UNIT);
    return v;
  }

  /** An operation that walks `v`: a unit, or the walk's price when that is more. */
  chargeSize(v: unknown): void {
    const ticks = walkTicks(v);
    this.charge(ticks > TICKS_PER_UNIT ? ticks : TICKS_PER_UNIT);
  }

  /** `chargeSize(v)`, then `v`: wraps a builtin's input in generated code. */
  charged<V>(v: V): V {
    this.chargeSize(v);
    return v;
  }

  private meter(): void {
    if (this.ticks > this.maxTicks) {
      throw new TemplateError(`Template exceeded the loop budget of ${this.limits.maxIterations} iterations (loop iterations, calls and work on large values)`);
    }
    this.checkClock();
  }

  /** Throws once the render has run past `maxRenderMs`. */
  checkClock(): void {
    this.nextCheck = Math.min(this.ticks + TICKS_PER_CLOCK_CHECK, this.maxTicks + 1);
    if (performance.now() > this.deadline) {
      throw new TemplateError(`Template exceeded its render time budget of ${this.limits.maxRenderMs} ms`);
    }
  }

  /** The variables the render was given: filters that depend on the render (`datetime`'s zone) read them. */
  variables: Readonly<Record<string, unknown>> = NO_VARIABLES;

  /** Characters produced so far by the repr/pprint/tojson walk in progress (F3). */
  printed = 0;

  /** Count `n` characters of a printer's output; stops a walk of shared structure at the bound, not after it. */
  chargePrinted(n: number): void {
    const before = this.printed;
    this.printed += n;
    // Printing is work too: a tick per 16 characters, counted across the small pieces.
    const ticks = ((this.printed / CHARS_PER_TICK) | 0) - ((before / CHARS_PER_TICK) | 0);
    if (ticks > 0) this.charge(ticks);
    if (this.printed > this.limits.maxOutputLength) this.checkLength(this.printed);
  }

  /** Refuse a string (or list) about to be built with `length` items. */
  checkLength(length: number): void {
    // NaN (a count of Infinity times an empty sequence, say) is refused too.
    if (!(length <= this.limits.maxOutputLength)) {
      throw new TemplateError(`Template output exceeded ${this.limits.maxOutputLength} characters`);
    }
  }

  checkRange(size: number): void {
    if (size > this.limits.maxRange) {
      throw new TemplateError(`range() of ${size} items exceeds the limit of ${this.limits.maxRange}`);
    }
  }

  enterCall(): void {
    // A call is a unit of work too: two self-calls per level stay under the depth bound but double.
    this.chargeIterations(1);
    if (++this.callDepth > this.limits.maxCallDepth) {
      this.callDepth = 0;
      throw new TemplateError(`Template exceeded the macro/recursion depth of ${this.limits.maxCallDepth}`);
    }
  }

  leaveCall(): void {
    this.callDepth--;
  }
}

const NO_VARIABLES: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null) as Record<string, unknown>);

// Outside renders (runtime functions called directly) nothing is counted, only sizes are checked.
let active = new RenderBudget({ ...DEFAULT_RENDER_LIMITS, maxIterations: Infinity }, false);

/** The budget of the render in progress (a fresh default one outside renders). */
export function currentBudget(): RenderBudget {
  return active;
}

/** Run `render` under a fresh budget; restores the previous one (renders may nest via tests). */
export function withBudget<T>(limits: RenderLimits, render: () => T, variables?: Record<string, unknown>): T {
  const previous = active;
  active = new RenderBudget(limits);
  if (variables !== undefined) active.variables = variables;
  try {
    return render();
  } finally {
    active = previous;
  }
}
