import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ContextError } from './errors.js';
import { createSecretScrubber, type SecretScrubber } from './secrets/scrub.js';
import { decodeSigningSecret, MAX_SIGNING_SECRETS, signingSecretForms } from './signing/secret.js';
import type { ContextAuth } from './types/index.js';
import type { ResolvedOptions } from './options.js';

/** The hard ceiling of the whole exchange; the contract fixes it at 30 s. */
export const MAX_TIMEOUT_MS = 30_000;
/** Longest accepted `cacheTtlMs`: a day. Older caller data is stale for a greeting. */
export const MAX_CACHE_TTL_MS = 86_400_000;
/** Longest accepted call field (uuid, numbers, room sid, external id), in characters. */
export const MAX_CALL_FIELD_LENGTH = 1024;

/** Every default of the tenant configuration and the platform options, in one place. */
export const DEFAULTS = Object.freeze({
  enabled: true,
  timeoutMs: 30000,
  cacheTtlMs: 300000,
  allowHttp: false,
  allowPrivateNetwork: false,
  maxResponseBytes: 262144,
  cacheMaxEntries: 10000,
  cacheMaxBytes: 268435456,
  sensitiveData: 'redact',
  cacheStoreTimeoutMs: 50,
  staleIfErrorMs: 0,
} as const);

/**
 * Header names the library sets itself; a custom auth header may not replace them
 * (lower case). Hop-by-hop and framing headers are here because undici refuses or
 * mishandles them, which would turn a config mistake into a confusing network error.
 */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-type', 'content-length', 'host', 'accept', 'transfer-encoding', 'connection',
  'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection',
  'x-agent-uuid', 'x-direction', 'x-medium', 'x-room-sid', 'x-agent-number',
  'x-contact-number', 'x-external-id', 'webhook-id', 'webhook-timestamp', 'webhook-signature',
  'user-agent',
]);

/** A tenant configuration after validation and defaulting; what the client works with. */
export interface ResolvedConfig {
  enabled: boolean;
  /** Normalized absolute URL string (`url.href`), fragment removed. */
  endpoint: string;
  url: URL;
  /** `url.origin`: the only form of the endpoint allowed in messages. */
  origin: string;
  auth: ContextAuth;
  /** The auth header, computed once; absent for `none`. */
  authHeader?: readonly [name: string, value: string];
  /** sha256 hex of the auth type and secret material, for cache keys; never the secret. */
  authIdentity: string;
  /** The credentials as configured (token, password and `user:pass`, header value). */
  secrets: readonly string[];
  /** Replaces every form of `secrets` (raw, escaped, encoded, base64) in text that leaves the library. */
  scrubber: SecretScrubber;
  timeoutMs: number;
  cacheTtlMs: number;
  /** HMAC keys of `signingSecret` (two during a rotation); absent when requests are not signed. */
  signingKeys?: readonly Buffer[];
}

// RFC 7230 §3.2.6 token characters.
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Printable ASCII. Anything else either breaks the header (CR, LF, NUL) or is sent
// as Latin-1 while the server expects UTF-8, silently changing a secret.
export const HEADER_SAFE_RE = /^[\x20-\x7e]*$/;
export const CONTROL_RE = /[\x00-\x1f\x7f]/;

const headerSafe = () =>
  z.string().min(1, { error: 'is required' })
    .refine((v) => !CONTROL_RE.test(v), { error: 'must not contain control characters or line breaks', abort: true })
    .refine((v) => HEADER_SAFE_RE.test(v), { error: 'must contain only printable ASCII characters', abort: true })
    .refine((v) => v.trim() === v, { error: 'must not start or end with whitespace' });

const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), token: headerSafe() }),
  z.object({
    type: z.literal('basic'),
    // RFC 7617: the user-id cannot contain a colon; neither part may hold control characters.
    username: z.string().min(1, { error: 'is required' })
      .refine((v) => !v.includes(':'), { error: 'must not contain a colon' })
      .refine((v) => !CONTROL_RE.test(v), { error: 'must not contain control characters or line breaks' }),
    password: z.string().refine((v) => !CONTROL_RE.test(v), { error: 'must not contain control characters or line breaks' }),
  }),
  z.object({
    type: z.literal('header'),
    name: z.string().min(1, { error: 'is required' })
      .refine((v) => TOKEN_RE.test(v), { error: 'must be a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only)', abort: true })
      .refine((v) => !RESERVED_HEADER_NAMES.has(v.toLowerCase()), { error: 'must not be a header the library sets itself (Content-Type, Accept, Host, X-Agent-UUID, …)' }),
    value: headerSafe(),
  }),
  z.object({ type: z.literal('none') }),
]);

/** The zod schema of `DynamicContextConfig`; unknown keys are stripped. */
export const configSchema = z.object({
  enabled: z.boolean().optional(),
  endpoint: z.string().min(1, { error: 'is required' }).refine((v) => endpointProblem(v) === undefined, {
    error: (issue) => endpointProblem(issue.input as string),
  }),
  auth: authSchema.optional(),
  timeoutMs: z.int().min(1, { error: 'must be at least 1' }).max(MAX_TIMEOUT_MS, { error: `must be at most ${MAX_TIMEOUT_MS}` }).optional(),
  cacheTtlMs: z.int().min(0, { error: 'must be 0 (off) or more' }).max(MAX_CACHE_TTL_MS, { error: `must be at most ${MAX_CACHE_TTL_MS}` }).optional(),
  signingSecret: z.union([signingSecret(), z.array(signingSecret()).min(1, { error: 'must hold at least one secret' }).max(MAX_SIGNING_SECRETS, { error: 'must hold at most 2 secrets: the new one and the one being rotated out' }).readonly()]).optional(),
});

