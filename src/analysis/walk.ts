import { GLOBALS } from '../template/globals.js';
import type { Args, Expr, FilterExpr, MacroSignature, Pos, Stmt, Target } from '../template/parser/ast.js';
import { assignedNames } from '../template/compiler/scope.js';
import { guardedPaths } from './guards.js';
import { isPathPrefix } from './resolve.js';

/** One read of a data path, where it happens and whether a default or a test covers it. */
export interface PathRead {
  path: string;
  line: number;
  column: number;
  covered: boolean;
  /**
   * Shorter paths tested around this read (`customer` in `{% if customer %}{{ customer.first_name }}`):
   * when one of them is absent, the read does not happen.
   */
  guardedBy: string[];
}

/** A filter or test name used by the template (known or not). */
export interface NameUse {
  name: string;
  line: number;
  column: number;
}

/** Everything the analysis learns from one walk over the AST. */
export interface TemplateWalk {
  reads: PathRead[];
  filters: NameUse[];
  tests: NameUse[];
}

/** A template-defined name; `alias` is the data path it stands for (`o` in `for o in orders` → `orders[]`). */
type Scope = Map<string, string | null>;

const DEFAULT_FILTERS = new Set(['default', 'd']);
/** Tests that check presence: a read under them is a guard, not a use. */
const PRESENCE_TESTS = new Set(['defined', 'undefined', 'none']);
/** Filters whose result holds the same items, so a loop over them still walks the path's items. */
const ITEM_PRESERVING = new Set(['sort', 'reverse', 'list', 'unique', 'select', 'reject', 'selectattr', 'rejectattr']);

/** Walks our own AST (src/template/parser) and collects data paths, filters and tests. */
export function walkTemplate(ast: readonly Stmt[]): TemplateWalk {
  const walker = new Walker();
  walker.block(ast, new Map());
  return { reads: walker.reads, filters: walker.filters, tests: walker.tests };
}

class Walker {
  readonly reads: PathRead[] = [];
  readonly filters: NameUse[] = [];
  readonly tests: NameUse[] = [];
  private scopes: Scope[] = [];
  private guards: Array<ReadonlySet<string>> = [];

