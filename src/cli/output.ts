import { styleText } from 'node:util';
import { createSecretScrubber, isContextError, isTemplateError, type SecretScrubber, type TestReport } from '../index.js';

/** Where the CLI writes; injectable so the commands stay testable in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Standard input, read whole (for `--template -` / `--context -`). */
  readStdin?: () => string;
  /** Terminals get colour and the progress line; pipes and files get neither. */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'dim' | 'bold';

/**
 * Colour for one stream: NO_COLOR (any non-empty value) turns it off, FORCE_COLOR turns it
 * on (`0` or `false` off), otherwise only a terminal gets it. https://no-color.org
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY === true;
}

/** Milliseconds as every command prints them: one decimal. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** A duration as the CLI prints it, always with one decimal: `21.0 ms`, `1300.5 ms`. */
export function formatMs(ms: number): string {
  return `${roundMs(ms).toFixed(1)} ms`;
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


/**
 * Writes everything the CLI prints. Every line passes through `scrub`, so a secret
 * given by flag or environment never reaches stdout or stderr, whatever its source.
 * There is no colour at all, which satisfies NO_COLOR and keeps pipes clean.
 */
export class Output {
  private readonly secrets = new Set<string>();
  private scrubber: SecretScrubber = createSecretScrubber([]);
  private readonly colorOut: boolean;
  private readonly colorErr: boolean;
  private progressShown = false;
  json = false;

  constructor(private readonly io: CliIO) {
    this.colorOut = colorEnabled(io.env, io.stdoutIsTTY);
    this.colorErr = colorEnabled(io.env, io.stderrIsTTY);
  }

  /** `text` in `style` on stdout (`err` false) or stderr, when that stream gets colour. */
  paint(style: Style, text: string, err = false): string {
    // validateStream off: whether to colour was decided here, from the env and the stream.
    return (err ? this.colorErr : this.colorOut) ? styleText(style, text, { validateStream: false } as never) : text;
  }

  /** A transient status line on a terminal's stderr ("waiting for …"); nothing on a pipe. */
  progress(text: string): void {
    if (this.io.stderrIsTTY !== true || this.json) return;
    this.io.stderr(`\r${this.scrub(text)}\x1b[K`);
    this.progressShown = true;
  }

  /** Removes the progress line before anything else is written. */
  clearProgress(): void {
    if (!this.progressShown) return;
    this.io.stderr('\r\x1b[K');
    this.progressShown = false;
  }

  /** `warning: <text>` on stderr. */
  warn(text: string): void {
    this.clearProgress();
    this.io.stderr(this.scrub(`${this.paint('yellow', 'warning:', true)} ${text}\n`));
  }

  /** A line on stderr (notes that are not warnings). */
  note(text: string): void {
    this.clearProgress();
    this.io.stderr(this.scrub(text.endsWith('\n') ? text : `${text}\n`));
  }

  /**
   * Every form of `value` (raw, JSON-escaped as --json prints it, URL-encoded, base64) is
   * scrubbed from then on, at any length: the library never prints secrets, so this is
   * the CLI's second line of defence (an endpoint echoing the token into the data, say).
   */
  addSecret(value: string | undefined): void {
    if (value === undefined || value === '' || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.scrubber = createSecretScrubber([...this.secrets]);
  }

  scrub(text: string): string {
    return this.scrubber.scrub(text);
  }

  /** A line (or block) of normal output on stdout. */
  print(text: string): void {
    this.clearProgress();
    this.io.stdout(this.scrub(text.endsWith('\n') ? text : `${text}\n`));
  }

  /** A machine-readable document on stdout. */
  printJson(value: unknown): void {
    this.print(JSON.stringify(value, null, 2));
  }

  /** `error: <message>`, optional detail lines, then `hint: <hint>`, on stderr. */
  error(message: string, hint?: string, detail?: string): void {
    this.clearProgress();
    const lines = [`${this.paint('red', 'error:', true)} ${message}`];
    if (detail) lines.push(...detail.split('\n').map((line) => `  ${line}`));
    if (hint) lines.push(`${this.paint('cyan', 'hint:', true)} ${hint}`);
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
      hint: error.hint,
      line: error.line,
      column: error.column,
      ...(error.excerpt ? { excerpt: error.excerpt } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `unexpected failure: ${message}`, hint: 'This is a bug in dynamic-context; please report it with the command you ran (without secrets).' };
}

/** A Test report's error as the CLI shows it (with the flag that lifts a safe default). */
export function describeReportError(error: NonNullable<TestReport['error']>): ErrorView {
  return { ...error, hint: withFlagHint(error.code, error.message, error.hint) };
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
