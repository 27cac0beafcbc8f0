import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient } from '../../src/client.js';
import type { ContextErrorCode, ContextEvent } from '../../src/types/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, LOOPBACK, expectNoSecrets } from './fixtures.js';

const LOCATION_SECRET = 'q-SECRET-5be9';
const MAX_BYTES = 4096;
const open = new Set<ServerResponse>();

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Writes 1 KiB chunks until the client goes away. */
function streamForever(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1024, 0x20);
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.write('{"padding":"');
  pump();
}

const routes: Record<string, (res: ServerResponse) => void> = {
  '/401': (res) => json(res, 401, '{"error":"bad token"}'),
  '/403': (res) => json(res, 403, '{}'),
  '/404': (res) => json(res, 404, '{}'),
  '/500': (res) => json(res, 500, 'oops'),
  '/302': (res) => json(res, 302, '', { location: `https://final.example.com/ctx?key=${LOCATION_SECRET}` }),
  '/stall': (res) => open.add(res),
  '/trickle': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"a":"');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 20);
  },
  '/stream-big': streamForever,
  '/length-big': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
    res.write('{');
    open.add(res);
  },
  '/at-cap': (res) => json(res, 200, `{"a":"${'x'.repeat(MAX_BYTES - 8)}"}`),
  '/malformed': (res) => json(res, 200, '{"first_name": "Ada",'),
  '/html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body>Login</body></html>');
  },
  '/scalar': (res) => json(res, 200, '42'),
  '/array-bad': (res) => json(res, 200, '[{"a":1},3]'),
  '/gzip': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync('{"a":1}'));
  },
  '/reset': (res) => res.socket?.destroy(),
  '/204': (res) => {
    res.writeHead(204);
    res.end();
  },
  '/empty': (res) => json(res, 200, ''),
};

let server: TestServer;
let refusedUrl: string;

beforeAll(async () => {
  server = await createTestServer((req, res) => {
    req.resume();
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(res);
    else json(res, 404, '{}');
  });
  const closed = await createTestServer(() => {});
  refusedUrl = closed.url;
  await closed.close();
});
afterAll(() => server.close());

const cases: Array<{ route: string; code: ContextErrorCode; status?: number; hint: RegExp; timeoutMs?: number }> = [
  { route: '/401', code: 'unauthorized', status: 401, hint: /credentials/ },
  { route: '/403', code: 'unauthorized', status: 403, hint: /credentials/ },
  { route: '/404', code: 'http_error', status: 404, hint: /URL/ },
  { route: '/500', code: 'http_error', status: 500, hint: /logs/ },
  { route: '/302', code: 'http_error', status: 302, hint: /redirects to https:\/\/final\.example\.com\/ctx; save that URL.*not followed/ },
  { route: '/stall', code: 'timeout', hint: /in time/, timeoutMs: 300 },
  { route: '/trickle', code: 'timeout', status: 200, hint: /in time/, timeoutMs: 300 },
  { route: '/stream-big', code: 'response_too_large', status: 200, hint: /larger than 4096 bytes/ },
  { route: '/length-big', code: 'response_too_large', status: 200, hint: /larger than 4096 bytes/ },
  { route: '/malformed', status: 200, code: 'invalid_json', hint: /application\/json/ },
  { route: '/html', status: 200, code: 'invalid_json', hint: /text\/html/ },
  { route: '/gzip', code: 'invalid_json', status: 200, hint: /uncompressed/ },
  { route: '/scalar', status: 200, code: 'invalid_response', hint: /JSON object/ },
  { route: '/array-bad', status: 200, code: 'invalid_response', hint: /JSON object/ },
  { route: '/reset', code: 'network_error', hint: /reached/ },
];

function clientFor(endpoint: string, timeoutMs?: number, events: ContextEvent[] = []) {
  return createContextClient(
    { endpoint, auth: AUTHS.bearer, ...(timeoutMs ? { timeoutMs } : {}) },
    { ...LOOPBACK, maxResponseBytes: MAX_BYTES, onEvent: (e) => events.push(e) },
  );
}

