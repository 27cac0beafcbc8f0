import { TemplateError } from '../../errors.js';
import { UNBOUNDED_COMPILE, type CompileBudget } from '../compile-budget.js';

/** A token as nunjucks' lexer produces it (lineno/colno are 0-based). */
export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

/** The slice of nunjucks' Tokenizer that the parser relies on. */
interface NunjucksTokenizer {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  tags: Record<string, string>;
  nextToken(): Token | null;
  current(): string;
  forward(): void;
  forwardN(n: number): void;
  isFinished(): boolean;
}

type TokenizerClass = new (src: string, opts?: object) => NunjucksTokenizer;

// nunjucks is CommonJS: required, not imported, so that Node does not first scan its source
// for export names (cjs-module-lexer), a cost every process would pay at start (bench row l).
const lexer = process.getBuiltinModule('node:module').createRequire(import.meta.url)('nunjucks/src/lexer.js') as { lex(src: string): NunjucksTokenizer } & Record<string, string>;

/** nunjucks exports only `lex()`; its Tokenizer class is reached through an instance, never modified. */
const BaseTokenizer = Object.getPrototypeOf(lexer.lex('')).constructor as TokenizerClass;

export const T = {
  STRING: lexer.TOKEN_STRING,
  DATA: lexer.TOKEN_DATA,
  BLOCK_START: lexer.TOKEN_BLOCK_START,
  BLOCK_END: lexer.TOKEN_BLOCK_END,
  VARIABLE_START: lexer.TOKEN_VARIABLE_START,
  VARIABLE_END: lexer.TOKEN_VARIABLE_END,
  COMMENT: lexer.TOKEN_COMMENT,
  LEFT_PAREN: lexer.TOKEN_LEFT_PAREN,
  RIGHT_PAREN: lexer.TOKEN_RIGHT_PAREN,
  LEFT_BRACKET: lexer.TOKEN_LEFT_BRACKET,
  RIGHT_BRACKET: lexer.TOKEN_RIGHT_BRACKET,
  LEFT_CURLY: lexer.TOKEN_LEFT_CURLY,
  RIGHT_CURLY: lexer.TOKEN_RIGHT_CURLY,
  OPERATOR: lexer.TOKEN_OPERATOR,
  COMMA: lexer.TOKEN_COMMA,
  COLON: lexer.TOKEN_COLON,
  TILDE: lexer.TOKEN_TILDE,
  PIPE: lexer.TOKEN_PIPE,
  INT: lexer.TOKEN_INT,
  FLOAT: lexer.TOKEN_FLOAT,
  BOOLEAN: lexer.TOKEN_BOOLEAN,
  NONE: lexer.TOKEN_NONE,
  SYMBOL: lexer.TOKEN_SYMBOL,
  WHITESPACE: lexer.TOKEN_WHITESPACE,
  REGEX: lexer.TOKEN_REGEX,
} as const;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/** Python's unicode-escape decoding of a string literal body (what Jinja2's lexer applies). */
export function decodePythonEscapes(raw: string, fail: (msg: string) => never): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[++i];
    if (next === undefined) fail('EOL while scanning string literal');
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      out += String.fromCodePoint(parseInt(digits, 8));
      i += digits.length - 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = raw.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail(`truncated \\${next} escape in string literal`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail('illegal Unicode character in string literal');
      out += String.fromCodePoint(code);
      i += width;
    } else {
      // Python keeps unknown escapes as they are (`'\d'` is backslash + d).
      out += '\\' + next;
    }
  }
  return out;
}

/**
 * Jinja2's newline handling (3.1.3 and later): \r\n and \r become \n, and one final \n is
 * dropped. Other characters str.splitlines() breaks on (\f, \v, \x85, \u2028…) are text.
 */
