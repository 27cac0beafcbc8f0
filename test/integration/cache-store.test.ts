import { describe, expect, it, onTestFinished } from 'vitest';
import { createMemoryCacheStore } from '../../src/cache/index.js';
import { createContextClient } from '../../src/client.js';
import type { CacheStore, ClientOptions, ContextEvent, DynamicContextConfig } from '../../src/types/index.js';
import { createTestServer } from '../helpers/test-server.js';
import { CALL, LOOPBACK, SECRETS } from './fixtures.js';

/** Answers `{ n }` with a growing n, or fails with `failWith` while it is set. */
async function crm() {
  let n = 0;
  const state = { failWith: 0 };
  const server = await createTestServer((req, res) => {
    req.resume();
    if (state.failWith) return res.writeHead(state.failWith).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: ++n }));
  });
  onTestFinished(server.close);
  return Object.assign(state, { server });
}

function client(config: DynamicContextConfig, options: ClientOptions = {}) {
  const c = createContextClient(config, { ...LOOPBACK, ...options });
  onTestFinished(() => c.close());
  return c;
}

/** A CacheStore over a Map that records what it was given; `mode` makes it misbehave. */
function mapStore() {
  const data = new Map<string, string>();
  const calls: Array<{ op: string; key: string; ttlMs?: number }> = [];
  const state = { mode: 'ok' as 'ok' | 'hang' | 'throw' | 'reject' | 'garbage' };
  const act = <T>(value: () => T): Promise<T> => {
    switch (state.mode) {
      case 'hang': return new Promise<T>(() => {});
      case 'throw': throw new Error('store exploded at 10.0.0.7:6379');
      case 'reject': return Promise.reject(new Error('READONLY You can\'t write against a read only replica.'));
      default: return Promise.resolve(value());
    }
  };
  const store: CacheStore = {
    get: (key) => {
      calls.push({ op: 'get', key });
      return state.mode === 'garbage' ? Promise.resolve('{"definitely": "not an entry"') : act(() => data.get(key));
    },
    set: (key, value, ttlMs) => {
      calls.push({ op: 'set', key, ttlMs });
      return act(() => void data.set(key, value));
    },
    delete: (key) => {
      calls.push({ op: 'delete', key });
      return act(() => void data.delete(key));
    },
  };
  return Object.assign(state, { store, data, calls });
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('staleIfErrorMs', () => {
  it.each([
    { name: 'the memory store', shared: false },
    { name: 'a shared store', shared: true },
  ])('serves an expired context with $name while the endpoint fails, and says so', async ({ shared }) => {
    const api = await crm();
    let now = 1_000_000;
    const events: ContextEvent[] = [];
    const store = mapStore();
    const c = client({ endpoint: api.server.url, cacheTtlMs: 1000 }, {
      now: () => now, staleIfErrorMs: 5000, onEvent: (e) => events.push(e), ...(shared && { cacheStore: store.store }),
    });
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: 'network', variables: { n: 1 } });
    await settle();
    now += 1500;
    api.failWith = 503;
    const stale = await c.load(CALL);
    expect(stale).toMatchObject({ ok: true, source: 'cache', stale: true, variables: { n: 1 } });
    expect(stale.ok && stale.warnings.join(' ')).toMatch(/endpoint failed \(http_error\); an expired cached context was served/);
    expect(events.at(-1)).toMatchObject({ outcome: 'ok', cacheHit: true, stale: true });
    now += 5000;
    expect(await c.load(CALL)).toMatchObject({ ok: false, error: { code: 'http_error', status: 503 } });
    api.failWith = 0;
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: 'network', variables: { n: 2 } });
    if (shared) expect(store.calls.find((call) => call.op === 'set')?.ttlMs).toBe(6000);
  });

  it('never serves an expired context by default', async () => {
    const api = await crm();
    let now = 0;
    const c = client({ endpoint: api.server.url, cacheTtlMs: 1000 }, { now: () => now });
    await c.load(CALL);
    now = 1001;
    api.failWith = 500;
    expect(await c.load(CALL)).toMatchObject({ ok: false, error: { code: 'http_error' } });
  });

  it.each([
    { name: 'a negative number', value: -1 },
    { name: 'a fraction', value: 1.5 },
    { name: 'a string', value: '1000' },
  ])('refuses $name with a TypeError naming the option', ({ value }) => {
    expect(() => createContextClient({ endpoint: 'https://crm.example.com/c' }, { staleIfErrorMs: value as number })).toThrow(/`staleIfErrorMs`/);
  });
});

