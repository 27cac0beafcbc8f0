import { TemplateError } from '../errors.js';
import { currentBudget } from './limits.js';
import { PY_NONE, describeCallable, makeTuple, markCallable, type Kwargs, type PyCallable } from './runtime/types.js';

/** A parameter the caller did not pass: the compiled macro then evaluates its default. */
export const MISSING: unique symbol = Symbol('missing');

/** What the compiler learnt about a macro: its parameters and which catch-alls its body uses. */
export interface MacroSpec {
  name: string;
  params: readonly string[];
  /** Number of trailing parameters with defaults. */
  defaultCount: number;
  catchVarargs: boolean;
  catchKwargs: boolean;
  acceptsCaller: boolean;
  /** The body of a `{% call %}` block: Jinja2's nameless Macro (`<Macro anonymous>`). */
  anonymous?: boolean;
}

/**
 * Bind a call to a macro as Jinja2's Macro.__call__ does: positional, then keyword
 * arguments; extra ones only when the body uses `varargs` / `kwargs`; a parameter
 * without default and not passed is undefined (no error, as in Jinja2).
 * Returns params…, then varargs, kwargs, caller.
 */
export function bindMacroArgs(spec: MacroSpec, args: readonly unknown[], kwargs: Kwargs): unknown[] {
  const n = spec.params.length;
  const bound: unknown[] = new Array(n + 3);
  for (let i = 0; i < n; i++) bound[i] = i < args.length ? args[i] : MISSING;
  let extraKwargs: Record<string, unknown> | undefined;
  let caller: unknown;
  if (kwargs !== undefined) {
    for (const key of Object.keys(kwargs)) {
      const i = spec.params.indexOf(key);
      if (i >= 0) {
        if (i < args.length) throw new TemplateError(`macro '${spec.name}' got multiple values for argument '${key}'`);
        bound[i] = kwargs[key];
      } else if (key === 'caller' && spec.acceptsCaller) {
        caller = kwargs[key];
      } else if (spec.catchKwargs) {
        extraKwargs ??= Object.create(null) as Record<string, unknown>;
        extraKwargs[key] = kwargs[key];
      } else {
        throw new TemplateError(`macro '${spec.name}' takes no keyword argument '${key}'`);
      }
    }
  }
  for (let i = 0; i < n - spec.defaultCount; i++) if (bound[i] === MISSING) bound[i] = undefined;
  if (args.length > n && !spec.catchVarargs) {
    throw new TemplateError(`macro '${spec.name}' takes not more than ${n} argument(s)`);
  }
  bound[n] = makeTuple(args.length > n ? args.slice(n) : []);
  bound[n + 1] = extraKwargs ?? Object.create(null);
  bound[n + 2] = caller;
  return bound;
}

/** A compiled macro as a template callable; each call counts against the recursion budget. */
export function makeMacro(spec: MacroSpec, body: (bound: unknown[]) => unknown): PyCallable {
  const macro = markCallable(spec.name, (args, kwargs) => {
    const budget = currentBudget();
    budget.enterCall();
    try {
      return body(bindMacroArgs(spec, args, kwargs));
    } finally {
      budget.leaveCall();
    }
  });
  // The attributes of Jinja2's Macro object that templates can read, and its repr.
  const attrs = {
    name: spec.anonymous ? PY_NONE : spec.name,
    arguments: makeTuple([...spec.params]),
    catch_kwargs: spec.catchKwargs,
    catch_varargs: spec.catchVarargs,
    caller: spec.acceptsCaller,
  };
  return describeCallable(macro, attrs, spec.anonymous ? '<Macro anonymous>' : `<Macro '${spec.name}'>`);
}
