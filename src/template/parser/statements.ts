import type { CallExpr, FilterExpr, MacroSignature, Pos, Stmt, Target } from './ast.js';
import { ExpressionParser } from './expressions.js';
import { T, syntaxError, type Token } from './tokenizer.js';
import { WS, isSpaceCode } from '../runtime/text.js';

/** Tags Jinja2 has but the platform profile refuses (no loader, no extensions). */
const UNSUPPORTED_TAGS = new Set(['block', 'extends', 'include', 'import', 'from', 'break', 'continue', 'do', 'trans']);

/** Tags that only close or continue a block; met anywhere else they are a nesting mistake. */
const CLOSING_TAGS = new Set(['elif', 'else', 'endif', 'endfor', 'endset', 'endmacro', 'endcall', 'endfilter', 'endwith', 'endautoescape', 'endraw']);

/**
 * `{% endraw %}` at a `{%` found by indexOf; sticky, so it is tried only there. Searching
 * `[\s\S]*?\{%…endraw` from every position made an unclosed raw over '{%-     ' * 16384
 * compile for 20-34 s (issue 8). Whitespace is Python's, as in Jinja2's lexer.
 */
const ENDRAW = new RegExp(`\\{%([-+]?)[${WS}]*endraw[${WS}]*([-+]?)%\\}`, 'y');

/** Jinja2's whitespace control (str.lstrip/rstrip), by scanning: `\s+$` retried from every start of a run. */
function trimStart(text: string): string {
  let i = 0;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return text.slice(i);
}

function trimEnd(text: string): string {
  let j = text.length;
  while (j > 0 && isSpaceCode(text.charCodeAt(j - 1))) j--;
  return text.slice(0, j);
}

/**
 * Jinja2's statement grammar and whitespace control (jinja2/parser.py, lexer.py)
 * on top of the expression layer. nunjucks' statement parsers differ in scoping
 * syntax (`for … if`, `recursive`, `with`, namespaces), so they are overridden here.
 */
export class TemplateParser extends ExpressionParser {
  /** A `-%}`, `-}}` or `-#}` was just read: the next text loses its leading whitespace. */
  private trimNext = false;

  parseTemplate(): Stmt[] {
    return this.subparse(null, null);
  }

  /** Template text and tags until one of `endTags` opens a tag (left as the next token). */
  private subparse(endTags: string[] | null, opener: Token | null): Stmt[] {
    const body: Stmt[] = [];
    for (let tok = this.nextToken(); tok !== null; tok = this.nextToken()) {
      if (tok.type === T.DATA) {
        this.pushText(body, tok);
      } else if (tok.type === T.COMMENT) {
        this.trimNext = tok.value.endsWith('-#}');
      } else if (tok.type === T.VARIABLE_START) {
        this.trimNext = false;
        const value = this.parseTuple();
        const end = this.expectType(T.VARIABLE_END);
        this.trimNext = end.value.startsWith('-');
        body.push({ kind: 'output', value, pos: this.pos(tok) });
      } else if (tok.type === T.BLOCK_START) {
        this.trimNext = false;
        // `{%+` only matters with lstrip_blocks, which the profile leaves off.
        if (tok.value === '{%' && this.is(T.OPERATOR, '+')) this.nextToken();
        const tag = this.peekToken();
        if (tag !== null && endTags !== null && tag.type === T.SYMBOL && endTags.includes(tag.value)) return body;
        if (tag !== null && tag.type === T.SYMBOL && CLOSING_TAGS.has(tag.value)) throw misplacedTag(tag, opener, endTags);
        const stmt = this.parseStatement();
        if (stmt !== null) body.push(stmt);
      } else {
        throw this.unexpected(tok);
      }
    }
    if (endTags !== null && opener !== null) {
      throw syntaxError(`Unexpected end of template: '${opener.value}' is never closed (expected '${endTags.join("' or '")}')`, opener);
    }
    return body;
  }

  private pushText(body: Stmt[], tok: Token): void {
    let text = tok.value;
    if (this.trimNext) text = trimStart(text);
    this.trimNext = false;
    const next = this.peekToken();
    if (next !== null && stripsBefore(next)) text = trimEnd(text);
    if (text !== '') body.push({ kind: 'text', text, pos: this.pos(tok) });
  }

