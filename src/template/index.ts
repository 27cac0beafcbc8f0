import { TemplateError, isTemplateError } from '../errors.js';
import { DEFAULT_RENDER_LIMITS, currentBudget, withBudget, type RenderLimits } from './limits.js';
import { compileAst, toTemplateError, type RenderFunction } from './compiler/index.js';
import { parseTemplate } from './parser/index.js';
import { CompileBudget } from './compile-budget.js';
import { BoundedCache } from './bounded-cache.js';

export type { RenderLimits } from './limits.js';

/** Options of `compileTemplate`. */
export interface TemplateOptions {
  /** Bounds on one render's work; unset fields keep the defaults of `DEFAULT_RENDER_LIMITS`. */
  limits?: Partial<RenderLimits>;
}

/** A template parsed and compiled once, rendered many times. */
export interface CompiledTemplate {
  /**
   * Render with `variables` (the merged context): any object, an interface or a read-only
   * `ContextVariables` alike; its own enumerable keys are the template's names. Throws TemplateError.
   */
  render(variables: object): string;
}

/** How many distinct template sources stay compiled. */
export const TEMPLATE_CACHE_MAX_ENTRIES = 1000;
/**
 * Bound on the heap the compiled-template cache takes, in bytes (estimated): 1,000
 * macro-heavy sources held 1.5 GB with the entry bound alone (issue 8).
 */
export const TEMPLATE_CACHE_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Heap bytes per character of generated code, at most: measured over dense template
 * shapes (bench/template-memory.ts; list literals 6.2, dict literals 5.1, filter chains
 * 4.3, macros 4.1, plain {{ a }} 1.0), rounded up.
 */
export const HEAP_BYTES_PER_CODE_CHAR = 8;
// The cache slot, the CompiledTemplate object and its closures.
const ENTRY_OVERHEAD_BYTES = 1024;

// A source that does not compile is cached as its error: a tenant's broken greeting must
// not be parsed again on every call.
const cache = new BoundedCache<CompiledTemplate | TemplateError>(TEMPLATE_CACHE_MAX_ENTRIES, TEMPLATE_CACHE_MAX_BYTES);

/** The compiled-template cache's entries and estimated bytes, for tests and the benchmark. */
export function templateCacheStats(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: cache.bytes };
}

/**
 * Compile `source` (Jinja2 syntax, platform profile). Syntax errors throw TemplateError
 * with 1-based line and column. Compiled templates are cached by source and limits.
 */
export function compileTemplate(source: string, options: TemplateOptions = {}): CompiledTemplate {
  const limits = options.limits === undefined ? DEFAULT_RENDER_LIMITS : Object.freeze({ ...DEFAULT_RENDER_LIMITS, ...options.limits });
  const key = limits === DEFAULT_RENDER_LIMITS ? source : `${JSON.stringify(limits)}\u0000${source}`;
  let template = cache.get(key);
  if (template === undefined) {
    const size = { codeLength: 0 };
    const budget = new CompileBudget(limits.maxCompileMs);
    let own: number;
    try {
      template = build(source, limits, size, budget);
      own = size.codeLength * HEAP_BYTES_PER_CODE_CHAR;
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      // Running out of time depends on the host's load, not only on the source: try again next call.
      if (budget.exceeded) throw error;
      template = error;
      own = (error.message.length + error.excerpt.length) * 2;
    }
    // Estimated heap: the key, the generated code (or the error's text), the overhead.
    cache.set(key, template, ENTRY_OVERHEAD_BYTES + key.length * 2 + own);
  }
  if (template instanceof TemplateError) throw template;
  return template;
}

/** Render `source` with `variables`: Jinja-compatible, lenient on missing data; throws TemplateError. */
export function renderTemplate(source: string, variables: object): string {
  return compileTemplate(source).render(variables);
}

function build(source: string, limits: RenderLimits, size: { codeLength?: number }, budget: CompileBudget): CompiledTemplate {
  // Before parsing: parse and compile time grow with the source, and the source is the tenant's (F5).
  if (source.length > limits.maxSourceLength) {
    throw new TemplateError(`Template source is longer than ${limits.maxSourceLength} characters (${source.length})`);
  }
  const ast = parseTemplate(source, budget);
  let fn: RenderFunction;
  try {
    fn = compileAst(ast, source, size, budget);
  } catch (error) {
    if (isTemplateError(error)) throw new TemplateError(error.reason, { line: error.line, column: error.column, source, hint: error.hint });
    // The code generator recurses over the AST: a stack overflow here is the source's nesting.
    throw error instanceof RangeError ? new TemplateError('Template is nested too deeply', { source }) : toTemplateError(error, undefined, source);
  }
  return {
    render(variables) {
      // `object` in the signature so interfaces type-check; the engine reads it as a name table.
      const vars = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<string, unknown>;
      try {
        return withBudget(limits, () => fn(vars, currentBudget()), vars);
      } catch (error) {
        // FAIL inside the generated code handles most faults; this catches one thrown while handling (stack overflow).
        throw toTemplateError(error, undefined, source);
      }
    },
  };
}
