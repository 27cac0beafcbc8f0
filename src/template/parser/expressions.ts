import nunjucks from 'nunjucks';
import { makeFloat } from '../runtime/types.js';
import type { Args, CallExpr, CompareOp, Expr, FilterExpr, Pos, Target } from './ast.js';
import { T, syntaxError, type Token } from './tokenizer.js';

interface NunjucksParserBase {
  nextToken(withWhitespace?: boolean): Token | null;
  peekToken(): Token | null;
  pushToken(tok: Token | null): void;
}
type ParserClass = new (tokens: unknown) => NunjucksParserBase;

/** nunjucks' Parser; we subclass it and never touch its prototype. */
const NunjucksParser = (nunjucks as unknown as { parser: { Parser: ParserClass } }).parser.Parser;

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const MATH2_OPS = new Set(['*', '/', '//', '%']);
const END_OF_TUPLE = new Set<string>([T.RIGHT_PAREN, T.BLOCK_END, T.VARIABLE_END]);
const TEST_ARG_START = new Set<string>([T.SYMBOL, T.STRING, T.INT, T.FLOAT, T.BOOLEAN, T.NONE, T.LEFT_PAREN, T.LEFT_BRACKET, T.LEFT_CURLY]);

/**
 * Jinja2's expression grammar (jinja2/parser.py: precedence, tuples, tests without
 * parentheses, slices, call arguments) over nunjucks' token stream. nunjucks' own
 * expression methods have other precedences, so they are overridden, not reused.
 */
export class ExpressionParser extends NunjucksParser {
  declare tokens: { nextToken(): Token | null };
  private buffer: Token[] = [];

  // ---- token stream: nunjucks keeps one peeked token; Jinja's grammar needs two.
  override nextToken(withWhitespace?: boolean): Token | null {
    if (this.buffer.length > 0) return this.buffer.shift()!;
    let tok = this.tokens.nextToken();
    while (!withWhitespace && tok !== null && tok.type === T.WHITESPACE) tok = this.tokens.nextToken();
    return tok;
  }

  override peekToken(): Token | null {
    return this.look(0);
  }

  look(n: number): Token | null {
    while (this.buffer.length <= n) {
      let tok = this.tokens.nextToken();
      while (tok !== null && tok.type === T.WHITESPACE) tok = this.tokens.nextToken();
      if (tok === null) return null;
      this.buffer.push(tok);
    }
    return this.buffer[n];
  }

  override pushToken(tok: Token | null): void {
    if (tok !== null) this.buffer.unshift(tok);
  }

  /** Next token, failing at the end of the template. */
  take(): Token {
    const tok = this.nextToken();
    if (tok === null) throw this.failAtEnd();
    return tok;
  }

  is(type: string, value?: string): boolean {
    const tok = this.peekToken();
    return tok !== null && tok.type === type && (value === undefined || tok.value === value);
  }

  isName(value: string): boolean {
    return this.is(T.SYMBOL, value);
  }

  skipIf(type: string, value?: string): boolean {
    if (!this.is(type, value)) return false;
    this.nextToken();
    return true;
  }

  expectType(type: string, value?: string): Token {
    const tok = this.take();
    if (tok.type !== type || (value !== undefined && tok.value !== value)) throw this.unexpected(tok);
    return tok;
  }

  unexpected(tok: Token | null): Error {
    if (tok === null) return this.failAtEnd();
    return syntaxError(`Unexpected token '${tok.value}'`, tok);
  }

  failAtEnd(): Error {
    return syntaxError('Unexpected end of template', this.endPosition());
  }

  endPosition(): { lineno: number; colno: number } {
    const t = this.tokens as unknown as { lineno: number; colno: number };
    return { lineno: t.lineno, colno: t.colno };
  }

