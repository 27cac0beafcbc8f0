import type { ContextError } from './errors.js';
import { isTimeZoneName } from './template/time/zone.js';
import type { TestReport } from './types/index.js';

/** Above this the Test report warns: a greeting waits on the answer. */
export const SLOW_RESPONSE_MS = 1000;
/** Above this the Test report warns: the prompt only needs a few fields. */
export const LARGE_RESPONSE_BYTES = 16 * 1024;

/** What one network exchange produced, as the Test button sees it. */
export interface TestOutcome {
  durationMs: number;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Bytes of the response body read. */
  bytes: number;
  /** The parsed context, when the exchange succeeded. */
  context?: {
    variables: Readonly<Record<string, unknown>>;
    /** Warnings of the exchange itself: empty body, sensitive data findings. */
    warnings: readonly string[];
    /** The JSON was an array of objects, merged into one. */
    merged: boolean;
  };
  error?: ContextError;
  /** The endpoint uses plain http. */
  plainHttp: boolean;
  /** The Dynamic Context toggle is off. */
  disabled: boolean;
  /** Applied to the variable names: they are the endpoint's keys, and a key may be an echoed token. */
  scrub?: (text: string) => string;
}

/**
 * Builds the editor's Test report: top-level variable names, the error with its hint,
 * and warnings about what works today but will hurt on live calls.
 */
export function buildTestReport(outcome: TestOutcome): TestReport {
  const { context, error } = outcome;
  const warnings: string[] = [];
  if (outcome.disabled) warnings.push('Dynamic Context is turned off for this agent; calls will not fetch this context until it is turned on.');
  if (outcome.plainHttp) warnings.push('The endpoint uses plain http: the token and caller data travel unencrypted; use https.');
  if (context !== undefined) {
    if (outcome.durationMs > SLOW_RESPONSE_MS) {
      warnings.push(`The endpoint took ${roundMs(outcome.durationMs).toFixed(1)} ms; answer in under ${SLOW_RESPONSE_MS} ms so the greeting is not delayed.`);
    }
    if (outcome.bytes > LARGE_RESPONSE_BYTES) {
      warnings.push(`The response is ${outcome.bytes} bytes; keep it under ${LARGE_RESPONSE_BYTES / 1024} KiB by returning only the fields templates use.`);
    }
    if (context.merged) warnings.push('The response is a JSON array, not an object; its objects were merged in order (later keys win).');
    warnings.push(...context.warnings);
    // The value is not quoted: it is the endpoint's data, and could hold anything.
    if (Object.hasOwn(context.variables, 'timezone') && !isTimeZoneName(context.variables.timezone)) {
      warnings.push('The response\'s timezone is not an IANA time zone name such as America/New_York; calls will say the time in the agent\'s zone.');
    }
    if (Object.keys(context.variables).length === 0 && context.warnings.length === 0) {
      warnings.push('The response has no variables; templates will use their defaults.');
    }
  }
  const status = error?.status ?? outcome.status;
  const report = {
    durationMs: roundMs(outcome.durationMs),
    responseBytes: outcome.bytes,
    variables: context === undefined ? [] : Object.keys(context.variables).map(outcome.scrub ?? String).sort(),
    warnings,
    ...(status === undefined ? {} : { status }),
  };
  if (error === undefined) return { ok: true, ...report };
  const cause = { code: error.code, message: error.message, hint: error.hint };
  return { ok: false, ...report, error: error.status === undefined ? cause : { ...cause, status: error.status } };
}

/** Report durations carry one decimal: enough for a person, and the same in every output. */
function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
