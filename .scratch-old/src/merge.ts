import { ContextError } from './errors.js';

/** Deepest nesting accepted in a response (the root object is level 1). */
export const MAX_CONTEXT_DEPTH = 64;
/** Most keys and array items accepted in one response, counted over all levels. */
export const MAX_CONTEXT_NODES = 100_000;

// Keys that reach prototypes when assigned, or that templates could use to climb to one.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Json = Record<string, unknown>;

/**
 * Turns a parsed response into template variables.
 *
 * An object gives its keys; an array of objects is merged in order (later wins,
 * nested plain objects merge deeply, arrays are replaced). Anything else throws
 * `ContextError('invalid_response')` with a hint saying what was received.
 *
 * The result is a fresh copy: `__proto__`, `constructor` and `prototype` keys are
 * dropped at every depth, nesting is limited to {@link MAX_CONTEXT_DEPTH} levels and
 * size to {@link MAX_CONTEXT_NODES} keys and items.
 *
 * @example mergeContext([{ a: { x: 1 } }, { a: { y: 2 } }]) // { a: { x: 1, y: 2 } }
 */
export function mergeContext(json: unknown): Record<string, unknown> {
  return mergeWith(json, copyValue);
}

/**
 * {@link mergeContext} for a value that nobody else holds (a fresh `JSON.parse` result,
 * as in the client): forbidden keys are deleted in place, with the same depth and size
 * bounds, instead of copying the whole tree. Keeps JSON.parse's compact objects, which
 * is also less heap per cached context.
 */
export function mergeParsed(json: unknown, text?: string): Record<string, unknown> {
  return mergeWith(json, text !== undefined && nothingToSanitize(text) ? keep : sanitizeInPlace);
}

const keep: Prepare = (value) => value;

/**
 * True when the body `json` was parsed from cannot hold a forbidden key or break a
 * bound, so the sanitising walk can be skipped (1 KiB body: parse + walk 6.0-7.7 µs, parse +
 * these checks 5.2-6.6 µs; 2 KiB: even): a key can only be
 * spelled literally or with a \u escape; nesting past MAX_CONTEXT_DEPTH needs more
 * opening brackets than that; every key or item starts at its own character. Over-counts
 * (brackets or words inside strings) only send the body through the walk.
 */
function nothingToSanitize(text: string): boolean {
  if (text.length > MAX_CONTEXT_NODES) return false;
  // 'proto' covers both __proto__ and prototype: one scan fewer.
  if (text.includes('\\u') || text.includes('proto') || text.includes('constructor')) return false;
  let brackets = 0;
  for (let i = text.indexOf('{'); i !== -1 && brackets <= MAX_CONTEXT_DEPTH; i = text.indexOf('{', i + 1)) brackets++;
  for (let i = text.indexOf('['); i !== -1 && brackets <= MAX_CONTEXT_DEPTH; i = text.indexOf('[', i + 1)) brackets++;
  return brackets <= MAX_CONTEXT_DEPTH;
}

type Prepare = (value: unknown, depth: number, budget: { nodes: number }) => unknown;

function mergeWith(json: unknown, prepare: Prepare): Json {
  const budget = { nodes: 0 };
  if (isRecord(json)) return prepare(json, 1, budget) as Json;
  if (!Array.isArray(json)) throw shapeError(`got ${describeJson(json)}`);
  // Check every item before preparing any: the hint should name the first bad one.
  for (let index = 0; index < json.length; index++) {
    if (!isRecord(json[index])) throw shapeError(`got a JSON array whose item at index ${index} is ${describeJson(json[index])}`);
  }
  const merged: Json = {};
  for (const item of json) mergeInto(merged, prepare(item, 2, budget) as Json);
  return merged;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value's kind, with its article, for hints: "a string", "null", "an array". */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

function shapeError(detail: string): ContextError {
  return new ContextError('invalid_response', `Invalid context response: ${detail}`, {
    hint: `The endpoint must answer with a JSON object (or an array of objects), but it ${detail}.`,
  });
}

/**
 * Deep copy of a JSON value with forbidden keys dropped. Recursion is safe: it never
 * goes deeper than MAX_CONTEXT_DEPTH frames, whatever the input's depth.
 */
function copyValue(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_CONTEXT_DEPTH) throw shapeError(`sent JSON nested deeper than ${MAX_CONTEXT_DEPTH} levels`);
  if (Array.isArray(value)) {
    countNodes(budget, value.length);
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyValue(value[i], depth + 1, budget);
    return copy;
  }
  const keys = Object.keys(value);
  countNodes(budget, keys.length);
  const copy: Json = {};
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    copy[key] = copyValue((value as Json)[key], depth + 1, budget);
  }
  return copy;
}

