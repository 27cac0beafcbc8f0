import { PY_NONE, makeFloat } from '../runtime/types.js';
import type { Args, CallExpr, Expr, Pos } from './ast.js';
import { T, syntaxError } from './tokenizer.js';
import { TokenStreamParser } from './token-stream.js';

/** Jinja2's primary expressions: literals, names, aggregates, `.attr`, `[subscript]`, calls. */
export abstract class PostfixParser extends TokenStreamParser {
  abstract parseExpr(withCondExpr?: boolean): Expr;
  abstract parseTuple(opts?: { explicitParens?: boolean }): Expr;

  parsePrimaryExpr(): Expr {
    const tok = this.take();
    const pos = this.pos(tok);
    switch (tok.type) {
      case T.SYMBOL:
        if (tok.value === 'True' || tok.value === 'False') return { kind: 'const', value: tok.value === 'True', pos };
        // The `none` literal is Python's strict None, unlike JSON null in the data (lenient).
        if (tok.value === 'None') return { kind: 'const', value: PY_NONE, pos };
        return { kind: 'name', name: tok.value, pos };
      case T.BOOLEAN:
        return { kind: 'const', value: tok.value === 'true', pos };
      case T.NONE:
        return { kind: 'const', value: PY_NONE, pos };
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
}
