import type { ContextErrorCode } from './types/index.js';

/** Every `ContextError` code, in the contract's order. */
export const CONTEXT_ERROR_CODES = [
  'invalid_config',
  'invalid_call',
  'timeout',
  'unauthorized',
  'http_error',
  'invalid_json',
  'invalid_response',
  'response_too_large',
  'blocked_destination',
  'network_error',
  'aborted',
] as const satisfies readonly ContextErrorCode[];

/** One default hint per code: what the customer should check, in one sentence. */
export const DEFAULT_HINTS: Readonly<Record<ContextErrorCode, string>> = Object.freeze({
  invalid_config: 'Check the Dynamic Context settings: the endpoint must be an absolute https URL and the auth fields complete.',
  invalid_call: 'The call metadata is incomplete or contains control characters; this is a platform fault, not the endpoint\'s.',
  timeout: 'The endpoint did not answer in time; make it answer in under 1 second (look up the caller, then reply).',
  unauthorized: 'The endpoint refused the credentials; check that the token, username/password or header value saved here match what the endpoint expects.',
  http_error: 'The endpoint answered with an error status; check its logs and that the URL points at the context route.',
  invalid_json: 'The endpoint must answer with Content-Type application/json and a JSON object body.',
  invalid_response: 'The endpoint must answer with a JSON object (or an array of objects); each top-level key becomes a template variable.',
  response_too_large: 'The response is too large; return only the fields the greeting and prompt use.',
  blocked_destination: 'The endpoint resolves to a private or internal address; use a public hostname that resolves to a public IP.',
  network_error: 'The endpoint could not be reached; check the hostname, that the server is up and that it accepts HTTPS connections.',
  aborted: 'The runtime cancelled the load (the caller hung up) before the endpoint answered; nothing to fix unless the endpoint is slow.',
});

const CONTEXT_ERROR_BRAND = Symbol.for('dynamic-context.ContextError');
const TEMPLATE_ERROR_BRAND = Symbol.for('dynamic-context.TemplateError');

export interface ContextErrorOptions {
  status?: number;
  hint?: string;
  /** The underlying fault; must already be free of secrets. */
  cause?: unknown;
}

/** A fault of the context exchange, with a code, an HTTP status where there was one, and a hint. */
export class ContextError extends Error {
  override readonly name = 'ContextError' as const;
  readonly code: ContextErrorCode;
  readonly status?: number;
  /** What the customer should check, in one sentence. */
  readonly hint: string;

  constructor(code: ContextErrorCode, message: string, options: ContextErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    this.hint = options.hint ?? DEFAULT_HINTS[code];
    Object.defineProperty(this, CONTEXT_ERROR_BRAND, { value: true });
  }

  /** A JSON-friendly view (no cause), for reports and logs. */
  toJSON(): { name: 'ContextError'; code: ContextErrorCode; message: string; hint: string; status?: number } {
    return { name: this.name, code: this.code, message: this.message, hint: this.hint, ...(this.status === undefined ? {} : { status: this.status }) };
  }
}

export interface TemplateErrorOptions {
  line?: number;
  column?: number;
  /** The template source, to show the offending line with a caret under the column. */
  source?: string;
  /** What to change; by default one hint per kind of fault (see `templateHint`). */
  hint?: string;
  cause?: unknown;
}

/** A template that cannot be compiled or rendered: syntax error, runtime error, or a limit exceeded. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError' as const;
  /** 1-based line of the fault, 0 when unknown. */
  readonly line: number;
  /** 1-based column of the fault, 0 when unknown. */
  readonly column: number;
  /** The source line with a caret under the column, for the editor; '' when unknown. */
  readonly excerpt: string;
  /** The message without the position suffix. */
  readonly reason: string;
  /** What kind of fault this is: the key of its default hint. */
  readonly kind: TemplateErrorKind;
  /** What to change in the template, in one sentence. */
  readonly hint: string;

  constructor(reason: string, options: TemplateErrorOptions = {}) {
    const line = options.line ?? 0;
    const column = options.column ?? 0;
    super(line > 0 ? `${reason}, line ${line}, column ${column}` : reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.excerpt = line > 0 && options.source !== undefined ? excerptAt(options.source, line, column) : '';
    this.kind = templateErrorKind(reason, line > 0);
    this.hint = options.hint ?? templateHint(this.kind, line, column);
    Object.defineProperty(this, TEMPLATE_ERROR_BRAND, { value: true });
  }
}

