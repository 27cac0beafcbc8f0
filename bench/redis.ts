import { createClient } from 'redis';
import { startRedis } from '../test/helpers/redis-server.js';
import { CALL, LOOPBACK, TOKEN, type Library } from './library.js';
import { interleave, median, scaled, timeAsyncSequential } from './measure.js';
import { errorRow, formatNs, formatRate, formatRatio, type Row } from './report.js';

/**
 * (c'') a cache hit through the Redis store (another replica's entry, read over loopback)
 * next to a hit in the in-process LRU, in one run. Its own redis-server on a free
 * loopback port; the note gives a bare node-redis GET of the same entry (the floor).
 */
export async function benchRedis(lib: Library | undefined, origin: string): Promise<Row[]> {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const closers: Array<() => Promise<unknown> | void> = [];
  try {
    if (!lib) throw new Error('library did not load');
    redis = await startRedis();
    const { createRedisCacheStore } = await import('../src/entries/redis.js');
    const store = createRedisCacheStore({ url: redis.url });
    closers.push(() => store.close());
    const config = { endpoint: `${origin}/ctx`, auth: { type: 'bearer' as const, token: TOKEN } };
    const shared = lib.createContextClient(config, { ...LOOPBACK, cacheStore: store, cacheStoreTimeoutMs: 1000 });
    const local = lib.createContextClient(config, LOOPBACK);
    closers.push(() => shared.close(), () => local.close());
    // The store connects in the background: the first load may find it offline.
    for (let i = 0; i < 100; i++) {
      const first = await shared.load(CALL);
      if (first.ok && first.warnings.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 20));
    const hit = await shared.load(CALL);
    if (!hit.ok || hit.source !== 'cache') throw new Error(`no hit through Redis (${hit.ok ? hit.source : hit.error.code})`);
    await local.load(CALL);

    const raw = createClient({ url: redis.url });
    await raw.connect();
    closers.push(() => raw.destroy());
    const [key] = await raw.keys('dynamic-context:*');
    const get = () => raw.get(key);

    const n = scaled(4000, 20);
    for (let i = 0; i < 3; i++) {
      await timeAsyncSequential(() => shared.load(CALL), n / 4);
      await timeAsyncSequential(get, n / 4);
    }
    const [sharedNs, localNs, getNs] = await interleave(scaled(10, 2), [
      () => timeAsyncSequential(() => shared.load(CALL), n),
      () => timeAsyncSequential(() => local.load(CALL), n * 20),
      () => timeAsyncSequential(get, n),
    ]);
    const s = median(sharedNs);
    const l = median(localNs);
    const g = median(getNs);
    return [{
      id: 'cache-hit-redis', library: `${formatRate(1e9 / s, 'loads')} (${formatNs(s)})`, reference: `${formatRate(1e9 / l, 'loads')} (${formatNs(l)}) in-process`,
      ratio: formatRatio(s / l), target: 'info', met: 'n/a',
      note: `loads awaited one after another over loopback; a bare node-redis GET of the same entry takes ${formatNs(g)} (${formatRate(1e9 / g, 'gets')}), so the library adds ${formatNs(s - g)} per hit (key hash, decode, sanitise, freeze, deadline)`,
    }];
  } catch (error) {
    return [errorRow('cache-hit-redis', error)];
  } finally {
    for (const close of closers.reverse()) await close();
    await redis?.stop();
  }
}
