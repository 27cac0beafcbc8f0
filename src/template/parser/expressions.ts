import type { Args, CompareOp, Expr, FilterExpr, Target } from './ast.js';
import { T, syntaxError } from './tokenizer.js';
import { PostfixParser } from './postfix.js';
import { COMPARE_OPS, MATH1_OPS, MATH2_OPS } from './operators.js';

const END_OF_TUPLE = new Set<string>([T.RIGHT_PAREN, T.BLOCK_END, T.VARIABLE_END]);
const TEST_ARG_START = new Set<string>([T.SYMBOL, T.STRING, T.INT, T.FLOAT, T.BOOLEAN, T.NONE, T.LEFT_PAREN, T.LEFT_BRACKET, T.LEFT_CURLY]);

/**
 * Jinja2's expression grammar (jinja2/parser.py: precedence, tuples, tests without
 * parentheses, slices, call arguments) over nunjucks' token stream. nunjucks' own
 * expression methods have other precedences, so they are overridden, not reused.
 */
export class ExpressionParser extends PostfixParser {
  // ---- expressions, lowest precedence first
  parseTuple(opts: { simplified?: boolean; withCondExpr?: boolean; extraEnd?: string[]; explicitParens?: boolean } = {}): Expr {
    const start = this.peekToken();
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expectType(T.COMMA);
      if (this.isTupleEnd(opts.extraEnd)) break;
      items.push(opts.simplified ? this.parsePrimaryExpr() : opts.withCondExpr === false ? this.parseOrExpr() : this.parseExpr());
      if (this.is(T.COMMA)) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0];
      if (!opts.explicitParens) throw this.unexpected(this.peekToken());
    }
    return { kind: 'tuple', items, pos: start ? this.pos(start) : { line: 0, column: 0 } };
  }

  private isTupleEnd(extraEnd?: string[]): boolean {
    const tok = this.peekToken();
    if (tok === null) return true;
    if (END_OF_TUPLE.has(tok.type)) return true;
    return extraEnd !== undefined && tok.type === T.SYMBOL && extraEnd.includes(tok.value);
  }

  parseExpr(withCondExpr = true): Expr {
    return withCondExpr ? this.parseCondExpr() : this.parseOrExpr();
  }

  private parseCondExpr(): Expr {
    let expr = this.parseOrExpr();
    while (this.skipIf(T.SYMBOL, 'if')) {
      const test = this.parseOrExpr();
      const otherwise = this.skipIf(T.SYMBOL, 'else') ? this.parseCondExpr() : null;
      expr = { kind: 'cond', test, then: expr, else: otherwise, pos: expr.pos };
    }
    return expr;
  }

  parseOrExpr(): Expr {
    let left = this.parseAndExpr();
    while (this.skipIf(T.SYMBOL, 'or')) left = { kind: 'or', left, right: this.parseAndExpr(), pos: left.pos };
    return left;
  }

  private parseAndExpr(): Expr {
    let left = this.parseNotExpr();
    while (this.skipIf(T.SYMBOL, 'and')) left = { kind: 'and', left, right: this.parseNotExpr(), pos: left.pos };
    return left;
  }

  private parseNotExpr(): Expr {
    const tok = this.peekToken();
    if (tok !== null && this.skipIf(T.SYMBOL, 'not')) return { kind: 'not', value: this.parseNotExpr(), pos: this.pos(tok) };
    return this.parseCompareExpr();
  }

  private parseCompareExpr(): Expr {
    const first = this.parseMath1();
    const ops: Array<[CompareOp, Expr]> = [];
    for (;;) {
      const tok = this.peekToken();
      if (tok === null) break;
      if (tok.type === T.OPERATOR && COMPARE_OPS.has(tok.value)) {
        this.nextToken();
        ops.push([tok.value as CompareOp, this.parseMath1()]);
      } else if (this.skipIf(T.SYMBOL, 'in')) {
        ops.push(['in', this.parseMath1()]);
      } else if (this.isName('not') && this.look(1)?.type === T.SYMBOL && this.look(1)?.value === 'in') {
        this.nextToken();
        this.nextToken();
        ops.push(['notin', this.parseMath1()]);
      } else {
        break;
      }
    }
    return ops.length === 0 ? first : { kind: 'compare', first, ops, pos: first.pos };
  }

  private parseMath1(): Expr {
    let left = this.parseConcatExpr();
    for (let tok = this.peekToken(); tok !== null && tok.type === T.OPERATOR && MATH1_OPS.has(tok.value); tok = this.peekToken()) {
      const op = this.take().value as '+' | '-';
      left = { kind: 'binary', op, left, right: this.parseConcatExpr(), pos: left.pos };
    }
    return left;
  }

  private parseConcatExpr(): Expr {
    const items = [this.parseMath2()];
    while (this.skipIf(T.TILDE)) items.push(this.parseMath2());
    return items.length === 1 ? items[0] : { kind: 'concat', items, pos: items[0].pos };
  }

  private parseMath2(): Expr {
    let left = this.parsePowExpr();
    for (let tok = this.peekToken(); tok !== null && tok.type === T.OPERATOR && MATH2_OPS.has(tok.value); tok = this.peekToken()) {
      this.nextToken();
      left = { kind: 'binary', op: tok.value as '*', left, right: this.parsePowExpr(), pos: left.pos };
    }
    return left;
  }

  private parsePowExpr(): Expr {
    let left = this.parseUnaryExpr();
    while (this.skipIf(T.OPERATOR, '**')) left = { kind: 'binary', op: '**', left, right: this.parseUnaryExpr(), pos: left.pos };
    return left;
  }

  private parseUnaryExpr(withFilter = true): Expr {
    const tok = this.peekToken();
    let node: Expr;
    if (tok !== null && tok.type === T.OPERATOR && (tok.value === '-' || tok.value === '+')) {
      this.nextToken();
      node = { kind: 'unary', op: tok.value, value: this.parseUnaryExpr(false), pos: this.pos(tok) };
    } else {
      node = this.parsePrimaryExpr();
    }
    node = this.parsePostfixExpr(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.is(T.PIPE)) node = this.parseFilterChain(node, false)!;
      else if (this.isName('is')) node = this.parseTestExpr(node);
      else if (this.is(T.LEFT_PAREN)) node = this.parseCall(node);
      else return node;
    }
  }

  /** `| f(args) | g`; with `startInline` the first filter has no pipe (`{% filter f %}`). */
  parseFilterChain(node: Expr | null, startInline: boolean): Expr | null {
    while (this.is(T.PIPE) || startInline) {
      if (!startInline) this.nextToken();
      startInline = false;
      const tok = this.expectType(T.SYMBOL);
      let name = tok.value;
      while (this.skipIf(T.OPERATOR, '.')) name += '.' + this.expectType(T.SYMBOL).value;
      const args = this.is(T.LEFT_PAREN) ? this.parseCallArgs() : { positional: [], keywords: [], star: null, starstar: null };
      node = { kind: 'filter', value: node, name, args, pos: this.pos(tok) } satisfies FilterExpr;
    }
    return node;
  }

  private parseTestExpr(value: Expr): Expr {
    const isTok = this.take();
    const negated = this.skipIf(T.SYMBOL, 'not');
    const tok = this.take();
    // `is none`, `is true`, `is false`: nunjucks lexes these names as literals.
    if (tok.type !== T.SYMBOL && tok.type !== T.NONE && tok.type !== T.BOOLEAN) throw this.unexpected(tok);
    let name = tok.value;
    while (this.skipIf(T.OPERATOR, '.')) name += '.' + this.expectType(T.SYMBOL).value;
    let args: Args = { positional: [], keywords: [], star: null, starstar: null };
    const next = this.peekToken();
    if (next !== null && next.type === T.LEFT_PAREN) {
      args = this.parseCallArgs();
    } else if (next !== null && TEST_ARG_START.has(next.type) && !(next.type === T.SYMBOL && ['else', 'or', 'and'].includes(next.value))) {
      if (next.type === T.SYMBOL && next.value === 'is') throw syntaxError('You cannot chain multiple tests with is', next);
      args.positional.push(this.parsePostfixExpr(this.parsePrimaryExpr()));
    }
    const test: Expr = { kind: 'test', value, name, args, pos: this.pos(tok) };
    return negated ? { kind: 'not', value: test, pos: this.pos(isTok) } : test;
  }

  // ---- assignment targets
  parseAssignTarget(opts: { nameOnly?: boolean; withNamespace?: boolean; extraEnd?: string[] } = {}): Target {
    const tok = this.peekToken();
    if (tok === null) throw this.failAtEnd();
    if (opts.withNamespace && tok.type === T.SYMBOL && this.look(1)?.type === T.OPERATOR && this.look(1)?.value === '.') {
      this.nextToken();
      this.nextToken();
      return { kind: 'nsref', name: tok.value, attr: this.expectType(T.SYMBOL).value, pos: this.pos(tok) };
    }
    if (opts.nameOnly) return { kind: 'name', name: this.expectType(T.SYMBOL).value, pos: this.pos(tok) };
    return this.toTarget(this.parseTuple({ simplified: true, extraEnd: opts.extraEnd }));
  }

  private toTarget(expr: Expr): Target {
    if (expr.kind === 'name' && !['true', 'false', 'none', 'True', 'False', 'None'].includes(expr.name)) return expr;
    if (expr.kind === 'tuple') return { kind: 'tuple', items: expr.items.map((e) => this.toTarget(e)), pos: expr.pos };
    throw syntaxError(`Can't assign to ${expr.kind === 'const' ? 'a constant' : 'this expression'}`, { lineno: expr.pos.line - 1, colno: expr.pos.column - 1 });
  }
}
