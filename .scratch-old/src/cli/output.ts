import { isContextError, isTemplateError } from '../index.js';

/** Where the CLI writes; injectable so the commands stay testable in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/** A failure in the shape `--json` prints under `error`. */
export interface ErrorView {
  code: string;
  message: string;
  hint: string;
  status?: number;
  line?: number;
  column?: number;
  excerpt?: string;
}

const REDACTED = '[redacted]';
// Shorter values would mangle ordinary words; the library itself never prints secrets,
// this is the CLI's second line of defence (an endpoint echoing the token back, say).
const MIN_SECRET_LENGTH = 4;

/**
 * Writes everything the CLI prints. Every line passes through `scrub`, so a secret
 * given by flag or environment never reaches stdout or stderr, whatever its source.
 * There is no colour at all, which satisfies NO_COLOR and keeps pipes clean.
 */
export class Output {
  private readonly secrets = new Set<string>();
  json = false;

  constructor(private readonly io: CliIO) {}

  addSecret(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(value);
  }

  scrub(text: string): string {
    let result = text;
    // Longest first, so a secret containing another one is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }

  /** A line (or block) of normal output on stdout. */
  print(text: string): void {
    this.io.stdout(this.scrub(text.endsWith('\n') ? text : `${text}\n`));
  }

  /** A machine-readable document on stdout. */
  printJson(value: unknown): void {
    this.print(JSON.stringify(value, null, 2));
  }

  /** `error: <message>`, optional detail lines, then `hint: <hint>`, on stderr. */
  error(message: string, hint?: string, detail?: string): void {
    const lines = [`error: ${message}`];
    if (detail) lines.push(...detail.split('\n').map((line) => `  ${line}`));
    if (hint) lines.push(`hint: ${hint}`);
    this.io.stderr(this.scrub(`${lines.join('\n')}\n`));
  }

  /** Reports a ContextError, TemplateError or anything else; returns its view for `--json`. */
  failure(error: unknown, context = ''): ErrorView {
    const view = describeError(error);
    const prefix = context ? `${context}: ` : '';
    this.error(`${prefix}${view.message}${view.code === 'internal' ? '' : ` (${view.code})`}`, view.hint, view.excerpt);
    return view;
  }
}

/** A plain, JSON-safe view of an error: no cause, no stack. */
export function describeError(error: unknown): ErrorView {
  if (isContextError(error)) {
    return { code: error.code, message: error.message, hint: withFlagHint(error.code, error.message, error.hint), ...(error.status === undefined ? {} : { status: error.status }) };
  }
  if (isTemplateError(error)) {
    return {
      code: 'template_error',
      message: error.message,
      hint:
        error.line > 0
          ? `Fix the template near line ${error.line}, column ${error.column}: check that every {{ }}, {% %} and block tag is closed.`
          : 'The template stopped while rendering (a limit or a forbidden lookup); simplify that part of it.',
      line: error.line,
      column: error.column,
      ...(error.excerpt ? { excerpt: error.excerpt } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `unexpected failure: ${message}`, hint: 'This is a bug in dynamic-context; please report it with the command you ran (without secrets).' };
}

/**
 * The library's hint, plus the CLI flag that lifts a safe default when that default is
 * what refused the endpoint: people preview against local endpoints all the time.
 */
export function withFlagHint(code: string, message: string, hint: string): string {
  if (code === 'blocked_destination') return `${hint} For a local endpoint, pass --allow-private-network.`;
  if (code === 'invalid_config' && message.includes('plain http')) return `${hint} For a local endpoint, pass --allow-http.`;
  return hint;
}
