import type { SecretScrubber } from './secrets/scrub.js';
import type { SensitiveDataMode } from './types/index.js';
import { redactEchoedSecrets } from './sensitive/echo.js';
import type { SensitiveKind } from './sensitive/kinds.js';
import { kindOfKey } from './sensitive/keys.js';
import { setOwn } from './sensitive/own.js';
import { formatPath } from './sensitive/path.js';
import { bigCardNumbers, kindOfValue } from './sensitive/values.js';

export type { SensitiveKind } from './sensitive/kinds.js';
export { classifyKey, keyWords, MAX_MEMO_KEY_LENGTH, MAX_MEMO_KEYS } from './sensitive/keys.js';
export { classifyValue, isCardNumber, isSsn } from './sensitive/values.js';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';
/** Most values one scan visits; the rest is left unscanned, with a warning. */
export const MAX_SCAN_NODES = 100_000;
/** Deepest level scanned (as deep as mergeContext accepts); deeper values are left unscanned, with a warning. */
export const MAX_SCAN_DEPTH = 64;
/** Most warnings listed one by one; further findings are summed up in one line. */
export const MAX_SENSITIVE_WARNINGS = 10;

/** One sensitive value: where it is (e.g. `customer.payment.card_number`) and what it looks like. Never the value. */
export interface SensitiveFinding {
  path: string;
  kind: SensitiveKind;
}

/** The outcome of {@link scanSensitiveData}. */
export interface SensitiveScan {
  /** The input itself, or for `redact` a copy with each finding replaced by `"[redacted]"`. */
  variables: Record<string, unknown>;
  /** One line per finding (path and kind, never the value), capped. */
  warnings: string[];
  findings: SensitiveFinding[];
}

interface Hit {
  kind: SensitiveKind;
  trail: ReadonlyArray<string | number>;
  path: string;
}

/**
 * One scan's state. Paths are kept as a shared key stack and printed only for a hit;
 * `paths[i]`, once printed, is the path of `trail[0..i]`, so each level is printed at
 * most once however many hits sit below it (12,000 hits under 60 levels of 2,000-letter
 * keys, 240 KB of body, took 2.8 s when every hit printed its whole path again).
 */
interface Walk {
  trail: Array<string | number>;
  paths: string[];
  hits: Hit[];
  visited: number;
  truncated: boolean;
  /** The body's 17–19-digit card numbers, read on first need: only a number past 2^53 needs them. */
  bigCards: () => ReadonlySet<number> | undefined;
}

/**
 * Looks for passwords, secrets, SSNs, CVVs, PINs and card numbers in template
 * variables: by key name (for string and number values, or whole objects under such
 * a key) and by value (Luhn-valid card numbers, US SSNs). `redact` returns a copy with
 * each finding replaced by `"[redacted]"`; `redact` and `warn` add a warning per
 * finding naming its path and kind, never the value; `off` returns the input as is.
 * Work is bounded: at most {@link MAX_SCAN_NODES} values are visited.
 * `body`, the text `vars` was parsed from, lets the scan Luhn-check card numbers sent as
 * JSON numbers of 17–19 digits, which JSON.parse has rounded.
 * `scrubber`, the client's, first finds its credentials echoed back in string values and
 * keys: each occurrence is redacted inside the string (or only warned about), one warning
 * per path, never the secret; see sensitive/echo.ts.
 */
export function scanSensitiveData(
  input: Record<string, unknown>, mode: SensitiveDataMode, options: { body?: string; scrubber?: SecretScrubber } = {},
): SensitiveScan {
  if (mode === 'off') return { variables: input, warnings: [], findings: [] };
  const echo = options.scrubber === undefined ? undefined : redactEchoedSecrets(input, mode, options.scrubber, { body: options.body, maxWarnings: MAX_SENSITIVE_WARNINGS });
  const vars = echo?.variables ?? input;
  const echoWarnings = echo?.warnings ?? [];
  const { body } = options;
  let bigCards: ReadonlySet<number> | undefined | null = null;
  // The body regex is a quarter of the scan on a common answer, and it matters only for a
  // JSON number that JSON.parse rounded: so it runs the first time the walk meets one.
  const readBigCards = () => (bigCards === null ? (bigCards = body === undefined ? undefined : bigCardNumbers(body)) : bigCards);
  const walk: Walk = { trail: [], paths: [], hits: [], visited: 0, truncated: false, bigCards: readBigCards };
  walkChildren(walk, vars);
  const { hits, truncated } = walk;
  // The common case on every fetch: nothing found, nothing to build.
  if (hits.length === 0 && !truncated) return { variables: vars, warnings: echoWarnings, findings: [] };
  const findings = hits.map(({ kind, path }): SensitiveFinding => ({ path, kind }));
  const warnings = [...echoWarnings, ...describeFindings(findings, mode)];
  if (truncated) {
    warnings.push(`Sensitive data scan stopped early (over ${MAX_SCAN_NODES} values or ${MAX_SCAN_DEPTH} levels); part of the response was not checked.`);
  }
  return { variables: mode === 'redact' && hits.length > 0 ? redact(vars, hits) : vars, warnings, findings };
}

