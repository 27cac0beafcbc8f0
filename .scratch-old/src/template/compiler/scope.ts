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
  /** Autoescape where the loop is written: Jinja2 returns `loop(…)` as Markup under it. */
  autoescape: Autoescape;
}

/**
 * `{% autoescape %}` in effect where code is compiled: false, true, or 'AE' inside a block
 * whose value is known only at run time (Jinja2's volatile evaluation context, sticky for
 * every block nested in it), where the generated code reads the render's flag `AE`.
 */
export type Autoescape = boolean | 'AE';

export interface Binding {
  ident: string;
  loop?: LoopInfo;
  /** Set when the name is read (macro catch-alls `varargs`/`kwargs`/`caller`). */
  used?: boolean;
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

/** Whether any `{% autoescape %}` block occurs: only then does the render keep a run-time flag. */
export function hasAutoescape(body: readonly Stmt[]): boolean {
  return body.some((s) => s.kind === 'autoescape' || ('body' in s && hasAutoescape(s.body)) || ((s.kind === 'if' || s.kind === 'for') && hasAutoescape(s.else)));
}

export function targetNames(target: Target, into: Set<string>): Set<string> {
  if (target.kind === 'name') into.add(target.name);
  else if (target.kind === 'tuple') for (const t of target.items) targetNames(t, into);
  return into;
}
