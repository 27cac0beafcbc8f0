import { createContextClient, renderTemplate, type ContextClient } from '../../index.js';
import { COMMON_OPTIONS, ENDPOINT_OPTIONS, parseFlags, readFlagFile, requireString } from '../args.js';
import { resolveEndpoint } from '../endpoint.js';
import { PREVIEW_HELP } from '../help.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `preview`: fetch the context like the platform does, then render a template with it. */
export const previewCommand: Command = {
  name: 'preview',
  help: PREVIEW_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...ENDPOINT_OPTIONS, template: { type: 'string' } });
    output.json = values.json === true;
    const setup = resolveEndpoint(values, io.env, output);
    const templatePath = requireString(values, 'template');
    // Read before going to the network: a typo in the path should not cost a request.
    const source = readFlagFile(templatePath, 'template');

    const started = performance.now();
    let stage = 'endpoint';
    let client: ContextClient | undefined;
    try {
      const created = createContextClient(setup.config, setup.options);
      client = created;
      const variables = await created.fetch(setup.call);
      const durationMs = Math.round(performance.now() - started);
      stage = `template ${templatePath}`;
      const text = renderTemplate(source, variables);
      if (output.json) output.printJson({ ok: true, output: text, variables: Object.keys(variables).sort(), durationMs });
      else output.print(text);
      return EXIT_OK;
    } catch (error) {
      const view = output.failure(error, stage);
      if (output.json) output.printJson({ ok: false, error: view });
      return EXIT_FAILURE;
    } finally {
      await client?.close();
    }
  },
};
