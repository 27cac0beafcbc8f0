import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** A mistake on the command line: exit code 2. Messages never echo option values (they may be secrets). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string };
export type OptionSpecs = Record<string, OptionSpec>;
export type ParsedValues = Record<string, string | boolean | undefined>;

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** Flags that describe the endpoint and the simulated call (preview and test). */
export const ENDPOINT_OPTIONS = {
  endpoint: { type: 'string' },
  bearer: { type: 'string' },
  basic: { type: 'string' },
  header: { type: 'string' },
  contact: { type: 'string' },
  direction: { type: 'string' },
  agent: { type: 'string' },
  'agent-number': { type: 'string' },
  web: { type: 'boolean' },
  'external-id': { type: 'string' },
  timeout: { type: 'string' },
  'allow-http': { type: 'boolean' },
  'allow-private-network': { type: 'boolean' },
} as const satisfies OptionSpecs;

/** True when the arguments ask for help, wherever the flag sits. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Strict parse: unknown flags, stray arguments and missing values are usage errors. */
export function parseFlags(argv: string[], options: OptionSpecs): ParsedValues {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as ParsedValues;
  } catch (error) {
    throw toUsageError(error);
  }
}

// node:util's messages quote positional arguments verbatim, which may be a pasted
// token; rebuild them from the error code and the option name only.
function toUsageError(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-{1,2}[A-Za-z0-9-]+)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option ?? ''}`.trim());
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError('unexpected argument (every value needs a flag, e.g. --template FILE)');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take/.test(message ?? '')) return new UsageError(`option ${option ?? ''} does not take a value`);
      return new UsageError(`option ${option ?? ''} needs a value`);
    default:
      return new UsageError('invalid arguments');
  }
}

/** The value of a required string flag. */
export function requireString(values: ParsedValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing required option --${name}`);
  return value;
}

/** The value of an optional string flag; an empty value is a usage error. */
export function optionalString(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`option --${name} needs a non-empty value`);
  return value;
}

/** Reads a file named by a flag; an unreadable file is a usage error. */
export function readFlagFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'read failed';
    throw new UsageError(`cannot read --${flag} file ${path} (${code})`);
  }
}