  pos(tok: Token): Pos {
    return { line: tok.lineno + 1, column: tok.colno + 1 };
  }

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
    while (this.is(T.OPERATOR, '+') || this.is(T.OPERATOR, '-')) {
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

  parsePrimaryExpr(): Expr {
    const tok = this.take();
    const pos = this.pos(tok);
    switch (tok.type) {
      case T.SYMBOL:
        if (tok.value === 'True' || tok.value === 'False') return { kind: 'const', value: tok.value === 'True', pos };
        if (tok.value === 'None') return { kind: 'const', value: null, pos };
        return { kind: 'name', name: tok.value, pos };
      case T.BOOLEAN:
        return { kind: 'const', value: tok.value === 'true', pos };
      case T.NONE:
        return { kind: 'const', value: null, pos };
      case T.STRING: {
        let value = tok.value;
        while (this.is(T.STRING)) value += this.take().value;
        return { kind: 'const', value, pos };
      }
      case T.INT:
        return { kind: 'const', value: Number(tok.value), pos };
      case T.FLOAT:
        return { kind: 'const', value: makeFloat(Number(tok.value)), pos };
      case T.LEFT_PAREN: {
        const node = this.parseTuple({ explicitParens: true });
        this.expectType(T.RIGHT_PAREN);
        return node;
      }
      case T.LEFT_BRACKET:
        return { kind: 'list', items: this.parseItems(T.RIGHT_BRACKET, () => this.parseExpr()), pos };
      case T.LEFT_CURLY:
        return { kind: 'dict', pairs: this.parseItems(T.RIGHT_CURLY, () => this.parseDictPair()), pos };
      default:
        throw this.unexpected(tok);
    }
  }

  private parseItems<X>(close: string, item: () => X): X[] {
    const items: X[] = [];
    while (!this.is(close)) {
      if (items.length > 0) this.expectType(T.COMMA);
      if (this.is(close)) break;
      items.push(item());
    }
    this.expectType(close);
    return items;
  }

  private parseDictPair(): [Expr, Expr] {
    const key = this.parseExpr();
    this.expectType(T.COLON);
    return [key, this.parseExpr()];
  }

  parsePostfixExpr(node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (tok === null) return node;
      if (tok.type === T.OPERATOR && tok.value === '.') {
        this.nextToken();
        const attr = this.take();
        if (attr.type === T.SYMBOL || attr.type === T.BOOLEAN || attr.type === T.NONE) node = { kind: 'getattr', obj: node, attr: attr.value, pos: this.pos(tok) };
        else if (attr.type === T.INT) node = { kind: 'getitem', obj: node, key: { kind: 'const', value: Number(attr.value), pos: this.pos(attr) }, pos: this.pos(tok) };
        else throw this.unexpected(attr);
      } else if (tok.type === T.LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(node, this.pos(tok));
      } else if (tok.type === T.LEFT_PAREN) {
        node = this.parseCall(node);
      } else {
        return node;
      }
    }
  }

  private parseSubscript(obj: Expr, pos: Pos): Expr {
    const args: Expr[] = [];
    let slice: Expr | null = null;
    while (!this.is(T.RIGHT_BRACKET)) {
      if (args.length > 0 || slice) this.expectType(T.COMMA);
      const part = this.parseSubscribed(obj, pos);
      if (part.kind === 'slice' && part.obj === obj) slice = part;
      else args.push(part);
    }
    this.expectType(T.RIGHT_BRACKET);
    if (slice !== null && args.length === 0) return slice;
    if (slice !== null || args.length === 0) throw syntaxError('Invalid subscript', { lineno: pos.line - 1, colno: pos.column - 1 });
    return { kind: 'getitem', obj, key: args.length === 1 ? args[0] : { kind: 'tuple', items: args, pos }, pos };
  }

  private parseSubscribed(obj: Expr, pos: Pos): Expr {
    let start: Expr | null = null;
    if (!this.is(T.COLON)) {
      start = this.parseExpr();
      if (!this.is(T.COLON)) return start;
    }
    this.expectType(T.COLON);
    const stop = this.is(T.COLON) || this.is(T.RIGHT_BRACKET) || this.is(T.COMMA) ? null : this.parseExpr();
    let step: Expr | null = null;
    if (this.skipIf(T.COLON) && !this.is(T.RIGHT_BRACKET) && !this.is(T.COMMA)) step = this.parseExpr();
    return { kind: 'slice', obj, start, stop, step, pos };
  }

  parseCall(fn: Expr): CallExpr {
    const tok = this.peekToken()!;
    return { kind: 'call', fn, args: this.parseCallArgs(), pos: this.pos(tok) };
  }

  parseCallArgs(): Args {
    const open = this.expectType(T.LEFT_PAREN);
    const args: Args = { positional: [], keywords: [], star: null, starstar: null };
    const ensure = (ok: boolean): void => {
      if (!ok) throw syntaxError('Invalid syntax for function call expression', open);
    };
    let requireComma = false;
    while (!this.is(T.RIGHT_PAREN)) {
      if (requireComma) {
        this.expectType(T.COMMA);
        if (this.is(T.RIGHT_PAREN)) break;
      }
      if (this.skipIf(T.OPERATOR, '*')) {
        ensure(args.star === null && args.starstar === null);
        args.star = this.parseExpr();
      } else if (this.skipIf(T.OPERATOR, '**')) {
        ensure(args.starstar === null);
        args.starstar = this.parseExpr();
      } else if (this.is(T.SYMBOL) && this.look(1)?.type === T.OPERATOR && this.look(1)?.value === '=') {
        ensure(args.starstar === null);
        const key = this.take().value;
        this.nextToken();
        args.keywords.push([key, this.parseExpr()]);
      } else {
        ensure(args.star === null && args.starstar === null && args.keywords.length === 0);
        args.positional.push(this.parseExpr());
      }
      requireComma = true;
    }
    this.expectType(T.RIGHT_PAREN);
    return args;
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
