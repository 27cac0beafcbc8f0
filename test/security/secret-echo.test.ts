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
