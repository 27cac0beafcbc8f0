import type { TestReport } from '../../index.js';
import { checkOneStdin, COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags, readFlagFile, UsageError } from '../args.js';
import { resolveEndpoint } from '../endpoint.js';
import { TEST_HELP } from '../help.js';
import { describeReportError, formatMs, roundMs, type Output } from '../output.js';
import { runCalls, type CallRun } from '../run-calls.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `test`: the agent editor's Test button, from a terminal. */
export const testCommand: Command = {
  name: 'test',
  help: TEST_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS, template: { type: 'string', multiple: true } });
    output.json = values.json === true;
    checkOneStdin(values, ['contacts']);
    const setup = resolveEndpoint(values, io.env, output, io.readStdin);
    const paths = (values.template as string[] | undefined) ?? [];
    if (paths.includes('-') && values.contacts === '-') throw new UsageError('only one of --template, --contacts can read standard input (-)');
    const templates = paths.length === 0 ? undefined : Object.fromEntries(paths.map((path) => [path === '-' ? 'stdin' : path, readFlagFile(path, 'template', io.readStdin)]));

    const runs = (await runCalls(setup, output, templates)).map((run) => ({ ...run, report: rounded(run.report) }));
    const ok = runs.every((run) => run.report.ok);
    if (output.json) output.printJson(runs.length === 1 ? runs[0]!.report : { ok, results: runs.map(({ contact, report }) => ({ contact, ...report })) });
    else if (runs.length === 1) printReport(output, runs[0]!.report);
    else printTable(output, runs);
    return ok ? EXIT_OK : EXIT_FAILURE;
  },
};

/** Every duration with one decimal, as everywhere else in the CLI. */
function rounded(report: TestReport): TestReport {
  const durationMs = roundMs(report.durationMs);
  if (report.ok) return { ...report, durationMs };
  return { ...report, durationMs, error: { ...report.error, hint: describeReportError(report.error).hint } };
}

/** The report as rows on stdout; the error and its hint once, on stderr. */
function printReport(output: Output, report: TestReport): void {
  const rows: Array<[string, string]> = [
    ['ok', report.ok ? output.paint('green', 'yes') : output.paint('red', 'no')],
    ['status', report.status === undefined ? '-' : String(report.status)],
    ['duration', formatMs(report.durationMs)],
    ['size', formatBytes(report.responseBytes)],
    ['variables', report.variables.length ? `${report.variables.join(', ')} (${report.variables.length})` : '(none)'],
  ];
  rows.push(['warnings', report.warnings.length ? report.warnings.join('\n           ') : '(none)']);
  const timings = Object.entries(report.timings ?? {}).map(([phase, ms]) => `${phase.replace(/Ms$/, '').replace('firstByte', 'first byte')} ${formatMs(ms)}`);
  if (timings.length > 0) rows.push(['timings', timings.join(', ')]);
  if (report.request !== undefined) {
    const { method, url, headers, body } = report.request;
    rows.push(['request', [`${method} ${url}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), body].join('\n           ')]);
  }
  for (const [name, check] of Object.entries(report.templates ?? {})) {
    const findings = check.findings.filter((f) => f.severity !== 'info');
    const lines = findings.map((f) => `${f.severity} ${f.line === undefined ? '' : `${f.line}:${f.column} `}${f.message}`);
    rows.push([name.length > 10 ? 'template' : name, findings.length === 0 ? `${name}: no problems` : [`${name}:`, ...lines].join('\n           ')]);
  }
  output.print(rows.map(([name, value]) => `${name.padEnd(10)} ${value}`).join('\n'));
  if (report.error) output.error(`${report.error.message} (${report.error.code})`, report.error.hint);
}

/** Many contacts: one line each, side by side, then the hint of each failure. */
function printTable(output: Output, runs: CallRun[]): void {
  const width = Math.max(7, ...runs.map((r) => r.contact.length));
  const lines = [`${'contact'.padEnd(width)}  ok   status  duration     size       variables / error`];
  for (const { contact, report } of runs) {
    const tail = report.error ? `${report.error.code}: ${report.error.message}` : report.variables.join(', ') || '(none)';
    lines.push(`${contact.padEnd(width)}  ${(report.ok ? 'yes' : 'no').padEnd(3)}  ${String(report.status ?? '-').padEnd(6)}  ${formatMs(report.durationMs).padEnd(11)}  ${shortBytes(report.responseBytes).padEnd(9)}  ${tail}`);
  }
  for (const { contact, report } of runs) {
    if (report.error) lines.push(`hint for ${contact}: ${report.error.hint}`);
    for (const warning of report.warnings) lines.push(`warning for ${contact}: ${warning}`);
  }
  output.print(lines.join('\n'));
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}

function shortBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