const LINE_BREAK = /\r\n?/g;
export function normalizeSource(source: string): string {
  const text = source.replace(LINE_BREAK, '\n');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * nunjucks' tokenizer with Jinja2's literal rules: Python string escapes, `null` as
 * a plain name, `1_000` and `1e3` numbers. A subclass, so nunjucks itself is unchanged.
 */
const FLOAT_RE = /^(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/;
const INT_RE = /^(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*)/;

/**
 * nunjucks' tokenizer with Jinja2's literal rules: Python string escapes, Python
 * number syntax (`1_000`, `1e3`, `0x1F`; `007` is an error), `null` as a plain name.
 * A subclass, so nunjucks itself is unchanged.
 */
export class JinjaTokenizer extends BaseTokenizer {
  /** Open ( [ { inside the current tag: Jinja2's balancing stack. */
  private depth = 0;

  constructor(src: string, private readonly budget: CompileBudget = UNBOUNDED_COMPILE) {
    super(src);
  }

  override nextToken(): Token | null {
    this.budget.step();
    const tok = this.readToken();
    if (tok !== null) this.balance(tok.type);
    return tok;
  }

  /**
   * Jinja2 does not end a tag while brackets are open (lexer.py's balancing_stack), so
   * `{% set d = {'a': {'b': 1}} %}` reads `}}` as two braces; nunjucks ends the tag (M5).
   */
  private balance(type: string): void {
    if (type === T.LEFT_PAREN || type === T.LEFT_BRACKET || type === T.LEFT_CURLY) this.depth++;
    else if (type === T.RIGHT_PAREN || type === T.RIGHT_BRACKET || type === T.RIGHT_CURLY) this.depth = Math.max(0, this.depth - 1);
    else if (type === T.BLOCK_START || type === T.VARIABLE_START || type === T.BLOCK_END || type === T.VARIABLE_END) this.depth = 0;
  }

  /** Inside open brackets, `}}`, `%}` and `-}}` are operators, not tag ends. */
  private readBalanced(): Token | null {
    const ch = this.current();
    const next = this.str[this.index + 1];
    const endsTag = next === '}' || ((ch === '-' || ch === '+') && (this.str.startsWith('}}', this.index + 1) || this.str.startsWith('%}', this.index + 1)));
    if (!endsTag || (ch !== '}' && ch !== '%' && ch !== '-' && ch !== '+')) return null;
    const tok = { type: ch === '}' ? T.RIGHT_CURLY : T.OPERATOR, value: ch, lineno: this.lineno, colno: this.colno };
    this.forward();
    return tok;
  }

  private readToken(): Token | null {
    if (this.in_code && !this.isFinished()) {
      const ch = this.current();
      const start = { lineno: this.lineno, colno: this.colno };
      if (this.depth > 0) {
        const balanced = this.readBalanced();
        if (balanced !== null) return balanced;
      }
      if (ch === '"' || ch === "'") return { type: T.STRING, value: this.readString(), ...start };
      if (ch >= '0' && ch <= '9') return { ...this.readNumber(), ...start };
      // Jinja2 lexes `+%}` as a block end (lstrip/trim disabled), before any operator rule.
      if (ch === '+' && this.str.startsWith('%}', this.index + 1)) {
        this.forwardN(3);
        this.in_code = false;
        return { type: T.BLOCK_END, value: '+%}', ...start };
      }
      // nunjucks reads `r/…/` as a regex literal; in Jinja2 it is the name r divided by something.
      if (ch === 'r' && this.str[this.index + 1] === '/') {
        this.forward();
        return { type: T.SYMBOL, value: 'r', ...start };
      }
    } else if (!this.in_code && !this.isFinished()) {
      // nunjucks reports an unclosed comment at the end of the file; Jinja2 names the comment.
      if (this.str.startsWith('{#', this.index) && !this.str.includes('#}', this.index + 2)) {
        throw syntaxError('Missing end of comment tag', { lineno: this.lineno, colno: this.colno });
      }
      // nunjucks refuses `#}` in plain text; Jinja2 prints it.
      const next = this.str.slice(this.index).search(/\{[{%#]/);
      const text = next < 0 ? this.str.slice(this.index) : this.str.slice(this.index, this.index + next);
      if (next !== 0 && text.includes('#}')) {
        const start = { lineno: this.lineno, colno: this.colno };
        this.forwardN(text.length);
        return { type: T.DATA, value: text, ...start };
      }
    }
    const tok = super.nextToken();
    if (tok === null) return tok;
    if (tok.type === T.NONE && tok.value === 'null') return { ...tok, type: T.SYMBOL };
    if (tok.type === T.REGEX) throw syntaxError("Unexpected char 'r/'", tok);
    return tok;
  }

  private readNumber(): { type: string; value: string } {
    const rest = this.str.slice(this.index, this.index + 400);
    // Jinja2's float rule has a look-behind: `x.0.1` is x[0][1], not x[0.1].
    const float = this.str[this.index - 1] === '.' ? null : FLOAT_RE.exec(rest);
    if (float !== null) {
      this.forwardN(float[0].length);
      return { type: T.FLOAT, value: float[0].replace(/_/g, '') };
    }
    const int = INT_RE.exec(rest)![0];
    this.forwardN(int.length);
    const digits = int.replace(/_/g, '');
    const radix = /^0[xX]/.test(digits) ? 16 : /^0[oO]/.test(digits) ? 8 : /^0[bB]/.test(digits) ? 2 : 10;
    return { type: T.INT, value: radix === 10 ? digits : String(parseInt(digits.slice(2), radix)) };
  }

  private readString(): string {
    const quote = this.current();
    const body = new RegExp(quote === '"' ? '^"((?:[^"\\\\]|\\\\[\\s\\S])*)"' : "^'((?:[^'\\\\]|\\\\[\\s\\S])*)'").exec(this.str.slice(this.index));
    const pos = { lineno: this.lineno, colno: this.colno };
    if (body === null) throw syntaxError('Unexpected end of string', pos);
    this.forwardN(body[0].length);
    return decodePythonEscapes(body[1], (msg) => { throw syntaxError(msg, pos); });
  }
}

export function syntaxError(reason: string, at: { lineno: number; colno: number }): TemplateError {
  return new TemplateError(reason, { line: at.lineno + 1, column: at.colno + 1 });
}
