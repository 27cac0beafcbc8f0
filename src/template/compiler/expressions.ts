import { FILTERS } from '../filters/index.js';
import { TESTS } from '../tests.js';
import { outputValue } from '../runtime/print.js';
import { PyFloat, makeTuple } from '../runtime/types.js';
import type { Args, CallExpr, Expr, FilterExpr, Pos } from '../parser/ast.js';
import { unknownFilterError, unknownTestError } from '../unknown-names.js';
import { Scope, type Autoescape, type Binding, type LoopInfo } from './scope.js';
import { UNBOUNDED_COMPILE, type CompileBudget } from '../compile-budget.js';
import { ZONED_FILTERS } from '../time/render-clock.js';

const INLINE_LOOP_ATTRS = new Set(['index', 'index0', 'revindex', 'revindex0', 'first', 'last', 'length', 'depth', 'depth0', 'previtem', 'nextitem']);
/** Filters that never walk their input (O(1)): one unit, not priced by size, so `items | length` stays cheap. */
const CONSTANT_TIME_FILTERS = new Set(['default', 'd', 'length', 'count', 'attr', 'safe', 'abs', 'round', 'boolean']);
/** Filters that return Markup in Jinja2 when the render's autoescape flag is on (pass_eval_context). */
const MARKUP_FILTERS = new Set(['urlize', 'xmlattr']);
const CMP: Record<string, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Expressions to JS source. Every template name or string reaches the generated code
 * only through JSON.stringify (as a string literal) or the constants table `K`; JS
 * identifiers in the output are all generated here (`v12`, `t3`).
 */
export class ExprCompiler {
  readonly consts: unknown[] = [];
  private readonly constIndex = new Map<unknown, number>();
  readonly positions: Pos[] = [];
  /** Free names (not bound by the template) → root locals filled from the variables. */
  readonly free = new Map<string, string>();
  protected scope: Scope = new Scope(null);
  /** Inside an `if` or conditional expression: unknown filters/tests fail only when reached (Jinja2's soft frames). */
  protected soft = false;
  /** `{% autoescape %}` in effect here (lexically). */
  protected autoescape: Autoescape = false;
  /**
   * The template has an `{% autoescape %}` block, so the render keeps Jinja2's run-time flag
   * (`context.eval_ctx.autoescape`) in the local `AE`; without one, nothing reads or sets it.
   */
  hasAutoescape = false;
  private counter = 0;

  constructor(protected readonly budget: CompileBudget = UNBOUNDED_COMPILE) {}

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /**
   * `~` is Jinja2's markup_join under a constant `{% autoescape true %}`: plain parts are
   * escaped once any part is Markup. Under a run-time value Jinja2's joined result
   * is plain text (escaped whole on output), so plain concat matches it there.
   */
  private concatFn(): string {
    return this.autoescape === true ? 'concatEscaped' : 'concat';
  }

  constant(value: unknown): string {
    // A map, not consts.indexOf: a linear search per constant made compiling quadratic (issue 8).
    let i = this.constIndex.get(value);
    if (i === undefined) this.constIndex.set(value, (i = this.consts.push(value) - 1));
    return `K[${i}]`;
  }

  /** `P=n,`: remembers the position for error messages; one integer store at run time. */
  mark(pos: Pos): string {
    return `P=${this.positions.push(pos) - 1},`;
  }

  /** `P=n;` before a statement. */
  markStmt(pos: Pos): string {
    return `P=${this.positions.push(pos) - 1};`;
  }

  literal(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number' && Number.isFinite(value)) return value < 0 ? `(${value})` : String(value);
    if (typeof value === 'boolean' || value === null) return String(value);
    if (value === undefined) return 'undefined';
    return this.constant(value);
  }

  resolve(name: string): Binding {
    const bound = this.scope.lookup(name);
    if (bound !== undefined) {
      bound.used = true;
      return bound;
    }
    let ident = this.free.get(name);
    if (ident === undefined) {
      ident = this.fresh('f');
      this.free.set(name, ident);
    }
    return { ident };
  }

  loopContext(loop: LoopInfo): string {
    loop.contextUsed = true;
    return loop.context;
  }

