import { readdirSync, readlinkSync } from 'node:fs';
import { Pool } from 'undici';
import { runConcurrent } from './http.js';
import { CALL, LOOPBACK, TOKEN, referenceRequest, type Library } from './library.js';
import { consume, scaled, settledHeapUsed } from './measure.js';
import { errorRow, formatBytes, formatRatio, type Row } from './report.js';

/**
 * Sockets this process holds open right now, from its file descriptors (Linux): idle
 * kept-alive sockets are unref'd, so Node's list of active resources does not show them.
 */
function openSockets(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) count++;
    } catch {
      // closed between the listing and the read
    }
  }
  return count;
}

/**
 * (h) 5,000 clients in one process, one per tenant configuration (its own endpoint path and
 * token), each loading one caller: heap and sockets held, then after close(). Reference: the
 * least a process can hold for the same work, one undici Pool per tenant and the parsed
 * answer in a Map.
 */
export async function benchTenants(lib: Library | undefined, origin: string): Promise<Row[]> {
  const tenants = scaled(5000, 50);
  try {
    if (!lib) throw new Error('library did not load');
    const socketsBefore = openSockets();
    const before = await settledHeapUsed();
    let clients = Array.from({ length: tenants }, (_, i) => lib.createContextClient({ endpoint: `${origin}/ctx?tenant=${i}`, auth: { type: 'bearer', token: `${TOKEN}-${i}` } }, LOOPBACK));
    const idle = (await settledHeapUsed()) - before;
    let next = 0;
    await runConcurrent(async () => {
      const result = await clients[next++].load(CALL);
      if (!result.ok) throw result.error;
    }, tenants, 64);
    const loaded = (await settledHeapUsed()) - before;
    const sockets = openSockets() - socketsBefore;
    await Promise.all(clients.map((c) => c.close()));
    const closedSockets = openSockets() - socketsBefore;
    clients = [];
    consume(clients);

    const refBefore = await settledHeapUsed();
    let pools = Array.from({ length: tenants }, () => new Pool(origin));
    const cache = new Map<number, unknown>();
    const { headers, body } = referenceRequest();
    let i = 0;
    await runConcurrent(async () => {
      const n = i++;
      const response = await pools[n].request({ path: `/ctx?tenant=${n}`, method: 'POST', headers, body });
      cache.set(n, await response.body.json());
    }, tenants, 64);
    const refLoaded = (await settledHeapUsed()) - refBefore;
    await Promise.all(pools.map((p) => p.close()));
    pools = [];
    consume([pools, cache.size]);

    const ratio = loaded / refLoaded;
    return [
      {
        id: 'tenants-heap', library: `${formatBytes(loaded)} (${formatBytes(loaded / tenants)}/tenant)`, reference: `${formatBytes(refLoaded)} (undici Pool + Map)`,
        ratio: formatRatio(ratio), target: '≤ 2×', met: ratio <= 2 ? 'yes' : 'no',
        note: `${tenants} clients, one cached ~1 KiB context each; ${formatBytes(idle)} (${formatBytes(idle / tenants)}/client) before any load`,
      },
      {
        id: 'tenants-sockets', library: `${sockets} open, ${closedSockets} after close()`, reference: `${tenants} tenants`,
        ratio: 'n/a', target: '≤ 1 per tenant, 0 after close()', met: sockets <= tenants && closedSockets <= 0 ? 'yes' : 'no',
        note: 'one kept-alive socket per tenant that loaded, closed by the client after 10 s idle (keepAliveTimeout) or by close()',
      },
    ];
  } catch (error) {
    return [errorRow('tenants-heap', error), errorRow('tenants-sockets', error)];
  }
}
