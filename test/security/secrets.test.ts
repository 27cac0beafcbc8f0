import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient, type ClientOptions, type ContextAuth, type ContextEvent } from '../../src/index.js';

const TOKEN = 'tok-SECRET-7d1f';
const PASSWORD = 'pw-SECRET-3b9a';
const HEADER_VALUE = 'hv-SECRET-5e2c';
const USER = 'user-7a';
const BASIC_B64 = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
// A secret may leak encoded: check the raw, base64 and URL-encoded forms.
const FORBIDDEN = [TOKEN, PASSWORD, HEADER_VALUE, BASIC_B64, 'SECRET'];
const AUTHS: Array<[string, ContextAuth]> = [
  ['bearer', { type: 'bearer', token: TOKEN }],
  ['basic', { type: 'basic', username: USER, password: PASSWORD }],
  ['header', { type: 'header', name: 'X-Api-Key', value: HEADER_VALUE }],
];
const CALL = { agentUuid: 'agent-1', direction: 'inbound', contactNumber: '+15550100', roomSid: 'RM-1' } as const;
const LOOPBACK: ClientOptions = { allowHttp: true, allowPrivateNetwork: true };

/** Every string an error exposes: JSON, message, hint, stack, cause and the cause's own properties. */
function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as Error & { hint?: string; cause?: unknown };
  const parts = [JSON.stringify(e), e.message, e.hint ?? '', e.stack ?? '', String(e)];
  for (let cause = e.cause, depth = 0; cause !== undefined && depth < 5; depth++) {
    parts.push(String(cause));
    if (typeof cause === 'object' && cause !== null) {
      for (const key of Reflect.ownKeys(cause)) parts.push(`${String(key)}=${String((cause as Record<PropertyKey, unknown>)[key])}`);
      cause = (cause as { cause?: unknown }).cause;
    } else break;
  }
  return parts.join('\n');
}

function expectClean(label: string, text: string): void {
  for (const secret of FORBIDDEN) expect(text, `${label} contains ${secret}`).not.toContain(secret);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const echoHeaders = (req: IncomingMessage) => Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
const ROUTES: Record<string, Handler> = {
  '/401': (req, res) => (res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }), res.end(echoHeaders(req))),
  '/500': (req, res) => (res.writeHead(500, { 'content-type': 'text/plain' }), res.end(echoHeaders(req))),
  '/302': (req, res) => (res.writeHead(302, { location: `https://evil.test/${encodeURIComponent(String(req.headers.authorization ?? req.headers['x-api-key']))}?k=${encodeURIComponent(String(req.headers.authorization ?? req.headers['x-api-key']))}` }), res.end()),
  // Malformed JSON that starts with the echoed credentials.
  '/echo-bad-json': (req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(`${String(req.headers.authorization ?? req.headers['x-api-key'])} ${echoHeaders(req)} {`)),
  '/echo-html': (req, res) => (res.writeHead(200, { 'content-type': 'text/html' }), res.end(`<pre>${String(req.headers.authorization ?? req.headers['x-api-key'])}\n${echoHeaders(req)}</pre>`)),
  '/echo-scalar': (req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(String(req.headers.authorization ?? req.headers['x-api-key'])))),
  '/echo-too-large': (req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ auth: req.headers.authorization ?? req.headers['x-api-key'], pad: 'x'.repeat(300_000) }))),
  '/echo-sensitive': (req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ api_token: String(req.headers.authorization ?? req.headers['x-api-key']), password: PASSWORD }))),
  '/stall': () => undefined,
  '/reset': (req) => req.socket.destroy(),
};

let port = 0;
let closeServer: () => Promise<void>;
let deadPort = 0;
beforeAll(async () => {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => (ROUTES[new URL(req.url ?? '/', 'http://x').pathname] ?? ROUTES['/500'])(req, res));
  server.on('connection', (s) => (sockets.add(s), s.once('close', () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  closeServer = () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r())));
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
  deadPort = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));
});
afterAll(() => closeServer());

