/**
 * Complexity tests generated from the runtime's own tables (issue 8): every filter, test,
 * global, str/Markup/list/tuple/dict method and operator runs on adversarial inputs at
 * size n and 4n, and its time must grow near-linearly (t(4n)/t(n) < GROWTH_LIMIT, CPU time
 * in one run, confirmed on 4n → 16n when over; see growth.ts). A builtin added to a table without cases here fails the
 * coverage test, so the next builtin cannot regress this unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { FILTERS } from '../../src/template/filters/index.js';
import { GLOBALS } from '../../src/template/globals.js';
import { compileTemplate } from '../../src/template/index.js';
import { OPERATORS } from '../../src/template/parser/operators.js';
import { DICT_METHODS, LIST_METHODS, TUPLE_METHODS } from '../../src/template/runtime/collection-methods.js';
import { MARKUP_METHODS } from '../../src/template/runtime/markup.js';
import { STR_METHODS } from '../../src/template/runtime/str-methods.js';
import { TESTS } from '../../src/template/tests.js';
import { LIST_FILTER_CASES, NUMBER_FILTER_CASES, DICT_METHOD_CASES, LIST_METHOD_CASES, TUPLE_METHOD_CASES } from './cases-collections.js';
import { GLOBAL_CASES, OPERATOR_CASES, TEST_CASES, VOICE_FILTER_CASES } from './cases-other.js';
import { MARKUP_METHOD_CASES, STR_METHOD_CASES, TEXT_FILTER_CASES } from './cases-text.js';
import { GROWTH_LIMIT, describeGrowth, nearLinearGrowth } from './growth.js';
import { DICT_N, LIST_N, TEXT_N, type CaseTable, type ComplexityCase } from './inputs.js';

/** The builtin under test is measured, not the budget: no limit may stop a render here. */
const UNLIMITED = { maxIterations: 1e12, maxRange: 1e9, maxOutputLength: 1e9, maxRenderMs: 1e9, maxCompileMs: 1e9 };

const TABLES: { kind: string; names: readonly string[]; cases: CaseTable; n: number }[] = [
  { kind: 'filter', names: Object.keys(FILTERS), cases: { ...TEXT_FILTER_CASES, ...LIST_FILTER_CASES, ...NUMBER_FILTER_CASES, ...VOICE_FILTER_CASES }, n: TEXT_N },
  { kind: 'test', names: Object.keys(TESTS), cases: TEST_CASES, n: TEXT_N },
  { kind: 'global', names: Object.keys(GLOBALS), cases: GLOBAL_CASES, n: TEXT_N },
  { kind: 'str method', names: Object.keys(STR_METHODS), cases: STR_METHOD_CASES, n: TEXT_N },
  { kind: 'Markup method', names: Object.keys(MARKUP_METHODS), cases: MARKUP_METHOD_CASES, n: TEXT_N },
  { kind: 'list method', names: Object.keys(LIST_METHODS), cases: LIST_METHOD_CASES, n: LIST_N },
  { kind: 'tuple method', names: Object.keys(TUPLE_METHODS), cases: TUPLE_METHOD_CASES, n: LIST_N },
  { kind: 'dict method', names: Object.keys(DICT_METHODS), cases: DICT_METHOD_CASES, n: DICT_N },
  { kind: 'operator', names: OPERATORS, cases: OPERATOR_CASES, n: TEXT_N },
];

describe('complexity cases cover every builtin', () => {
  it.each(TABLES)('has adversarial inputs for every $kind, and none for a $kind that does not exist', ({ names, cases }) => {
    expect(names.filter((name) => !(cases[name]?.length > 0)), 'builtins without an adversarial case').toEqual([]);
    expect(Object.keys(cases).filter((name) => !names.includes(name)), 'cases for builtins that do not exist').toEqual([]);
  });
});

const rows = TABLES.flatMap(({ kind, cases, n }) =>
  Object.entries(cases).flatMap(([name, list]) => list.map((c, i) => ({ label: `${kind} ${name} #${i + 1}`, c, n: c.n ?? n }))),
);

function renderer(c: ComplexityCase, n: number): () => void {
  const template = compileTemplate(c.template, { limits: UNLIMITED });
  const vars = c.input(n);
  return () => {
    try {
      template.render(vars);
    } catch (error) {
      if (c.error === undefined || !isTemplateError(error)) throw error;
    }
  };
}

/** What one render at size n does: '' or the error it throws. */
function outcome(c: ComplexityCase, n: number): string {
  try {
    compileTemplate(c.template, { limits: UNLIMITED }).render(c.input(n));
    return 'ok';
  } catch (error) {
    return (isTemplateError(error) ? `error: ${error.reason}` : `crash: ${String(error)}`).slice(0, 200);
  }
}

describe('builtins grow near-linearly on adversarial inputs', () => {
  it.each(rows)('$label: $c.template', ({ c, n }) => {
    // The case does what it is meant to (a case that always fails early would measure nothing).
    const result = outcome(c, n);
    if (c.error === undefined) expect(result).toBe('ok');
    else expect(result).toMatch(new RegExp(`^error: .*${c.error.source}`));
    const growth = nearLinearGrowth((factor) => renderer(c, factor * n));
    expect(growth.ratio, describeGrowth(growth)).toBeLessThan(GROWTH_LIMIT);
  });
});