  /** After `{%`: one tag, including its closing `%}`. */
  private parseStatement(): Stmt | null {
    const tok = this.take();
    if (tok.type !== T.SYMBOL) throw this.unexpected(tok);
    const pos = this.pos(tok);
    switch (tok.value) {
      case 'for': return this.parseForTag(tok, pos);
      case 'if': return this.parseIfTag(tok, pos);
      case 'set': return this.parseSetTag(tok, pos);
      case 'macro': return this.parseMacroTag(tok, pos);
      case 'call': return this.parseCallTag(tok, pos);
      case 'filter': return this.parseFilterTag(tok, pos);
      case 'with': return this.parseWithTag(tok, pos);
      case 'print': return this.parsePrintTag(pos);
      case 'autoescape': return { kind: 'autoescape', value: this.parseExpr(), body: this.parseBody(tok, ['endautoescape'], true), pos };
      case 'raw': return this.parseRawTag(pos);
      default:
        if (UNSUPPORTED_TAGS.has(tok.value)) throw syntaxError(`Unsupported tag '${tok.value}'`, tok);
        throw syntaxError(`Unexpected token '${tok.value}'`, tok);
    }
  }

  private blockEnd(): void {
    if (this.skipIf(T.COLON)) { /* Jinja2 accepts `{% for x in y: %}` */ }
    const end = this.expectType(T.BLOCK_END);
    this.trimNext = end.value.startsWith('-');
  }

  /** `%}`, the body until one of `endTags`; with `dropNeedle` the end tag and its `%}` are consumed. */
  private parseBody(opener: Token, endTags: string[], dropNeedle: boolean): Stmt[] {
    this.blockEnd();
    const body = this.subparse(endTags, opener);
    if (dropNeedle) {
      this.nextToken();
      this.blockEnd();
    }
    return body;
  }

  private parseForTag(tok: Token, pos: Pos): Stmt {
    const target = this.parseAssignTarget({ extraEnd: ['in'] });
    this.expectType(T.SYMBOL, 'in');
    const iter = this.parseTuple({ withCondExpr: false, extraEnd: ['recursive'] });
    const test = this.skipIf(T.SYMBOL, 'if') ? this.parseExpr() : null;
    const recursive = this.skipIf(T.SYMBOL, 'recursive');
    const body = this.parseBody(tok, ['endfor', 'else'], false);
    let otherwise: Stmt[] = [];
    if (this.take().value === 'else') otherwise = this.parseBody(tok, ['endfor'], true);
    else this.blockEnd();
    return { kind: 'for', target, iter, test, recursive, body, else: otherwise, pos };
  }

  private parseIfTag(tok: Token, pos: Pos): Stmt {
    const test = this.parseTuple({ withCondExpr: false });
    const body = this.parseBody(tok, ['elif', 'else', 'endif'], false);
    const tag = this.take();
    if (tag.value === 'elif') return { kind: 'if', test, body, else: [this.parseIfTag(tok, this.pos(tag))], pos };
    if (tag.value === 'else') return { kind: 'if', test, body, else: this.parseBody(tok, ['endif'], true), pos };
    this.blockEnd();
    return { kind: 'if', test, body, else: [], pos };
  }

