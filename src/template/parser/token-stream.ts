import type { Pos } from './ast.js';
import { T, syntaxError, type Token } from './tokenizer.js';

/**
 * The token stream under the Jinja2 parser: nunjucks' tokenizer, with two tokens of
 * lookahead (Jinja's grammar needs two; nunjucks' own Parser keeps one, so it is not used)
 * and Jinja2-style error helpers.
 */
export class TokenStreamParser {
  private buffer: Token[] = [];

  constructor(readonly tokens: { nextToken(): Token | null }) {}

  nextToken(withWhitespace?: boolean): Token | null {
    if (this.buffer.length > 0) return this.buffer.shift()!;
    let tok = this.tokens.nextToken();
    while (!withWhitespace && tok !== null && tok.type === T.WHITESPACE) tok = this.tokens.nextToken();
    return tok;
  }

  peekToken(): Token | null {
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

  pushToken(tok: Token | null): void {
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

}
