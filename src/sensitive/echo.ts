import type { SecretScrubber } from '../secrets/scrub.js';
import { setOwn } from './own.js';
import { formatPath } from './path.js';

/** What {@link redactEchoedSecrets} found: the variables to use and one warning per path (capped). */
export interface EchoScan {
  variables: Record<string, unknown>;
  warnings: string[];
}

interface Rewrite {
  /** flagged[i] === 1: the i-th key or string value, in walk order, holds a form of a secret. */
  flagged: Uint8Array;
  next: number;
  scrub: (text: string) => string;
  redact: boolean;
  /** Keys and indices down to the current value, keys scrubbed: paths never show a secret. */
  trail: Array<string | number>;
  paths: string[];
  hits: number;
  maxWarnings: number;
}

/**
 * Finds the client's own credentials (every form the scrubber knows) echoed back inside
 * string values and keys at any depth: a debug field holding `Bearer <token>`, a note
 * quoting the password. With `redact` each occurrence becomes `[redacted]` (the rest of the
 * string is kept) in a copy that shares every untouched subtree; `warn` only warns.
 * The body, when given, is searched first: most answers hold no secret, and then no value
 * is visited. `vars` comes from mergeContext (at most 64 levels), so recursion is bounded.
 * Linear in the size of the answer for a given set of secrets.
 */
export function redactEchoedSecrets(
  vars: Record<string, unknown>, mode: 'redact' | 'warn', scrubber: SecretScrubber, options: { body?: string; maxWarnings: number },
): EchoScan {
  const none = { variables: vars, warnings: [] };
  if (!scrubber.active) return none;
  if (options.body !== undefined && scrubber.findIn([jsonUnescaped(options.body)]).length === 0) return none;
  const texts: string[] = [];
  collectTexts(vars, texts);
  const holders = scrubber.findIn(texts);
  if (holders.length === 0) return none;
  const flagged = new Uint8Array(texts.length);
  for (const index of holders) flagged[index] = 1;
  const walk: Rewrite = { flagged, next: 0, scrub: scrubber.scrub, redact: mode === 'redact', trail: [], paths: [], hits: 0, maxWarnings: options.maxWarnings };
  const variables = rewriteChildren(walk, vars) as Record<string, unknown>;
  const done = walk.redact ? 'it was redacted' : 'it was passed through (sensitiveData: warn)';
  const warnings = walk.paths.map((path) => `The endpoint echoed the platform's credential at ${path}; ${done}. Remove it from the endpoint's response.`);
  const more = walk.hits - walk.paths.length;
  if (more > 0) warnings.push(`${more} more values echoing the platform's credential ${walk.redact ? 'were redacted' : 'were found'}.`);
  return { variables, warnings };
}

/**
 * The body with its JSON escapes decoded in place. Every backslash of valid JSON sits in a
 * string and pairs as JSON.parse pairs it, so each decoded key and string value stands
 * whole in the result: a secret absent from it is absent from the answer's values.
 */
function jsonUnescaped(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(?:u([0-9a-fA-F]{4})|([\s\S]))/g, (_, hex: string | undefined, c: string) => (hex === undefined ? (SIMPLE_ESCAPES[c] ?? c) : String.fromCharCode(parseInt(hex, 16))));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Keys and string values in walk order: for each entry its key, then its value's texts. */
function collectTexts(node: object, texts: string[]): void {
  const isArray = Array.isArray(node);
  const keys = isArray ? undefined : Object.keys(node);
  const count = isArray ? node.length : keys!.length;
  for (let i = 0; i < count; i++) {
    let value: unknown;
    if (isArray) {
      value = (node as unknown[])[i];
    } else {
      texts.push(keys![i]!);
      value = (node as Record<string, unknown>)[keys![i]!];
    }
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'object' && value !== null) collectTexts(value, texts);
  }
}

/** `node` with the flagged texts below it scrubbed (under `redact`), or `node` itself when nothing changed. */
function rewriteChildren(walk: Rewrite, node: object): object {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const value: unknown = node[i];
      const next = rewriteEntry(walk, i, value, false);
      if (next !== value) (copy ??= node.slice())[i] = next;
    }
    return copy ?? node;
  }
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const keyHit = walk.flagged[walk.next++] === 1;
    const shown = keyHit ? walk.scrub(key) : key;
    const value = record[key];
    const next = rewriteEntry(walk, shown, value, keyHit);
    const newKey = walk.redact ? shown : key;
    if (copy === undefined && (newKey !== key || next !== value)) {
      copy = {};
      for (let k = 0; k < i; k++) setOwn(copy, keys[k]!, record[keys[k]!]);
    }
    // A scrubbed key equal to a later one: the later wins, as with a repeated JSON key.
    if (copy !== undefined) setOwn(copy, newKey, next);
  }
  return copy ?? node;
}

function rewriteEntry(walk: Rewrite, shown: string | number, value: unknown, keyHit: boolean): unknown {
  walk.trail.push(shown);
  let next = value;
  let hit = keyHit;
  if (typeof value === 'string' && walk.flagged[walk.next++] === 1) {
    hit = true;
    if (walk.redact) next = walk.scrub(value);
  }
  // Before the children: warnings follow document order.
  if (hit && ++walk.hits <= walk.maxWarnings) walk.paths.push(walk.trail.reduce<string>(formatPath, ''));
  if (typeof value === 'object' && value !== null) next = rewriteChildren(walk, value);
  walk.trail.pop();
  return next;
}