const PATHS: Array<{ path: string; code: string; options?: ClientOptions; timeoutMs?: number; host?: () => string }> = [
  { path: '/401', code: 'unauthorized' },
  { path: '/500', code: 'http_error' },
  { path: '/302', code: 'http_error' },
  { path: '/echo-bad-json', code: 'invalid_json' },
  { path: '/echo-html', code: 'invalid_json' },
  { path: '/echo-scalar', code: 'invalid_response' },
  { path: '/echo-too-large', code: 'response_too_large' },
  { path: '/stall', code: 'timeout', timeoutMs: 200 },
  { path: '/reset', code: 'network_error' },
  { path: '/refused', code: 'network_error', host: () => `127.0.0.1:${deadPort}` },
  { path: '/blocked', code: 'blocked_destination', options: { allowHttp: true } },
];

describe('no secret in any error, hint, event or report', () => {
  for (const [authName, auth] of AUTHS) {
    it.each(PATHS)(`${authName}: $code via $path`, async ({ path, code, options, timeoutMs, host }) => {
      const events: ContextEvent[] = [];
      const endpoint = `http://${host ? host() : `127.0.0.1:${port}`}${path}`;
      const client = createContextClient({ endpoint, auth, timeoutMs: timeoutMs ?? 3000, cacheTtlMs: 0 }, { ...(options ?? LOOPBACK), onEvent: (e) => events.push(e) });
      const error = await client.fetch(CALL).catch((e: unknown) => e);
      const loaded = await client.load(CALL);
      const report = await client.test(CALL);
      await client.close();
      expect(error).toMatchObject({ code });
      expectClean('error', errorText(error));
      expectClean('load() error', errorText(loaded.ok ? undefined : loaded.error));
      expectClean('events', JSON.stringify(events));
      expectClean('test() report', JSON.stringify(report));
    });
  }

  it.each(AUTHS)('%s: sensitive-data warnings name the path and kind, never the value', async (_name, auth) => {
    const client = createContextClient({ endpoint: `http://127.0.0.1:${port}/echo-sensitive`, auth, cacheTtlMs: 0 }, LOOPBACK);
    const result = await client.load(CALL);
    const report = await client.test(CALL);
    await client.close();
    expect(result.ok).toBe(true);
    expectClean('variables', JSON.stringify(result.ok ? result.variables : {}));
    expectClean('warnings', JSON.stringify(result.ok ? result.warnings : []));
    expectClean('report', JSON.stringify(report));
  });

  it('invalid_call: call metadata errors carry no secret', async () => {
    const events: ContextEvent[] = [];
    const client = createContextClient({ endpoint: `http://127.0.0.1:${port}/500`, auth: AUTHS[0][1] }, { ...LOOPBACK, onEvent: (e) => events.push(e) });
    const bad = { ...CALL, roomSid: `RM\n${TOKEN}`, agentUuid: '' } as never;
    const error = await client.fetch(bad).catch((e: unknown) => e);
    const report = await client.test(bad);
    await client.close();
    expect(error).toMatchObject({ code: 'invalid_call' });
    expectClean('error', errorText(error));
    expectClean('report', JSON.stringify(report));
    expectClean('events', JSON.stringify(events));
  });
});

