import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createRedisCacheStore } from '../../src/entries/redis.js';
import { REDIS_SERVER, startRedis, type TestRedis } from '../helpers/redis-server.js';

// redis-replicas.test.ts reports a missing redis-server with a failing test.
describe.runIf(REDIS_SERVER !== undefined)('createRedisCacheStore', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(() => redis?.stop());

  it('stores under the prefix with a TTL in Redis (PX), reads back and deletes', async () => {
    const store = createRedisCacheStore({ url: redis.url }, { prefix: 'unit:' });
    onTestFinished(() => store.close());
    const raw = createClient({ url: redis.url });
    await raw.connect();
    onTestFinished(() => raw.destroy());
    await store.set('k', 'v', 5000);
    expect(await raw.get('unit:k')).toBe('v');
    const ttl = await raw.pTTL('unit:k');
    expect(ttl).toBeGreaterThan(4000);
    expect(ttl).toBeLessThanOrEqual(5000);
    expect(await store.get('k')).toBe('v');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('serves commands given right after it is created: they wait for its first connection instead of failing offline', async () => {
    // A replica's first writes and reads land in Redis, so callers it loads while it connects are shared.
    const store = createRedisCacheStore({ url: redis.url }, { prefix: 'fresh:' });
    onTestFinished(() => store.close());
    await store.set('k', 'v', 5000);
    const other = createRedisCacheStore({ url: redis.url }, { prefix: 'fresh:' });
    onTestFinished(() => other.close());
    expect(await other.get('k')).toBe('v');
  });

  it('uses a node-redis client it is given, and leaves it open on close()', async () => {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    onTestFinished(() => raw.destroy());
    const store = createRedisCacheStore({ client: raw });
    await store.set('given', 'yes', 1000);
    expect(await raw.get('dynamic-context:given')).toBe('yes');
    await store.close();
    expect(raw.isOpen).toBe(true);
  });

  it('fails a command at once while Redis is unreachable, instead of queueing it', async () => {
    const store = createRedisCacheStore({ url: 'redis://127.0.0.1:1' });
    onTestFinished(() => store.close());
    await expect(store.get('k')).rejects.toThrow();
  });

  it.each([
    { name: 'no options', options: undefined },
    { name: 'a URL of another scheme', options: { url: 'http://127.0.0.1:6379' } },
    { name: 'a client without get/set/del', options: { client: {} } },
  ])('refuses $name with a TypeError', ({ options }) => {
    expect(() => createRedisCacheStore(options as never)).toThrow(TypeError);
  });
});
