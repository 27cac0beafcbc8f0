import { describe, expect, it } from 'vitest';
import { createCacheKey, createContextCache, type CachedContext } from '../../src/cache/context-cache.js';
import { createClientCache } from '../../src/cache/index.js';
import { MemoryStore } from '../../src/cache/memory-store.js';
import { normalizeCall } from '../../src/call.js';
import { normalizeConfig } from '../../src/config.js';
import { normalizeOptions } from '../../src/options.js';

const config = normalizeConfig({ endpoint: 'https://crm.example.com/context', auth: { type: 'bearer', token: 'tok-SECRET-4f2a' } }, { allowHttp: false });
const base = { agentUuid: 'agent-1', direction: 'inbound', contactNumber: '+15550100', roomSid: 'RM1' } as const;
const context = (n = 1): CachedContext => ({ variables: { n, account: { tier: 'VIP' } }, warnings: [], bytes: 10 });

describe('createCacheKey', () => {
  const cacheKey = (c: typeof config, call: ReturnType<typeof normalizeCall>) => createCacheKey(c)(call);
  const key = cacheKey(config, normalizeCall(base));
  it.each([
    { name: 'another contact', call: { ...base, contactNumber: '+15550101' } },
    { name: 'another agent', call: { ...base, agentUuid: 'agent-2' } },
    { name: 'another direction', call: { ...base, direction: 'outbound' } },
    { name: 'another agent number', call: { ...base, agentNumber: '+15550199' } },
    { name: 'web medium', call: { ...base, medium: 'web' } },
    { name: 'a web external id', call: { ...base, medium: 'web', externalId: 'v-1' } },
  ])('gives $name its own key', ({ call }) => {
    expect(cacheKey(config, normalizeCall(call))).not.toBe(key);
  });

  it('ignores the room SID, which changes every call', () => {
    expect(cacheKey(config, normalizeCall({ ...base, roomSid: 'RM2' }))).toBe(key);
  });

  it('separates credentials and endpoints without containing the secret', () => {
    const other = normalizeConfig({ ...config, endpoint: config.endpoint, auth: { type: 'bearer', token: 'tok-OTHER' } }, { allowHttp: false });
    const path = normalizeConfig({ endpoint: 'https://crm.example.com/other' }, { allowHttp: false });
    expect(cacheKey(other, normalizeCall(base))).not.toBe(key);
    expect(cacheKey(path, normalizeCall(base))).not.toBe(key);
    expect(key).not.toContain('tok-SECRET-4f2a');
  });

  it('keeps numeric and string external ids apart and cannot be forged by separators', () => {
    const web = { ...base, medium: 'web' } as const;
    expect(cacheKey(config, normalizeCall({ ...web, externalId: 42 }))).not.toBe(cacheKey(config, normalizeCall({ ...web, externalId: '42' })));
    const a = normalizeCall({ ...base, agentNumber: 'a","b', contactNumber: 'c' });
    const b = normalizeCall({ ...base, agentNumber: 'a', contactNumber: 'b","c' });
    expect(cacheKey(config, a)).not.toBe(cacheKey(config, b));
  });
});

function memoryCache(options: { ttlMs: number; maxEntries: number; now?: () => number; staleMs?: number }) {
  const store = new MemoryStore({ maxEntries: options.maxEntries, ...(options.now && { now: options.now }) });
  return createContextCache({ store, owned: true, ttlMs: options.ttlMs, staleMs: options.staleMs ?? 0, abortedError: () => new Error('aborted') });
}

describe('createContextCache', () => {
  it('serves a stored entry until the TTL passes on the injected clock', async () => {
    let now = 1000;
    const cache = memoryCache({ ttlMs: 100, maxEntries: 10, now: () => now });
    await cache.load('k', async () => context());
    expect(cache.get('k')?.variables.n).toBe(1);
    now += 99;
    expect(cache.get('k')).toBeDefined();
    now += 2;
    expect(cache.get('k')).toBeUndefined();
  });

  it('expires entries even when the injected clock starts at 0', async () => {
    let now = 0;
    const cache = memoryCache({ ttlMs: 100, maxEntries: 10, now: () => now });
    await cache.load('k', async () => context());
    now = 101;
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps entries within the TTL on its own clock when none is injected', async () => {
    const cache = memoryCache({ ttlMs: 60_000, maxEntries: 10 });
    await cache.load('k', async () => context());
    expect(cache.get('k')?.variables.n).toBe(1);
  });

  it('builds no cache at all when the TTL is 0', () => {
    const ttl0 = normalizeConfig({ endpoint: 'https://crm.example.com/context', cacheTtlMs: 0 }, { allowHttp: false });
    expect(createClientCache(ttl0, normalizeOptions({}), { injectedNow: false, abortedError: () => new Error('x'), onWriteFault: () => {} })).toBeUndefined();
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = memoryCache({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    for (const key of ['a', 'b', 'c']) await cache.load(key, async () => context());
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const cache = memoryCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return context();
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.load('k', loader)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.context)).size).toBe(1);
  });

  it('never stores a failure, so the next load retries', async () => {
    const cache = memoryCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cache.load('k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(cache.get('k')).toBeUndefined();
    await expect(cache.load('k', async () => context(2))).resolves.toMatchObject({ context: { variables: { n: 2 } } });
  });

  it('hands out deeply frozen values', async () => {
    const cache = memoryCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    const { context: value } = await cache.load('k', async () => context());
    expect(Object.isFrozen(value.variables)).toBe(true);
    expect(Object.isFrozen(value.variables.account)).toBe(true);
    expect(() => { (value.variables.account as Record<string, unknown>).tier = 'x'; }).toThrow(TypeError);
  });

  it('does not store a load that was in flight during clear()', async () => {
    const cache = memoryCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    let release!: () => void;
    const pending = cache.load('k', () => new Promise((r) => { release = () => r(context()); }));
    cache.clear();
    release();
    await pending;
    expect(cache.get('k')).toBeUndefined();
  });
});

describe('MemoryStore growth', () => {
  it('grows past its first capacity keeping every entry, their order and their TTL, up to maxEntries', async () => {
    let now = 0;
    const store = new MemoryStore({ maxEntries: 100, now: () => now });
    for (let i = 0; i < 100; i++) {
      store.put(`k${i}`, context(i), 1000, 0);
      now += 1;
    }
    expect(store.size).toBe(100);
    expect(store.peek('k0')?.variables.n).toBe(0);
    // k0 was just read, so k1 is now the least recently used and goes first.
    store.put('k100', context(100), 1000, 0);
    expect(store.size).toBe(100);
    expect(store.peek('k1')).toBeUndefined();
    expect(store.peek('k0')).toBeDefined();
    now = 1001;
    expect(store.peek('k0')).toBeUndefined();
    expect(store.peek('k99')).toBeDefined();
  });

  it('gives back the room of its entries on clear()', () => {
    const store = new MemoryStore({ maxEntries: 10_000 });
    for (let i = 0; i < 1000; i++) store.put(`k${i}`, context(i), 60_000, 0);
    store.clear();
    expect(store.size).toBe(0);
    expect((store as unknown as { lru: { max: number } }).lru.max).toBeLessThan(100);
  });
});
