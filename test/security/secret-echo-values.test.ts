import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient, type CacheStore, type ContextEvent, type DynamicContextConfig, type SensitiveDataMode } from '../../src/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

// The endpoint sends the credential it was called with back as data, under innocent keys:
// the values must not reach greetings, prompts or the cache (sensitiveData: 'redact').
// Credentials hold a quote and a backslash, so the JSON-escaped form differs from the raw one.
const TOKEN = 'tok"SECRET\\7d1f';
const USER = 'user-7a';
const PASSWORD = 'pw"SECRET\\3b9a';
const HEADER_VALUE = 'hv"SECRET\\5e2c';
const SIGNING_KEY = Buffer.from('SECRET-signing-key-0123456789').toString('base64');
const SIGNING_SECRET = `whsec_${SIGNING_KEY}`;
const R = '[redacted]';

interface AuthRow {
  name: string;
  config: Partial<DynamicContextConfig>;
  /** What the endpoint echoes: the credential as it read it, or as it is configured with it. */
  echo: (req: IncomingMessage) => string;
  /** Every secret of the client, for the leak checks. */
  secrets: string[];
}

const header = (req: IncomingMessage) => String(req.headers.authorization ?? req.headers['x-api-key']);
const basicPair = (req: IncomingMessage) => Buffer.from(header(req).slice('Basic '.length), 'base64').toString();
const AUTHS: AuthRow[] = [
  { name: 'bearer token', config: { auth: { type: 'bearer', token: TOKEN } }, echo: (req) => header(req).slice('Bearer '.length), secrets: [TOKEN] },
  { name: 'basic password', config: { auth: { type: 'basic', username: USER, password: PASSWORD } }, echo: (req) => basicPair(req).slice(USER.length + 1), secrets: [PASSWORD, `${USER}:${PASSWORD}`] },
  { name: 'basic user:password', config: { auth: { type: 'basic', username: USER, password: PASSWORD } }, echo: basicPair, secrets: [PASSWORD, `${USER}:${PASSWORD}`] },
  { name: 'custom header value', config: { auth: { type: 'header', name: 'X-Api-Key', value: HEADER_VALUE } }, echo: header, secrets: [HEADER_VALUE] },
  { name: 'signing secret', config: { signingSecret: SIGNING_SECRET }, echo: () => SIGNING_SECRET, secrets: [SIGNING_SECRET, SIGNING_KEY] },
  { name: 'signing key alone', config: { signingSecret: SIGNING_SECRET }, echo: () => SIGNING_KEY, secrets: [SIGNING_SECRET, SIGNING_KEY] },
];

/** Every spelling a leak could take, written out here rather than taken from the library. */
function leakForms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), b64, b64.replace(/=+$/, ''), 'SECRET'];
}

/** Every character as a \uXXXX escape, as an encoder that escapes everything writes it. */
const escapedJson = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

interface EchoCase {
  name: string;
  /** The body, given the echoed credential. */
  body: (secret: string) => string;
  /** The variables after `redact`. */
  redacted: Record<string, unknown>;
  /** The path its one warning names. */
  path: string;
}

const CASES: EchoCase[] = [
  { name: 'top level', body: (s) => JSON.stringify({ auth: s, name: 'Ada' }), redacted: { auth: R, name: 'Ada' }, path: 'auth' },
  {
    name: 'nested object', body: (s) => JSON.stringify({ debug: { request: { auth: `Bearer ${s}`, id: 7 } }, name: 'Ada' }),
    redacted: { debug: { request: { auth: `Bearer ${R}`, id: 7 } }, name: 'Ada' }, path: 'debug.request.auth',
  },
  { name: 'array item', body: (s) => JSON.stringify({ items: ['a', s, 'b'] }), redacted: { items: ['a', R, 'b'] }, path: 'items[1]' },
  { name: 'inside a longer string', body: (s) => JSON.stringify({ note: `called with ${s} at 10:00` }), redacted: { note: `called with ${R} at 10:00` }, path: 'note' },
  { name: 'JSON-escaped in the body', body: (s) => `{"auth":"${escapedJson(s)}","name":"Ada"}`, redacted: { auth: R, name: 'Ada' }, path: 'auth' },
  { name: 'JSON-escaped inside a value', body: (s) => JSON.stringify({ raw: JSON.stringify({ auth: s }) }), redacted: { raw: `{"auth":"${R}"}` }, path: 'raw' },
  {
    name: 'URL-encoded inside a value', body: (s) => JSON.stringify({ link: `https://crm.test/cb?auth=${encodeURIComponent(s)}&x=1` }),
    redacted: { link: `https://crm.test/cb?auth=${R}&x=1` }, path: 'link',
  },
  { name: 'inside a key', body: (s) => JSON.stringify({ [`seen ${s}`]: true, name: 'Ada' }), redacted: { [`seen ${R}`]: true, name: 'Ada' }, path: `"seen ${R}"` },
];

