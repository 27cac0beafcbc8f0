/**
 * fast-check arbitraries for the differential fuzz test: small templates
 * (text, {{ expr }}, if/elif/else, for … else with loop.*, set) over variables
 * that JSON carries faithfully (no integral floats, no integer-like keys),
 * some of them null and some referenced but missing.
 */
import fc from 'fast-check';

export interface FuzzCase {
  template: string;
  vars: Record<string, unknown>;
}

const word = fc.constantFrom('', 'a', 'ab', 'Ann', 'bob', 'x y', ' Hi ', 'VIP', 'é', 'a-b', '3', 'O\'Neil', 'hello world');
const int = fc.integer({ min: -20, max: 20 });
/** Always non-integral, so Python and JavaScript read the same number. */
const float = fc.tuple(fc.integer({ min: -100, max: 100 }), fc.constantFrom(0.5, 0.25, 0.75, 0.125, 0.1, 0.3, 0.05)).map(([i, f]) => i + (i < 0 ? -f : f));
const scalar = fc.oneof(word, int, float, fc.boolean(), fc.constant(null));
const list = fc.array(fc.oneof(word, int, float, fc.constant(null)), { maxLength: 4 });
const inner = fc.record({ x: scalar, tags: list }, { requiredKeys: [] });
const user = fc.record({ name: fc.oneof(word, fc.constant(null)), n: fc.oneof(int, float, fc.constant(null)), inner: fc.oneof(inner, fc.constant(null)), tags: list }, { requiredKeys: [] });

/** Top-level variables; any of them may be absent from a case. */
export const varsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { a: scalar, b: scalar, n: fc.oneof(int, float), s: word, flag: fc.oneof(fc.boolean(), fc.constant(null)), items: fc.oneof(list, fc.constant(null)), user: fc.oneof(user, fc.constant(null)) },
  { requiredKeys: [] },
);

const strLiteral = word.map((w) => `'${w.replace(/'/g, "\\'")}'`);
const numLiteral = fc.oneof(int.map(String), float.map(String));

type Kinds = { num: string; str: string; list: string; bool: string; any: string };

/**
 * Expressions up to a small depth, mostly well-typed (numbers with numbers, text
 * with text) so that most cases render, with some mixing that must raise alike.
 * `extraNames` adds names bound by an enclosing loop.
 */
