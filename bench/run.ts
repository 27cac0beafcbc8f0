/**
 * `npm run bench`: the library against its references, in one process, interleaved.
 *
 *   BENCH_SCALE=0.01   iteration counts × 0.01 (the smoke test); default 1
 *   BENCH_ONLY=render  run only some groups, comma separated (the names in GROUPS below)
 *   BENCH_MD_OUT=path  also write the table as Markdown (for bench/RESULTS.md)
 *   BENCH_LIB=path     benchmark another module with the same API (a scratch copy with a fix)
 *
 * Exits 0 when every scenario ran (targets met or not), 1 when one failed to run.
 */
import { writeFileSync } from 'node:fs';
import { benchCache } from './cache.js';
import { benchHttp } from './http.js';
import { loadLibrary, type Library } from './library.js';
import { SCALE } from './measure.js';
import { benchMemory } from './memory.js';
import { benchMemoryBounds } from './memory-bounds.js';
import { benchObservability } from './observability.js';
import { benchPackage } from './package.js';
import { benchPool } from './pool.js';
import { benchRedis } from './redis.js';
import { benchRender } from './render.js';
import { ROWS, errorRow, formatMarkdown, formatTable, machine, type Row, type RowId } from './report.js';
import { startServer } from './server.js';
import { benchTenants } from './tenants.js';
import { benchVariables } from './variables.js';
import { benchRenderRealistic } from './render-realistic.js';

const GROUPS = ['http', 'cache', 'render', 'pool', 'memory', 'observability', 'redis', 'tenants', 'package'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (group: (typeof GROUPS)[number]) => only.length === 0 || only.includes(group);

// Nothing here may hang: the whole run is bounded.
const watchdog = setTimeout(() => {
  console.error('bench: watchdog fired, giving up');
  process.exit(2);
}, Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000));
watchdog.unref();

async function main(): Promise<number> {
  const started = performance.now();
  console.log(`dynamic-context benchmark (BENCH_SCALE=${SCALE})`);
  console.log(`machine: ${machine()}`);
  let lib: Library | undefined;
  let loadError: unknown;
  try {
    lib = await loadLibrary();
  } catch (error) {
    loadError = error;
    console.error('bench: the library failed to load:', error);
  }
  const server = await startServer();
  const rows: Row[] = [];
  try {
    const run = async (group: (typeof GROUPS)[number], fn: () => Promise<Row[]>) => {
      if (!wanted(group)) return;
      const t = performance.now();
      rows.push(...(await fn()));
      console.error(`bench: ${group} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    await run('render', () => benchRender(lib));
    await run('render', () => benchVariables(lib));
    await run('render', () => benchRenderRealistic(lib));
    await run('pool', () => benchPool(lib));
    await run('cache', () => benchCache(lib, server.origin));
    await run('http', () => benchHttp(lib, server.origin));
    await run('observability', () => benchObservability(lib, server.origin));
    await run('memory', () => benchMemory(lib, server.origin));
    await run('memory', () => benchMemoryBounds(lib));
    await run('redis', () => benchRedis(lib, server.origin));
    await run('tenants', () => benchTenants(lib, server.origin));
    await run('package', () => benchPackage());
  } finally {
    await server.close();
  }
  if (loadError) for (const row of rows) if (row.met === 'ERROR') row.note = `library failed to load: ${String(loadError).split('\n')[0]}`;
  const order = Object.keys(ROWS) as RowId[];
  rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  console.log('');
  console.log(formatTable(rows));
  const met = rows.filter((r) => r.met === 'yes').length;
  const targets = rows.filter((r) => r.met !== 'n/a').length;
  console.log(`\n${met} of ${targets} targets met; ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_MD_OUT) {
    writeFileSync(process.env.BENCH_MD_OUT, `Machine: ${machine()}\n\nBENCH_SCALE=${SCALE}, ${new Date().toISOString()}\n\n${formatMarkdown(rows)}\n`);
  }
  return rows.some((r) => r.met === 'ERROR') ? 1 : 0;
}

main().then(
  async (code) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A library that leaves handles open after close() would keep us alive: report it, then leave.
    const open = process.getActiveResourcesInfo().filter((r) => !['TTYWrap', 'Timeout', 'MessagePort', 'PipeWrap', 'ProcessWrap'].includes(r));
    if (open.length > 0) console.error(`bench: still open after close(): ${open.join(', ')}`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(errorRow('http-seq', error).note, error);
    process.exit(1);
  },
);
