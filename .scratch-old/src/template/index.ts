import { LRUCache } from 'lru-cache';
import { TemplateError, isTemplateError } from '../errors.js';
import { DEFAULT_RENDER_LIMITS, currentBudget, withBudget, type RenderLimits } from './limits.js';
import { compileAst, toTemplateError, type RenderFunction } from './compiler/index.js';
import { parseTemplate } from './parser/index.js';

export type { RenderLimits } from './limits.js';

/** Options of `compileTemplate`. */
export interface TemplateOptions {
  /** Bounds on one render's work; unset fields keep the defaults of `DEFAULT_RENDER_LIMITS`. */
  limits?: Partial<RenderLimits>;
}

/** A template parsed and compiled once, rendered many times. */
export interface CompiledTemplate {
  /** Render with `variables` (the merged context); throws TemplateError. */
  render(variables: Record<string, unknown>): string;
}

/** How many distinct template sources stay compiled. */
export const TEMPLATE_CACHE_MAX_ENTRIES = 1000;

// A source that does not compile is cached as its error: a tenant's broken greeting must
// not be parsed again on every call.
const cache = new LRUCache<string, CompiledTemplate | TemplateError>({ max: TEMPLATE_CACHE_MAX_ENTRIES });

/**
 * Compile `source` (Jinja2 syntax, platform profile). Syntax errors throw TemplateError
 * with 1-based line and column. Compiled templates are cached by source and limits.
 */
export function compileTemplate(source: string, options: TemplateOptions = {}): CompiledTemplate {
  const limits = options.limits === undefined ? DEFAULT_RENDER_LIMITS : Object.freeze({ ...DEFAULT_RENDER_LIMITS, ...options.limits });
  const key = limits === DEFAULT_RENDER_LIMITS ? source : `${JSON.stringify(limits)}\u0000${source}`;
  let template = cache.get(key);
  if (template === undefined) {
    try {
      template = build(source, limits);
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      template = error;
    }
    cache.set(key, template);
  }
  if (template instanceof TemplateError) throw template;
  return template;
}

/** Render `source` with `variables`: Jinja-compatible, lenient on missing data; throws TemplateError. */
export function renderTemplate(source: string, variables: Record<string, unknown>): string {
  return compileTemplate(source).render(variables);
}

function build(source: string, limits: RenderLimits): CompiledTemplate {
  // Before parsing: parse and compile time grow with the source, and the source is the tenant's (F5).
  if (source.length > limits.maxSourceLength) {
    throw new TemplateError(`Template source is longer than ${limits.maxSourceLength} characters (${source.length})`);
  }
  const ast = parseTemplate(source);
  let fn: RenderFunction;
  try {
    fn = compileAst(ast, source);
  } catch (error) {
    if (isTemplateError(error)) throw new TemplateError(error.reason, { line: error.line, column: error.column, source });
    // The code generator recurses over the AST: a stack overflow here is the source's nesting.
    throw error instanceof RangeError ? new TemplateError('Template is nested too deeply', { source }) : toTemplateError(error, undefined, source);
  }
  return {
    render(variables) {
      const vars = typeof variables === 'object' && variables !== null ? variables : {};
      try {
        return withBudget(limits, () => fn(vars, currentBudget()));
      } catch (error) {
        // FAIL inside the generated code handles most faults; this catches one thrown while handling (stack overflow).
        throw toTemplateError(error, undefined, source);
      }
    },
  };
}
