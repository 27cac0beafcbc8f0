import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient, type ContextAuth } from '../../src/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

// Credentials with the characters that escaping changes: a quote and a backslash.
const TOKEN = 'tok"SECRET\\7d1f';
const PASSWORD = 'pw"SECRET\\3b9a';
const USER = 'user-7a';
const HEADER_VALUE = 'hv"SECRET\\5e2c';
const AUTHS: Array<{ name: string; auth: ContextAuth; secrets: string[] }> = [
  { name: 'bearer', auth: { type: 'bearer', token: TOKEN }, secrets: [TOKEN] },
  { name: 'basic', auth: { type: 'basic', username: USER, password: PASSWORD }, secrets: [PASSWORD, `${USER}:${PASSWORD}`] },
  { name: 'header', auth: { type: 'header', name: 'X-Api-Key', value: HEADER_VALUE }, secrets: [HEADER_VALUE] },
];

/** Every spelling a leak could take, written out here rather than taken from the library. */
function leakForms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), b64, b64.replace(/=+$/, ''), 'SECRET'];
}

const credential = (req: IncomingMessage) => String(req.headers.authorization ?? req.headers['x-api-key']);
const secretPart = (value: string) => value.replace(/^(Bearer|Basic) /, '');
type Route = (req: IncomingMessage, res: ServerResponse) => void;
const ROUTES: Record<string, Route> = {
  // The credential echoed into response headers (the findings of issue 8).
  '/content-type': (req, res) => (res.writeHead(200, { 'content-type': credential(req) }), res.end('not json')),
  '/content-encoding': (req, res) => (res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': credential(req) }), res.end('{}')),
  '/location-host': (req, res) => (res.writeHead(302, { location: `https://${encodeURIComponent(secretPart(credential(req)))}.evil.test/` }), res.end()),
  // The credential as JSON keys: a variable name, and a path in a sensitive-data warning.
  '/key': (req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ [credential(req)]: 1, [secretPart(credential(req))]: { password: 'x' }, name: 'Ada' }))),
  // The credential in the first characters of a body that is not JSON, in each encoding.
  '/json-escaped': (req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), res.end(`${JSON.stringify(credential(req))} {`)),
  '/url-encoded': (req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), res.end(`auth=${encodeURIComponent(credential(req))}&x`)),
  '/base64': (req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), res.end(`${Buffer.from(`x${credential(req)}`).toString('base64')} {`)),
};

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer((req, res) => ROUTES[new URL(req.url ?? '/', 'http://x').pathname]!(req, res));
});
afterAll(() => server.close());

const CALL = { agentUuid: 'agent-1', direction: 'inbound', contactNumber: '+15550100', roomSid: 'RM-1' } as const;
const CASES = [
  { path: '/content-type', ok: false }, { path: '/content-encoding', ok: false }, { path: '/location-host', ok: false },
  { path: '/key', ok: true }, { path: '/json-escaped', ok: false }, { path: '/url-encoded', ok: false }, { path: '/base64', ok: false },
];

describe('an endpoint that echoes the credentials gets no form of them into any text', () => {
  for (const { name, auth, secrets } of AUTHS) {
    it.each(CASES)(`${name}: $path`, async ({ path, ok }) => {
      const client = createContextClient({ endpoint: `${server.url}${path}`, auth, cacheTtlMs: 0 }, { allowHttp: true, allowPrivateNetwork: true });
      const loaded = await client.load(CALL);
      const fetched = await client.fetch(CALL).catch((error: unknown) => error);
      const report = await client.test(CALL);
      await client.close();
      expect(loaded.ok).toBe(ok);
      expect(report.ok).toBe(ok);
      const texts = [
        JSON.stringify(report),
        ...report.variables, ...report.warnings, report.error?.message ?? '', report.error?.hint ?? '',
        ...(loaded.ok ? loaded.warnings : [loaded.error.message, loaded.error.hint]),
        ...(fetched instanceof Error ? [fetched.message, (fetched as { hint?: string }).hint ?? '', fetched.stack ?? ''] : []),
      ].join('\n');
      for (const form of secrets.flatMap(leakForms)) expect(texts).not.toContain(form);
      if (path === '/key') expect(report.variables).toContain('name');
    });
  }
});

