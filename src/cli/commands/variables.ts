import { createContextClient, mergeContext, type ContextClient } from '../../index.js';
import { COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags, readJsonFlag, UsageError, checkOneStdin } from '../args.js';
import { CLOCK_OPTIONS, readClock, templateVariables } from '../clock.js';
import { contactLabel } from '../contacts.js';
import { resolveEndpoint } from '../endpoint.js';
import { VARIABLES_HELP } from '../help.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/**
 * `variables`: the merged variables a template renders with, values included, so "why
 * did it say 'Hi there'?" has an answer. Sensitive values are redacted by the client and
 * the credentials given to the CLI by its output scrubber.
 */
export const variablesCommand: Command = {
  name: 'variables',
  help: VARIABLES_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS, ...CLOCK_OPTIONS, context: { type: 'string' } });
    const clock = readClock(values);
    output.json = values.json === true;
    checkOneStdin(values, ['context', 'contacts']);
    if (values.context !== undefined && values.endpoint !== undefined) throw new UsageError('use --context FILE or --endpoint URL, not both');
    if (typeof values.context === 'string') {
      try {
        const variables = mergeContext(readJsonFlag(values.context, 'context', io.readStdin));
        output.printJson(output.json ? { ok: true, variables } : variables);
        return EXIT_OK;
      } catch (error) {
        const view = output.failure(error, `context ${values.context}`);
        if (output.json) output.printJson({ ok: false, error: view });
        return EXIT_FAILURE;
      }
    }

    const setup = resolveEndpoint(values, io.env, output, io.readStdin);
    let client: ContextClient | undefined;
    const results: Array<{ ok: boolean; contact: string; variables: Record<string, unknown>; error?: ReturnType<typeof output.failure> }> = [];
    try {
      client = createContextClient({ ...setup.config, cacheTtlMs: 0 }, setup.options);
      for (const [i, call] of setup.calls.entries()) {
        const contact = contactLabel(call, i);
        output.progress(`waiting for the endpoint for ${contact}…`);
        const result = await client.load(call);
        if (result.ok) {
          for (const warning of result.warnings) output.warn(setup.calls.length > 1 ? `[${contact}] ${warning}` : warning);
          // What templates render with: the system variables under the answer's keys.
          results.push({ ok: true, contact, variables: templateVariables(call, result.variables, clock) });
        } else {
          results.push({ ok: false, contact, variables: {}, error: output.failure(result.error, setup.calls.length > 1 ? contact : '') });
        }
      }
    } catch (error) {
      const view = output.failure(error);
      if (output.json) output.printJson({ ok: false, error: view });
      return EXIT_FAILURE;
    } finally {
      output.clearProgress();
      await client?.close();
    }
    const ok = results.every((r) => r.ok);
    if (results.length === 1) output.printJson(output.json ? results[0] : results[0]!.variables);
    else output.printJson(output.json ? { ok, results } : Object.fromEntries(results.map((r) => [r.contact, r.variables])));
    return ok ? EXIT_OK : EXIT_FAILURE;
  },
};
