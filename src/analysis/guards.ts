import type { Expr } from '../template/parser/ast.js';

/**
 * The data paths known to be present (defined, not none) when `test` evaluates to
 * `outcome`: `{% if customer.first_name %}` guards `customer.first_name` in its body,
 * `{% if x is not defined %}…{% else %}` guards `x` in the else branch.
 */
export function guardedPaths(test: Expr, outcome: boolean, pathOf: (e: Expr) => string | null): Set<string> {
  const out = new Set<string>();
  collect(test, outcome, pathOf, out);
  return out;
}

function collect(e: Expr, outcome: boolean, pathOf: (e: Expr) => string | null, out: Set<string>): void {
  switch (e.kind) {
    case 'not':
      return collect(e.value, !outcome, pathOf, out);
    case 'and':
      // Both sides held only when the whole was true.
      if (outcome) (collect(e.left, true, pathOf, out), collect(e.right, true, pathOf, out));
      return;
    case 'or':
      if (!outcome) (collect(e.left, false, pathOf, out), collect(e.right, false, pathOf, out));
      return;
    case 'test': {
      const path = pathOf(e.value);
      if (path === null) return;
      // `is defined` / `is not none` hold the value present; any other test passing means it is there.
      if (e.name === 'undefined' || e.name === 'none') {
        if (!outcome) out.add(path);
      } else if (outcome) out.add(path);
      return;
    }
    case 'compare': {
      const path = pathOf(e.first);
      // `tier == "VIP"` or `tier in [...]` true: the value is there.
      if (path !== null && outcome && e.ops.every(([op]) => op !== '!=' && op !== 'notin')) out.add(path);
      return;
    }
    default: {
      const path = pathOf(e);
      if (path !== null && outcome) out.add(path);
    }
  }
}
