// Type-level test of the public surface, checked by `tsc --noEmit` (tsconfig includes test/;
// test/package/types.test.ts fails if a .test-d.ts file ever drops out of that). Each
// `@ts-expect-error` fails the check when the error it expects goes away.
import {
  compileTemplate,
  createContextClient,
  MAX_CONTEXT_DEPTH,
  MAX_CONTEXT_NODES,
  renderTemplate,
  type ContextErrorCode,
  type ContextResult,
  type ContextValue,
  type ContextVariables,
  type TestReport,
  type TestReportError,
} from '../../src/index.js';
import * as templateEntry from '../../src/entries/template.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

// renderTemplate accepts interfaces, not only index-signature records.
interface Customer {
  first_name: string;
  tier?: 'VIP' | 'standard';
}
interface Vars {
  customer: Customer;
  orders: readonly { total: number }[];
}
declare const vars: Vars;
export const fromInterface: string = renderTemplate('Hi {{ customer.first_name }}', vars);
export const compiled: string = compileTemplate('{{ orders | length }}').render(vars);
export const fromTemplateEntry: string = templateEntry.renderTemplate('Hi', vars);
// @ts-expect-error a string is not a variable table
renderTemplate('Hi', 'customer');

// Loaded variables are read-only all the way down, and render as they are.
declare const result: ContextResult;
if (result.ok) {
  renderTemplate('{{ customer.first_name }}', result.variables);
  // @ts-expect-error top-level keys are read-only
  result.variables.y = 2;
  const customer = result.variables.customer;
  if (typeof customer === 'object' && customer !== null && !Array.isArray(customer)) {
    const record = customer as ContextVariables;
    // @ts-expect-error nested objects are read-only too
    record.first_name = 'Eve';
  }
  const orders = result.variables.orders;
  if (Array.isArray(orders)) {
    // @ts-expect-error arrays are read-only
    (orders as readonly ContextValue[]).push(1);
  }
} else {
  const code: ContextErrorCode = result.error.code;
  // @ts-expect-error a failed load's variables are empty
  renderTemplate(code, { x: result.variables.x.length });
}
const client = createContextClient({ endpoint: 'https://crm.example.com/context' });
export async function fetched(): Promise<void> {
  const variables = await client.fetch({ agentUuid: 'a', direction: 'inbound', roomSid: 'r' });
  // @ts-expect-error fetch's variables are read-only as well
  variables.x = 1;
}

// TestReport is a discriminated union on `ok`: only a failed report has an error, always.
export type ReportChecks = [
  Assert<Equals<Extract<TestReport, { ok: true }>['error'], undefined>>,
  Assert<Equals<Extract<TestReport, { ok: false }>['error'], TestReportError>>,
];
export function hintOf(report: TestReport): string {
  // Narrowing on `ok` is enough: no `?.`, no `!`.
  return report.ok ? 'passed' : report.error.hint;
}
// @ts-expect-error a passed report cannot carry an error
export const contradictory: TestReport = { ok: true, durationMs: 1, responseBytes: 0, variables: [], warnings: [], error: { code: 'timeout', message: '', hint: '' } };
// @ts-expect-error a failed report must carry its error
export const silent: TestReport = { ok: false, durationMs: 1, responseBytes: 0, variables: [], warnings: [] };

// The limits the JSDoc of mergeContext links to are exported, so the links resolve.
export type Limits = [Assert<Equals<typeof MAX_CONTEXT_DEPTH, 64>>, Assert<Equals<typeof MAX_CONTEXT_NODES, 100_000>>];