const CALL = { agentUuid: 'agent-1', direction: 'inbound', contactNumber: '+15550100', roomSid: 'RM-1' } as const;
const LOOPBACK = { allowHttp: true, allowPrivateNetwork: true } as const;
const ECHO_WARNING = /echoed the platform's credential/;

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = AUTHS[Number(url.searchParams.get('auth'))]!;
    const echoCase = CASES[Number(url.searchParams.get('case'))]!;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(echoCase.body(auth.echo(req)));
  });
});
afterAll(() => server.close());

const endpoint = (auth: number, echoCase: number) => `${server.url}/ctx?auth=${auth}&case=${echoCase}`;
const sent = (auth: AuthRow, echoCase: EchoCase) => {
  // What the server sends, parsed: the credential as the client configured it.
  const config = auth.config;
  const fakeReq = {
    headers: config.auth?.type === 'bearer' ? { authorization: `Bearer ${config.auth.token}` }
      : config.auth?.type === 'basic' ? { authorization: `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}` }
        : config.auth?.type === 'header' ? { 'x-api-key': config.auth.value } : {},
  } as IncomingMessage;
  return JSON.parse(echoCase.body(auth.echo(fakeReq))) as Record<string, unknown>;
};

const MODES: Array<{ mode: SensitiveDataMode; redacts: boolean; warns: string | undefined }> = [
  { mode: 'redact', redacts: true, warns: 'it was redacted' },
  { mode: 'warn', redacts: false, warns: 'it was passed through (sensitiveData: warn)' },
  { mode: 'off', redacts: false, warns: undefined },
];

const ROWS = MODES.flatMap(({ mode, redacts, warns }) =>
  AUTHS.flatMap((auth, a) => CASES.map((echoCase, c) => ({ title: `${mode}, ${auth.name}: ${echoCase.name}`, mode, redacts, warns, auth, a, echoCase, c }))));

describe('a credential the endpoint echoes back as data', () => {
  it.each(ROWS)('$title', async ({ mode, redacts, warns, auth, a, echoCase, c }) => {
    const events: ContextEvent[] = [];
    const client = createContextClient({ endpoint: endpoint(a, c), cacheTtlMs: 0, ...auth.config }, { ...LOOPBACK, sensitiveData: mode, onEvent: (e) => events.push(e) });
    const loaded = await client.load(CALL);
    const report = await client.test(CALL);
    await client.close();

    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.variables).toStrictEqual(redacts ? echoCase.redacted : sent(auth, echoCase));
    const expectedWarnings = warns === undefined ? [] : [`The endpoint echoed the platform's credential at ${echoCase.path}; ${warns}. Remove it from the endpoint's response.`];
    expect(loaded.warnings.filter((w) => ECHO_WARNING.test(w))).toStrictEqual(expectedWarnings);
    expect(report.ok).toBe(true);
    expect(report.warnings.filter((w) => ECHO_WARNING.test(w))).toStrictEqual(expectedWarnings);
    expect(report.variables).toStrictEqual(Object.keys(echoCase.redacted).sort());
    expect(events.map((e) => e.warnings)).toStrictEqual([loaded.warnings.length, report.warnings.length]);

    const texts = [JSON.stringify(report), ...loaded.warnings, JSON.stringify(events)].join('\n');
    const forms = auth.secrets.flatMap(leakForms);
    for (const form of forms) expect(texts).not.toContain(form);
    if (redacts) for (const form of forms) expect(JSON.stringify(loaded.variables)).not.toContain(form);
  });
});

