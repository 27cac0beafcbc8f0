import { isTemplateError } from '../../src/index.js';

/** What one render did, as the security tests judge it. */
export interface RenderOutcome {
  kind: 'output' | 'template_error' | 'other_error';
  /** The output, or the error's message. */
  text: string;
  /** Constructor name of a non-TemplateError throw. */
  errorName?: string;
  durationMs: number;
}

/** Output that shows a JavaScript value leaked into a template's reach. */
export const LEAK = /\[Function|\bfunction\s*\w*\s*\(|native code|\bprocess\b|\[object |=>|\bglobalThis\b|\bclass\s+\w+\s*\{/;

/** Builds a payload's template source: either given, or a concatenation of repeated parts. */
export function payloadSource(payload: { template?: string; build?: Array<[string, number]> }): string {
  if (payload.template !== undefined) return payload.template;
  return (payload.build ?? []).map(([text, count]) => text.repeat(count)).join('');
}

export function renderOutcome(render: () => string): RenderOutcome {
  const start = performance.now();
  try {
    const text = render();
    return { kind: 'output', text, durationMs: performance.now() - start };
  } catch (error) {
    const durationMs = performance.now() - start;
    if (isTemplateError(error)) return { kind: 'template_error', text: error.message, durationMs };
    const name = error instanceof Error ? error.constructor.name : typeof error;
    return { kind: 'other_error', text: String((error as Error)?.message ?? error), errorName: name, durationMs };
  }
}

const WATCHED: Array<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Function.prototype', Function.prototype],
  ['Array.prototype', Array.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Error.prototype', Error.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Object', Object],
  ['JSON', JSON],
];

/**
 * The own keys of globalThis and of the built-in prototypes, with the identity of
 * each value, getter and setter: a changed or replaced method shows as a difference.
 */
export function snapshotRealm(): Map<string, unknown> {
  const snap = new Map<string, unknown>();
  const record = (label: string, target: object) => {
    for (const key of Reflect.ownKeys(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key)!;
      snap.set(`${label}.${String(key)}`, [d.value, d.get, d.set, d.writable, d.enumerable, d.configurable]);
    }
    snap.set(`${label}.[[Prototype]]`, Object.getPrototypeOf(target));
    snap.set(`${label}.[[Extensible]]`, Object.isExtensible(target));
  };
  record('globalThis', globalThis);
  for (const [label, target] of WATCHED) record(label, target);
  return snap;
}

/** Names whose entry differs between two snapshots. */
export function realmChanges(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const changed: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const same = Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => Object.is(v, b[i])) : Object.is(a, b);
    if (!same) changed.push(key);
  }
  return changed;
}