describe('errors from a misbehaving endpoint', () => {
  it.each(cases)('fetch rejects $route with $code', async ({ route, code, status, hint, timeoutMs }) => {
    const events: ContextEvent[] = [];
    const client = clientFor(`${server.url}${route}?token=path-secret`, timeoutMs, events);
    const started = performance.now();
    const error = await client.fetch(CALL).then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ name: 'ContextError', code, ...(status ? { status } : {}) });
    expect((error as { status?: number }).status).toBe(status);
    const { message, hint: actualHint } = error as { message: string; hint: string };
    expect(actualHint).toMatch(hint);
    // The contract's hint is one sentence, also with the head of an error page in it.
    expect(actualHint.split(/[.?!] (?=[A-Z])/)).toHaveLength(1);
    expect(actualHint).toMatch(/[.)"]$/);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(events).toEqual([expect.objectContaining({ type: 'fetch', outcome: 'error', code, origin: server.url, cacheHit: false })]);
    expect(`${message} ${actualHint}`).not.toMatch(/path-secret|\/(?:401|500|stall)\b/);
    expect(`${message} ${actualHint}`).not.toContain(LOCATION_SECRET);
    expectNoSecrets([error, events]);
  });

  it.each(cases)('load resolves $route as { ok: false } with empty variables', async ({ route, code, timeoutMs }) => {
    const client = clientFor(`${server.url}${route}`, timeoutMs);
    const result = await client.load(CALL);
    await client.close();
    expect(result).toMatchObject({ ok: false, variables: {}, error: { code } });
  });

  it.each(cases)('test reports $route with code, status and hint', async ({ route, code, status, hint, timeoutMs }) => {
    const events: ContextEvent[] = [];
    const client = clientFor(`${server.url}${route}`, timeoutMs, events);
    const report = await client.test(CALL);
    await client.close();
    expect(report).toMatchObject({ ok: false, variables: [], error: { code } });
    expect(report.error?.status).toBe(status);
    expect(report.error?.hint).toMatch(hint);
    expect(events).toEqual([expect.objectContaining({ type: 'test', outcome: 'error', code })]);
    expectNoSecrets([report, events]);
  });

  it('names the URL to save from the Location, without its query, and only its origin in the message', async () => {
    const client = clientFor(`${server.url}/302`);
    const error = await client.fetch(CALL).catch((e: { message: string; hint: string }) => e);
    await client.close();
    expect(error.hint).toContain('redirects to https://final.example.com/ctx; save that URL');
    expect(error.message).toContain('to https://final.example.com (POST');
    expect(error.message).not.toContain('/ctx');
    expect(`${error.message}${error.hint}`).not.toMatch(/key=|\?/);
  });

  it('abandons a streamed body shortly after the cap and refuses a large Content-Length unread', async () => {
    const streamed = clientFor(`${server.url}/stream-big`);
    const declared = clientFor(`${server.url}/length-big`);
    const [a, b] = await Promise.all([streamed.test(CALL), declared.test(CALL)]);
    await Promise.all([streamed.close(), declared.close()]);
    expect(a.responseBytes).toBeGreaterThan(MAX_BYTES);
    expect(a.responseBytes).toBeLessThan(MAX_BYTES + 128 * 1024);
    expect(b.responseBytes).toBe(0);
  });

  it('accepts a body of exactly maxResponseBytes', async () => {
    const client = clientFor(`${server.url}/at-cap`);
    const report = await client.test(CALL);
    await client.close();
    expect(report).toMatchObject({ ok: true, responseBytes: MAX_BYTES, variables: ['a'] });
  });

  it('reports a refused connection as network_error', async () => {
    const client = clientFor(refusedUrl);
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'network_error', message: expect.stringContaining('connection refused') });
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expectNoSecrets(error);
  });

  it.each([
    { route: '/204', status: 204 },
    { route: '/empty', status: 200 },
  ])('treats $route as an empty context with a warning', async ({ route, status }) => {
    const client = clientFor(`${server.url}${route}`);
    const result = await client.load(CALL);
    const report = await client.test(CALL);
    await client.close();
    expect(result).toMatchObject({ ok: true, variables: {}, source: 'network', warnings: [expect.stringMatching(/empty body/)] });
    expect(report).toMatchObject({ ok: true, status, variables: [], warnings: [expect.stringMatching(/plain http/), expect.stringMatching(/empty body/)] });
  });
});
