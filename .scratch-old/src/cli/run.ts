import { readFileSync } from 'node:fs';
import { UsageError, wantsHelp } from './args.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command } from './commands/command.js';
import { previewCommand } from './commands/preview.js';
import { renderCommand } from './commands/render.js';
import { testCommand } from './commands/test.js';
import { registerEnvSecrets } from './endpoint.js';
import { TOP_HELP } from './help.js';
import { Output, type CliIO } from './output.js';

const COMMANDS: Readonly<Record<string, Command>> = { render: renderCommand, preview: previewCommand, test: testCommand };

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const output = new Output(io);
  registerEnvSecrets(output, io.env);
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new UsageError('missing command', "run 'dynamic-context --help' for the list");
    if (name === '--help' || name === '-h') return printAndExit(output, TOP_HELP);
    if (name === '--version') return printAndExit(output, readVersion());
    if (name === 'help') return printAndExit(output, COMMANDS[rest[0] ?? '']?.help ?? TOP_HELP);
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    // Echo the word only when it looks like a command name: a mistyped line may start with a token.
    if (!command) throw new UsageError(/^[a-z-]{1,20}$/.test(name) ? `unknown command '${name}'` : 'unknown command', 'commands: render, preview, test');
    if (wantsHelp(rest)) return printAndExit(output, command.help);
    return await command.run(rest, output, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = name && Object.hasOwn(COMMANDS, name) ? `dynamic-context ${name} --help` : 'dynamic-context --help';
      output.error(error.message, error.hint ?? `see '${help}'`);
      return EXIT_USAGE;
    }
    output.failure(error);
    return EXIT_FAILURE;
  }
}

function printAndExit(output: Output, text: string): number {
  output.print(text);
  return EXIT_OK;
}

// Found by walking up from this file, because it sits at dist/cli.js when built and at
// src/cli/run.ts when run from source.
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dynamic-context' && pkg.version) return pkg.version;
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return 'unknown';
}
