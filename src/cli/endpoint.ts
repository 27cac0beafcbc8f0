import { randomUUID } from 'node:crypto';
import type { CallInfo, ClientOptions, ContextAuth, DynamicContextConfig } from '../index.js';
import { optionalString, requireString, UsageError, type ParsedValues } from './args.js';
import { resolveContacts } from './contacts.js';
import type { Output } from './output.js';

/** Used as agent_uuid when --agent is not given, so a test call is recognisable in endpoint logs. */
export const PLACEHOLDER_AGENT_UUID = '00000000-0000-4000-8000-000000000000';

/** Environment variables that keep secrets out of shell history. */
export const SECRET_ENV = {
  bearer: 'DYNAMIC_CONTEXT_TOKEN',
  basic: 'DYNAMIC_CONTEXT_BASIC',
  header: 'DYNAMIC_CONTEXT_HEADER',
} as const;

/** The Standard Webhooks signing secret: environment only, never a flag, so it stays out of history and `ps`. */
export const SIGNING_SECRET_ENV = 'DYNAMIC_CONTEXT_SIGNING_SECRET';

const MAX_TIMEOUT_MS = 30_000;

export interface EndpointSetup {
  config: DynamicContextConfig;
  options: ClientOptions;
  /** The first call (the only one unless --contact is repeated or --contacts is given). */
  call: CallInfo;
  /** Every call to run, in order. */
  calls: CallInfo[];
}

/** Registers every secret the environment holds, before anything can be printed. */
export function registerEnvSecrets(output: Output, env: Readonly<Record<string, string | undefined>>): void {
  output.addSecret(env[SECRET_ENV.bearer]);
  registerBasic(output, env[SECRET_ENV.basic]);
  registerHeader(output, env[SECRET_ENV.header]);
  const signing = env[SIGNING_SECRET_ENV];
  output.addSecret(signing);
  output.addSecret(signing?.replace(/^whsec_/, '')); // the key alone, without its Standard Webhooks prefix
}

/** Turns the endpoint flags (and secret env vars) into the library's config, options and call. */
export function resolveEndpoint(values: ParsedValues, env: Readonly<Record<string, string | undefined>>, output: Output, readStdin?: () => string): EndpointSetup {
  registerBasic(output, values.basic as string | undefined);
  registerHeader(output, values.header as string | undefined);
  output.addSecret(values.bearer as string | undefined);

  const endpoint = requireString(values, 'endpoint');
  const config: DynamicContextConfig = { endpoint, auth: resolveAuth(values, env), cacheTtlMs: 0 };
  const signingSecret = env[SIGNING_SECRET_ENV];
  if (signingSecret) config.signingSecret = signingSecret;
  const timeout = optionalString(values, 'timeout');
  if (timeout !== undefined) config.timeoutMs = parseTimeout(timeout);

  const options: ClientOptions = {
    allowHttp: values['allow-http'] === true,
    allowPrivateNetwork: values['allow-private-network'] === true,
  };
  const calls = resolveCalls(values, readStdin);
  return { config, options, call: calls[0]!, calls };
}

function resolveAuth(values: ParsedValues, env: Readonly<Record<string, string | undefined>>): ContextAuth {
  const given = (['bearer', 'basic', 'header'] as const).filter((name) => values[name] !== undefined);
  if (given.length > 1) throw new UsageError(`use only one of --bearer, --basic, --header (got ${given.map((n) => `--${n}`).join(', ')})`);
  if (given.length === 1) return authFrom(given[0], optionalString(values, given[0]) as string, `--${given[0]}`);

  // Flags win over the environment; among env vars, ambiguity is an error rather than a guess.
  const fromEnv = (['bearer', 'basic', 'header'] as const).filter((name) => env[SECRET_ENV[name]]);
  if (fromEnv.length > 1) throw new UsageError(`set only one of ${fromEnv.map((n) => SECRET_ENV[n]).join(', ')}`);
  if (fromEnv.length === 1) return authFrom(fromEnv[0], env[SECRET_ENV[fromEnv[0]]] as string, SECRET_ENV[fromEnv[0]]);
  return { type: 'none' };
}

function authFrom(kind: 'bearer' | 'basic' | 'header', value: string, source: string): ContextAuth {
  if (kind === 'bearer') return { type: 'bearer', token: value };
  const separator = value.indexOf(':');
  if (kind === 'basic') {
    // RFC 7617: the user-id cannot contain a colon, the password can.
    if (separator <= 0) throw new UsageError(`${source} must look like USER:PASSWORD`);
    return { type: 'basic', username: value.slice(0, separator), password: value.slice(separator + 1) };
  }
  if (separator <= 0) throw new UsageError(`${source} must look like 'Name: value'`);
  return { type: 'header', name: value.slice(0, separator).trim(), value: value.slice(separator + 1).trim() };
}

function resolveCalls(values: ParsedValues, readStdin?: () => string): CallInfo[] {
  const direction = optionalString(values, 'direction') ?? 'inbound';
  if (direction !== 'inbound' && direction !== 'outbound') throw new UsageError('--direction must be inbound or outbound');
  const web = values.web === true;
  const externalId = optionalString(values, 'external-id');
  if (externalId !== undefined && !web) throw new UsageError('--external-id is for web calls: add --web');

  const call: CallInfo = {
    agentUuid: optionalString(values, 'agent') ?? PLACEHOLDER_AGENT_UUID,
    direction,
    medium: web ? 'web' : 'phone',
    roomSid: `cli-${randomUUID()}`,
  };
  const agentNumber = optionalString(values, 'agent-number');
  if (agentNumber !== undefined) call.agentNumber = agentNumber;
  if (externalId !== undefined) call.externalId = externalId;
  const calls = resolveContacts(values, call, readStdin);
  if (calls.length === 0 && !web) throw new UsageError('missing required option --contact (the caller\'s phone number) or --contacts FILE');
  // Each call is its own conversation session.
  return calls.length === 0 ? [call] : calls.map((c) => ({ ...c, roomSid: `cli-${randomUUID()}` }));
}

function parseTimeout(text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return value;
}

function registerBasic(output: Output, value: string | undefined): void {
  if (value === undefined) return;
  output.addSecret(value);
  const separator = value.indexOf(':');
  if (separator > 0) {
    // The scrubber also catches `user:pass` in base64, the Authorization header's wire form.
    output.addSecret(value.slice(separator + 1));
  }
}

function registerHeader(output: Output, value: string | undefined): void {
  if (value === undefined) return;
  const separator = value.indexOf(':');
  output.addSecret(separator > 0 ? value.slice(separator + 1).trim() : value);
}
