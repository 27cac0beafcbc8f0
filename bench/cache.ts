import { LRUCache } from 'lru-cache';
import { CALL, LOOPBACK, TOKEN, type Library } from './library.js';
import { calibrateSync, consume, interleave, median, scaled, timeAsyncSequential, timeSync } from './measure.js';
import { errorRow, formatNs, formatRate, formatRatio, type Row } from './report.js';

/** (c): a cached client.load (hit) against a bare LRUCache#get on the same key. */
export async function benchCache(lib: Library | undefined, origin: string): Promise<Row[]> {
  const reference = new LRUCache<string, Record<string, unknown>>({ max: 10_000, ttl: 300_000 });
  const key = `${CALL.agentUuid}\u0000${CALL.direction}\u0000${CALL.contactNumber}`;
  let client: ReturnType<Library['createContextClient']> | undefined;
  try {
    if (!lib) throw new Error('library did not load');
    client = lib.createContextClient({ endpoint: `${origin}/ctx`, auth: { type: 'bearer', token: TOKEN } }, LOOPBACK);
    const c = client;
    const first = await c.load(CALL);
    if (!first.ok) throw first.error;
    reference.set(key, first.variables);
    const hit = await c.load(CALL);
    if (!hit.ok || hit.source !== 'cache') throw new Error(`second load was not a cache hit (source ${hit.ok ? hit.source : 'error'})`);

    const get = () => reference.get(key);
    const floor = async () => reference.get(key);
    const load = () => c.load(CALL);
    const n = calibrateSync(get, 4);
    const warm = Math.max(100, Math.round(n / 4));
    for (let i = 0; i < 5; i++) {
      await timeAsyncSequential(load, warm);
      await timeAsyncSequential(floor, warm);
      timeSync(get, warm);
    }
    // The library side does far fewer calls per batch than the sync get; size each
    // batch to similar wall time so the interleave is fair.
    const loadN = Math.max(2, Math.round(n / 8));
    const [libNs, refNs, floorNs] = await interleave(scaled(20, 2), [
      () => timeAsyncSequential(load, loadN),
      () => timeSync(get, n),
      () => timeAsyncSequential(floor, loadN),
    ]);
    consume(libNs);
    const l = median(libNs);
    const r = median(refNs);
    const f = median(floorNs);
    const rate = 1e9 / l;
    return [
      {
        id: 'cache-hit', library: `${formatRate(rate, 'loads')} (${formatNs(l)})`, reference: `${formatRate(1e9 / r, 'gets')} (${formatNs(r)})`,
        ratio: formatRatio(l / r), target: '≤ 3× and ≥ 1 M/s', met: l / r <= 3 && rate >= 1e6 ? 'yes' : 'no',
        note: `ratio is time per op (library ÷ reference); loads are awaited one after another; best round ${formatRate(1e9 / Math.min(...libNs), 'loads')} vs ${formatRate(1e9 / Math.min(...refNs), 'gets')}`,
      },
      {
        id: 'cache-floor', library: formatNs(l), reference: formatNs(f), ratio: formatRatio(l / f), target: 'info', met: 'n/a',
      },
    ];
  } catch (error) {
    return [errorRow('cache-hit', error), errorRow('cache-floor', error)];
  } finally {
    await client?.close();
  }
}
