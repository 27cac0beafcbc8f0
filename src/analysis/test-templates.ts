import type { CallInfo, TestOptions } from '../types/index.js';
import { buildTemplateVariables } from '../variables/build-template-variables.js';
import { checkTemplate, type TemplateCheck } from './check.js';

/**
 * The Test report's template checks: each template against what this call would render
 * with (the system variables under the answer's keys; no context after a failure).
 * `unused` speaks only of the answer's keys: nobody sends `current_date`, so its not being
 * read is no news.
 */
export function checkTestTemplates(call: CallInfo, context: Readonly<Record<string, unknown>>, options: TestOptions & { templates: Record<string, string> }): Record<string, TemplateCheck> {
  let variables: Record<string, unknown>;
  try {
    variables = buildTemplateVariables({ call, context: context as Record<string, unknown>, ...(options.timezone === undefined ? {} : { timezone: options.timezone }), ...(options.now === undefined ? {} : { now: options.now }) });
  } catch {
    // A call the client refused already failed the report; check against the answer alone.
    variables = { ...context };
  }
  const out: Record<string, TemplateCheck> = Object.create(null);
  for (const [name, source] of Object.entries(options.templates)) {
    const check = checkTemplate(source, variables);
    check.findings = check.findings.filter((f) => f.kind !== 'unused' || (f.path !== undefined && Object.hasOwn(context, f.path)));
    out[name] = check;
  }
  return out;
}
