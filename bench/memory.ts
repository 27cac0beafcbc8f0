import { LRUCache } from 'lru-cache';
import { Pool } from 'undici';
import { contextJson2k } from './fixtures/contexts.mjs';
import { runConcurrent } from './http.js';
import { CALL, LOOPBACK, TOKEN, referenceRequest, type Library } from './library.js';
import { consume, scaled, settledHeapUsed } from './measure.js';
import { errorRow, formatBytes, formatRatio, type Row } from './report.js';

const contact = (i: number) => `+1555${String(i).padStart(7, '0')}`;

/** (f) heap held by N cached ~2 KiB contexts; (g) heap across rounds of concurrent loads. */
export async function benchMemory(lib: Library | undefined, origin: string): Promise<Row[]> {
  const rows: Row[] = [];
  const entries = scaled(10_000, 20);
  try {
    if (!lib) throw new Error('library did not load');
    const jsonBytes = Array.from({ length: entries }, (_, i) => Buffer.byteLength(contextJson2k(contact(i)))).reduce((a, b) => a + b, 0);

    // Reference: the same parsed bodies in a bare LRUCache (what any cache must hold at least).
    const bareBefore = await settledHeapUsed();
    let bare: LRUCache<string, object> | undefined = new LRUCache<string, object>({ max: entries });
    for (let i = 0; i < entries; i++) bare.set(contact(i), JSON.parse(contextJson2k(contact(i))) as object);
    const bareHeld = (await settledHeapUsed()) - bareBefore;
    consume(bare.size);
    bare = undefined;

    const client = lib.createContextClient({ endpoint: `${origin}/ctx2k`, auth: { type: 'bearer', token: TOKEN } }, { ...LOOPBACK, cacheMaxEntries: entries, cacheMaxBytes: 2 ** 30 });
    try {
      const warm = await client.load({ ...CALL, agentUuid: 'warm-up' });
      if (!warm.ok) throw warm.error;
      const before = await settledHeapUsed();
      let next = 0;
      await runConcurrent(async () => {
        const result = await client.load({ ...CALL, contactNumber: contact(next++) });
        if (!result.ok) throw result.error;
      }, entries, 64);
      const held = (await settledHeapUsed()) - before;
      const check = await client.load({ ...CALL, contactNumber: contact(0) });
      const ratio = held / jsonBytes;
      rows.push({
        id: 'mem-cache', library: `${formatBytes(held)} (${formatBytes(held / entries)}/entry)`, reference: `${formatBytes(jsonBytes)} JSON`,
        ratio: formatRatio(ratio), target: '≤ 2×', met: ratio <= 2 ? 'yes' : 'no',
        note: `${entries} entries (cacheMaxBytes raised to 1 GiB: the default 256 MiB counts a 2 KiB context as ~66 KiB, worst-case shape, and keeps ~4,000); the same parsed bodies in a bare LRUCache hold ${formatBytes(bareHeld)} (${formatRatio(bareHeld / jsonBytes)} the JSON)` +
          (check.ok && check.source === 'cache' ? '' : '; WARNING: entry 0 was no longer cached'),
      });
    } finally {
      await client.close();
    }
  } catch (error) {
    rows.push(errorRow('mem-cache', error));
  }

  try {
    if (!lib) throw new Error('library did not load');
    const perRound = scaled(1000, 10);
    const client = lib.createContextClient({ endpoint: `${origin}/ctx`, cacheTtlMs: 0, auth: { type: 'bearer', token: TOKEN } }, LOOPBACK);
    const libHeap: number[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(Array.from({ length: perRound }, (_, i) => client.load({ ...CALL, roomSid: `RM-${round}-${i}` })));
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) throw failed.error;
        libHeap.push(await settledHeapUsed());
      }
    } finally {
      await client.close();
    }
    // Reference: raw undici on a Pool, same rounds.
    const { headers, body } = referenceRequest();
    const pool = new Pool(origin);
    const refHeap: number[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        await Promise.all(Array.from({ length: perRound }, async () => (await pool.request({ path: '/ctx', method: 'POST', headers, body })).body.json()));
        refHeap.push(await settledHeapUsed());
      }
    } finally {
      await pool.close();
    }
    const growth = libHeap[9] - libHeap[1];
    const refGrowth = refHeap[9] - refHeap[1];
    const noise = Math.max(512 * 1024, Math.abs(refGrowth) * 2);
    rows.push({
      id: 'mem-rounds', library: `${growth >= 0 ? '+' : ''}${formatBytes(growth)}`, reference: `${refGrowth >= 0 ? '+' : ''}${formatBytes(refGrowth)} (raw undici)`,
      ratio: 'n/a', target: `no growth (≤ ${formatBytes(noise)} noise)`, met: growth <= noise ? 'yes' : 'no',
      note: `heapUsed MiB per round, library: ${libHeap.map((h) => (h / 2 ** 20).toFixed(1)).join(' ')}; raw undici: ${refHeap.map((h) => (h / 2 ** 20).toFixed(1)).join(' ')}; ${perRound} concurrent loads per round`,
    });
  } catch (error) {
    rows.push(errorRow('mem-rounds', error));
  }
  return rows;
}
