import type { Expr, FilterExpr, Stmt, Target } from '../parser/ast.js';
import { escapeHtml } from '../filters/html.js';
import { truthy } from '../runtime/ops.js';
import { pyStr } from '../runtime/print.js';
import { ExprCompiler } from './expressions.js';
import { Scope, assignedNames } from './scope.js';

/**
 * Statements to JS source. `out` names the JS string the current block appends to
 * (the template's output, a macro's, a captured `set`/`filter` block's).
 */
export abstract class StmtCompiler extends ExprCompiler {
  protected out = 'o';

  abstract forLoop(stmt: Extract<Stmt, { kind: 'for' }>): string;
  abstract macro(stmt: Extract<Stmt, { kind: 'macro' }>): string;
  abstract callBlock(stmt: Extract<Stmt, { kind: 'callblock' }>): string;

  block(body: readonly Stmt[]): string {
    let code = '';
    let text = '';
    for (const stmt of body) {
      this.budget.step();
      const constant = stmt.kind === 'text' ? stmt.text : stmt.kind === 'output' ? this.constText(stmt.value) : null;
      if (constant !== null) {
        text += constant;
        continue;
      }
      if (text !== '') code += `${this.out}+=${JSON.stringify(text)};\n`;
      text = '';
      code += this.statement(stmt);
    }
    if (text !== '') code += `${this.out}+=${JSON.stringify(text)};\n`;
    return code;
  }

  private statement(stmt: Stmt): string {
    switch (stmt.kind) {
      case 'text': return `${this.out}+=${JSON.stringify(stmt.text)};\n`;
      case 'output': return `${this.out}+=${this.output(stmt.value)};\n`;
      case 'if': return this.softly(() => `if(${this.cond(stmt.test)}){\n${this.block(stmt.body)}}${stmt.else.length ? `else{\n${this.block(stmt.else)}}` : ''}\n`);
      case 'set': return this.assign(stmt.target, this.expr(stmt.value));
      case 'setblock': return this.captureInScope(stmt.body, (captured) => this.assign(stmt.target, this.setBlockValue(stmt.filters, captured)));
      // The filters get the body as Markup under autoescape (Jinja2's visit_Filter on a buffer).
      case 'filterblock': return this.captureInScope(stmt.body, (captured) => `${this.out}+=outputValue(${this.applyFilters(stmt.filters, this.markedUp(this.autoescape, captured))});\n`);
      case 'with': return this.withBlock(stmt.targets, stmt.values, stmt.body);
      case 'autoescape': return this.autoescapeBlock(stmt.value, stmt.body);
      case 'for': return this.forLoop(stmt);
      case 'macro': return this.macro(stmt);
      case 'callblock': return this.callBlock(stmt);
    }
  }

  /** `{{ value }}` as a JS string expression; under autoescape, Markup values (macro results…) pass as they are. */
  private output(value: Expr): string {
    const code = this.expr(value);
    if (this.autoescape === false) return `outputValue(${code})`;
    if (this.autoescape === true) return `escapeOutput(${code})`;
    return `(AE?escapeOutput:outputValue)(${code})`;
  }

  /** Output known at compile time. Jinja2 escapes a folded constant before finalize, so `none` prints 'None' there. */
  private constText(value: Expr): string | null {
    if (this.autoescape === false) return this.constOutput(value);
    if (this.autoescape !== true || value.kind !== 'const') return null;
    return escapeHtml(pyStr(value.value));
  }

  /**
   * `{% autoescape expr %}`: a scope of its own (Jinja2's ScopedEvalContextModifier). It also
   * sets the render's flag `AE` for its extent, which macros called inside read.
   */
  private autoescapeBlock(value: Expr, body: readonly Stmt[]): string {
    const saved = this.autoescape;
    const prev = this.fresh('ae');
    const code = `const ${prev}=AE;AE=${this.cond(value)};\n`;
    this.autoescape = saved !== 'AE' && value.kind === 'const' ? truthy(value.value) : 'AE';
    try {
      return `{\n${code}${this.inScope(body, () => '', () => this.block(body))}AE=${prev};\n}\n`;
    } finally {
      this.autoescape = saved;
    }
  }

