import { TemplateError } from '../errors.js';

/** Bounds on the work one render may do. Templates are written by untrusted tenants. */
export interface RenderLimits {
  /** Total loop iterations (all loops, all depths) in one render. @default 100000 */
  maxIterations: number;
  /** Largest `range()` a template may build. @default 10000 */
  maxRange: number;
  /** Deepest macro/recursive-loop call nesting. @default 64 */
  maxCallDepth: number;
  /** Longest output, and longest string a template may build, in characters. @default 262144 */
  maxOutputLength: number;
}

export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = Object.freeze({
  maxIterations: 100_000,
  maxRange: 10_000,
  maxCallDepth: 64,
  maxOutputLength: 256 * 1024,
});

/**
 * The budget of the render in progress. Rendering is synchronous, so one
 * module-level budget is safe: a render sets it on entry and restores it on exit.
 */
export class RenderBudget {
  iterations = 0;
  callDepth = 0;
  constructor(readonly limits: RenderLimits) {}

  /** Count `n` more loop iterations (or units of comparable work). */
  chargeIterations(n = 1): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) {
      throw new TemplateError(`Template exceeded the loop budget of ${this.limits.maxIterations} iterations`);
    }
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
    if (++this.callDepth > this.limits.maxCallDepth) {
      this.callDepth = 0;
      throw new TemplateError(`Template exceeded the macro/recursion depth of ${this.limits.maxCallDepth}`);
    }
  }

  leaveCall(): void {
    this.callDepth--;
  }
}

let active = new RenderBudget(DEFAULT_RENDER_LIMITS);

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
