import type { Stmt, Target } from '../parser/ast.js';

/** How a `for` loop's `loop` variable is compiled: plain counters unless used as a value. */
export interface LoopInfo {
  items: string;
  index: string;
  length: string;
  /** JS expression of the 1-based depth. */
  depth: string;
  /** Identifier of the LoopContext, declared only when `used` turns true. */
  context: string;
  contextUsed: boolean;
  /** Identifier of the loop function of a `recursive` loop. */
  recurse: string | null;
}

export interface Binding {
  ident: string;
  loop?: LoopInfo;
  /** Set when the name is read (macro catch-alls `varargs`/`kwargs`/`caller`). */
  used?: boolean;
  /** A macro or `caller`: its result is Markup in Jinja2, so autoescape leaves it alone. */
  isMacro?: boolean;
  /** Assigned only by `{% set %}…{% endset %}` under autoescape so far: Jinja2 stores Markup there. */
  isMarkup?: boolean;
  /** Assigned by anything else: never Markup again (the analysis is per name, not per path). */
  isPlain?: boolean;
}

/** A compile-time scope: template names mapped to JS locals. Names never become JS identifiers. */
export class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const b = s.vars.get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }
}

/** Names a statement list assigns in its own scope (`if` shares the scope; loops, macros, with… do not). */
export function assignedNames(body: readonly Stmt[], into = new Set<string>()): Set<string> {
  for (const stmt of body) {
    switch (stmt.kind) {
      case 'set':
      case 'setblock':
        targetNames(stmt.target, into);
        break;
      case 'macro':
        into.add(stmt.name);
        break;
      case 'if':
        assignedNames(stmt.body, into);
        assignedNames(stmt.else, into);
        break;
      default:
        break;
    }
  }
  return into;
}

export function targetNames(target: Target, into: Set<string>): Set<string> {
  if (target.kind === 'name') into.add(target.name);
  else if (target.kind === 'tuple') for (const t of target.items) targetNames(t, into);
  return into;
}
