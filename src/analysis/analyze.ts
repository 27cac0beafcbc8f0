import { isTemplateError } from '../errors.js';
import { compileTemplate } from '../template/index.js';
import { DEFAULT_RENDER_LIMITS } from '../template/limits.js';
import { parseTemplate } from '../template/parser/index.js';
import { walkTemplate, type PathRead, type TemplateWalk } from './walk.js';

/** One data path a template reads. */
export interface TemplateVariable {
  /** Dotted, with `[]` for the items of a loop: `customer.first_name`, `orders[].total`. */
  path: string;
  /** Where the path is first read (1-based). */
  line: number;
  column: number;
  /** Every read is covered by `| default` / `| d`, or sits under a test of the path. */
  hasDefault: boolean;
}

/** Why a template does not compile, with the source line and a caret under the column. */
export interface TemplateAnalysisError {
  message: string;
  line: number;
  column: number;
  excerpt: string;
  /** What to change, in one sentence. */
  hint: string;
}

/** What `analyzeTemplate` reports. */
export interface TemplateAnalysis {
  /** False: the template does not compile (`error` says why). */
  ok: boolean;
  error?: TemplateAnalysisError;
  /** Every data path read, once each, in the order of the source. */
  variables: TemplateVariable[];
}

/** The analysis plus the raw walk, for `checkTemplate`. */
export interface DetailedAnalysis extends TemplateAnalysis {
  walk: TemplateWalk;
  /** The compile error itself, when there is one. */
  fault?: unknown;
}

/**
 * Lists the data paths a template reads, without rendering it. Names the template defines
 * itself (`set`, loop targets, macro arguments, `loop`) are not listed.
 *
 * @example
 * analyzeTemplate('Hi {{ customer.first_name | default("there") }}').variables
 * // [{ path: 'customer.first_name', line: 1, column: 7, hasDefault: true }]
 */
export function analyzeTemplate(source: string): TemplateAnalysis {
  const { ok, error, variables } = analyzeInDetail(source);
  return error === undefined ? { ok, variables } : { ok, error, variables };
}

export function analyzeInDetail(source: string): DetailedAnalysis {
  const empty: TemplateWalk = { reads: [], filters: [], tests: [] };
  let fault: unknown;
  try {
    compileTemplate(source);
  } catch (error) {
    fault = error;
  }
  // Same bound as compiling: the source is the tenant's, and parsing grows with it.
  if (typeof source !== 'string' || source.length > DEFAULT_RENDER_LIMITS.maxSourceLength) {
    return { ok: false, error: toAnalysisError(fault), variables: [], walk: empty, fault };
  }
  let walk = empty;
  try {
    walk = walkTemplate(parseTemplate(source));
  } catch (error) {
    fault ??= error;
  }
  const variables = summarize(walk.reads);
  if (fault === undefined) return { ok: true, variables, walk };
  return { ok: false, error: toAnalysisError(fault), variables, walk, fault };
}

/** One entry per path: the first read's position, covered only when every read is. */
function summarize(reads: readonly PathRead[]): TemplateVariable[] {
  const byPath = new Map<string, TemplateVariable>();
  const ordered = [...reads].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const read of ordered) {
    const seen = byPath.get(read.path);
    if (seen === undefined) byPath.set(read.path, { path: read.path, line: read.line, column: read.column, hasDefault: read.covered });
    else if (!read.covered) seen.hasDefault = false;
  }
  return [...byPath.values()];
}

function toAnalysisError(error: unknown): TemplateAnalysisError {
  if (isTemplateError(error)) return { message: error.message, line: error.line, column: error.column, excerpt: error.excerpt, hint: error.hint };
  return { message: 'Template could not be analysed', line: 0, column: 0, excerpt: '', hint: 'Pass the template source as a string.' };
}
