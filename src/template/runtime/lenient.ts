/**
 * Calls in the lenient dialect (../shared/jinja-oracle/README.md, "Arguments of filters
 * and methods"): an undefined or null argument for a parameter that has a default counts
 * as not given, and where a filter or method then still fails on a missing value, the
 * result is undefined instead of an error. A wrong type between defined values still fails.
 */
import { isTemplateError } from '../../errors.js';
import { Markup, type FilterFunction, type Kwargs } from './types.js';

/** Undefined (a missing name, attribute or item) or null (JSON null, `none`, a method's None). */
export function isAbsent(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/** True when any of the arguments is absent. */
export function anyAbsent(args: readonly unknown[], kwargs: Kwargs): boolean {
  for (let i = 0; i < args.length; i++) if (args[i] === undefined || args[i] === null) return true;
  if (kwargs !== undefined) for (const key in kwargs) if (kwargs[key] === undefined || kwargs[key] === null) return true;
  return false;
}

/**
 * A failure that stays one whatever data is missing: a limit of the render (work, output,
 * time, depth, range size; every limit's message says what was exceeded), or an unknown
 * filter or test named in a call (`map(f)`, `select('nope')`).
 */
export function isLimitError(error: unknown): boolean {
  return isTemplateError(error) && /exceed|^No (filter|test) named/i.test(error.reason);
}

/** Set while a filter binds its arguments: absent values of parameters with defaults take the default. */
let absentTakesDefault = false;

/** Read by bindArgs: whether an absent argument counts as not given right now. */
export function absentArgumentsTakeDefaults(): boolean {
  return absentTakesDefault;
}

/** Filters whose arguments are values, not options: `default`'s fallback is data. */
const VALUE_ARGUMENT_FILTERS = new Set(['default', 'd']);

/**
 * Jinja2's filter `fn`, lenient: absent arguments take their parameter's default, and a
 * failure (not a limit) while the value or an argument is absent gives undefined.
 */
export function lenientFilter(name: string, fn: FilterFunction): FilterFunction {
  const options = !VALUE_ARGUMENT_FILTERS.has(name);
  return (value, args, kwargs) => {
    const absent = value === undefined || value === null || anyAbsent(args, kwargs);
    if (!absent) return fn(value, args, kwargs);
    const saved = absentTakesDefault;
    absentTakesDefault = options && anyAbsent(args, kwargs);
    try {
      return fn(value, args, kwargs);
    } catch (error) {
      if (!isTemplateError(error) || isLimitError(error)) throw error;
      return undefined;
    } finally {
      absentTakesDefault = saved;
    }
  };
}

/**
 * Defaults of Python's str, list and dict methods that have a signature Python can read
 * (`inspect.signature`): position → default, and keyword → default where the parameter
 * may be named. Methods without one (`count`, `find`, `startswith`…) are in NO_SIGNATURE.
 */
const STR_DEFAULTS: Record<string, { positional: Record<number, unknown>; keywords?: Record<string, unknown> }> = {
  center: { positional: { 1: ' ' } },
  ljust: { positional: { 1: ' ' } },
  rjust: { positional: { 1: ' ' } },
  lstrip: { positional: { 0: null } },
  rstrip: { positional: { 0: null } },
  strip: { positional: { 0: null } },
  replace: { positional: { 2: -1 } },
  split: { positional: { 0: null, 1: -1 }, keywords: { sep: null, maxsplit: -1 } },
  rsplit: { positional: { 0: null, 1: -1 }, keywords: { sep: null, maxsplit: -1 } },
  splitlines: { positional: { 0: false }, keywords: { keepends: false } },
  expandtabs: { positional: { 0: 8 }, keywords: { tabsize: 8 } },
};
const LIST_DEFAULTS: typeof STR_DEFAULTS = {
  index: { positional: { 1: 0, 2: Number.MAX_SAFE_INTEGER } },
  pop: { positional: { 0: -1 } },
  sort: { positional: {}, keywords: { key: null, reverse: false } },
};
const DICT_DEFAULTS: typeof STR_DEFAULTS = {
  get: { positional: { 1: null } },
  setdefault: { positional: { 1: null } },
  fromkeys: { positional: { 1: null } },
};

/** str methods Python cannot introspect: an undefined argument makes them fail (so: undefined). */
const NO_SIGNATURE = new Set(['count', 'find', 'rfind', 'index', 'rindex', 'startswith', 'endswith']);

/** str methods whose arguments are values to put in the text, not options. */
const TEXT_METHODS = new Set(['format', 'format_map', 'join']);

function defaultsOf(obj: unknown, name: string): (typeof STR_DEFAULTS)[string] | undefined {
  const table = typeof obj === 'string' || obj instanceof Markup ? STR_DEFAULTS : Array.isArray(obj) ? LIST_DEFAULTS : typeof obj === 'object' && obj !== null ? DICT_DEFAULTS : undefined;
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * `obj.name(args)` with an absent argument: defaults for absent options, then the call;
 * a failure (not a limit) gives undefined. `call` performs the method call itself.
 */
export function callMethodLeniently(obj: unknown, name: string, args: unknown[], kwargs: Kwargs, call: (args: unknown[], kwargs: Kwargs) => unknown): unknown {
  const isText = typeof obj === 'string' || obj instanceof Markup;
  if (isText && TEXT_METHODS.has(name)) return call(args, kwargs);
  if (isText && NO_SIGNATURE.has(name) && args.some((a) => a === undefined)) return undefined;
  const defaults = defaultsOf(obj, name);
  if (defaults !== undefined) {
    args = args.map((a, i) => (isAbsent(a) && Object.hasOwn(defaults.positional, i) ? defaults.positional[i] : a));
    if (kwargs !== undefined && defaults.keywords !== undefined) {
      const named = Object.assign(Object.create(null), kwargs) as Record<string, unknown>;
      for (const key of Object.keys(named)) if (isAbsent(named[key]) && Object.hasOwn(defaults.keywords, key)) named[key] = defaults.keywords[key];
      kwargs = named;
    }
  }
  try {
    return call(args, kwargs);
  } catch (error) {
    if (!isTemplateError(error) || isLimitError(error) || !anyAbsent(args, kwargs)) throw error;
    return undefined;
  }
}
