import { TemplateError } from '../../errors.js';
import { GLOBALS } from '../globals.js';
import { TICKS_PER_UNIT, currentBudget, walkTicks } from '../limits.js';
import { callValue, getAttr, iterate } from '../runtime/access.js';
import { DICT_METHODS } from '../runtime/collection-methods.js';
import { Markup, isCallable, isTuple } from '../runtime/types.js';
import { pyStr } from '../runtime/print.js';
import { isDict } from '../runtime/values.js';
import { unknownFilterError, unknownTestError } from '../unknown-names.js';
import type { Kwargs } from '../runtime/types.js';
import { anyAbsent, callMethodLeniently } from '../runtime/lenient.js';

/**
 * Helpers the generated code calls besides the runtime's operations. Kept small:
 * everything a template name can reach goes through `resolveName`, so no JS global
 * is ever in scope of a template.
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** A free name: the render's variables first, then the template globals. */
export function resolveName(vars: Record<string, unknown>, name: string): unknown {
  if (hasOwn.call(vars, name)) return vars[name];
  return hasOwn.call(GLOBALS, name) ? GLOBALS[name] : undefined;
}

/**
 * `a, b = value` (set or for target): Python's unpacking with its count check. An undefined
 * or null value (a null row) unpacks into undefined names, at every level (lenient).
 */
export function unpack(value: unknown, count: number): unknown[] {
  if (value === undefined || value === null) return new Array<unknown>(count).fill(undefined);
  const items = iterate(value);
  currentBudget().charge(walkTicks(value));
  if (items.length !== count) {
    const reason = items.length < count ? `not enough values to unpack (expected ${count}, got ${items.length})` : `too many values to unpack (expected ${count})`;
    throw new TemplateError(reason);
  }
  return items;
}

/** A dict literal: keys are stored as own properties of a null-prototype object. */
export function makeDict(entries: unknown[]): Record<string, unknown> {
  const dict = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < entries.length; i += 2) {
    const key = entries[i];
    if (typeof key === 'object' && key !== null) throw new TemplateError(`unhashable type: '${Array.isArray(key) ? 'list' : 'dict'}'`);
    dict[key === null ? 'None' : typeof key === 'boolean' ? (key ? 'True' : 'False') : String(key)] = entries[i + 1];
  }
  return dict;
}

/** `f(*args)`: positional arguments followed by the items of `star`. */
export function spreadArgs(args: unknown[], star: unknown): unknown[] {
  const items = iterate(star);
  currentBudget().charge(items.length);
  return args.concat(items);
}

/** `f(**kw)`: explicit keywords merged with a dict's items. */
export function spreadKwargs(kwargs: Kwargs, starstar: unknown): Kwargs {
  const out = Object.create(null) as Record<string, unknown>;
  if (kwargs !== undefined) Object.assign(out, kwargs);
  if (starstar !== undefined && starstar !== null) {
    if (!isDict(starstar)) throw new TemplateError('argument after ** must be a mapping');
    const keys = Object.keys(starstar);
    currentBudget().charge(keys.length);
    for (const key of keys) out[key] = starstar[key];
  }
  return out;
}

/** Strings and lists a template builds stay under the output bound (`s ~ s` doubling in a loop). */
export function guardSize<V>(value: V): V {
  if ((typeof value === 'string' || Array.isArray(value)) && value.length > 65536) currentBudget().checkLength(value.length);
  else if (value instanceof Markup && value.text.length > 65536) currentBudget().checkLength(value.text.length);
  return value;
}

/** `{{ v }}` inside `{% autoescape true %}`: Markup prints as is, anything else is escaped. */
export { outputEscaped as escapeOutput } from '../runtime/markup.js';

/**
 * Python's `Markup(v)`. Jinja2 wraps a macro's or `caller()`'s result and a `{% set %}` block
 * when the render's autoescape flag is on at that moment, a recursive `loop()` and a filter
 * block's body when it is on where they are written, and urlize/xmlattr results likewise.
 */
export function toMarkup(v: unknown): Markup {
  return v instanceof Markup ? v : new Markup(typeof v === 'string' ? v : pyStr(v));
}

/** `(Markup if context.eval_ctx.autoescape else identity)(v)`: the flag is the render's, at run time. */
export function markupIf(isOn: boolean, v: unknown): unknown {
  return isOn ? toMarkup(v) : v;
}

export function unknownFilter(name: string): never {
  throw unknownFilterError(name);
}

export function unknownTest(name: string): never {
  throw unknownTestError(name);
}

/** A call costs a unit, or the walk of its receiver and arguments when that is more. */
function chargeCall(self: unknown, args: unknown[]): void {
  let ticks = walkTicks(self);
  for (let i = 0; i < args.length; i++) ticks += walkTicks(args[i]);
  currentBudget().charge(ticks > TICKS_PER_UNIT ? ticks : TICKS_PER_UNIT);
}

/** `f(args)` in a template: a global, a macro, a bound method or `caller`. */
export function callFunction(fn: unknown, args: unknown[], kwargs: Kwargs): unknown {
  chargeCall(undefined, args);
  return guardSize(callValue(fn, args, kwargs));
}

/** list/dict methods that change their receiver. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'reverse', 'sort', 'clear', 'update', 'popitem', 'setdefault']);

/**
 * `obj.name(args)`. Attribute lookup prefers data (`order.items` is the JSON key), but a
 * call of a dict method name still reaches the method, as issue 3 asks.
 */
export function callMethod(obj: unknown, name: string, args: unknown[], kwargs: Kwargs): unknown {
  // str/list methods walk the receiver and their arguments (split, replace, join, format): F4.
  chargeCall(obj, args);
  if (MUTATORS.has(name) && Object.isFrozen(obj) && (isDict(obj) || (Array.isArray(obj) && !isTuple(obj)))) {
    // Context data from load() is deep-frozen: say so, rather than a bare "failed to render" (M2).
    throw new TemplateError(`cannot modify ${isDict(obj) ? 'dict' : 'list'} with ${name}() (read-only context data)`);
  }
  if (anyAbsent(args, kwargs)) return guardSize(callMethodLeniently(obj, name, args, kwargs, (a, k) => callNamed(obj, name, a, k)));
  return guardSize(callNamed(obj, name, args, kwargs));
}

function callNamed(obj: unknown, name: string, args: unknown[], kwargs: Kwargs): unknown {
  const fn = getAttr(obj, name);
  if (!isCallable(fn) && isDict(obj) && Object.hasOwn(DICT_METHODS, name)) {
    return (DICT_METHODS[name] as (self: unknown, a: unknown[], k: Kwargs) => unknown)(obj, args, kwargs);
  }
  return callValue(fn, args, kwargs);
}
