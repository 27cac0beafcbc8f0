import type { CliIO, Output } from '../output.js';

/** One subcommand: its help text and how it runs. `run` returns the exit code. */
export interface Command {
  name: string;
  help: string;
  run(argv: string[], output: Output, io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
/** The endpoint or the template failed. */
export const EXIT_FAILURE = 1;
/** The command line was wrong: unknown flag, missing or bad value, unreadable file. */
export const EXIT_USAGE = 2;