  private parseSetTag(tok: Token, pos: Pos): Stmt {
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipIf(T.OPERATOR, '=')) {
      const value = this.parseTuple();
      this.blockEnd();
      return { kind: 'set', target, value, pos };
    }
    const filters = filterList(this.parseFilterChain(null, false));
    return { kind: 'setblock', target, filters, body: this.parseBody(tok, ['endset'], true), pos };
  }

  private parseMacroTag(tok: Token, pos: Pos): Stmt {
    const name = this.parseAssignTarget({ nameOnly: true }) as Extract<Target, { kind: 'name' }>;
    const sig = this.parseSignature();
    return { kind: 'macro', name: name.name, sig, body: this.parseBody(tok, ['endmacro'], true), pos };
  }

  private parseSignature(): MacroSignature {
    const sig: MacroSignature = { params: [], defaults: [] };
    this.expectType(T.LEFT_PAREN);
    while (!this.is(T.RIGHT_PAREN)) {
      if (sig.params.length > 0) this.expectType(T.COMMA);
      const arg = this.expectType(T.SYMBOL);
      if (this.skipIf(T.OPERATOR, '=')) sig.defaults.push(this.parseExpr());
      else if (sig.defaults.length > 0) throw syntaxError('Non-default argument follows default argument', arg);
      sig.params.push(arg.value);
    }
    this.expectType(T.RIGHT_PAREN);
    return sig;
  }

  private parseCallTag(tok: Token, pos: Pos): Stmt {
    const sig = this.is(T.LEFT_PAREN) ? this.parseSignature() : { params: [], defaults: [] };
    const call = this.parseExpr();
    if (call.kind !== 'call') throw syntaxError('Expected call', tok);
    return { kind: 'callblock', call: call as CallExpr, sig, body: this.parseBody(tok, ['endcall'], true), pos };
  }

  private parseFilterTag(tok: Token, pos: Pos): Stmt {
    const filters = filterList(this.parseFilterChain(null, true));
    return { kind: 'filterblock', filters, body: this.parseBody(tok, ['endfilter'], true), pos };
  }

  private parseWithTag(tok: Token, pos: Pos): Stmt {
    const targets: Target[] = [];
    const values = [];
    while (!this.is(T.BLOCK_END)) {
      if (targets.length > 0) this.expectType(T.COMMA);
      targets.push(this.parseAssignTarget());
      this.expectType(T.OPERATOR, '=');
      values.push(this.parseExpr());
    }
    return { kind: 'with', targets, values, body: this.parseBody(tok, ['endwith'], true), pos };
  }

  private parsePrintTag(pos: Pos): Stmt {
    const items = [];
    while (!this.is(T.BLOCK_END)) {
      if (items.length > 0) this.expectType(T.COMMA);
      items.push(this.parseExpr());
    }
    this.blockEnd();
    const value = items.length === 1 ? items[0] : { kind: 'tuple' as const, items, pos };
    // `{% print a, b %}` writes each expression in turn, like `{{ a }}{{ b }}`.
    if (items.length > 1) return { kind: 'if', test: { kind: 'const', value: true, pos }, body: items.map((v) => ({ kind: 'output' as const, value: v, pos })), else: [], pos };
    return { kind: 'output', value, pos };
  }

  /** `{% raw %}…{% endraw %}`: read straight from nunjucks' tokenizer, as Jinja2's lexer does. */
  private parseRawTag(pos: Pos): Stmt {
    const begin = this.expectType(T.BLOCK_END);
    const tokenizer = this.tokens as unknown as { str: string; index: number; forwardN(n: number): void; lineno: number; colno: number };
    const { str, index } = tokenizer;
    let match: RegExpExecArray | null = null;
    let at = str.indexOf('{%', index);
    for (; at >= 0; at = str.indexOf('{%', at + 2)) {
      ENDRAW.lastIndex = at;
      if ((match = ENDRAW.exec(str)) !== null) break;
    }
    if (match === null) throw syntaxError("Unexpected end of template: 'raw' is never closed (expected 'endraw')", { lineno: pos.line - 1, colno: pos.column - 1 });
    tokenizer.forwardN(at + match[0].length - index);
    let text = str.slice(index, at);
    if (begin.value.startsWith('-')) text = trimStart(text);
    if (match[1] === '-') text = trimEnd(text);
    this.trimNext = match[2] === '-';
    return { kind: 'text', text, pos };
  }
}

/** Jinja2's "You probably made a nesting mistake", with the position of the block still open. */
function misplacedTag(tag: Token, opener: Token | null, endTags: string[] | null): Error {
  if (opener === null || endTags === null) return syntaxError(`Unexpected '${tag.value}': no block is open`, tag);
  const where = `line ${opener.lineno + 1}, column ${opener.colno + 1}`;
  return syntaxError(`Unexpected '${tag.value}': the innermost open block is '${opener.value}' (${where}), expecting '${endTags.join("' or '")}'`, tag);
}

function stripsBefore(tok: Token): boolean {
  if (tok.type === T.BLOCK_START || tok.type === T.VARIABLE_START) return tok.value.endsWith('-');
  return tok.type === T.COMMENT && tok.value.startsWith('{#-');
}

function filterList(chain: unknown): FilterExpr[] {
  const list: FilterExpr[] = [];
  for (let f = chain as FilterExpr | null; f !== null; f = f.value as FilterExpr | null) list.unshift(f);
  return list;
}
