import { checkTemplate, createContextClient, isContextError, type CallInfo, type ContextClient, type TestReport } from '../index.js';
import { contactLabel } from './contacts.js';
import type { EndpointSetup } from './endpoint.js';
import type { Output } from './output.js';

/** One call's Test report, with the label the output shows for it. */
export interface CallRun {
  contact: string;
  call: CallInfo;
  report: TestReport;
}

/**
 * Runs the editor's Test for each call in turn (one at a time: a preview must not load
 * the customer's endpoint), with a progress line on a terminal while each one waits.
 */
export async function runCalls(setup: EndpointSetup, output: Output, templates?: Record<string, string>, clock?: { timezone?: string; now?: number }): Promise<CallRun[]> {
  const runs: CallRun[] = [];
  let client: ContextClient;
  try {
    client = createContextClient(setup.config, setup.options);
  } catch (error) {
    if (!isContextError(error)) throw error;
    // A config refused at construction gets the same report shape as a failed exchange.
    const { code, message, hint, status } = error;
    const report: TestReport = { ok: false, durationMs: 0, responseBytes: 0, variables: [], warnings: [], error: { code, message, hint, ...(status === undefined ? {} : { status }) } };
    return setup.calls.map((call, i) => ({ contact: contactLabel(call, i), call, report: withTemplates(report, templates) }));
  }
  const origin = safeOrigin(setup.config.endpoint);
  try {
    for (const [i, call] of setup.calls.entries()) {
      const contact = contactLabel(call, i);
      const of = setup.calls.length > 1 ? ` (${i + 1}/${setup.calls.length})` : '';
      output.progress(`waiting for ${origin} for ${contact}${of}…`);
      const report = await client.test(call, templates === undefined ? undefined : { templates, ...clock });
      runs.push({ contact, call, report });
    }
  } finally {
    output.clearProgress();
    await client.close();
  }
  return runs;
}

/** A report made without a client still checks the templates, against no context. */
function withTemplates(report: TestReport, templates: Record<string, string> | undefined): TestReport {
  if (templates === undefined) return report;
  return { ...report, templates: Object.fromEntries(Object.entries(templates).map(([name, source]) => [name, checkTemplate(source, {})])) };
}

function safeOrigin(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'the endpoint';
  }
}
