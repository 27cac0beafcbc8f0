import { TemplateError } from '../errors.js';

/** Steps (tokens, AST nodes) between two reads of the clock. */
const STEPS_PER_CLOCK_CHECK = 256;

/**
 * The wall-clock budget of one compilation (`maxCompileMs`): the lexer counts tokens and
 * the code generator counts nodes, and every few hundred steps the clock is read. Parsing
 * is linear, so this is the backstop: compile time sits outside `maxRenderMs`, and a
 * hostile source must fail fast rather than stall the process that compiles it (issue 8).
 */
export class CompileBudget {
  /** Set once the budget is spent: such an error depends on load, so it is not cached. */
  exceeded = false;
  private steps = 0;
  private readonly deadline: number;

  constructor(readonly maxCompileMs: number) {
    // No clock for an unbounded budget: UNBOUNDED_COMPILE is built at import, and the first
    // read of `performance` loads Node's perf_hooks modules (bench row l, import cost).
    this.deadline = maxCompileMs === Infinity ? Infinity : performance.now() + maxCompileMs;
  }

  /** Count one step of work; throws once the compilation has run past its budget. */
  step(): void {
    if (++this.steps % STEPS_PER_CLOCK_CHECK === 0) this.check();
  }

  /** Read the clock now (after a step that is not counted, such as building the function). */
  check(): void {
    if (performance.now() > this.deadline) {
      this.exceeded = true;
      throw new TemplateError(`Template exceeded its compile time budget of ${this.maxCompileMs} ms`);
    }
  }
}

/** No deadline: for parsing outside compileTemplate (analysis, tests). */
export const UNBOUNDED_COMPILE = new CompileBudget(Infinity);
