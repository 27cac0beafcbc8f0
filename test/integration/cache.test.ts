import { describe, expect, it, onTestFinished } from 'vitest';
import { createContextClient } from '../../src/client.js';
import type { CallInfo, ClientOptions, ContextEvent, DynamicContextConfig } from '../../src/types/index.js';
import { createTestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, LOOPBACK } from './fixtures.js';

/** A server that counts requests and answers with the contact it was asked about. */
async function countingServer(options: { delayMs?: number; failFirst?: number } = {}) {
  let failures = options.failFirst ?? 0;
  const server = await createTestServer(async (req, res) => {
    req.resume();
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (failures > 0) {
      failures--;
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ contact: req.headers['x-contact-number'] ?? null, agent: req.headers['x-agent-uuid'], account: { tier: 'VIP' } }));
  });
  onTestFinished(server.close);
  return server;
}

function client(config: DynamicContextConfig, options: ClientOptions = {}) {
  const c = createContextClient(config, { ...LOOPBACK, ...options });
  onTestFinished(() => c.close());
  return c;
}

describe('cache', () => {
  it('serves a second load from cache within the TTL', async () => {
    const server = await countingServer();
    const events: ContextEvent[] = [];
    const c = client({ endpoint: server.url }, { onEvent: (e) => events.push(e) });
    const first = await c.load(CALL);
    const second = await c.load({ ...CALL, roomSid: 'RM-0002' });
    expect(first).toMatchObject({ ok: true, source: 'network' });
    expect(second).toMatchObject({ ok: true, source: 'cache', variables: first.variables });
    expect(server.requests).toBe(1);
    expect(events.map((e) => e.cacheHit)).toEqual([false, true]);
    expect(events[1].bytes).toBe(events[0].bytes);
  });

  it('goes back to the network once the TTL has passed on the injected clock', async () => {
    const server = await countingServer();
    let now = 0;
    const c = client({ endpoint: server.url, cacheTtlMs: 60_000 }, { now: () => now });
    await c.load(CALL);
    now = 59_999;
    expect(await c.load(CALL)).toMatchObject({ source: 'cache' });
    now = 60_001;
    expect(await c.load(CALL)).toMatchObject({ source: 'network' });
    expect(server.requests).toBe(2);
  });

  it('does not cache at all with cacheTtlMs 0', async () => {
    const server = await countingServer();
    const c = client({ endpoint: server.url, cacheTtlMs: 0 });
    await c.load(CALL);
    await c.load(CALL);
    expect(server.requests).toBe(2);
  });

  it('sends one request for 100 concurrent loads of the same call', async () => {
    const server = await countingServer({ delayMs: 50 });
    const c = client({ endpoint: server.url });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => c.load({ ...CALL, roomSid: `RM-${i}` })));
    expect(server.requests).toBe(1);
    expect(results.every((r) => r.ok && r.variables.contact === CALL.contactNumber)).toBe(true);
  });

  it.each([
    { name: 'another contact', call: { ...CALL, contactNumber: '+15550101' } },
    { name: 'another agent', call: { ...CALL, agentUuid: 'other-agent' } },
    { name: 'another direction', call: { ...CALL, direction: 'outbound' } },
    { name: 'a web visitor', call: { agentUuid: CALL.agentUuid, direction: 'inbound', medium: 'web', externalId: 'v-9', roomSid: 'RM-w' } },
  ] as Array<{ name: string; call: CallInfo }>)('never shares an entry with $name', async ({ call }) => {
    const server = await countingServer();
    const c = client({ endpoint: server.url });
    await c.load(CALL);
    const other = await c.load(call);
    expect(other).toMatchObject({ source: 'network', variables: { contact: call.contactNumber ?? null, agent: call.agentUuid } });
    expect(server.requests).toBe(2);
  });

  it('keeps two tenants with different tokens apart, even on one endpoint', async () => {
    const server = await countingServer();
    const a = client({ endpoint: server.url, auth: AUTHS.bearer });
    const b = client({ endpoint: server.url, auth: { type: 'bearer', token: 'tok-other-tenant' } });
    await a.load(CALL);
    await b.load(CALL);
    await a.load(CALL);
    expect(server.requests).toBe(2);
  });

  it('never caches an error: the next load retries', async () => {
    const server = await countingServer({ failFirst: 1 });
    const c = client({ endpoint: server.url });
    expect(await c.load(CALL)).toMatchObject({ ok: false, error: { code: 'http_error', status: 500 } });
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: 'network' });
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: 'cache' });
    expect(server.requests).toBe(2);
  });

  it('hands out cached variables that callers cannot change for the next call', async () => {
    const server = await countingServer();
    const c = client({ endpoint: server.url });
    const first = await c.load(CALL);
    expect(() => Object.assign(first.variables, { contact: 'tampered' })).toThrow(TypeError);
    expect(() => Object.assign(first.variables.account as object, { tier: 'FREE' })).toThrow(TypeError);
    expect(await c.load(CALL)).toMatchObject({ source: 'cache', variables: { contact: CALL.contactNumber, account: { tier: 'VIP' } } });
  });

  it('test() never reads or writes the cache', async () => {
    const server = await countingServer();
    const c = client({ endpoint: server.url });
    await c.load(CALL);
    await c.test(CALL);
    await c.test(CALL);
    expect(await c.load(CALL)).toMatchObject({ source: 'cache' });
    expect(server.requests).toBe(3);
  });

  it('close() clears the cache', async () => {
    const server = await countingServer();
    const c = createContextClient({ endpoint: server.url }, LOOPBACK);
    await c.load(CALL);
    await c.close();
    await c.close();
    expect(server.requests).toBe(1);
  });
});
