import { TemplateError } from '../errors.js';

/** Bounds on the work one render may do. Templates are written by untrusted tenants. */
export interface RenderLimits {
  /**
   * Work units of one render: each loop iteration and macro call is one unit, and
   * builtins that walk a large string or list charge by its size (see `chargeSize`).
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
}

export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = Object.freeze({
  maxIterations: 100_000,
  maxRange: 10_000,
  maxCallDepth: 64,
  maxOutputLength: 256 * 1024,
  maxRenderMs: 250,
  maxSourceLength: 128 * 1024,
});

/** Strings: one work unit per this many characters walked. */
const CHARS_PER_UNIT = 256;
/** Lists and dicts: one work unit per this many items walked (items cost more than chars). */
const ITEMS_PER_UNIT = 16;
/** Units between two reads of the clock: keeps performance.now() off the hot path. */
const UNITS_PER_CLOCK_CHECK = 32;

/**
 * The budget of the render in progress. Rendering is synchronous, so one
 * module-level budget is safe: a render sets it on entry and restores it on exit.
 */
export class RenderBudget {
  iterations = 0;
  callDepth = 0;
  private clockAt = UNITS_PER_CLOCK_CHECK;
  private readonly deadline: number;
  /** `timed` false: the idle budget outside renders, which has no start time to count from. */
  constructor(readonly limits: RenderLimits, timed = true) {
    this.deadline = timed ? performance.now() + limits.maxRenderMs : Infinity;
  }

  /** Count `n` more units of work (loop iterations, or size-priced work of a builtin). */
  chargeIterations(n = 1): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) {
      throw new TemplateError(`Template exceeded the loop budget of ${this.limits.maxIterations} iterations (loop iterations, calls and work on large values)`);
    }
    if (this.iterations >= this.clockAt) this.checkClock();
  }

  /** Charge the walk of a string or container; small values are free (the loop already paid). */
  chargeSize(v: unknown): void {
    if (typeof v === 'string') {
      if (v.length >= CHARS_PER_UNIT) this.chargeIterations((v.length / CHARS_PER_UNIT) | 0);
    } else if (Array.isArray(v)) {
      if (v.length >= ITEMS_PER_UNIT) this.chargeIterations((v.length / ITEMS_PER_UNIT) | 0);
    }
  }

  /** `chargeSize(v)`, then `v`: wraps a builtin's input in generated code. */
  charged<V>(v: V): V {
    this.chargeSize(v);
    return v;
  }

  /** Throws once the render has run past `maxRenderMs`; cheap enough to call per node of a walk. */
  checkClock(): void {
    this.clockAt = this.iterations + UNITS_PER_CLOCK_CHECK;
    if (performance.now() > this.deadline) {
      throw new TemplateError(`Template exceeded its render time budget of ${this.limits.maxRenderMs} ms`);
    }
  }

  /** Characters produced so far by the repr/pprint/tojson walk in progress (F3). */
  printed = 0;

  /** Count `n` characters of a printer's output; stops a walk of shared structure at the bound, not after it. */
  chargePrinted(n: number): void {
    this.printed += n;
    if (this.printed > this.limits.maxOutputLength) this.checkLength(this.printed);
  }

  /** Refuse a string (or list) about to be built with `length` items. */
  checkLength(length: number): void {
    if (length > this.limits.maxOutputLength) {
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

// Outside renders (runtime functions called directly) nothing is counted, only sizes are checked.
let active = new RenderBudget({ ...DEFAULT_RENDER_LIMITS, maxIterations: Infinity }, false);

/** The budget of the render in progress (a fresh default one outside renders). */
export function currentBudget(): RenderBudget {
  return active;
}

/** Run `render` under a fresh budget; restores the previous one (renders may nest via tests). */
export function withBudget<T>(limits: RenderLimits, render: () => T): T {
  const previous = active;
  active = new RenderBudget(limits);
  try {
    return render();
  } finally {
    active = previous;
  }
}