describe('invalid_config never echoes the secret', () => {
  const configs: Array<[string, Record<string, unknown>, ClientOptions?]> = [
    ['password in the URL userinfo', { endpoint: `https://${USER}:${PASSWORD}@crm.example.com/ctx` }],
    ['token in the URL userinfo', { endpoint: `https://${TOKEN}@crm.example.com/ctx` }],
    ['token in the query of an http URL without allowHttp', { endpoint: `http://crm.example.com/ctx?token=${TOKEN}` }],
    ['token in the query of a non-http scheme', { endpoint: `ftp://crm.example.com/ctx?token=${TOKEN}` }],
    ['token in an unparsable URL', { endpoint: `not a url ${TOKEN}` }],
    ['bearer token with a line break', { endpoint: 'https://crm.example.com/', auth: { type: 'bearer', token: `${TOKEN}\r\nX: y` } }],
    ['bearer token with leading space', { endpoint: 'https://crm.example.com/', auth: { type: 'bearer', token: ` ${TOKEN}` } }],
    ['bearer token with non-ASCII', { endpoint: 'https://crm.example.com/', auth: { type: 'bearer', token: `${TOKEN}é` } }],
    ['basic password with a control character', { endpoint: 'https://crm.example.com/', auth: { type: 'basic', username: USER, password: `${PASSWORD}\u0000` } }],
    ['basic username with a colon next to the password', { endpoint: 'https://crm.example.com/', auth: { type: 'basic', username: `${USER}:${PASSWORD}`, password: PASSWORD } }],
    ['header value with a line break', { endpoint: 'https://crm.example.com/', auth: { type: 'header', name: 'X-Api-Key', value: `${HEADER_VALUE}\n` } }],
    ['reserved header name carrying the secret value', { endpoint: 'https://crm.example.com/', auth: { type: 'header', name: 'Host', value: HEADER_VALUE } }],
    ['header name that is the secret', { endpoint: 'https://crm.example.com/', auth: { type: 'header', name: `${HEADER_VALUE} x`, value: HEADER_VALUE } }],
    ['unknown auth type with a token', { endpoint: 'https://crm.example.com/', auth: { type: 'oauth', token: TOKEN } }],
    ['token of the wrong type', { endpoint: 'https://crm.example.com/', auth: { type: 'bearer', token: [TOKEN] } }],
    ['timeout out of range next to a token', { endpoint: 'https://crm.example.com/', auth: { type: 'bearer', token: TOKEN }, timeoutMs: 99_999 }],
  ];
  it.each(configs)('%s', (_name, config, options) => {
    let error: unknown;
    try {
      createContextClient(config as never, options);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_config' });
    expectClean('error', errorText(error));
  });

  it('a token in the endpoint query string is not shown in later errors', async () => {
    const client = createContextClient({ endpoint: `http://127.0.0.1:${port}/500?token=${TOKEN}` }, LOOPBACK);
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    const report = await client.test(CALL);
    await client.close();
    expect(error).toMatchObject({ code: 'http_error' });
    expectClean('error', errorText(error));
    expectClean('report', JSON.stringify(report));
  });
});

describe('CLI never prints secrets', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([n]) => !n.startsWith('DYNAMIC_CONTEXT_')));
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...CLEAN_ENV, NO_COLOR: '1', ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, out: `${stdout}\n${stderr}` });
      });
    });
  const cases: Array<[string, string[], Record<string, string>?]> = [
    ['test, bearer flag, 401 echo', ['test', '--endpoint', 'E/401', '--contact', '+15550100', '--bearer', TOKEN, '--allow-http', '--allow-private-network']],
    ['test --json, env token, bad JSON echo', ['test', '--json', '--endpoint', 'E/echo-bad-json', '--contact', '+15550100', '--allow-http', '--allow-private-network'], { DYNAMIC_CONTEXT_TOKEN: TOKEN }],
    ['test, basic flag, html echo', ['test', '--endpoint', 'E/echo-html', '--contact', '+15550100', '--basic', `${USER}:${PASSWORD}`, '--allow-http', '--allow-private-network']],
    ['preview, header flag, blocked destination', ['preview', '--endpoint', 'E/ok', '--contact', '+15550100', '--header', `X-Api-Key: ${HEADER_VALUE}`, '--template', 'examples/greeting.j2', '--allow-http']],
  ];
  it.concurrent.each(cases)('%s', async (_name, args, env) => {
    const result = await run(args.map((a) => a.replace(/^E\//, `http://127.0.0.1:${port}/`)), env);
    expect(result.code).not.toBe(0);
    expectClean('CLI output', result.out);
  }, 40_000);
});
