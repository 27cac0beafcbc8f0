import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient } from '../../src/client.js';
import type { CallInfo, ContextEvent } from '../../src/types/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, LOOPBACK, expectNoSecrets } from './fixtures.js';

const answers: Record<string, unknown> = {
  '/vip': { first_name: 'Ada', account: { tier: 'VIP' } },
  '/array': [{ first_name: 'Ada', account: { tier: 'FREE', id: 1 } }, { account: { tier: 'VIP' } }],
  '/large': { notes: 'n'.repeat(20_000) },
  '/nothing': {},
  '/sensitive': { first_name: 'Ada', password: 'hunter2', card: '4111 1111 1111 1111' },
};

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer((req, res: ServerResponse) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answers[req.url ?? ''] ?? {}));
  });
});
afterAll(() => server.close());

async function withClient<T>(path: string, run: (c: ReturnType<typeof createContextClient>, events: ContextEvent[]) => Promise<T>, extra = {}): Promise<T> {
  const events: ContextEvent[] = [];
  const client = createContextClient({ endpoint: `${server.url}${path}`, auth: AUTHS.bearer, ...extra }, { ...LOOPBACK, onEvent: (e) => events.push(e) });
  try {
    return await run(client, events);
  } finally {
    await client.close();
  }
}

describe('createContextClient', () => {
  it.each([
    { name: 'a missing endpoint', config: {} },
    { name: 'an ftp endpoint', config: { endpoint: 'ftp://crm.example.com/x' } },
    { name: 'a timeout above 30 s', config: { endpoint: 'https://crm.example.com/x', timeoutMs: 30_001 } },
    { name: 'an empty token', config: { endpoint: 'https://crm.example.com/x', auth: { type: 'bearer', token: '' } } },
  ])('throws invalid_config at once for $name', ({ config }) => {
    expect(() => createContextClient(config as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });

  it('refuses plain http unless the platform allows it', () => {
    expect(() => createContextClient({ endpoint: server.url })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });

  it('throws TypeError for a wrong option type', () => {
    expect(() => createContextClient({ endpoint: 'https://crm.example.com' }, { maxResponseBytes: 'big' as never })).toThrow(TypeError);
  });
});

describe('load, fetch and test', () => {
  it('loads the merged top-level keys as variables and emits one event without values', async () => {
    await withClient('/vip', async (client, events) => {
      expect(await client.load(CALL)).toMatchObject({ ok: true, source: 'network', warnings: [], variables: answers['/vip'] as object });
      expect(events).toEqual([
        expect.objectContaining({ type: 'load', agentUuid: CALL.agentUuid, direction: 'inbound', medium: 'phone', origin: server.url, outcome: 'ok', cacheHit: false, warnings: 0 }),
      ]);
      expect(JSON.stringify(events)).not.toMatch(/Ada|VIP/);
    });
  });

  it('resolves a disabled client with an empty context and sends nothing', async () => {
    const before = server.requests;
    await withClient('/vip', async (client, events) => {
      expect(await client.load(CALL)).toMatchObject({ ok: true, variables: {}, source: 'disabled', warnings: [] });
      expect(await client.fetch(CALL)).toEqual({});
      expect(events.map((e) => e.outcome)).toEqual(['disabled', 'disabled']);
    }, { enabled: false });
    expect(server.requests).toBe(before);
  });

  it.each([
    { name: 'a bad direction', call: { ...CALL, direction: 'sideways' } },
    { name: 'a CR/LF in the contact number', call: { ...CALL, contactNumber: '+1555\r\nX-Evil: 1' } },
    { name: 'a missing roomSid', call: { ...CALL, roomSid: undefined } },
    { name: 'no call at all', call: null },
  ])('rejects $name as invalid_call and sends nothing', async ({ call }) => {
    const before = server.requests;
    await withClient('/vip', async (client, events) => {
      await expect(client.fetch(call as unknown as CallInfo)).rejects.toMatchObject({ code: 'invalid_call' });
      expect(await client.load(call as unknown as CallInfo)).toMatchObject({ ok: false, variables: {}, error: { code: 'invalid_call' } });
      expect(await client.test(call as unknown as CallInfo)).toMatchObject({ ok: false, error: { code: 'invalid_call' } });
      expect(events.map((e) => e.code)).toEqual(['invalid_call', 'invalid_call', 'invalid_call']);
    });
    expect(server.requests).toBe(before);
  });

  it('swallows exceptions thrown by onEvent', async () => {
    const client = createContextClient({ endpoint: `${server.url}/vip` }, { ...LOOPBACK, onEvent: () => { throw new Error('hook broke'); } });
    await expect(client.load(CALL)).resolves.toMatchObject({ ok: true });
    await expect(client.fetch(CALL)).resolves.toMatchObject({ first_name: 'Ada' });
    await expect(client.test(CALL)).resolves.toMatchObject({ ok: true });
    await client.close();
  });

  it('redacts sensitive values by default and warns with the path, never the value', async () => {
    await withClient('/sensitive', async (client, events) => {
      const result = await client.load(CALL);
      expect(result).toMatchObject({ ok: true, variables: { first_name: 'Ada', password: '[redacted]', card: '[redacted]' } });
      const text = JSON.stringify([result.ok ? result.warnings : [], events]);
      expect(text).toMatch(/password/);
      expect(text).not.toMatch(/hunter2|4111/);
    });
  });
});

describe('test report', () => {
  it.each([
    { path: '/vip', variables: ['account', 'first_name'], warnings: [/plain http/] },
    { path: '/array', variables: ['account', 'first_name'], warnings: [/plain http/, /array/] },
    { path: '/large', variables: ['notes'], warnings: [/plain http/, /KiB/] },
    { path: '/nothing', variables: [], warnings: [/plain http/, /no variables/] },
    { path: '/sensitive', variables: ['card', 'first_name', 'password'], warnings: [/plain http/, /password/, /card/] },
  ])('reports $path with sorted variable names and warnings', async ({ path, variables, warnings }) => {
    await withClient(path, async (client, events) => {
      const report = await client.test(CALL);
      expect(report).toMatchObject({ ok: true, status: 200, variables });
      expect(report.error).toBeUndefined();
      expect(report.responseBytes).toBe(Buffer.byteLength(JSON.stringify(answers[path])));
      expect(report.warnings).toHaveLength(warnings.length);
      warnings.forEach((pattern, i) => expect(report.warnings[i]).toMatch(pattern));
      expect(events).toEqual([expect.objectContaining({ type: 'test', outcome: 'ok', status: 200, cacheHit: false })]);
      expectNoSecrets([report, events]);
      expect(JSON.stringify(report)).not.toMatch(/hunter2|4111/);
    });
  });

  it('still tests the endpoint while the toggle is off, and says so', async () => {
    await withClient('/vip', async (client) => {
      const report = await client.test(CALL);
      expect(report).toMatchObject({ ok: true, variables: ['account', 'first_name'] });
      expect(report.warnings[0]).toMatch(/turned off/);
    }, { enabled: false });
  });
});

describe('close', () => {
  it('ends the kept-alive sockets it opened, and a later load still resolves (ok: false)', async () => {
    const own = await createTestServer((req, res: ServerResponse) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"first_name":"Ada"}');
    });
    try {
      const client = createContextClient({ endpoint: own.url, cacheTtlMs: 0 }, LOOPBACK);
      expect((await client.load(CALL)).ok).toBe(true);
      expect(own.openSockets).toBe(1); // kept alive after the answer
      await client.close();
      await expect.poll(() => own.openSockets, { timeout: 2000 }).toBe(0);
      const after = await client.load(CALL);
      expect(after.ok).toBe(false);
      expect(after.ok === false && after.error.code).toBe('network_error');
    } finally {
      await own.close();
    }
  });
});