/**
 * Depth-first in document order, so findings and the node budget fall exactly where an
 * explicit stack would put them. Recursion is bounded by MAX_SCAN_DEPTH frames.
 * Returns false once the node budget is spent.
 */
function walkChildren(walk: Walk, node: object): boolean {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (!visit(walk, i, node[i])) return false;
  } else {
    const keys = Object.keys(node);
    for (let i = 0; i < keys.length; i++) if (!visit(walk, keys[i]!, (node as Record<string, unknown>)[keys[i]!])) return false;
  }
  return true;
}

function visit(walk: Walk, key: string | number, value: unknown): boolean {
  if (++walk.visited > MAX_SCAN_NODES) {
    walk.truncated = true;
    return false;
  }
  const { trail, paths } = walk;
  // The path printed for this level before (a sibling's) is stale now.
  if (paths.length > trail.length) paths.length = trail.length;
  trail.push(key);
  let more = true;
  const byKey = typeof key === 'string' ? kindOfKey(key) : undefined;
  if (byKey && isSecretShaped(value)) {
    walk.hits.push({ kind: byKey, trail: trail.slice(), path: pathOf(walk) });
  } else if (typeof value === 'object' && value !== null) {
    if (trail.length < MAX_SCAN_DEPTH) more = walkChildren(walk, value);
    else walk.truncated = true;
  } else {
    const byValue = kindOfValue(value, walk.bigCards);
    if (byValue) walk.hits.push({ kind: byValue, trail: trail.slice(), path: pathOf(walk) });
  }
  trail.pop();
  return more;
}

/** The printed path of the current trail, printing only the levels not printed yet. */
function pathOf(walk: Walk): string {
  const { trail, paths } = walk;
  let path = paths.length > 0 ? paths[paths.length - 1]! : '';
  for (let i = paths.length; i < trail.length; i++) {
    path = formatPath(path, trail[i]!);
    paths.push(path);
  }
  return path;
}

/** Booleans, null and empty strings under a "password" key hide nothing. */
function isSecretShaped(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  return typeof value === 'number' || (typeof value === 'object' && value !== null);
}

function describeFindings(findings: SensitiveFinding[], mode: SensitiveDataMode): string[] {
  const verb = mode === 'redact' ? 'was redacted' : 'was passed through (sensitiveData: warn)';
  const lines = findings
    .slice(0, MAX_SENSITIVE_WARNINGS)
    .map((f) => `Sensitive data (${f.kind.replace('_', ' ')}) at ${f.path} ${verb}; remove it from the endpoint's response.`);
  if (findings.length > MAX_SENSITIVE_WARNINGS) {
    lines.push(`${findings.length - MAX_SENSITIVE_WARNINGS} more sensitive values ${mode === 'redact' ? 'were redacted' : 'were found'}.`);
  }
  return lines;
}

/** Copies only the containers on the way to each hit; untouched subtrees are shared. */
function redact(vars: Record<string, unknown>, hits: Hit[]): Record<string, unknown> {
  const copies = new Map<object, Record<string | number, unknown>>();
  const copyOf = (node: object): Record<string | number, unknown> => {
    let copy = copies.get(node);
    if (!copy) {
      copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
      copies.set(node, copy);
    }
    return copy;
  };
  const root = copyOf(vars);
  for (const { trail } of hits) {
    let original: Record<string | number, unknown> = vars;
    let copy = root;
    for (let i = 0; i < trail.length - 1; i++) {
      const key = trail[i]!;
      const next = original[key] as Record<string | number, unknown>;
      const nextCopy = copyOf(next);
      // Linked once: hits side by side share their ancestors (defining it again per hit cost hits × depth).
      if (copy[key] !== nextCopy) setOwn(copy, key, nextCopy);
      copy = nextCopy;
      original = next;
    }
    setOwn(copy, trail[trail.length - 1]!, REDACTED);
  }
  return root as Record<string, unknown>;
}
