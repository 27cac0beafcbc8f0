/**
 * Adversarial inputs of a given size for the complexity tests, and the shape of a case.
 * Each family scales with `n`; the shapes are the ones that make backtracking regexes and
 * rescanning loops quadratic: long runs of one character or pattern, runs of whitespace
 * with something after them, unclosed openers, and large or shared structures.
 */

/** One adversarial render: `template` over the variables `input(n)` builds; see cases-*.ts. */
export interface ComplexityCase {
  template: string;
  input: (n: number) => Record<string, unknown>;
  /** Size at which the case is measured (then at 4x); each family has a sensible default. */
  n?: number;
  /** The render is expected to throw a TemplateError matching this (the error path is timed). */
  error?: RegExp;
}

export type CaseTable = Record<string, ComplexityCase[]>;

/** Patterns repeated into runs. Each run is followed by 'M', so an anchored tail (`\s+$`) never matches from inside. */
export const RUN_PATTERNS = [
  ' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', 'a', 'a ', 'A', ')', '(', '%(', '%', '{', '}', '{%-  ', '{{', '#}',
  '<', '>', '<!--', '-->', '&', '&gt;', '&lt;', '&#', '-', '--', 'a-', '.', ',', 'a.', '@', 'a@', '_', '1_', '0', '9',
  'Σ', 'ß', 'İ', '😀', ':', '/', '\\', '"', "'", '*', '[', ']', '=', 'www.', 'http://', 'a:', '\t\n',
];

/** Every run pattern, each repeated to about `n` characters, joined by 'M'. */
export function hostileText(n: number): string {
  return RUN_PATTERNS.map((p) => p.repeat(Math.ceil(n / p.length))).join('M') + 'M';
}

/** A string input: `{ x: hostileText(n) }` plus extra variables. */
export function text(extra: (n: number) => Record<string, unknown> = () => ({})): (n: number) => Record<string, unknown> {
  return (n) => ({ x: hostileText(n), ...extra(n) });
}

/** `pattern` repeated to about 32n characters (as long as hostileText), then `tail`, as `x`. */
export function run(pattern: string, tail = ''): (n: number) => Record<string, unknown> {
  return (n) => ({ x: pattern.repeat(Math.ceil((32 * n) / pattern.length)) + tail });
}

/** A permutation of 0..n-1 (unsorted, no long runs). */
export function numbers(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 7919) % n);
}

export function words(n: number): string[] {
  return numbers(n).map((i) => `w${i}`);
}

/** n records, each its own object. */
export function records(n: number): Record<string, unknown>[] {
  return numbers(n).map((i) => ({ id: i, group: i % 7, name: `n${i % 97}`, tags: ['a', i % 3] }));
}

/** n references to one record: shared structure, the walk is still n items. */
export function shared(n: number): Record<string, unknown>[] {
  const one = { id: 1, group: 2, name: 'x', tags: ['a', 1] };
  return Array.from({ length: n }, () => one);
}

/** A dict of n keys. */
export function dict(n: number): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  for (const i of numbers(n)) d[`k${i}`] = i;
  return d;
}

/**
 * Default sizes: strings are made of RUN_PATTERNS.length runs of n; lists have n items. At
 * these sizes strings are over 128 KB on both sides, so both live in V8's large-object space
 * (a string crossing into it on the 4n side only costs a jump of its own).
 */
export const TEXT_N = 2048;
export const LIST_N = 2048;
/** Dicts are measured larger: V8's Object.keys of a dictionary-mode object grows ~8x per 4x below 16k keys, ~6x above. */
export const DICT_N = 16384;
