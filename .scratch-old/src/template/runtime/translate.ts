/**
 * str.translate and str.maketrans. Translation tables are keyed by code point; our dicts
 * hold int keys as their text (`{104: 'J'}` has the key "104"), so a table is looked up by
 * the code point's decimal text, or indexed when it is a list.
 */
import { TemplateError } from '../../errors.js';
import { positional } from './args.js';
import { Markup, PY_NONE, type Kwargs } from './types.js';
import { codePoints, isDict, isInt, strLength, typeName } from './values.js';
import { currentBudget } from '../limits.js';

function lookup(table: unknown, cp: number): unknown {
  if (Array.isArray(table)) return cp < table.length ? table[cp] : undefined;
  if (isDict(table)) {
    const key = String(cp);
    return Object.hasOwn(table, key) ? table[key] : undefined;
  }
  throw new TemplateError(`'${typeName(table)}' object is not subscriptable`);
}

/** str.translate(table) */
export function translate(s: string, args: unknown[], kwargs: Kwargs): string {
  positional('translate', args, kwargs, 1, 1);
  const table = args[0];
  let out = '';
  for (const ch of codePoints(s)) {
    const to = lookup(table, ch.codePointAt(0)!);
    if (to === undefined) out += ch;
    else if (to === null || to === PY_NONE) continue;
    else if (typeof to === 'string' || to instanceof Markup) out += String(to);
    else if (isInt(to) && to >= 0 && to <= 0x10ffff) out += String.fromCodePoint(to);
    else if (isInt(to)) throw new TemplateError('character mapping must be in range(0x110000)');
    else throw new TemplateError('character mapping must return integer, None or str');
    currentBudget().checkLength(out.length);
  }
  return out;
}

function ordinal(key: string | number): string {
  if (typeof key === 'number') return String(key);
  if (strLength(key) !== 1) throw new TemplateError('string keys in translate table must be of length 1');
  return String(key.codePointAt(0));
}

/** str.maketrans(x[, y[, z]]): a dict from code point (as its text) to replacement. */
export function maketrans(_s: string, args: unknown[], kwargs: Kwargs): Record<string, unknown> {
  positional('maketrans', args, kwargs, 1, 3);
  const table: Record<string, unknown> = {};
  const [x, y, z] = args;
  if (args.length === 1) {
    if (!isDict(x)) throw new TemplateError('if you give only one argument to maketrans it must be a dict');
    // Int keys arrive as their text already; other keys must be one character.
    for (const key of Object.keys(x)) table[/^(0|-?[1-9]\d*)$/.test(key) ? key : ordinal(key)] = x[key];
    return table;
  }
  if (typeof x !== 'string' || typeof y !== 'string') throw new TemplateError('maketrans() arguments must be str');
  const from = codePoints(x);
  const to = codePoints(y);
  if (from.length !== to.length) throw new TemplateError('the first two maketrans arguments must have equal length');
  from.forEach((ch, i) => (table[ordinal(ch)] = to[i].codePointAt(0)));
  if (args.length === 3) {
    if (typeof z !== 'string') throw new TemplateError('maketrans() argument 3 must be str');
    for (const ch of codePoints(z)) table[ordinal(ch)] = PY_NONE;
  }
  return table;
}