it('redacts the basic Authorization header echoed as the endpoint received it', async () => {
  const echo = await createTestServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ request: { headers: { 'x-seen': req.headers.authorization } } }));
  });
  const client = createContextClient({ endpoint: echo.url, auth: { type: 'basic', username: USER, password: PASSWORD }, cacheTtlMs: 0 }, LOOPBACK);
  const loaded = await client.load(CALL);
  await client.close();
  await echo.close();
  expect(loaded).toMatchObject({ ok: true, variables: { request: { headers: { 'x-seen': `Basic ${R}` } } } });
  expect(loaded.ok && loaded.warnings).toStrictEqual([`The endpoint echoed the platform's credential at request.headers.x-seen; it was redacted. Remove it from the endpoint's response.`]);
});

it('warns once per path, up to ten, then sums the rest up', async () => {
  const many = await createTestServer((req, res) => {
    req.resume();
    const token = header(req).slice('Bearer '.length);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ list: Array.from({ length: 25 }, (_, i) => `#${i} ${token}`), [token]: token }));
  });
  const client = createContextClient({ endpoint: many.url, auth: { type: 'bearer', token: TOKEN }, cacheTtlMs: 0 }, LOOPBACK);
  const loaded = await client.load(CALL);
  await client.close();
  await many.close();
  if (!loaded.ok) throw loaded.error;
  expect((loaded.variables.list as string[])[24]).toBe(`#24 ${R}`);
  expect(loaded.variables[R]).toBe(R);
  expect(loaded.warnings).toHaveLength(11);
  expect(loaded.warnings[9]).toContain('at list[9];');
  // The key and its value are one path.
  expect(loaded.warnings[10]).toBe('16 more values echoing the platform\'s credential were redacted.');
});

/** A CacheStore over a Map, as a Redis store would hold the entries: strings. */
function mapStore(): { store: CacheStore; data: Map<string, string>; written: Promise<void> } {
  const data = new Map<string, string>();
  let wrote: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const store: CacheStore = {
    get: async (key) => data.get(key),
    set: async (key, value) => {
      data.set(key, value);
      wrote();
    },
    delete: async (key) => void data.delete(key),
  };
  return { store, data, written };
}

describe('what is cached is the redacted form', () => {
  const nested = CASES.findIndex((echoCase) => echoCase.name === 'nested object');
  it.each(AUTHS.map((auth, a) => ({ ...auth, a })))('$name: the client\'s own cache and a shared store', async ({ a, config, secrets }) => {
    const own = createContextClient({ endpoint: endpoint(a, nested), ...config }, LOOPBACK);
    const first = await own.load(CALL);
    const second = await own.load(CALL);
    await own.close();
    expect(second).toMatchObject({ ok: true, source: 'cache', variables: CASES[nested]!.redacted });
    expect(second.ok && second.warnings).toStrictEqual(first.ok && first.warnings);

    const shared = mapStore();
    const writer = createContextClient({ endpoint: endpoint(a, nested), ...config }, { ...LOOPBACK, cacheStore: shared.store });
    const reader = createContextClient({ endpoint: endpoint(a, nested), ...config }, { ...LOOPBACK, cacheStore: shared.store });
    expect(await writer.load(CALL)).toMatchObject({ source: 'network' });
    await shared.written;
    const hit = await reader.load({ ...CALL, roomSid: 'RM-2' });
    await writer.close();
    await reader.close();
    expect(hit).toMatchObject({ ok: true, source: 'cache', variables: CASES[nested]!.redacted });
    const stored = [...shared.data.values()].join('\n');
    expect(stored).toContain(R);
    for (const form of secrets.flatMap(leakForms)) expect(stored).not.toContain(form);
  });
});