  expr(e: Expr): string {
    this.budget.step();
    switch (e.kind) {
      case 'const': return this.literal(e.value);
      case 'name': {
        const b = this.resolve(e.name);
        return b.loop ? this.loopContext(b.loop) : b.ident;
      }
      case 'tuple': return e.items.every((i) => i.kind === 'const') ? this.constant(this.constTuple(e.items)) : `makeTuple([${this.list(e.items)}])`;
      case 'list': return `[${this.list(e.items)}]`;
      case 'dict': return `makeDict([${e.pairs.map(([k, v]) => `${this.expr(k)},${this.expr(v)}`).join(',')}])`;
      case 'getattr': return this.getattr(e.obj, e.attr, e.pos);
      case 'getitem': return `(${this.mark(e.pos)}getItem(${this.expr(e.obj)},${this.expr(e.key)}))`;
      case 'slice': return `(${this.mark(e.pos)}sliceValue(${this.expr(e.obj)},${this.opt(e.start)},${this.opt(e.stop)},${this.opt(e.step)}))`;
      case 'call': return this.call(e);
      case 'filter': return this.filter(e, null);
      case 'test': return this.cond(e);
      case 'not': return `!${this.cond(e.value)}`;
      case 'unary':
        if (e.value.kind === 'const' && typeof e.value.value === 'number') return this.literal(e.op === '-' ? -e.value.value : e.value.value);
        if (e.value.kind === 'const' && e.value.value instanceof PyFloat) return this.literal(new PyFloat(e.op === '-' ? -e.value.value.value : e.value.value.value));
        return `(${this.mark(e.pos)}B.op(),unary(${JSON.stringify(e.op)},${this.expr(e.value)}))`;
      case 'binary': {
        const code = `binary(${JSON.stringify(e.op)},${this.expr(e.left)},${this.expr(e.right)})`;
        return `(${this.mark(e.pos)}B.op(),${e.op === '+' || e.op === '*' ? `guardSize(${code})` : code})`;
      }
      case 'concat': return `(${this.mark(e.pos)}B.op(),guardSize(${e.items.map((i) => this.expr(i)).reduce((a, b) => `${this.concatFn()}(${a},${b})`)}))`;
      case 'compare': return this.cond(e);
      // Python's `and`/`or` yield an operand; one temp per function is enough because the
      // operand is read right after the test, before anything else can reassign it.
      case 'and': return `(T=${this.expr(e.left)},truthy(T)?${this.expr(e.right)}:T)`;
      case 'or': return `(T=${this.expr(e.left)},truthy(T)?T:${this.expr(e.right)})`;
      case 'cond': return this.softly(() => `(${this.cond(e.test)}?${this.expr(e.then)}:${e.else ? this.expr(e.else) : 'undefined'})`);
    }
  }

  /** An expression as a JS boolean (if tests, `not`, `and`/`or` in a test). */
  cond(e: Expr): string {
    switch (e.kind) {
      case 'const': return e.value === true || e.value === false ? String(e.value) : `truthy(${this.expr(e)})`;
      case 'not': return `!${this.cond(e.value)}`;
      case 'and': return `(${this.cond(e.left)}&&${this.cond(e.right)})`;
      case 'or': return `(${this.cond(e.left)}||${this.cond(e.right)})`;
      case 'test': return `(${this.mark(e.pos)}${this.testFn(e.name, e.pos)}(${this.charged(this.expr(e.value))},${this.args(e.args)}))`;
      case 'compare': return this.compare(e.first, e.ops, e.pos);
      default: return `truthy(${this.expr(e)})`;
    }
  }

  protected softly<R>(fn: () => R): R {
    const saved = this.soft;
    this.soft = true;
    try {
      return fn();
    } finally {
      this.soft = saved;
    }
  }

  private compare(first: Expr, ops: Array<[string, Expr]>, pos: Pos): string {
    // Each comparison is an operation: a unit, plus a tick per item its walk visits.
    const one = (op: string, a: string, b: string): string => {
      if (op === '==') return `(B.op(),eq(${a},${b}))`;
      if (op === '!=') return `(B.op(),!eq(${a},${b}))`;
      if (op === 'in') return `(B.op(),contains(${b},${a}))`;
      if (op === 'notin') return `(B.op(),!contains(${b},${a}))`;
      return `(B.op(),compare(${JSON.stringify(CMP[op])},${a},${b}))`;
    };
    if (ops.length === 1) return `(${this.mark(pos)}${one(ops[0][0], this.expr(first), this.expr(ops[0][1]))})`;
    // Chained: each middle operand is evaluated once, and later ones only while true.
    const temps = ops.map(() => this.fresh('c'));
    let code = '';
    ops.forEach(([op, operand], k) => {
      const left = k === 0 ? this.expr(first) : temps[k - 1];
      code += `${k > 0 ? '&&' : ''}(${temps[k]}=${this.expr(operand)},${one(op, left, temps[k])})`;
    });
    return `((${temps.join(',')})=>(${this.mark(pos)}${code}))()`;
  }

  private constTuple(items: Expr[]): readonly unknown[] {
    return makeTuple(items.map((i) => (i as { value: unknown }).value));
  }

  private list(items: Expr[]): string {
    return items.map((i) => this.expr(i)).join(',');
  }

  private opt(e: Expr | null): string {
    return e === null ? 'null' : this.expr(e);
  }

  private getattr(obj: Expr, attr: string, pos: Pos): string {
    if (obj.kind === 'name') {
      const b = this.resolve(obj.name);
      if (b.loop && INLINE_LOOP_ATTRS.has(attr)) return inlineLoopAttr(b.loop, attr);
    }
    return `(${this.mark(pos)}getAttr(${this.expr(obj)},${JSON.stringify(attr)}))`;
  }