// Credentials with the punctuation that stricter encoders escape: Go's and Rails' JSON write
// <, > and & as \u003c…, .NET's also ' " + ` in upper-case hex, Python's quote() and
// URLSearchParams percent-encode ! ' ( ) * (and ~).
const PUNCT_TOKEN = "t&<SECRET>'+!*~(9)";
const PUNCT_PASSWORD = "p&<SECRET>'+!*~(4)";
const PUNCT_VALUE = "h&<SECRET>'+!*~(2)";
const PUNCT_AUTHS: Array<{ name: string; auth: ContextAuth }> = [
  { name: 'bearer', auth: { type: 'bearer', token: PUNCT_TOKEN } },
  { name: 'basic', auth: { type: 'basic', username: 'user-7a', password: PUNCT_PASSWORD } },
  { name: 'header', auth: { type: 'header', name: 'X-Api-Key', value: PUNCT_VALUE } },
];
/** The credential as the endpoint read it: the token, `user:pass` decoded, or the header value. */
const plainCredential = (req: IncomingMessage) => {
  const value = credential(req);
  return value.startsWith('Basic ') ? Buffer.from(value.slice(6), 'base64').toString() : secretPart(value);
};
const hexEscape = (set: RegExp, upper: boolean) => (text: string) =>
  JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(set, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  }).replace(/"/g, '\\"');
const ENCODERS: Record<string, (text: string) => string> = {
  'go-json': hexEscape(/[<>&]/g, false),
  'dotnet-json': hexEscape(/[<>&'"+`]/g, true),
  'python-quote': (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  'url-search-params': (text) => new URLSearchParams({ a: text }).toString().slice(2),
};

describe('an error page that echoes the credentials as stricter encoders write them leaks no part of them', () => {
  let punctServer: TestServer;
  beforeAll(async () => {
    punctServer = await createTestServer((req, res) => {
      const encode = ENCODERS[new URL(req.url ?? '/', 'http://x').pathname.slice(1)]!;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(`{"error":"rejected","received":"${encode(plainCredential(req))}"}`);
    });
  });
  afterAll(() => punctServer.close());

  for (const { name, auth } of PUNCT_AUTHS) {
    it.each(Object.keys(ENCODERS))(`${name}: %s`, async (encoder) => {
      const client = createContextClient({ endpoint: `${punctServer.url}/${encoder}`, auth, cacheTtlMs: 0 }, { allowHttp: true, allowPrivateNetwork: true });
      const loaded = await client.load(CALL);
      const report = await client.test(CALL);
      await client.close();
      expect(loaded.ok).toBe(false);
      const texts = [JSON.stringify(report), loaded.ok ? '' : `${loaded.error.message}\n${loaded.error.hint}`].join('\n');
      // The hint quotes the error page, so the echo reaches it unless it is scrubbed.
      expect(texts).toContain('rejected');
      expect(texts).not.toContain('SECRET');
    });
  }
});

describe('an error page that echoes the credential many times leaks no part of it in the quoted excerpt', () => {
  // Each echo becomes `[redacted]`, shorter than the token: the scrubbed text used to be cut
  // by its own length, so the head of an echo past the cut moved inside the excerpt.
  const token = 'tok-SECRET-0123456789abcdef0123456789ab';
  let repeatServer: TestServer;
  beforeAll(async () => {
    repeatServer = await createTestServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(Array.from({ length: 12 }, () => secretPart(credential(req))).join(','));
    });
  });
  afterAll(() => repeatServer.close());

  it('bearer: the hint quotes only whole redactions', async () => {
    const client = createContextClient({ endpoint: `${repeatServer.url}/`, auth: { type: 'bearer', token }, cacheTtlMs: 0 }, { allowHttp: true, allowPrivateNetwork: true });
    const loaded = await client.load(CALL);
    const report = await client.test(CALL);
    await client.close();
    expect(loaded.ok).toBe(false);
    const texts = [JSON.stringify(report), loaded.ok ? '' : loaded.error.hint].join('\n');
    expect(texts).toContain('[redacted]');
    expect(texts).not.toContain('SECRET');
    expect(texts).not.toMatch(/tok-/);
  });
});