export function exprArbs(extraNames: string[] = []): { [K in keyof Kinds]: fc.Arbitrary<Kinds[K]> } {
  const extra = extraNames.length ? [fc.constantFrom(...extraNames)] : [];
  return fc.letrec<Kinds>((tie) => ({
    num: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 4, arbitrary: fc.oneof(numLiteral, fc.constantFrom('n', 'user.n', 'a', 'missing', 'user.inner.x', 'items | length', 's | length')) },
      { weight: 3, arbitrary: fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/', '//', '%'), tie('num')).map(([l, op, r]) => `${paren(l)} ${op} ${paren(r)}`) },
      { weight: 2, arbitrary: fc.tuple(tie('num'), fc.constantFrom('round', 'round(1)', "round(0, 'floor')", 'abs', 'int', 'float', "default(7)")).map(([e, f]) => `${paren(e)} | ${f}`) },
      { weight: 1, arbitrary: fc.tuple(tie('num'), tie('bool'), tie('num')).map(([a, c, b]) => `${paren(a)} if ${paren(c)} else ${paren(b)}`) },
      { weight: 1, arbitrary: tie('num').map((e) => `-${paren(e)}`) },
      { weight: 1, arbitrary: fc.tuple(tie('num'), tie('num')).map(([l, r]) => `(${paren(l)} | abs) ** ${paren(r)} if ${paren(r)} is integer and -4 < ${paren(r)} < 4 and ${paren(l)} < 50 else 0`) },
      // A negative base stays out: Jinja2 3.1 compiles `(-2) ** y` to Python `-2 ** y` (see deliberate-differences.json).
    ),
    str: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 4, arbitrary: fc.oneof(strLiteral, fc.constantFrom('s', 'user.name', "user['name']", 'items[0]', 'items[-1]', 'b', 'missing', 'missing.deep', 's[:2]', 's[::-1]')) },
      { weight: 3, arbitrary: fc.tuple(tie('str'), tie('any')).map(([l, r]) => `${paren(l)} ~ ${paren(r)}`) },
      { weight: 3, arbitrary: fc.tuple(tie('str'), fc.constantFrom("default('d')", "default('d', true)", 'upper', 'lower', 'title', 'capitalize', 'trim', "replace('a', 'o')", 'string', 'first', 'last')).map(([e, f]) => `${paren(e)} | ${f}`) },
      { weight: 1, arbitrary: tie('list').map((e) => `${paren(e)} | join(', ')`) },
      { weight: 1, arbitrary: tie('num').map((e) => `${paren(e)} | string`) },
      { weight: 1, arbitrary: fc.tuple(tie('str'), fc.constantFrom('[1:]', '[::-1]', '[-4:]', '[0]', '[:3]')).map(([e, sl]) => `${paren(e)}${sl}`) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("'{:,.2f}'", "'{:05.1f}'", "'{:+}'"), tie('num')).map(([f, e]) => `${f}.format(${e})`) },
      { weight: 1, arbitrary: fc.tuple(tie('list'), fc.constantFrom('min', 'max', 'sum', 'length')).map(([e, f]) => `${paren(e)} | ${f} | string`) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("'%s'", "'%.2f'", "'%d'", "'[%5s]'"), tie('any')).map(([f, e]) => `${f} % ${paren(e)}`) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("'{}'", "'{:.1f}'", "'{:,}'", "'{:>4}'"), tie('any')).map(([f, e]) => `${f}.format(${e})`) },
      { weight: 1, arbitrary: fc.tuple(tie('str'), fc.constantFrom('upper()', 'strip()', "split(' ')", "startswith('a')", "replace('b', 'B')", 'title()')).map(([e, m]) => `${paren(e)}.${m}`) },
      { weight: 1, arbitrary: fc.tuple(tie('str'), tie('bool'), tie('str')).map(([a, c, b]) => `${paren(a)} if ${paren(c)} else ${paren(b)}`) },
    ),
    list: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 4, arbitrary: fc.constantFrom('items', 'user.tags', 'user.inner.tags', "['x', 1]", '[]', 'missing', "[s, n]") },
      { weight: 1, arbitrary: tie('list').map((e) => `${paren(e)} | list`) },
      { weight: 1, arbitrary: tie('str').map((e) => `${paren(e)} | list`) },
      { weight: 2, arbitrary: fc.tuple(tie('list'), fc.constantFrom('sort', 'unique', 'reverse', "reject('none')", "select('string')", "map('string')", 'batch(2) | first', 'slice(2) | list | last', "rejectattr('x')", "map(attribute='x', default='-')")).map(([e, f]) => `${paren(e)} | ${f} | list`) },
      { weight: 1, arbitrary: fc.tuple(tie('list'), fc.constantFrom('[1:]', '[::-1]', '[-2:]', '[::2]')).map(([e, sl]) => `${paren(e)}${sl}`) },
      { weight: 1, arbitrary: fc.constantFrom('[user.inner, user]', "[{'x': 1}, {'x': none}, {}]", "user.values() | list", "user.keys() | list") },
    ),
    bool: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 2, arbitrary: fc.constantFrom('flag', 'true', 'false', 'a', 'missing', 'user', 'items') },
      { weight: 2, arbitrary: fc.tuple(tie('num'), fc.constantFrom('==', '!=', '<', '>', '<=', '>='), tie('num')).map(([l, op, r]) => `${paren(l)} ${op} ${paren(r)}`) },
      { weight: 2, arbitrary: fc.tuple(tie('str'), fc.constantFrom('==', '!=', '<', 'in'), tie('str')).map(([l, op, r]) => `${paren(l)} ${op} ${paren(r)}`) },
      { weight: 1, arbitrary: fc.tuple(tie('any'), tie('list')).map(([l, r]) => `${paren(l)} in ${paren(r)}`) },
      { weight: 1, arbitrary: fc.tuple(tie('any'), fc.constantFrom('==', '!=')).chain(([l, op]) => tie('any').map((r) => `${paren(l)} ${op} ${paren(r)}`)) },
      { weight: 2, arbitrary: fc.tuple(tie('bool'), fc.constantFrom('and', 'or'), tie('bool')).map(([l, op, r]) => `${paren(l)} ${op} ${paren(r)}`) },
      { weight: 1, arbitrary: tie('bool').map((e) => `not ${paren(e)}`) },
      { weight: 1, arbitrary: fc.tuple(tie('any'), fc.constantFrom('defined', 'undefined', 'none', 'string', 'number')).map(([e, t]) => `${paren(e)} is ${t}`) },
    ),
    any: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 3, arbitrary: tie('num') },
      { weight: 3, arbitrary: tie('str') },
      { weight: 1, arbitrary: tie('list') },
      { weight: 2, arbitrary: tie('bool') },
      ...extra.map((arbitrary) => ({ weight: 2, arbitrary })),
      // Deliberately untyped: type errors must raise in both, the rest must agree.
      { weight: 1, arbitrary: fc.tuple(tie('any'), fc.constantFrom('+', '-', '*', '~', '<', 'and', 'or'), tie('any')).map(([l, op, r]) => `${paren(l)} ${op} ${paren(r)}`) },
      { weight: 1, arbitrary: fc.tuple(tie('any'), fc.constantFrom('length', 'first', 'last', 'upper', 'int', 'string', 'round', "join('-')")).map(([e, f]) => `${paren(e)} | ${f}`) },
    ),
  }));
}

