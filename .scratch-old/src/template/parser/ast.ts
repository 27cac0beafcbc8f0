/** The template AST our parser builds from nunjucks' tokens. Positions are 1-based. */

export interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | { kind: 'const'; value: unknown; pos: Pos }
  | { kind: 'name'; name: string; pos: Pos }
  | { kind: 'tuple'; items: Expr[]; pos: Pos }
  | { kind: 'list'; items: Expr[]; pos: Pos }
  | { kind: 'dict'; pairs: Array<[Expr, Expr]>; pos: Pos }
  | { kind: 'getattr'; obj: Expr; attr: string; pos: Pos }
  | { kind: 'getitem'; obj: Expr; key: Expr; pos: Pos }
  | { kind: 'slice'; obj: Expr; start: Expr | null; stop: Expr | null; step: Expr | null; pos: Pos }
  | CallExpr
  | FilterExpr
  | { kind: 'test'; value: Expr; name: string; args: Args; pos: Pos }
  | { kind: 'not'; value: Expr; pos: Pos }
  | { kind: 'unary'; op: '-' | '+'; value: Expr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { kind: 'concat'; items: Expr[]; pos: Pos }
  | { kind: 'compare'; first: Expr; ops: Array<[CompareOp, Expr]>; pos: Pos }
  | { kind: 'and' | 'or'; left: Expr; right: Expr; pos: Pos }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr | null; pos: Pos };

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';

export interface Args {
  positional: Expr[];
  keywords: Array<[string, Expr]>;
  star: Expr | null;
  starstar: Expr | null;
}

export interface CallExpr {
  kind: 'call';
  fn: Expr;
  args: Args;
  pos: Pos;
}

/** `value | name(args)`; `value` is null in `{% filter %}` blocks and `{% set x | f %}`. */
export interface FilterExpr {
  kind: 'filter';
  value: Expr | null;
  name: string;
  args: Args;
  pos: Pos;
}

/** Assignment targets: a name, a namespace attribute, or a (nested) tuple of names. */
export type Target =
  | { kind: 'name'; name: string; pos: Pos }
  | { kind: 'nsref'; name: string; attr: string; pos: Pos }
  | { kind: 'tuple'; items: Target[]; pos: Pos };

export interface MacroSignature {
  params: string[];
  defaults: Expr[];
}

export type Stmt =
  | { kind: 'text'; text: string; pos: Pos }
  | { kind: 'output'; value: Expr; pos: Pos }
  | { kind: 'if'; test: Expr; body: Stmt[]; else: Stmt[]; pos: Pos }
  | ForStmt
  | { kind: 'set'; target: Target; value: Expr; pos: Pos }
  | { kind: 'setblock'; target: Target; filters: FilterExpr[]; body: Stmt[]; pos: Pos }
  | { kind: 'macro'; name: string; sig: MacroSignature; body: Stmt[]; pos: Pos }
  | { kind: 'callblock'; call: CallExpr; sig: MacroSignature; body: Stmt[]; pos: Pos }
  | { kind: 'filterblock'; filters: FilterExpr[]; body: Stmt[]; pos: Pos }
  | { kind: 'with'; targets: Target[]; values: Expr[]; body: Stmt[]; pos: Pos }
  | { kind: 'autoescape'; value: Expr; body: Stmt[]; pos: Pos };

export interface ForStmt {
  kind: 'for';
  target: Target;
  iter: Expr;
  test: Expr | null;
  recursive: boolean;
  body: Stmt[];
  else: Stmt[];
  pos: Pos;
}
