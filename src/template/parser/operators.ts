/**
 * The operators of Jinja2's expression grammar (jinja2/parser.py), by precedence level.
 * The parser reads its operator sets from here, and the complexity tests enumerate
 * OPERATORS, so an operator added to the grammar is measured too.
 */
export const COMPARE_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
export const MATH1_OPS: ReadonlySet<string> = new Set(['+', '-']);
export const MATH2_OPS: ReadonlySet<string> = new Set(['*', '/', '//', '%']);

/** Every operator, spelled as in a template; `-x`/`+x` are the unary ones, `x[i]`… the postfix ones. */
export const OPERATORS: readonly string[] = Object.freeze([
  'or', 'and', 'not', ...COMPARE_OPS, 'in', 'not in', 'is', ...MATH1_OPS, '~', ...MATH2_OPS, '**', '-x', '+x',
  'x.attr', 'x[i]', 'x[a:b]', 'x(…)', '|', 'if else',
]);
