import { isTemplateError } from '../errors.js';
import type { TemplateVariable } from './analyze.js';
import { splitPath } from './resolve.js';

/** Most paths tried per check: each costs one render. */
const MAX_PATHS_TRIED = 48;
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/** A path whose template breaks when its value arrives as the other JSON type. */
export interface TypeRisk {
  variable: TemplateVariable;
  /** What the value is now, and what breaks the render. */
  now: 'number' | 'text';
  /** The reason of the render error with the swapped type. */
  reason: string;
}

/**
 * The lenient dialect forgives missing data, not a wrong type: money sent as "12.50" instead
 * of 12.5, a phone number sent as a number. For each path the template reads whose value is
 * a number, or text that reads as one, render once more with the other type in its place
 * (every item of a loop at once); a render that then fails is a risk worth a warning, since
 * endpoints are seldom strict about which one they send.
 */
export function findTypeRisks(variables: Record<string, unknown>, paths: readonly TemplateVariable[], render: (variables: Record<string, unknown>) => unknown): TypeRisk[] {
  const risks: TypeRisk[] = [];
  for (const variable of paths.slice(0, MAX_PATHS_TRIED)) {
    const segments = splitPath(variable.path);
    let now: TypeRisk['now'] | undefined;
    const swapped = swapAt(variables, segments, (value) => {
      if (typeof value === 'number' && Number.isFinite(value)) return (now ??= 'number'), String(value);
      if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return (now ??= 'text'), Number(value);
      return value;
    });
    if (now === undefined) continue;
    try {
      render(swapped as Record<string, unknown>);
    } catch (error) {
      // A limit is not about the type; anything else that breaks only with the other type is.
      if (isTemplateError(error) && error.kind !== 'limit') risks.push({ variable, now, reason: error.reason });
    }
  }
  return risks;
}

/** A copy of `value` with `swap` applied at the path's leaves; untouched branches are shared. */
function swapAt(value: unknown, segments: readonly string[], swap: (leaf: unknown) => unknown): unknown {
  if (segments.length === 0) return swap(value);
  const [segment, ...rest] = segments;
  if (segment === '[]') return Array.isArray(value) ? value.map((item) => swapAt(item, rest, swap)) : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment!)) return value;
  const record = value as Record<string, unknown>;
  return { ...record, [segment!]: swapAt(record[segment!], rest, swap) };
}
