import { isObject } from '../config.js';
import { mergeParsed } from '../merge.js';
import { ENTRY_FORMAT } from './key.js';
import { freezeContext, type CachedContext } from './context.js';

/** A context read back from a store, with the wall-clock time it stops being fresh. */
export interface StoredEntry {
  context: CachedContext;
  freshUntil: number;
}

/** Longest value read back: the response cap is 256 KiB by default; a value far past it is not ours. */
export const MAX_ENTRY_CHARS = 16 * 1024 * 1024;

/**
 * One JSON array, format version first: `[1, freshUntil, bytes, warnings, variables]`.
 * Positional, so no field name is repeated in every entry; the version lets a replica
 * of another release recognise an entry it must not read.
 */
export function encodeEntry(context: CachedContext, freshUntil: number): string {
  return JSON.stringify([ENTRY_FORMAT, Math.round(freshUntil), context.bytes, context.warnings, context.variables]);
}

/**
 * The entry in `raw`, or `undefined` when it is anything else: another format version,
 * truncated or foreign data. The variables go through the same sanitising walk as a
 * response (forbidden keys, depth and size bounds): a store is not trusted to hold only
 * what this library wrote.
 */
export function decodeEntry(raw: unknown): StoredEntry | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_ENTRY_CHARS || !raw.startsWith(`[${ENTRY_FORMAT},`)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return undefined;
  const [, freshUntil, bytes, warnings, variables] = parsed as unknown[];
  if (typeof freshUntil !== 'number' || !Number.isFinite(freshUntil)) return undefined;
  if (!Number.isSafeInteger(bytes) || (bytes as number) < 0) return undefined;
  if (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'string')) return undefined;
  if (!isObject(variables) || Array.isArray(variables)) return undefined;
  try {
    const context = freezeContext({ variables: mergeParsed(variables), warnings: warnings as string[], bytes: bytes as number });
    return { context, freshUntil };
  } catch {
    return undefined;
  }
}
