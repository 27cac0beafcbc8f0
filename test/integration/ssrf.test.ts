import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient } from '../../src/client.js';
import type { ClientOptions, ContextEvent } from '../../src/types/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, expectNoSecrets } from './fixtures.js';

// Every target here is loopback, which the default policy refuses: nothing may arrive.
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer((_req, res) => res.end('{"reached":true}'));
});
afterAll(() => server.close());

type Lookup = NonNullable<ClientOptions['lookup']>;
const toLoopback: Lookup = async () => [{ address: '127.0.0.1', family: 4 }];
const mixed: Lookup = async () => [
  { address: '192.0.2.10', family: 4 },
  { address: '127.0.0.1', family: 4 },
];
const mappedV6: Lookup = async () => [{ address: '::ffff:127.0.0.1', family: 6 }];

const cases: Array<{ name: string; endpoint: () => string; lookup?: Lookup; kind: string }> = [
  { name: '127.0.0.1', endpoint: () => `http://127.0.0.1:${server.port}/ctx`, kind: 'loopback' },
  { name: 'localhost', endpoint: () => `http://localhost:${server.port}/ctx`, kind: 'loopback' },
  { name: '127.1', endpoint: () => `http://127.1:${server.port}/ctx`, kind: 'loopback' },
  { name: '[::1]', endpoint: () => `http://[::1]:${server.port}/ctx`, kind: 'loopback' },
  { name: '[::ffff:127.0.0.1]', endpoint: () => `http://[::ffff:127.0.0.1]:${server.port}/ctx`, kind: 'loopback' },
  { name: '2130706433', endpoint: () => `http://2130706433:${server.port}/ctx`, kind: 'loopback' },
  { name: '0x7f000001', endpoint: () => `http://0x7f000001:${server.port}/ctx`, kind: 'loopback' },
  { name: 'a name resolving to 127.0.0.1', endpoint: () => `http://crm.customer.test:${server.port}/ctx`, lookup: toLoopback, kind: 'loopback' },
  { name: 'a name resolving to ::ffff:127.0.0.1', endpoint: () => `http://crm.customer.test:${server.port}/ctx`, lookup: mappedV6, kind: 'loopback' },
  { name: 'a multi-address answer with one bad address', endpoint: () => `http://crm.customer.test:${server.port}/ctx`, lookup: mixed, kind: 'documentation' },
];

describe('blocked destinations under the default policy', () => {
  it.each(cases)('refuses $name before sending anything', async ({ endpoint, lookup, kind }) => {
    const before = server.requests;
    const events: ContextEvent[] = [];
    const client = createContextClient(
      { endpoint: endpoint(), auth: AUTHS.bearer, timeoutMs: 2000 },
      { allowHttp: true, onEvent: (e) => events.push(e), ...(lookup ? { lookup } : {}) },
    );
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    const report = await client.test(CALL);
    await client.close();
    expect(error).toMatchObject({ code: 'blocked_destination', message: expect.stringContaining(kind) });
    expect((error as { hint: string }).hint).toMatch(/public hostname/);
    expect((error as { status?: number }).status).toBeUndefined();
    expect(report).toMatchObject({ ok: false, responseBytes: 0, error: { code: 'blocked_destination' } });
    expect(events.map((e) => e.code)).toEqual(['blocked_destination', 'blocked_destination']);
    expect(server.requests).toBe(before);
    expectNoSecrets([error, report, events]);
  });

  it('checks literal addresses up front, without any DNS lookup', async () => {
    let lookups = 0;
    const client = createContextClient({ endpoint: `http://127.0.0.1:${server.port}/` }, { allowHttp: true, lookup: async () => (lookups++, []) });
    await expect(client.fetch(CALL)).rejects.toMatchObject({ code: 'blocked_destination' });
    await client.close();
    expect(lookups).toBe(0);
  });

  it('resolves names at connect time and checks every address', async () => {
    const asked: string[] = [];
    const client = createContextClient(
      { endpoint: `http://crm.customer.test:${server.port}/` },
      { allowHttp: true, lookup: async (host) => (asked.push(host), mixed(host)) },
    );
    await expect(client.load(CALL)).resolves.toMatchObject({ ok: false, error: { code: 'blocked_destination' } });
    await client.close();
    expect(asked).toEqual(['crm.customer.test']);
  });

  it('still checks the resolved addresses when the platform passes its own dispatcher', async () => {
    const dispatcher = new Agent();
    const client = createContextClient({ endpoint: `http://crm.customer.test:${server.port}/` }, { allowHttp: true, dispatcher, lookup: toLoopback });
    const before = server.requests;
    await expect(client.fetch(CALL)).rejects.toMatchObject({ code: 'blocked_destination' });
    await client.close();
    await dispatcher.close();
    expect(server.requests).toBe(before);
  });

  it('connects to the same name once allowPrivateNetwork is set, through the injected resolver', async () => {
    const client = createContextClient(
      { endpoint: `http://crm.customer.test:${server.port}/` },
      { allowHttp: true, allowPrivateNetwork: true, lookup: toLoopback },
    );
    await expect(client.fetch(CALL)).resolves.toEqual({ reached: true });
    await client.close();
  });

  it('counts a resolver that never answers against the total deadline', async () => {
    const client = createContextClient(
      { endpoint: `http://slow-dns.customer.test:${server.port}/`, timeoutMs: 200 },
      { allowHttp: true, lookup: () => new Promise(() => {}) },
    );
    const started = performance.now();
    await expect(client.fetch(CALL)).rejects.toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1500);
    await client.close();
  });

  it('reports a name that does not resolve as network_error with a DNS hint', async () => {
    const client = createContextClient({ endpoint: `http://missing.customer.test:${server.port}/` }, {
      allowHttp: true,
      lookup: async () => {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND missing.customer.test`), { code: 'ENOTFOUND' });
      },
    });
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'network_error', hint: expect.stringMatching(/DNS/) });
  });
});
