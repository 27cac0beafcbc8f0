import { Pool } from 'undici';
import { CALL, LOOPBACK, TOKEN, referenceRequest, type Library } from './library.js';
import { interleave, median, nowNs, percentile, scaled } from './measure.js';
import { errorRow, formatNs, formatRate, formatRatio, type Row } from './report.js';

/** Runs `total` calls of `fn` with `concurrency` in flight; calls per second. */
export async function runConcurrent(fn: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await fn();
    }
  };
  const start = nowNs();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / (Number(nowNs() - start) / 1e9);
}

/** Latency of each of `n` sequential calls, in ns. */
export async function latencies(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const start = nowNs();
    await fn();
    out[i] = Number(nowNs() - start);
  }
  return out;
}

/** (a) and (b): client.fetch (cache off) against raw undici.request on a keep-alive Pool. */
export async function benchHttp(lib: Library | undefined, origin: string): Promise<Row[]> {
  const { headers, body } = referenceRequest();
  const pool = new Pool(origin, { keepAliveTimeout: 60_000 });
  const reference = async () => {
    const res = await pool.request({ path: '/ctx', method: 'POST', headers, body });
    if (res.statusCode !== 200) throw new Error(`reference got HTTP ${res.statusCode}`);
    return res.body.json();
  };
  const rows: Row[] = [];
  let client: ReturnType<Library['createContextClient']> | undefined;
  try {
    if (!lib) throw new Error('library did not load');
    client = lib.createContextClient({ endpoint: `${origin}/ctx`, cacheTtlMs: 0, auth: { type: 'bearer', token: TOKEN } }, LOOPBACK);
    const c = client;
    const library = () => c.fetch(CALL);
    const sample = (await library()) as { customer?: { first_name?: string } };
    if (sample.customer?.first_name !== 'alice') throw new Error('client.fetch returned an unexpected context');

    // (a) sequential p50
    try {
      await latencies(library, scaled(300, 5));
      await latencies(reference, scaled(300, 5));
      const perRound = scaled(250, 5);
      const [lib50, ref50] = await interleave(scaled(20, 2), [() => latencies(library, perRound), () => latencies(reference, perRound)]);
      const libAll = lib50.flat();
      const refAll = ref50.flat();
      const l = percentile(libAll, 0.5);
      const r = percentile(refAll, 0.5);
      rows.push({
        id: 'http-seq', library: `p50 ${formatNs(l)}`, reference: `p50 ${formatNs(r)}`, ratio: formatRatio(l / r), target: '≤ 1.10×', met: l / r <= 1.1 ? 'yes' : 'no',
        note: `p99 ${formatNs(percentile(libAll, 0.99))} vs ${formatNs(percentile(refAll, 0.99))}; ${libAll.length} requests per side`,
      });
    } catch (error) {
      rows.push(errorRow('http-seq', error));
    }

    // (b) concurrency 64 throughput
    try {
      const total = scaled(4000, 64);
      await runConcurrent(library, scaled(1000, 64), 64);
      await runConcurrent(reference, scaled(1000, 64), 64);
      const [libRates, refRates] = await interleave(scaled(10, 2), [() => runConcurrent(library, total, 64), () => runConcurrent(reference, total, 64)]);
      const l = median(libRates);
      const r = median(refRates);
      rows.push({
        id: 'http-c64', library: formatRate(l, 'req'), reference: formatRate(r, 'req'), ratio: formatRatio(l / r), target: '≥ 0.90×', met: l / r >= 0.9 ? 'yes' : 'no',
        note: `median of ${libRates.length} rounds of ${total} requests`,
      });
    } catch (error) {
      rows.push(errorRow('http-c64', error));
    }
  } catch (error) {
    for (const id of ['http-seq', 'http-c64'] as const) if (!rows.some((r) => r.id === id)) rows.push(errorRow(id, error));
  } finally {
    await client?.close();
    await pool.close();
  }
  return rows;
}
