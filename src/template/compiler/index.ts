import { TemplateError, isTemplateError } from '../../errors.js';
import { callValue, getAttr, getItem, iterate, setAttr, sliceValue } from '../runtime/access.js';
import { binary, compare, concat, contains, eq, truthy, unary } from '../runtime/ops.js';
import { concatEscaped } from '../runtime/markup.js';
import { outputValue } from '../runtime/print.js';
import { makeTuple } from '../runtime/types.js';
import type { RenderBudget } from '../limits.js';
import { LoopContext, cycleItem, recurseLoop } from '../loop.js';
import { MISSING, makeMacro } from '../macro.js';
import type { Pos, Stmt } from '../parser/ast.js';
import { TemplateCompiler } from './blocks.js';
import { UNBOUNDED_COMPILE, type CompileBudget } from '../compile-budget.js';
import { assignedNames, hasAutoescape } from './scope.js';
import { callFunction, callMethod, escapeOutput, guardSize, makeDict, markupIf, resolveName, spreadArgs, spreadKwargs, toMarkup, unknownFilter, unknownTest, unpack } from './support.js';

/** What generated code may call, passed in as parameters: the code sees nothing else. */
const RUNTIME = {
  outputValue, truthy, eq, binary, concat, concatEscaped, compare, contains, unary,
  getAttr, getItem, sliceValue, setAttr, callValue, iterate, makeTuple,
  makeDict, callFunction, callMethod, escapeOutput, toMarkup, markupIf, resolveName, unpack, spreadArgs, spreadKwargs, guardSize, unknownFilter, unknownTest,
  LoopContext, cycleItem, recurseLoop, makeMacro, MISSING,
};
const RUNTIME_NAMES = Object.keys(RUNTIME);
const RUNTIME_VALUES = Object.values(RUNTIME);

type Fail = (error: unknown, position: number) => TemplateError;
export type RenderFunction = (vars: Record<string, unknown>, budget: RenderBudget) => string;

/** Compile the AST once into a JS function (string concatenation, locals for template names). */
export function compileAst(ast: Stmt[], source: string, out: { codeLength?: number } = {}, budget: CompileBudget = UNBOUNDED_COMPILE): RenderFunction {
  const compiler = new TemplateCompiler(budget);
  compiler.hasAutoescape = hasAutoescape(ast);
  const rootNames = assignedNames(ast);
  let inits = '';
  for (const name of rootNames) {
    const ident = compiler.fresh('v');
    (compiler as unknown as { scope: { vars: Map<string, { ident: string }> } }).scope.vars.set(name, { ident });
    // Jinja2: a top-level name reads the variable of that name until the template assigns it.
    inits += `let ${ident}=resolveName(ctx,${JSON.stringify(name)});\n`;
  }
  const body = compiler.block(ast);
  if (compiler.hasAutoescape) inits += 'let AE=false;\n';
  for (const [name, ident] of compiler.free) inits += `let ${ident}=resolveName(ctx,${JSON.stringify(name)});\n`;
  const code = `"use strict";\nreturn function render(ctx,B,FAIL){\nlet P=0,T;const MO=B.limits.maxOutputLength;\ntry{\n${inits}let o='';\n${body}if(o.length>MO)B.checkLength(o.length);\nreturn o;\n}catch(e){throw FAIL(e,P);}\n};`;
  // The template cache counts a compiled template's heap from this (src/template/index.ts).
  out.codeLength = code.length;
  // Not `new Function`: V8 keeps every distinct source compiled that way in its eval cache
  // for good (200 dropped templates of 3,000 statements held 35 MB after 64 collections),
  // so no bound of ours would hold. vm.compileFunction bypasses that cache, at the same speed.
  const factory = process.getBuiltinModule('node:vm').compileFunction(code, ['K', ...RUNTIME_NAMES]) as (...args: unknown[]) => (vars: Record<string, unknown>, budget: RenderBudget, fail: Fail) => string;
  budget.check();
  const render = factory(compiler.consts, ...RUNTIME_VALUES);
  const positions = compiler.positions;
  const fail: Fail = (error, position) => toTemplateError(error, positions[position], source);
  return (vars, budget) => render(vars, budget, fail);
}

/** Any fault inside a render becomes a TemplateError at the node that was running; no JS internals leak. */
export function toTemplateError(error: unknown, pos: Pos | undefined, source: string): TemplateError {
  if (isTemplateError(error)) {
    if (error.line > 0 || pos === undefined) return error;
    return new TemplateError(error.reason, { line: pos.line, column: pos.column, source, hint: error.hint, cause: error });
  }
  const reason = error instanceof RangeError
    // V8's own bound on one string or array, hit before ours by a builder that grows in one step.
    ? /Invalid (string|array|typed array) length|Array buffer allocation/.test(error.message) ? 'Template built a value too large'
      : 'Template recursion is too deep'
    // A write to deep-frozen context data outside the list/dict methods (M2).
    : error instanceof TypeError && /read.only|not extensible|Cannot (add|assign|delete)/.test(error.message) ? 'cannot modify read-only context data'
    : 'Template failed to render';
  return new TemplateError(reason, pos === undefined ? {} : { line: pos.line, column: pos.column, source });
}