/** copyValue's in-place twin for values this library alone holds; same bounds, same keys dropped. */
function sanitizeInPlace(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_CONTEXT_DEPTH) throw shapeError(`sent JSON nested deeper than ${MAX_CONTEXT_DEPTH} levels`);
  if (Array.isArray(value)) {
    countNodes(budget, value.length);
    for (let i = 0; i < value.length; i++) sanitizeInPlace(value[i], depth + 1, budget);
    return value;
  }
  const keys = Object.keys(value);
  countNodes(budget, keys.length);
  for (const key of keys) {
    // JSON.parse makes "__proto__" an own data property, so delete removes just that key.
    if (FORBIDDEN_KEYS.has(key)) delete (value as Json)[key];
    else sanitizeInPlace((value as Json)[key], depth + 1, budget);
  }
  return value;
}

function countNodes(budget: { nodes: number }, added: number): void {
  budget.nodes += added;
  if (budget.nodes > MAX_CONTEXT_NODES) throw shapeError(`sent more than ${MAX_CONTEXT_NODES} keys and array items`);
}

/** Merges a prepared value into target in place; both were bounded by mergeWith, so depth is too. */
function mergeInto(target: Json, source: Json): void {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isRecord(current) && isRecord(incoming)) mergeInto(current, incoming);
    else target[key] = incoming;
  }
}

const SNIPPET_LENGTH = 40;

/**
 * Parses a response body as JSON. Throws `ContextError('invalid_json')` whose hint
 * quotes the content type and the first characters of the body (the customer's own
 * data, never request headers). A leading byte-order mark is ignored.
 */
export function parseContextBody(text: string, contentType: string | undefined, secrets: readonly string[] = []): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    // V8 parses deep nesting iteratively; a RangeError would still be a bad body, not a crash.
    const type = contentType ? printable(contentType, 100) : 'none';
    const isJsonType = /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType?.trim() ?? '');
    const start = body.length === 0 ? 'the body is empty' : `the body starts with "${printable(scrubSecrets(body, secrets), SNIPPET_LENGTH)}"`;
    const fact = isJsonType ? `the body is not valid JSON (Content-Type ${type}); ${start}` : `the answer is not JSON (Content-Type ${type}); ${start}`;
    return throwInvalidJson(fact, error);
  }
}

function throwInvalidJson(fact: string, error: unknown): never {
  // V8's message quotes the body ("Bearer tok"... is not valid JSON), and an endpoint may
  // echo the request headers: keep only the error's name.
  const cause = error instanceof Error ? new Error(error.name) : undefined;
  throw new ContextError('invalid_json', `Invalid JSON from the context endpoint: ${fact}`, {
    hint: `The endpoint must answer with Content-Type application/json and a JSON object body, but ${fact}.`,
    cause,
  });
}

/**
 * The head of `body` with every credential replaced, before it is quoted in a hint:
 * a debug endpoint or an HTML error page may echo the request's Authorization header.
 * Scrubbed before slicing, so a secret cut by the slice cannot leak in part.
 */
function scrubSecrets(body: string, secrets: readonly string[]): string {
  let head = body.slice(0, SNIPPET_LENGTH + Math.max(0, ...secrets.map((s) => s.length)));
  for (const secret of secrets) if (secret.length > 0) head = head.split(secret).join('[redacted]');
  return head.length < body.length ? `${head}…` : head;
}

/** First `max` characters with control characters and quotes made visible, for hints. */
function printable(text: string, max: number): string {
  const head = text.slice(0, max).replace(/[\x00-\x1f\x7f"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : ' '));
  return text.length > max ? `${head}…` : head;
}
