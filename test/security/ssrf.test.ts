import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient, isContextError, type ClientOptions, type ContextError } from '../../src/index.js';

// Only loopback destinations, which the default policy refuses: nothing may arrive.
type Lookup = NonNullable<ClientOptions['lookup']>;
const CALL = { agentUuid: 'agent-1', direction: 'inbound', roomSid: 'RM-1' } as const;
const DOC_V4 = '198.51.100.7'; // documentation range: never connected to (and refused anyway)

interface CountingServer {
  port: number;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

async function listen(host: string): Promise<CountingServer | undefined> {
  const server: Server = createServer((_req, res) => {
    state.requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"reached":true}');
  });
  const state = { connections: 0, requests: 0 };
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    state.connections++;
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
  } catch {
    return undefined;
  }
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

let v4: CountingServer;
let v6: CountingServer | undefined;
beforeAll(async () => {
  v4 = (await listen('127.0.0.1'))!;
  v6 = await listen('::1');
});
afterAll(async () => {
  await v4.close();
  await v6?.close();
});

async function expectBlocked(endpoint: string, options: ClientOptions = {}, config: Record<string, unknown> = {}): Promise<ContextError> {
  const before = { c: v4.connections + (v6?.connections ?? 0), r: v4.requests + (v6?.requests ?? 0) };
  const client = createContextClient({ endpoint, timeoutMs: 2000, ...config }, { allowHttp: true, ...options });
  const error = await client.fetch(CALL).then(
    () => expect.fail('fetch resolved'),
    (e: unknown) => e,
  );
  const loaded = await client.load(CALL);
  await client.close();
  expect(isContextError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'blocked_destination' });
  expect((error as ContextError).hint.length).toBeGreaterThan(20);
  expect(loaded).toMatchObject({ ok: false, error: { code: 'blocked_destination' } });
  expect(v4.connections + (v6?.connections ?? 0)).toBe(before.c);
  expect(v4.requests + (v6?.requests ?? 0)).toBe(before.r);
  return error as ContextError;
}

describe('SSRF: loopback in every spelling is refused and never connected to', () => {
  const spellings = ['127.0.0.1', 'localhost', '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '0x7f000001', '127.000.000.001', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::1]'];
  it.each(spellings)('http://%s:PORT', async (host) => {
    await expectBlocked(`http://${host}:${v4.port}/ctx`);
  });

  it('http://[::1]:PORT (server on ::1)', async () => {
    if (v6 === undefined) return; // no IPv6 loopback on this machine
    await expectBlocked(`http://[::1]:${v6.port}/ctx`);
  });

  it('a hostname the injected resolver maps to 127.0.0.1', async () => {
    await expectBlocked(`http://crm.customer.test:${v4.port}/`, { lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
  });

  it.each([
    ['public-looking first', [{ address: DOC_V4, family: 4 as const }, { address: '127.0.0.1', family: 4 as const }]],
    ['loopback first', [{ address: '127.0.0.1', family: 4 as const }, { address: DOC_V4, family: 4 as const }]],
    ['mapped loopback among v6', [{ address: '2001:db8::1', family: 6 as const }, { address: '::ffff:127.0.0.1', family: 6 as const }]],
  ])('a multi-address answer containing loopback (%s)', async (_name, addresses) => {
    await expectBlocked(`http://multi.customer.test:${v4.port}/`, { lookup: async () => addresses });
  });

  it('DNS rebinding: with cacheTtlMs 0 every fetch resolves and checks again', async () => {
    let calls = 0;
    // A public-looking (documentation-range) answer first, loopback after: no answer is ever connected to.
    // The refusal reason changes with the answer, which shows the second fetch resolved again.
    const rebinding: Lookup = async () => (calls++ === 0 ? [{ address: DOC_V4, family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const before = v4.connections;
    const client = createContextClient({ endpoint: `http://rebind.customer.test:${v4.port}/`, timeoutMs: 2000, cacheTtlMs: 0 }, { allowHttp: true, lookup: rebinding });
    const first = await client.load(CALL);
    const second = await client.load(CALL);
    const third = await client.load(CALL);
    await client.close();
    expect(first).toMatchObject({ ok: false, error: { code: 'blocked_destination', message: expect.stringContaining('documentation') } });
    expect(second).toMatchObject({ ok: false, error: { code: 'blocked_destination', message: expect.stringContaining('loopback') } });
    expect(third).toMatchObject({ ok: false, error: { code: 'blocked_destination', message: expect.stringContaining('loopback') } });
    expect(calls).toBe(3);
    expect(v4.connections).toBe(before);
  });

  it('a platform dispatcher still gets the pre-dispatch check for a hostname', async () => {
    const { Agent } = await import('undici');
    const dispatcher = new Agent();
    await expectBlocked(`http://crm.customer.test:${v4.port}/`, { dispatcher, lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
    await dispatcher.close();
  });
});

describe('SSRF: redirects are not followed', () => {
  it('a 302 from an allowed loopback server to another address is an http_error, not a second request', async () => {
    let hits = 0;
    let targetHits = 0;
    const target = createServer((_q, r) => ((targetHits++), r.end('{}')));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    const targetPort = (target.address() as AddressInfo).port;
    const origin = createServer((_q, r) => {
      hits++;
      r.writeHead(302, { location: `http://127.0.0.2:${targetPort}/internal?token=x` });
      r.end();
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
    const port = (origin.address() as AddressInfo).port;
    const client = createContextClient({ endpoint: `http://127.0.0.1:${port}/` }, { allowHttp: true, allowPrivateNetwork: true });
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    await client.close();
    origin.close();
    target.close();
    expect(error).toMatchObject({ code: 'http_error', status: 302 });
    expect(hits).toBe(1);
    expect(targetHits).toBe(0);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('token=x');
  });
});