/** The kinds of template fault, each with its own hint. */
export type TemplateErrorKind =
  | 'syntax' | 'unclosed_block' | 'misplaced_tag' | 'unsupported_tag' | 'unknown_filter' | 'unknown_test'
  | 'not_callable' | 'limit' | 'forbidden' | 'read_only' | 'type' | 'render';

const TEMPLATE_KINDS: ReadonlyArray<[RegExp, TemplateErrorKind]> = [
  [/is never closed/, 'unclosed_block'],
  [/^Unexpected '\w+': /, 'misplaced_tag'],
  [/^Unsupported tag/, 'unsupported_tag'],
  [/^No filter named/, 'unknown_filter'],
  [/^No test named/, 'unknown_test'],
  [/object is not callable/, 'not_callable'],
  [/exceeded|exceeds the limit|nested too deeply|recursion is too deep|value too large|longer than \d+ characters/, 'limit'],
  [/is not allowed|unsafe/, 'forbidden'],
  [/read-only/, 'read_only'],
  [/object is not|unhashable|unpack|cannot be interpreted|must be|unsupported operand|can only|takes|argument/, 'type'],
];

/** Classifies a template fault by its reason; `positioned` syntax faults come from the parser. */
export function templateErrorKind(reason: string, positioned: boolean): TemplateErrorKind {
  for (const [pattern, kind] of TEMPLATE_KINDS) if (pattern.test(reason)) return kind;
  return /^(Unexpected|Expected|Invalid|Missing|EOL|unexpected|expected|truncated|illegal|Non-default)/.test(reason) && positioned ? 'syntax' : 'render';
}

/** One default hint per kind of template fault: what to change, in one sentence. */
export function templateHint(kind: TemplateErrorKind, line = 0, column = 0): string {
  const at = line > 0 ? ` near line ${line}, column ${column}` : '';
  switch (kind) {
    case 'syntax': return `Fix the expression${at}: every {{ needs a closing }}, every {% a closing %}, and every string both quotes.`;
    case 'unclosed_block': return 'Close the block with the end tag the message names (e.g. {% endif %} or {% endfor %}), or remove its opening tag.';
    case 'misplaced_tag': return `Match the end tag${at} to the block that is open: {% if %} ends with {% endif %}, {% for %} with {% endfor %}.`;
    case 'unsupported_tag': return 'Greetings and prompts are single templates: write the text inline instead of extends, include or import.';
    case 'unknown_filter': return 'Use a built-in Jinja2 filter (default, title, upper, join, round, datetime…); check its spelling.';
    case 'unknown_test': return 'Use a built-in Jinja2 test (defined, none, string, number, in…) after "is"; check its spelling.';
    case 'not_callable': return `Only macros, functions and methods can be called${at}: remove the parentheses after the value, or define the macro above its first use.`;
    case 'limit': return 'The render did too much work (a huge loop, deep recursion or very long text); loop over fewer items (e.g. orders[:5]) and keep the text short.';
    case 'forbidden': return 'Templates may read only the context\'s data: names such as constructor, __proto__ or __class__ are refused.';
    case 'read_only': return 'Context data is read-only; build a new value instead (e.g. {% set items = orders | list %}, or namespace() for counters).';
    case 'type': return `A value${at} is not of the type the template expects; check that key in the endpoint's JSON, or guard it with "is defined" / "| default".`;
    default: return `The template stopped while rendering${at}; check the values it uses there, and guard optional ones with "| default".`;
  }
}

function excerptAt(source: string, line: number, column: number): string {
  const text = source.split(/\r\n|\r|\n/)[line - 1];
  if (text === undefined) return '';
  return `${text}\n${' '.repeat(Math.max(0, column - 1))}^`;
}

/** True for a `ContextError` from any copy of this package (ESM, CJS, another worker's realm). */
export function isContextError(value: unknown): value is ContextError {
  return value instanceof ContextError || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONTEXT_ERROR_BRAND] === true);
}

/** True for a `TemplateError` from any copy of this package. */
export function isTemplateError(value: unknown): value is TemplateError {
  return value instanceof TemplateError || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TEMPLATE_ERROR_BRAND] === true);
}