  private call(e: CallExpr): string {
    const fn = e.fn;
    if (fn.kind === 'name') {
      const b = this.resolve(fn.name);
      if (b.loop?.recurse) return this.markedUp(b.loop.autoescape, `(${this.mark(e.pos)}recurseLoop(${b.loop.recurse},${this.args(e.args)},${b.loop.depth}))`);
    }
    if (fn.kind === 'getattr' && fn.attr === 'cycle' && fn.obj.kind === 'name') {
      const b = this.resolve(fn.obj.name);
      if (b.loop && e.args.star === null && e.args.keywords.length === 0) return `(${this.mark(e.pos)}cycleItem(${b.loop.index},[${this.list(e.args.positional)}]))`;
    }
    // `x.items()`: a method call reaches the Python method even when the data has an `items` key.
    if (fn.kind === 'getattr') return `(${this.mark(e.pos)}callMethod(${this.expr(fn.obj)},${JSON.stringify(fn.attr)},${this.args(e.args)}))`;
    return `(${this.mark(e.pos)}callFunction(${this.expr(fn)},${this.args(e.args)}))`;
  }

  /** `value | f(args)`; `input` replaces the value (filter blocks pass the captured body). */
  filter(e: FilterExpr, input: string | null): string {
    let value = input ?? (e.value === null ? 'undefined' : this.expr(e.value));
    value = CONSTANT_TIME_FILTERS.has(e.name) ? `B.counted(${value})` : this.charged(value);
    // Builders with no fixed bound (join, format, center…) check before building; the result
    // check catches fixed-factor growth (escape, urlencode, upper) in one place for every filter.
    const code = `(${this.mark(e.pos)}guardSize(${this.filterFn(e.name, e.pos)}(${value},${this.args(e.args, this.templateZone(e))})))`;
    return this.hasAutoescape && MARKUP_FILTERS.has(e.name) ? this.markedUp('AE', code) : code;
  }

  /**
   * A date filter given no zone formats in the render's `timezone` variable, which it reads
   * from the render's variables; a `timezone` the template itself binds (`set`, `with`, a
   * loop or macro parameter) is not there, so it is passed as the argument.
   */
  private templateZone(e: FilterExpr): [string, string] | undefined {
    const position = ZONED_FILTERS.get(e.name);
    if (position === undefined || this.scope.lookup('timezone') === undefined) return undefined;
    const { positional, keywords, star, starstar } = e.args;
    if (positional.length > position || star !== null || starstar !== null || keywords.some(([k]) => k === 'timezone')) return undefined;
    return ['timezone', this.expr({ kind: 'name', name: 'timezone', pos: e.pos })];
  }

  /** `value` as Markup when `autoescape` is on: known now (true/false) or read from the render's flag. */
  markedUp(autoescape: Autoescape, value: string): string {
    if (autoescape === false) return value;
    return autoescape === true ? `toMarkup(${value})` : `markupIf(AE,${value})`;
  }

  /** Positional array and kwargs object, as `args, kwargs` source. */
  args(a: Args, extra?: [string, string]): string {
    let positional = `[${this.list(a.positional)}]`;
    if (a.star !== null) positional = `spreadArgs(${positional},${this.expr(a.star)})`;
    const pairs = a.keywords.map(([k, v]) => `[${JSON.stringify(k)}]:${this.expr(v)}`);
    if (extra) pairs.push(`[${JSON.stringify(extra[0])}]:${extra[1]}`);
    // Computed keys: a literal "__proto__" key would set the prototype instead of a property.
    let kwargs = pairs.length > 0 ? `{__proto__:null,${pairs.join(',')}}` : 'undefined';
    if (a.starstar !== null) kwargs = `spreadKwargs(${kwargs},${this.expr(a.starstar)})`;
    return `${positional},${kwargs}`;
  }

  /** Builtins walk their input: charge its size so the work budget bounds them (F4). */
  private charged(value: string): string {
    return `B.charged(${value})`;
  }

  private filterFn(name: string, pos: Pos): string {
    if (Object.hasOwn(FILTERS, name)) return this.constant(FILTERS[name]);
    if (this.soft) return `unknownFilter(${JSON.stringify(name)})`;
    throw unknownFilterError(name, pos);
  }

  private testFn(name: string, pos: Pos): string {
    if (Object.hasOwn(TESTS, name)) return this.constant(TESTS[name]);
    if (this.soft) return `unknownTest(${JSON.stringify(name)})`;
    throw unknownTestError(name, pos);
  }

  /** Text of a constant output, computed at compile time. */
  constOutput(e: Expr): string | null {
    return e.kind === 'const' ? outputValue(e.value) : null;
  }
}

function inlineLoopAttr(loop: LoopInfo, attr: string): string {
  const { items, index: i, length: n } = loop;
  switch (attr) {
    case 'index': return `(${i}+1)`;
    case 'index0': return i;
    case 'revindex': return `(${n}-${i})`;
    case 'revindex0': return `(${n}-${i}-1)`;
    case 'first': return `(${i}===0)`;
    case 'last': return `(${i}===${n}-1)`;
    case 'length': return n;
    case 'depth': return loop.depth;
    case 'depth0': return `(${loop.depth}-1)`;
    case 'previtem': return `(${i}>0?${items}[${i}-1]:undefined)`;
    default: return `(${i}<${n}-1?${items}[${i}+1]:undefined)`;
  }
}