  /** Jinja2's visit_AssignBlock: `(Markup if context.eval_ctx.autoescape else identity)(filters(body))`. */
  private setBlockValue(filters: FilterExpr[], captured: string): string {
    const filtered = filters.length > 0 ? this.applyFilters(filters, this.markedUp(this.autoescape, captured)) : captured;
    return this.markedUp(this.hasAutoescape && 'AE', filtered);
  }

  private applyFilters(filters: FilterExpr[], input: string): string {
    let code = input;
    for (const f of filters) code = this.filter(f, code);
    return code;
  }

  /** `name = value`, `a, b = value` or `ns.attr = value`, to bindings resolved now. */
  assign(target: Target, value: string): string {
    if (target.kind === 'name') return `${this.resolve(target.name).ident}=${value};\n`;
    if (target.kind === 'nsref') return `${this.mark(target.pos)}setAttr(${this.resolve(target.name).ident},${JSON.stringify(target.attr)},${value});\n`;
    const tmp = this.fresh('u');
    let code = `{${this.markStmt(target.pos)}const ${tmp}=unpack(${value},${target.items.length});\n`;
    target.items.forEach((t, k) => (code += this.assign(t, `${tmp}[${k}]`)));
    return code + '}\n';
  }

  /**
   * Open a scope for `body`: names it assigns become fresh locals, initialised from
   * the enclosing scope (Jinja2: a `set` inside a loop or macro never leaks out).
   * `bind` declares names bound by the construct itself (loop targets, parameters).
   */
  inScope(body: readonly Stmt[], bind: (scope: Scope) => string, gen: () => string): string {
    const outer = this.scope;
    const names = assignedNames(body);
    const inits: string[] = [];
    for (const name of names) inits.push(this.resolve(name).ident);
    const scope = new Scope(outer);
    this.scope = scope;
    const soft = this.soft;
    this.soft = false;
    try {
      let code = bind(scope);
      let k = 0;
      for (const name of names) {
        const init = inits[k++];
        if (scope.vars.has(name)) continue;
        const ident = this.fresh('v');
        scope.vars.set(name, { ident });
        code += `let ${ident}=${init};\n`;
      }
      return code + gen();
    } finally {
      this.scope = outer;
      this.soft = soft;
    }
  }

  /** Render `body` into a fresh string in its own scope; `use` gets that string's identifier. */
  private captureInScope(body: readonly Stmt[], use: (captured: string) => string): string {
    const saved = this.out;
    const buf = this.fresh('o');
    const inner = this.inScope(body, () => `let ${buf}='';\n`, () => {
      this.out = buf;
      try {
        return this.block(body);
      } finally {
        this.out = saved;
      }
    });
    return `{\n${inner}${use(buf)}}\n`;
  }

  private withBlock(targets: Target[], values: Expr[], body: readonly Stmt[]): string {
    // Values are evaluated in the enclosing scope, before any target is bound.
    const temps = values.map(() => this.fresh('w'));
    let code = values.map((v, k) => `const ${temps[k]}=${this.expr(v)};\n`).join('');
    code += this.inScope(body, (scope) => this.bindTargets(scope, targets, temps), () => this.block(body));
    return `{\n${code}}\n`;
  }

  /** Declare the names of `targets` in `scope`, assigned from the JS expressions `values`. */
  bindTargets(scope: Scope, targets: Target[], values: string[]): string {
    let code = '';
    targets.forEach((t, k) => {
      if (t.kind === 'name') {
        const ident = this.fresh('v');
        scope.vars.set(t.name, { ident });
        code += `let ${ident}=${values[k]};\n`;
      } else if (t.kind === 'tuple') {
        const tmp = this.fresh('u');
        code += `${this.markStmt(t.pos)}const ${tmp}=unpack(${values[k]},${t.items.length});\n`;
        code += this.bindTargets(scope, t.items, t.items.map((_, j) => `${tmp}[${j}]`));
      }
    });
    return code;
  }
}
