import type { SensitiveDataMode } from './types.js';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';
/** Most values one scan visits; the rest is left unscanned, with a warning. */
export const MAX_SCAN_NODES = 100_000;
/** Deepest level scanned (as deep as mergeContext accepts); deeper values are left unscanned, with a warning. */
export const MAX_SCAN_DEPTH = 64;
/** Most warnings listed one by one; further findings are summed up in one line. */
export const MAX_SENSITIVE_WARNINGS = 10;

/** The kind of sensitive data found. */
export type SensitiveKind = 'password' | 'secret' | 'api_key' | 'token' | 'ssn' | 'cvv' | 'pin' | 'card_number';

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

// Key patterns as word sequences; a key matches when its words contain the sequence.
// Word splitting keeps `pin` from matching `shipping` or `opinion`.
const KEY_PATTERNS: ReadonlyArray<readonly [words: readonly string[], kind: SensitiveKind]> = [
  [['password'], 'password'], [['passwd'], 'password'], [['pwd'], 'password'], [['passcode'], 'password'],
  [['pass', 'word'], 'password'], [['secret'], 'secret'], [['private', 'key'], 'secret'],
  [['api', 'key'], 'api_key'], [['apikey'], 'api_key'], [['ssn'], 'ssn'], [['social', 'security'], 'ssn'],
  [['socialsecurity'], 'ssn'], [['cvv'], 'cvv'], [['cvc'], 'cvv'], [['passphrase'], 'password'],
  [['pin'], 'pin'], [['pincode'], 'pin'], [['card', 'number'], 'card_number'], [['cardnumber'], 'card_number'],
  [['card', 'no'], 'card_number'], [['card', 'num'], 'card_number'], [['credit', 'card'], 'card_number'],
  [['creditcard'], 'card_number'], [['cc', 'number'], 'card_number'], [['ccnumber'], 'card_number'],
];
// "token" only as the last word: `access_token` is a secret, `token_count` is not.
const TAIL_TOKEN = 'token';

/** Splits snake, kebab, dotted and camel case (`SSNNumber`, `cvv2`) into lower-case words. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

// Plurals count: `passwords`, `api_keys` and `tokens` hold the same data.
const sameWord = (word: string, pattern: string) => word === pattern || word === `${pattern}s`;

/** The kind a key name suggests, if any. */
export function classifyKey(key: string): SensitiveKind | undefined {
  const words = keyWords(key);
  for (const [pattern, kind] of KEY_PATTERNS) {
    for (let i = 0; i + pattern.length <= words.length; i++) {
      if (pattern.every((w, j) => sameWord(words[i + j]!, w))) return kind;
    }
  }
  return words.length > 0 && sameWord(words[words.length - 1]!, TAIL_TOKEN) ? 'token' : undefined;
}

// 13–19 digits, single spaces or dashes between them, not inside a longer word or
// number, and not after "+" (an E.164 phone number can be Luhn-valid by chance).
const CARD_RE = /(?<![\w+-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
const SSN_RE = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;

/** True for a Luhn-valid 13–19 digit number that starts like a payment card (2–6). */
export function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (!/^[2-6]\d{12,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for `ddd-dd-dddd` in a range the SSA issues (no 000/666/9xx area, 00 group, 0000 serial). */
export function isSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** The kind a scalar value looks like, if any: a card number or an SSN anywhere in it. */
export function classifyValue(value: unknown): SensitiveKind | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || text.length < 11) return undefined;
  for (const match of text.matchAll(CARD_RE)) if (isCardNumber(match[0])) return 'card_number';
  for (const m of text.matchAll(SSN_RE)) if (isSsn(m[1]!, m[2]!, m[3]!)) return 'ssn';
  return undefined;
}

// Response keys repeat call after call (one endpoint, one schema), while keyWords costs
// four regex passes per key: classify each name once. Bounded, since keys are untrusted.
const MAX_MEMO_KEYS = 4096;
const keyKinds = new Map<string, SensitiveKind | null>();
function kindOfKey(key: string): SensitiveKind | undefined {
  let kind = keyKinds.get(key);
  if (kind === undefined) {
    if (keyKinds.size >= MAX_MEMO_KEYS) keyKinds.clear();
    kind = classifyKey(key) ?? null;
    keyKinds.set(key, kind);
  }
  return kind ?? undefined;
}

// Nine digits with single separators is the least CARD_RE or SSN_RE can match: one cheap
// test spares the two matchAll scans on most strings (names, emails, notes, dates).
// Spelled out, not as (?:[ -]?\d){8}: the same language, but V8's regexp engine
// backtracks the counted group at every digit; on the 1 KiB bench context (12 strings)
// this form takes 0.36 µs against 1.5 µs, and a date string 45 ns against 215 ns.
const MAYBE_NUMBER_RE = /\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d/;
function kindOfValue(value: unknown): SensitiveKind | undefined {
  if (typeof value === 'string') return value.length < 11 || !MAYBE_NUMBER_RE.test(value) ? undefined : classifyValue(value);
  return typeof value === 'number' ? classifyValue(value) : undefined;
}

function formatPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key.slice(0, 100));
  if (parent === '') return safe;
  return safe === key ? `${parent}.${key}` : `${parent}[${safe}]`;
}

interface Hit {
  kind: SensitiveKind;
  trail: ReadonlyArray<string | number>;
}

/** One scan's state. Paths are kept as a shared key stack and printed only for a hit. */
interface Walk {
  trail: Array<string | number>;
  hits: Hit[];
  visited: number;
  truncated: boolean;
}

/**
 * Looks for passwords, secrets, SSNs, CVVs, PINs and card numbers in template
 * variables: by key name (for string and number values, or whole objects under such
 * a key) and by value (Luhn-valid card numbers, US SSNs). `redact` returns a copy with
 * each finding replaced by `"[redacted]"`; `redact` and `warn` add a warning per
 * finding naming its path and kind, never the value; `off` returns the input as is.
 * Work is bounded: at most {@link MAX_SCAN_NODES} values are visited.
 */
export function scanSensitiveData(vars: Record<string, unknown>, mode: SensitiveDataMode): SensitiveScan {
  if (mode === 'off') return { variables: vars, warnings: [], findings: [] };
  const walk: Walk = { trail: [], hits: [], visited: 0, truncated: false };
  walkChildren(walk, vars);
  const { hits, truncated } = walk;
  // The common case on every fetch: nothing found, nothing to build.
  if (hits.length === 0 && !truncated) return { variables: vars, warnings: [], findings: [] };
  const findings = hits.map(({ kind, trail }): SensitiveFinding => ({ path: trail.reduce<string>(formatPath, ''), kind }));
  const warnings = describeFindings(findings, mode);
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
  const { trail } = walk;
  trail.push(key);
  let more = true;
  const byKey = typeof key === 'string' ? kindOfKey(key) : undefined;
  if (byKey && isSecretShaped(value)) {
    walk.hits.push({ kind: byKey, trail: trail.slice() });
  } else if (typeof value === 'object' && value !== null) {
    if (trail.length < MAX_SCAN_DEPTH) more = walkChildren(walk, value);
    else walk.truncated = true;
  } else {
    const byValue = kindOfValue(value);
    if (byValue) walk.hits.push({ kind: byValue, trail: trail.slice() });
  }
  trail.pop();
  return more;
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
      setOwn(copy, key, nextCopy);
      copy = nextCopy;
      original = next;
    }
    setOwn(copy, trail[trail.length - 1]!, REDACTED);
  }
  return root as Record<string, unknown>;
}

// defineProperty, not assignment: a `__proto__` key in raw input must stay a plain key.
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
