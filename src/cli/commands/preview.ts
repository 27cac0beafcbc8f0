import { compileTemplate, type TemplateCheck } from '../../index.js';
import { checkOneStdin, COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags, readFlagFile, requireString } from '../args.js';
import { resolveEndpoint } from '../endpoint.js';
import { CLOCK_OPTIONS, readClock } from '../clock.js';
import { PREVIEW_HELP } from '../help.js';
import { describeReportError, formatMs, roundMs, type ErrorView, type Output } from '../output.js';
import { runCalls, type CallRun } from '../run-calls.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** What `preview --json` prints for one contact (many: `{ ok, results: [...] }`). */
export interface PreviewResult {
  ok: boolean;
  contact: string;
  /** What the caller would hear: the render with the answer, or the fallback render after a failure. */
  output?: string;
  /** True when `output` is the fallback (the endpoint failed, the template rendered with no context). */
  fallback: boolean;
  variables: string[];
  durationMs: number;
  status?: number;
  warnings: string[];
  findings: TemplateCheck['findings'];
  error?: ErrorView;
}

/** `preview`: fetch the context like the platform does, then render a template with it. */
export const previewCommand: Command = {
  name: 'preview',
  help: PREVIEW_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS, ...CLOCK_OPTIONS, template: { type: 'string' } });
    output.json = values.json === true;
    checkOneStdin(values, ['template', 'contacts']);
    const setup = resolveEndpoint(values, io.env, output, io.readStdin);
    const clock = readClock(values);
    const templatePath = requireString(values, 'template');
    const name = templatePath === '-' ? 'stdin' : templatePath;
    const source = readFlagFile(templatePath, 'template', io.readStdin);
    // Compile before going to the network: a syntax error must not wait for (or hide behind) the endpoint.
    try {
      compileTemplate(source);
    } catch (error) {
      const view = output.failure(error, `template ${name}`);
      if (output.json) output.printJson({ ok: false, error: view });
      return EXIT_FAILURE;
    }

    const runs = await runCalls(setup, output, { [name]: source }, clock);
    const results = runs.map((run) => previewResult(run, name));
    if (output.json) output.printJson(results.length === 1 ? results[0] : { ok: results.every((r) => r.ok), results });
    else if (results.length === 1) printOne(output, results[0]!, name);
    else results.forEach((result) => printBlock(output, result, name));
    return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURE;
  },
};

function previewResult({ contact, report }: CallRun, name: string): PreviewResult {
  const check = report.templates?.[name];
  const renderFailure = check?.output === undefined ? check?.findings.find((f) => f.kind === 'render_error' || f.kind === 'unknown_filter') : undefined;
  const error: ErrorView | undefined = report.error !== undefined
    ? describeReportError(report.error)
    : renderFailure === undefined ? undefined : { code: 'template_error', message: renderFailure.message, hint: 'Fix the template: run `dynamic-context check` for every finding.' };
  const result: PreviewResult = {
    ok: error === undefined,
    contact,
    fallback: report.error !== undefined,
    variables: report.variables,
    durationMs: roundMs(report.durationMs),
    warnings: report.warnings,
    findings: check?.findings ?? [],
  };
  if (check?.output !== undefined) result.output = check.output;
  if (report.status !== undefined) result.status = report.status;
  if (error !== undefined) result.error = error;
  return result;
}

/** One contact: the text alone on stdout (pipe-friendly), everything else on stderr. */
function printOne(output: Output, result: PreviewResult, name: string): void {
  for (const warning of result.warnings) output.warn(warning);
  printFindings(output, result, name, '');
  if (result.error !== undefined) output.error(`${result.error.message} (${result.error.code})`, result.error.hint);
  if (result.fallback && result.output !== undefined) output.note('note: the endpoint failed; stdout has the fallback, what the caller hears when there is no context.');
  if (result.output !== undefined) output.print(result.output);
}

/** Many contacts: one block per contact on stdout, warnings on stderr tagged with the contact. */
function printBlock(output: Output, result: PreviewResult, name: string): void {
  const tag = `[${result.contact}] `;
  for (const warning of result.warnings) output.warn(`${tag}${warning}`);
  printFindings(output, result, name, tag);
  if (result.error !== undefined) output.error(`${tag}${result.error.message} (${result.error.code})`, result.error.hint);
  const state = result.ok ? `ok, ${result.status ?? '-'}, ${formatMs(result.durationMs)}` : result.fallback ? `failed (${result.error?.code}), fallback` : `failed (${result.error?.code})`;
  output.print(`${output.paint(result.ok ? 'green' : 'red', `=== ${result.contact}`)}: ${state}\n${result.output ?? '(nothing rendered)'}`);
}

function printFindings(output: Output, result: PreviewResult, name: string, tag: string): void {
  for (const finding of result.findings) {
    // After a failure every path is missing by design; what matters is what the fallback says.
    if (finding.severity === 'info' || (result.fallback && (finding.kind === 'missing' || finding.kind === 'null'))) continue;
    const at = finding.line === undefined ? name : `${name}:${finding.line}:${finding.column}`;
    output.warn(`${tag}${at}: ${finding.message}`);
  }
}
