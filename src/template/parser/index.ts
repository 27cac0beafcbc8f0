import { TemplateError } from '../../errors.js';
import type { Stmt } from './ast.js';
import { TemplateParser } from './statements.js';
import { JinjaTokenizer, normalizeSource } from './tokenizer.js';
import { UNBOUNDED_COMPILE, type CompileBudget } from '../compile-budget.js';

export type * from './ast.js';

/** Parse template source (Jinja2 syntax) into our AST; syntax errors are TemplateErrors with 1-based positions. */
export function parseTemplate(source: string, budget: CompileBudget = UNBOUNDED_COMPILE): Stmt[] {
  const tokenizer = new JinjaTokenizer(normalizeSource(source), budget);
  try {
    return new TemplateParser(tokenizer).parseTemplate();
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(error.reason, { line: error.line, column: error.column, source, hint: error.hint });
    // nunjucks' lexer throws plain Errors (e.g. an unclosed comment); keep its message, add our position.
    // A stack overflow while parsing is the source's nesting, not an engine fault (M3).
    const reason = error instanceof RangeError ? 'Template is nested too deeply' : error instanceof Error ? error.message.replace(/^./, (c) => c.toUpperCase()) : 'Invalid template';
    throw new TemplateError(reason, { line: tokenizer.lineno + 1, column: tokenizer.colno + 1, source });
  }
}
