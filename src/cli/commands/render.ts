import { mergeContext, renderTemplate } from '../../index.js';
import { checkOneStdin, COMMON_OPTIONS, parseFlags, readFlagFile, readJsonFlag, requireString } from '../args.js';
import { CLOCK_OPTIONS, readClock, templateVariables } from '../clock.js';
import { PLACEHOLDER_AGENT_UUID } from '../endpoint.js';
import { RENDER_HELP } from '../help.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `render`: a template and a JSON file, no network. */
export const renderCommand: Command = {
  name: 'render',
  help: RENDER_HELP,
  async run(argv, output, io) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, ...CLOCK_OPTIONS, template: { type: 'string' }, context: { type: 'string' } });
    output.json = values.json === true;
    const templatePath = requireString(values, 'template');
    const contextPath = requireString(values, 'context');
    checkOneStdin(values, ['template', 'context']);
    const source = readFlagFile(templatePath, 'template', io.readStdin);
    const json = readJsonFlag(contextPath, 'context', io.readStdin);
    const clock = readClock(values);

    try {
      const variables = templateVariables(OFFLINE_CALL, mergeContext(json), clock);
      const text = renderTemplate(source, variables);
      if (output.json) output.printJson({ ok: true, output: text, variables: Object.keys(variables).sort() });
      else output.print(text);
      return EXIT_OK;
    } catch (error) {
      const view = output.failure(error, `render ${templatePath}`);
      if (output.json) output.printJson({ ok: false, error: view });
      return EXIT_FAILURE;
    }
  },
};

/** An offline render has no call: an inbound phone call with placeholder ids stands in. */
export const OFFLINE_CALL = { agentUuid: PLACEHOLDER_AGENT_UUID, direction: 'inbound', medium: 'phone', roomSid: 'cli-render' } as const;