function signingSecret() {
  return z.string().superRefine((value, ctx) => {
    const key = decodeSigningSecret(value);
    if (typeof key === 'string') ctx.addIssue({ code: 'custom', message: key });
  });
}

const ABSOLUTE_HTTPS = 'must be an absolute https URL (e.g. https://crm.example.com/context)';

function endpointProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return ABSOLUTE_HTTPS;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return ABSOLUTE_HTTPS;
  // Credentials in a URL end up in logs and caches; they belong in `auth`.
  if (url.username !== '' || url.password !== '') return 'must not contain a username or password; use auth instead';
  if (url.hostname === '') return ABSOLUTE_HTTPS;
  return undefined;
}

/** Words for an issue that never repeat the input: values can be secrets. */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${issue.expected === 'int' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected === 'int' ? 'integer' : issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'discriminator' in issue && Array.isArray(issue.options)
        ? `must be one of ${issue.options.map(String).join(', ')}`
        : 'must be a string or a finite number';
    case 'too_small': return `must be at least ${String(issue.minimum)}`;
    case 'too_big': return `must be at most ${String(issue.maximum)}`;
    default: return 'is invalid';
  }
}

export function firstIssue(error: z.ZodError, fallbackPath: string): string {
  let issue = error.issues[0];
  // A string-or-number union that failed on the string's content: say what was wrong with it.
  const specific = issue?.code === 'invalid_union' ? issue.errors.flat().find((i) => i.code !== 'invalid_type') : undefined;
  if (issue && specific) issue = { ...specific, path: [...issue.path, ...specific.path] };
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : fallbackPath;
  return `${path} ${issue?.message ?? 'is invalid'}`;
}

export const parseOptions = { error: describeIssue } as const;

function configError(detail: string): ContextError {
  return new ContextError('invalid_config', `Invalid Dynamic Context config: ${detail}`, {
    hint: `Check the Dynamic Context settings: ${detail}.`,
  });
}

/**
 * Validates and defaults a tenant configuration, once per client.
 * Throws `ContextError('invalid_config')` naming the first bad field, never its value.
 */
export function normalizeConfig(config: unknown, options: Pick<ResolvedOptions, 'allowHttp'>): ResolvedConfig {
  const parsed = configSchema.safeParse(config, parseOptions);
  if (!parsed.success) throw configError(firstIssue(parsed.error, 'config'));
  const data = parsed.data;
  const url = new URL(data.endpoint);
  if (url.protocol === 'http:' && !options.allowHttp) {
    throw configError('endpoint must be an absolute https URL (plain http is not allowed on this platform)');
  }
  url.hash = '';
  const auth: ContextAuth = data.auth ?? { type: 'none' };
  const fields = authFields(auth);
  const signing = signingFields(data.signingSecret, fields.secrets);
  const secrets = signing.secrets ?? fields.secrets;
  return {
    enabled: data.enabled ?? DEFAULTS.enabled,
    endpoint: url.href,
    url,
    origin: url.origin,
    auth,
    ...fields,
    ...signing,
    secrets,
    scrubber: createSecretScrubber(secrets),
    timeoutMs: Math.min(data.timeoutMs ?? DEFAULTS.timeoutMs, MAX_TIMEOUT_MS),
    cacheTtlMs: data.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
  };
}

/** The signing keys, and the secrets list grown by every secret's text form (to scrub from messages). */
function signingFields(secret: string | readonly string[] | undefined, secrets: readonly string[]): Partial<Pick<ResolvedConfig, 'signingKeys' | 'secrets'>> {
  if (secret === undefined) return {};
  const texts = typeof secret === 'string' ? [secret] : secret;
  return {
    signingKeys: texts.map((text) => decodeSigningSecret(text) as Buffer),
    secrets: [...secrets, ...texts.flatMap(signingSecretForms)],
  };
}

function authFields(auth: ContextAuth): Pick<ResolvedConfig, 'authHeader' | 'authIdentity' | 'secrets'> {
  const hash = (parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  switch (auth.type) {
    case 'bearer':
      return { authHeader: ['Authorization', `Bearer ${auth.token}`], authIdentity: hash(['bearer', auth.token]), secrets: [auth.token] };
    case 'basic': {
      const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
      // The header's base64 is a form of `user:pass` (secretForms), so it needs no entry.
      const secrets = [`${auth.username}:${auth.password}`, auth.password];
      return { authHeader: ['Authorization', `Basic ${encoded}`], authIdentity: hash(['basic', auth.username, auth.password]), secrets };
    }
    case 'header':
      return { authHeader: [auth.name, auth.value], authIdentity: hash(['header', auth.name.toLowerCase(), auth.value]), secrets: [auth.value] };
    default:
      return { authIdentity: hash(['none']), secrets: [] };
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
