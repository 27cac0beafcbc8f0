import { mergeContext, renderTemplate } from '../../index.js';
import { COMMON_OPTIONS, parseFlags, readFlagFile, requireString, UsageError } from '../args.js';
import { RENDER_HELP } from '../help.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

/** `render`: a template and a JSON file, no network. */
export const renderCommand: Command = {
  name: 'render',
  help: RENDER_HELP,
  async run(argv, output) {
    const values = parseFlags(argv, { ...COMMON_OPTIONS, template: { type: 'string' }, context: { type: 'string' } });
    output.json = values.json === true;
    const templatePath = requireString(values, 'template');
    const contextPath = requireString(values, 'context');
    const source = readFlagFile(templatePath, 'template');
    const json = parseJsonFile(readFlagFile(contextPath, 'context'), contextPath);

    try {
      const variables = mergeContext(json);
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

function parseJsonFile(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The parser's own message quotes file content; the position-free form is enough here.
    throw new UsageError(`--context file ${path} is not valid JSON`, 'The context file must hold what the endpoint would answer: a JSON object.');
  }
}
