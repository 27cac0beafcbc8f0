import { createContextClient, isContextError, type ContextClient, type TestReport } from '../../index.js';
import { COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags } from '../args.js';
import { resolveEndpoint } from '../endpoint.js';
import { TEST_HELP } from '../help.js';
import { withFlagHint, type Output } from '../output.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `test`: the agent editor's Test button, from a terminal. */
export const testCommand: Command = {
  name: 'test',
  help: TEST_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS });
    output.json = values.json === true;
    const setup = resolveEndpoint(values, io.env, output);

    let client: ContextClient | undefined;
    let report: TestReport;
    try {
      const created = createContextClient(setup.config, setup.options);
      client = created;
      report = await created.test(setup.call);
    } catch (error) {
      if (!isContextError(error)) throw error;
      // A config refused at construction gets the same report shape as a failed exchange.
      const { code, message, hint, status } = error;
      report = { ok: false, durationMs: 0, responseBytes: 0, variables: [], warnings: [], error: { code, message, hint, ...(status === undefined ? {} : { status }) } };
    } finally {
      await client?.close();
    }

    if (output.json) output.printJson(report);
    else printReport(output, report);
    if (report.ok) return EXIT_OK;
    const error = report.error;
    output.error(error ? `${error.message} (${error.code})` : 'the endpoint test failed', error && withFlagHint(error.code, error.message, error.hint));
    return EXIT_FAILURE;
  },
};

function printReport(output: Output, report: TestReport): void {
  const rows: Array<[string, string]> = [
    ['ok', report.ok ? 'yes' : 'no'],
    ['status', report.status === undefined ? '-' : String(report.status)],
    ['duration', `${Math.round(report.durationMs)} ms`],
    ['size', formatBytes(report.responseBytes)],
    ['variables', report.variables.length ? `${report.variables.join(', ')} (${report.variables.length})` : '(none)'],
  ];
  if (report.error) rows.push(['error', `${report.error.code}: ${report.error.message}`], ['hint', report.error.hint]);
  rows.push(['warnings', report.warnings.length ? report.warnings.join('\n           ') : '(none)']);
  output.print(rows.map(([name, value]) => `${name.padEnd(10)} ${value}`).join('\n'));
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}
