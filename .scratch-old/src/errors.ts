import type { ContextErrorCode } from './types.js';

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

  constructor(reason: string, options: TemplateErrorOptions = {}) {
    const line = options.line ?? 0;
    const column = options.column ?? 0;
    super(line > 0 ? `${reason}, line ${line}, column ${column}` : reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.excerpt = line > 0 && options.source !== undefined ? excerptAt(options.source, line, column) : '';
    Object.defineProperty(this, TEMPLATE_ERROR_BRAND, { value: true });
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
