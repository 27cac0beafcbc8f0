import { checkTemplate, mergeContext, type TemplateCheck } from '../../index.js';
import { checkOneStdin, COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags, readFlagFile, readJsonFlag, requireString, UsageError } from '../args.js';
import { resolveEndpoint } from '../endpoint.js';
import { CLOCK_OPTIONS, readClock, templateVariables } from '../clock.js';
import { CHECK_HELP } from '../help.js';
import { OFFLINE_CALL } from './render.js';
import { describeReportError, type ErrorView, type Output } from '../output.js';
import { runCalls } from '../run-calls.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `check --json` for one context: the `checkTemplate` object, plus the endpoint's error when it failed. */
type CheckResult = TemplateCheck & { contact?: string; fallback?: boolean; error?: ErrorView };

/** `check`: what the caller would hear wrong, before the template is saved. */
export const checkCommand: Command = {
  name: 'check',
  help: CHECK_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS, ...CLOCK_OPTIONS, template: { type: 'string' }, context: { type: 'string' } });
    output.json = values.json === true;
    checkOneStdin(values, ['template', 'context', 'contacts']);
    const templatePath = requireString(values, 'template');
    const name = templatePath === '-' ? 'stdin' : templatePath;
    if (values.context !== undefined && values.endpoint !== undefined) throw new UsageError('use --context FILE or --endpoint URL, not both');
    if (values.context === undefined && values.endpoint === undefined) throw new UsageError('missing --context FILE or --endpoint URL (the data to check the template against)');

    let results: CheckResult[];
    if (typeof values.context === 'string') {
      const json = readJsonFlag(values.context, 'context', io.readStdin);
      const source = readFlagFile(templatePath, 'template', io.readStdin);
      let variables: Record<string, unknown>;
      try {
        variables = mergeContext(json);
      } catch (error) {
        const view = output.failure(error, `context ${values.context}`);
        if (output.json) output.printJson({ ok: false, error: view });
        return EXIT_FAILURE;
      }
      // What the platform renders with: the system variables under the file's keys, as `render` does.
      const check = checkTemplate(source, templateVariables(OFFLINE_CALL, variables, readClock(values)));
      check.findings = check.findings.filter((f) => f.kind !== 'unused' || (f.path !== undefined && Object.hasOwn(variables, f.path)));
      results = [check];
    } else {
      const setup = resolveEndpoint(values, io.env, output, io.readStdin);
      const source = readFlagFile(templatePath, 'template', io.readStdin);
      const runs = await runCalls(setup, output, { [name]: source }, readClock(values));
      results = runs.map(({ contact, report }) => {
        const check = report.templates![name]!;
        if (report.error === undefined) return { contact, ...check };
        // The endpoint failed: the check is of the fallback, and the run is not ok.
        return { contact, ...check, ok: false, fallback: true, error: describeReportError(report.error) };
      });
    }

    const ok = results.every((r) => r.ok);
    if (output.json) output.printJson(results.length === 1 ? results[0] : { ok, results });
    else for (const result of results) printCheck(output, result, name, results.length > 1);
    return ok ? EXIT_OK : EXIT_FAILURE;
  },
};

/** Compiler-style lines (`greeting.j2:1:7: error missing: …`), the render, then a count. */
function printCheck(output: Output, result: CheckResult, name: string, tagged: boolean): void {
  const lines: string[] = [];
  if (tagged) lines.push(output.paint('bold', `=== ${result.contact}`));
  if (result.error !== undefined) {
    lines.push(`${output.paint('red', 'error')} endpoint: ${result.error.message} (${result.error.code})`, `  hint: ${result.error.hint}`);
    lines.push('  the findings below are for the fallback: the template rendered with no context');
  }
  for (const f of result.findings) {
    const at = f.line === undefined ? name : `${name}:${f.line}:${f.column}`;
    const color = f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'dim';
    lines.push(`${at}: ${output.paint(color, f.severity)} ${f.kind}: ${f.message}`);
  }
  if (result.output !== undefined) lines.push(`the caller would hear: ${JSON.stringify(result.output)}`);
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info${result.ok ? ' (ok)' : ''}`);
  output.print(lines.join('\n'));
}
