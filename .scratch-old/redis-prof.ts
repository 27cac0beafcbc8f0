import { startRedis } from '../test/helpers/redis-server.js';
import { startServer } from '../bench/server.js';
import { CALL, LOOPBACK, TOKEN } from '../bench/library.js';
import { createContextClient } from '../src/index.js';
import { createRedisCacheStore } from '../src/entries/redis.js';
import { createClient } from 'redis';
const redis = await startRedis();
const server = await startServer();
const store = createRedisCacheStore({ url: redis.url });
const c = createContextClient({ endpoint: `${server.origin}/ctx`, auth: { type: 'bearer', token: TOKEN } }, { ...LOOPBACK, cacheStore: store, cacheStoreTimeoutMs: 1000 });
await new Promise((r) => setTimeout(r, 200));
await c.load(CALL); await new Promise((r) => setTimeout(r, 50));
const raw = createClient({ url: redis.url }); await raw.connect();
const [key] = await raw.keys('dynamic-context:*');
const t = async (name: string, fn: () => Promise<unknown>, n = 5000) => { const s = performance.now(); for (let i = 0; i < n; i++) await fn(); console.log(name, ((performance.now() - s) / n * 1000).toFixed(1), 'µs'); };
for (let r = 0; r < 3; r++) {
  await t('load', () => c.load(CALL));
  await t('raw get', () => raw.get(key));
  await t('store.get', () => store.get(key.slice('dynamic-context:'.length)));
}
await c.close(); await store.close(); raw.destroy(); await server.close(); await redis.stop();
process.exit(0);