function paren(e: string): string {
  return /^[\w.[\]']+$/.test(e) ? e : `(${e})`;
}

const text = fc.constantFrom('', ' ', 'Hi ', ', ', '!', '\n', ' - ', 'x', '\n  ');
const dash = fc.constantFrom('', '', '', '-');

function node(depth: number, names: string[]): fc.Arbitrary<string> {
  const expr = exprArbs(names);
  const output = fc.tuple(dash, expr.any, dash).map(([l, e, r]) => `{{${l} ${e} ${r}}}`);
  if (depth <= 0) return fc.oneof(text, output);
  const body = fc.array(node(depth - 1, names), { minLength: 1, maxLength: 2 }).map((parts) => parts.join(''));
  const loopNames = [...names, 'it', 'loop.index', 'loop.last', 'loop.first', 'loop.revindex', 'loop.previtem', "loop.cycle('odd', 'even')", 'loop.changed(it)', 'loop.length'];
  const loopBody = fc.array(node(depth - 1, loopNames), { minLength: 1, maxLength: 2 }).map((parts) => parts.join(''));
  // An `if` test and a `for` sequence cannot hold a bare conditional expression: parenthesise.
  const test = fc.oneof(expr.bool, expr.any).map(paren);
  const ifBlock = fc
    .tuple(test, body, fc.option(fc.tuple(test, body), { nil: undefined }), fc.option(body, { nil: undefined }), dash)
    .map(([c, t, elif, els, d]) => `{%${d} if ${c} %}${t}${elif ? `{% elif ${elif[0]} %}${elif[1]}` : ''}${els !== undefined ? `{% else %}${els}` : ''}{% endif ${d}%}`);
  const sequence = fc.oneof(expr.list, expr.str, fc.constantFrom('user', 'user.inner', 'flag')).map(paren);
  const forBlock = fc
    .tuple(sequence, loopBody, fc.option(body, { nil: undefined }))
    .chain(([seq, b, els]) => dash.map((d) => `{% for it in ${seq} ${d}%}${b}${els !== undefined ? `{%${d} else %}${els}` : ''}{%${d} endfor %}`));
  const setBlock = fc.tuple(expr.any, body, dash).map(([e, b, d]) => `{%${d} set v = ${e} ${d}%}${b}{{ v }}`);
  const macroBody = fc.array(node(depth - 1, [...names, 'p', 'q']), { minLength: 1, maxLength: 2 }).map((parts) => parts.join(''));
  const macroBlock = fc
    .tuple(macroBody, expr.any, fc.option(expr.any, { nil: undefined }))
    .map(([b, x, y]) => `{% macro mm(p, q='dq') %}${b}{% endmacro %}{{ mm(${x}${y === undefined ? '' : `, ${y}`}) }}`);
  const withBlock = fc.tuple(expr.any, body).map(([e, b]) => `{% with w = ${e} %}${b}{{ w }}{% endwith %}`);
  const filterBlock = fc.tuple(fc.constantFrom('upper', 'trim', 'title', "replace('a', '@')"), body).map(([f, b]) => `{% filter ${f} %}${b}{% endfilter %}`);
  const counter = sequence.map((seq) => `{% set ns = namespace(c=0) %}{% for it in ${seq} %}{% set ns.c = ns.c + 1 %}{% endfor %}{{ ns.c }}`);
  return fc.oneof({ weight: 3, arbitrary: text }, { weight: 4, arbitrary: output }, { weight: 2, arbitrary: ifBlock }, { weight: 2, arbitrary: forBlock }, { weight: 1, arbitrary: setBlock }, { weight: 1, arbitrary: macroBlock }, { weight: 1, arbitrary: withBlock }, { weight: 1, arbitrary: filterBlock }, { weight: 1, arbitrary: counter });
}

export const templateArb: fc.Arbitrary<string> = fc.array(node(2, []), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.record({ template: templateArb, vars: varsArb });