  block(body: readonly Stmt[], scope: Scope): void {
    // A name a scope assigns anywhere is the template's own, also before the assignment.
    for (const name of assignedNames(body)) if (!scope.has(name)) scope.set(name, null);
    this.scopes.push(scope);
    for (const stmt of body) this.stmt(stmt);
    this.scopes.pop();
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'text': return;
      case 'output': return this.expr(s.value);
      case 'if': {
        const { whenTrue, whenFalse } = this.guardsOf(s.test);
        this.guarded(new Set([...whenTrue, ...whenFalse]), () => this.expr(s.test));
        this.guarded(whenTrue, () => this.stmts(s.body));
        this.guarded(whenFalse, () => this.stmts(s.else));
        return;
      }
      case 'for': {
        this.expr(s.iter, s.else.length > 0);
        const inner: Scope = new Map([['loop', null]]);
        const items = this.itemsPath(s.iter);
        this.bind(inner, s.target, items === null ? null : `${items}[]`);
        this.scopes.push(inner);
        if (s.test !== null) this.expr(s.test);
        this.scopes.pop();
        this.block(s.body, inner);
        this.stmts(s.else);
        return;
      }
      case 'set':
        this.expr(s.value);
        return this.bind(this.top(), s.target, this.pathOf(s.value));
      case 'setblock':
        for (const f of s.filters) this.filter(f);
        this.block(s.body, new Map());
        return this.bind(this.top(), s.target, null);
      case 'macro':
        this.top().set(s.name, null);
        return this.callable(s.sig, s.body, ['varargs', 'kwargs', 'caller']);
      case 'callblock':
        this.expr(s.call);
        return this.callable(s.sig, s.body, []);
      case 'filterblock':
        for (const f of s.filters) this.filter(f);
        return this.block(s.body, new Map());
      case 'with': {
        s.values.forEach((v) => this.expr(v));
        const inner: Scope = new Map();
        s.targets.forEach((t, i) => this.bind(inner, t, s.values[i] === undefined ? null : this.pathOf(s.values[i]!)));
        return this.block(s.body, inner);
      }
      case 'autoescape':
        this.expr(s.value);
        return this.block(s.body, new Map());
    }
  }

  /** Statements in the current scope (an `if` shares its scope). */
  private stmts(body: readonly Stmt[]): void {
    for (const stmt of body) this.stmt(stmt);
  }

  private callable(sig: MacroSignature, body: readonly Stmt[], implicit: string[]): void {
    sig.defaults.forEach((d) => this.expr(d));
    const inner: Scope = new Map();
    for (const name of [...sig.params, ...implicit]) inner.set(name, null);
    this.block(body, inner);
  }

  expr(e: Expr, covered = false): void {
    const path = this.pathOf(e);
    if (path !== null) return this.record(path, rootPos(e), covered);
    switch (e.kind) {
      case 'const': return;
      case 'name': return; // a template-defined name or a global
      // `{...}[time_of_day] | default("")`: the default covers the lookup's parts too.
      case 'getattr': return this.expr(e.obj, covered);
      case 'getitem': return (this.expr(e.obj, covered), this.expr(e.key, covered));
      case 'slice': return (this.expr(e.obj, covered), [e.start, e.stop, e.step].forEach((x) => x && this.expr(x)));
      case 'tuple':
      case 'list':
      case 'concat': return e.items.forEach((x) => this.expr(x));
      case 'dict': return e.pairs.forEach(([k, v]) => (this.expr(k), this.expr(v)));
      // A method call (`name.upper()`) reads the receiver's path.
      case 'call': return (this.expr(e.fn.kind === 'getattr' ? e.fn.obj : e.fn), this.args(e.args));
      case 'filter': return this.filter(e, covered);
      case 'test':
        this.tests.push(use(e.name, e.pos));
        this.expr(e.value, PRESENCE_TESTS.has(e.name));
        return this.args(e.args);
      case 'not':
      case 'unary': return this.expr(e.value);
      case 'binary': return (this.expr(e.left), this.expr(e.right));
      case 'compare': return (this.expr(e.first), e.ops.forEach(([, x]) => this.expr(x)));
      case 'and': {
        this.expr(e.left);
        return this.guarded(this.guardsOf(e.left).whenTrue, () => this.expr(e.right));
      }
      case 'or': {
        // `name or "there"`: the left side is read with a fallback.
        this.expr(e.left, true);
        return this.guarded(this.guardsOf(e.left).whenFalse, () => this.expr(e.right));
      }
      case 'cond': {
        const { whenTrue, whenFalse } = this.guardsOf(e.test);
        this.guarded(new Set([...whenTrue, ...whenFalse]), () => this.expr(e.test));
        this.guarded(whenTrue, () => this.expr(e.then));
        if (e.else !== null) this.guarded(whenFalse, () => this.expr(e.else!));
        return;
      }
    }
  }

  private filter(f: FilterExpr, covered = false): void {
    this.filters.push(use(f.name, f.pos));
    if (f.value !== null) this.expr(f.value, covered || DEFAULT_FILTERS.has(f.name));
    this.args(f.args);
  }

  private args(a: Args): void {
    a.positional.forEach((x) => this.expr(x));
    a.keywords.forEach(([, x]) => this.expr(x));
    if (a.star) this.expr(a.star);
    if (a.starstar) this.expr(a.starstar);
  }

  /** The dotted data path `e` reads, or null when it is not a plain path of the context's data. */
  pathOf(e: Expr): string | null {
    switch (e.kind) {
      case 'name': {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
          const scope = this.scopes[i]!;
          if (scope.has(e.name)) return scope.get(e.name)!;
        }
        return Object.hasOwn(GLOBALS, e.name) ? null : e.name;
      }
      case 'getattr': {
        const base = this.pathOf(e.obj);
        return base === null ? null : `${base}.${e.attr}`;
      }
      case 'getitem': {
        const base = this.pathOf(e.obj);
        if (base === null || e.key.kind !== 'const') return null;
        const key = e.key.value;
        if (typeof key === 'string') return `${base}.${key}`;
        return typeof key === 'number' ? `${base}[]` : null;
      }
      default:
        return null;
    }
  }

  /** The path whose items a `for` walks: `orders`, also through `orders | sort(...)` or `orders[:3]`. */
  private itemsPath(iter: Expr): string | null {
    if (iter.kind === 'filter' && ITEM_PRESERVING.has(iter.name) && iter.value !== null) return this.itemsPath(iter.value);
    if (iter.kind === 'slice') return this.itemsPath(iter.obj);
    return this.pathOf(iter);
  }

  private guardsOf(test: Expr): { whenTrue: ReadonlySet<string>; whenFalse: ReadonlySet<string> } {
    return { whenTrue: guardedPaths(test, true, (e) => this.pathOf(e)), whenFalse: guardedPaths(test, false, (e) => this.pathOf(e)) };
  }

  private guarded(paths: ReadonlySet<string>, run: () => void): void {
    this.guards.push(paths);
    try {
      run();
    } finally {
      this.guards.pop();
    }
  }

  private record(path: string, pos: Pos, covered: boolean): void {
    const isGuarded = this.guards.some((g) => g.has(path));
    const guardedBy = new Set<string>();
    for (const g of this.guards) for (const p of g) if (p !== path && isPathPrefix(p, path)) guardedBy.add(p);
    this.reads.push({ path, line: pos.line, column: pos.column, covered: covered || isGuarded, guardedBy: [...guardedBy] });
  }

  private bind(scope: Scope, target: Target, alias: string | null): void {
    if (target.kind === 'name') scope.set(target.name, alias);
    else if (target.kind === 'tuple') for (const t of target.items) this.bind(scope, t, null);
  }

  private top(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }
}

/** Where a path starts: `customer` in `customer.first_name`, not the dot. */
function rootPos(e: Expr): Pos {
  while (e.kind === 'getattr' || e.kind === 'getitem') e = e.obj;
  return e.pos;
}

function use(name: string, pos: Pos): NameUse {
  return { name, line: pos.line, column: pos.column };
}