describe('a shared cacheStore', () => {
  it('serves a context another client stored, under a key that holds no secret or phone number', async () => {
    const api = await crm();
    const store = mapStore();
    const config = { endpoint: api.server.url, auth: { type: 'bearer', token: SECRETS.token } } as const;
    const a = client(config, { cacheStore: store.store });
    const b = client(config, { cacheStore: store.store });
    expect(await a.load(CALL)).toMatchObject({ source: 'network' });
    await settle();
    expect(await b.load({ ...CALL, roomSid: 'RM-b' })).toMatchObject({ ok: true, source: 'cache', variables: { n: 1 } });
    expect(api.server.requests).toBe(1);
    const [key] = store.data.keys();
    expect(key).toMatch(/^v1:[A-Za-z0-9_-]{43}$/);
    expect(`${key} ${store.data.get(key)}`).not.toContain(SECRETS.token);
    expect(key).not.toContain(CALL.contactNumber);
  });

  it('never shares entries between credentials or sensitive-data policies', async () => {
    const api = await crm();
    const store = mapStore();
    const base = client({ endpoint: api.server.url, auth: { type: 'bearer', token: 'one' } }, { cacheStore: store.store });
    const otherToken = client({ endpoint: api.server.url, auth: { type: 'bearer', token: 'two' } }, { cacheStore: store.store });
    const otherPolicy = client({ endpoint: api.server.url, auth: { type: 'bearer', token: 'one' } }, { cacheStore: store.store, sensitiveData: 'off' });
    await base.load(CALL);
    await settle();
    expect(await otherToken.load(CALL)).toMatchObject({ source: 'network' });
    expect(await otherPolicy.load(CALL)).toMatchObject({ source: 'network' });
    expect(store.data.size).toBe(3);
  });

  it.each([
    { mode: 'hang', fault: 'timeout', warning: /did not answer within 30 ms/ },
    { mode: 'throw', fault: 'error', warning: /store failed/ },
    { mode: 'reject', fault: 'error', warning: /store failed/ },
    { mode: 'garbage', fault: 'unreadable', warning: /unreadable entry/ },
  ] as const)('loads from the network when the store is $mode, and says so without its message', async ({ mode, fault, warning }) => {
    const api = await crm();
    const store = mapStore();
    store.mode = mode;
    const events: ContextEvent[] = [];
    const c = client({ endpoint: api.server.url }, { cacheStore: store.store, cacheStoreTimeoutMs: 30, onEvent: (e) => events.push(e) });
    const result = await c.load(CALL);
    expect(result).toMatchObject({ ok: true, source: 'network', variables: { n: 1 } });
    expect(result.ok && result.warnings.join(' ')).toMatch(warning);
    expect(JSON.stringify({ result, events })).not.toMatch(/10\.0\.0\.7|READONLY/);
    expect(events[0]).toMatchObject({ type: 'load', outcome: 'ok', cacheStoreFault: fault });
    // A hung store costs one timeout, never the call: well under the 20 s test bound.
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('reports a failed background write as a store event', async () => {
    const api = await crm();
    const store = mapStore();
    const events: ContextEvent[] = [];
    const c = client({ endpoint: api.server.url }, { cacheStore: store.store, cacheStoreTimeoutMs: 30, onEvent: (e) => events.push(e) });
    store.store.set = () => new Promise(() => {});
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: 'network' });
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => [e.type, e.cacheStoreFault])).toEqual([['load', undefined], ['store', 'timeout']]);
  });

  it('invalidates in the store, and rejects when the store does not confirm in time', async () => {
    const api = await crm();
    const store = mapStore();
    const a = client({ endpoint: api.server.url }, { cacheStore: store.store, cacheStoreTimeoutMs: 30 });
    const b = client({ endpoint: api.server.url }, { cacheStore: store.store, cacheStoreTimeoutMs: 30 });
    await a.load(CALL);
    await settle();
    await b.invalidate(CALL);
    expect(store.data.size).toBe(0);
    expect(await a.load(CALL)).toMatchObject({ source: 'network', variables: { n: 2 } });
    store.mode = 'hang';
    await expect(b.invalidate(CALL)).rejects.toMatchObject({ code: 'network_error', message: expect.stringMatching(/did not answer within 30 ms/) });
  });

  it('refuses a cacheStore without get, set and delete', () => {
    expect(() => createContextClient({ endpoint: 'https://crm.example.com/c' }, { cacheStore: { get: () => Promise.resolve(undefined) } as unknown as CacheStore })).toThrow(/`cacheStore`/);
  });
});

describe('createMemoryCacheStore', () => {
  it('is shared by clients of one process, with synchronous hits', async () => {
    const api = await crm();
    const store = createMemoryCacheStore({ maxEntries: 100 });
    const a = client({ endpoint: api.server.url }, { cacheStore: store });
    const b = client({ endpoint: api.server.url }, { cacheStore: store });
    await a.load(CALL);
    expect(await b.load(CALL)).toMatchObject({ source: 'cache', variables: { n: 1 } });
    await a.close();
    expect(store.size).toBe(1);
  });

  it('works as a plain CacheStore of strings with a TTL', async () => {
    let now = 0;
    const store = createMemoryCacheStore({ now: () => now });
    await store.set('k', 'v', 100);
    expect(await store.get('k')).toBe('v');
    now = 101;
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', 'v', 100);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });
});
