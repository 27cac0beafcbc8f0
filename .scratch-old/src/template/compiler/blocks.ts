import type { CallExpr, MacroSignature, Stmt } from '../parser/ast.js';
import type { MacroSpec } from '../macro.js';
import type { Binding, LoopInfo } from './scope.js';
import { StmtCompiler } from './statements.js';

type ForStmt = Extract<Stmt, { kind: 'for' }>;

/** Loops, macros and call blocks: the constructs that compile to their own JS loop or function. */
export class TemplateCompiler extends StmtCompiler {
  forLoop(stmt: ForStmt): string {
    const iter = this.expr(stmt.iter);
    if (!stmt.recursive) return `{\n${this.loopBody(stmt, iter, '1', null)}}\n`;
    // A recursive loop is a local function so that `loop(children)` can re-enter it.
    const fn = this.fresh('L');
    const arg = this.fresh('r');
    const depth = this.fresh('d');
    const saved = this.out;
    const out = this.fresh('o');
    this.out = out;
    let body: string;
    try {
      body = this.loopBody(stmt, arg, depth, fn);
    } finally {
      this.out = saved;
    }
    return `{const ${fn}=(${arg},${depth})=>{let ${out}='';\n${body}return ${out};};\n${this.out}+=${fn}(${iter},1);}\n`;
  }

  private loopBody(stmt: ForStmt, iter: string, depth: string, recurse: string | null): string {
    const items = this.fresh('it');
    const i = this.fresh('i');
    const n = this.fresh('n');
    const loop: LoopInfo = { items, index: i, length: n, depth, context: this.fresh('lc'), contextUsed: false, recurse, autoescape: this.autoescape };
    let code = stmt.test === null ? `${this.markStmt(stmt.iter.pos)}const ${items}=iterate(${iter});\n` : this.filtered(stmt, iter, items);
    const body = this.inScope(
      stmt.body,
      (scope) => {
        scope.vars.set('loop', { ident: loop.context, loop });
        return this.bindTargets(scope, [stmt.target], [`${items}[${i}]`]);
      },
      () => this.block(stmt.body),
    );
    code += `const ${n}=${items}.length;\n`;
    if (loop.contextUsed) code += `const ${loop.context}=new LoopContext(${items},${depth},undefined);\n`;
    code += `for(let ${i}=0;${i}<${n};${i}++){\nB.chargeIterations(1);\n`;
    if (loop.contextUsed) code += `${loop.context}.index0=${i};\n`;
    code += `${body}if(${this.out}.length>MO)B.checkLength(${this.out}.length);\n}\n`;
    if (stmt.else.length > 0) code += `if(${n}===0){\n${this.inScope(stmt.else, () => '', () => this.block(stmt.else))}}\n`;
    return code;
  }

  /** `for x in items if test`: filter first, so `loop.length` and `loop.index` count kept items only. */
  private filtered(stmt: ForStmt, iter: string, items: string): string {
    const all = this.fresh('all');
    const j = this.fresh('j');
    const test = stmt.test!;
    const keep = this.inScope([], (scope) => this.bindTargets(scope, [stmt.target], [`${all}[${j}]`]), () => `if(${this.cond(test)})${items}.push(${all}[${j}]);\n`);
    return `${this.markStmt(stmt.iter.pos)}const ${all}=iterate(${iter}),${items}=[];\nfor(let ${j}=0;${j}<${all}.length;${j}++){\nB.chargeIterations(1);\n${keep}}\n`;
  }

  macro(stmt: Extract<Stmt, { kind: 'macro' }>): string {
    return `${this.mark(stmt.pos)}${this.resolve(stmt.name).ident}=${this.macroFunction(stmt.name, stmt.sig, stmt.body)};\n`;
  }

  callBlock(stmt: Extract<Stmt, { kind: 'callblock' }>): string {
    const caller = this.fresh('cl');
    const call: CallExpr = stmt.call;
    let code = `{const ${caller}=${this.macroFunction('caller', stmt.sig, stmt.body, true)};\n`;
    code += `${this.out}+=outputValue((${this.mark(call.pos)}callValue(${this.expr(call.fn)},${this.args(call.args, ['caller', caller])})));}\n`;
    return code;
  }

  /** A macro body as `makeMacro(spec, (a) => …)`; the spec records the catch-alls the body used. */
  private macroFunction(name: string, sig: MacroSignature, body: readonly Stmt[], anonymous = false): string {
    const bound = this.fresh('a');
    const out = this.fresh('o');
    const n = sig.params.length;
    const firstDefault = n - sig.defaults.length;
    const specials: Binding[] = [];
    const saved = this.out;
    const code = this.inScope(
      body,
      (scope) => {
        let c = `let ${out}='',T;\n`;
        sig.params.forEach((param, k) => {
          const ident = this.fresh('p');
          const value = `${bound}[${k}]`;
          // Defaults are evaluated at call time and see the parameters before them.
          const init = k >= firstDefault ? `${value}===MISSING?${this.expr(sig.defaults[k - firstDefault])}:${value}` : value;
          c += `let ${ident}=${init};\n`;
          scope.vars.set(param, { ident });
        });
        ['varargs', 'kwargs', 'caller'].forEach((special, k) => {
          if (sig.params.includes(special)) return;
          const binding: Binding = { ident: `${bound}[${n + k}]` };
          specials[k] = binding;
          scope.vars.set(special, binding);
        });
        return c;
      },
      () => {
        this.out = out;
        try {
          return this.block(body);
        } finally {
          this.out = saved;
        }
      },
    );
    const spec: MacroSpec = {
      name,
      params: sig.params,
      defaultCount: sig.defaults.length,
      catchVarargs: specials[0]?.used === true,
      catchKwargs: specials[1]?.used === true,
      acceptsCaller: specials[2]?.used === true,
      anonymous,
    };
    // Jinja2's Macro._invoke: Markup when the render's flag is on at the call.
    return `makeMacro(${this.constant(spec)},(${bound})=>{\n${code}return ${this.markedUp(this.hasAutoescape && 'AE', out)};})`;
  }
}
