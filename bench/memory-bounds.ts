import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEMPLATE_CACHE_MAX_BYTES } from '../src/template/index.js';
import { CALL, LOOPBACK, type Library } from './library.js';
import { scaled, settledHeapUsed } from './measure.js';
import { errorRow, formatBytes, formatRatio, type Row } from './report.js';

/** The cache bound this scenario sets: small enough that the full-size run overfills it 3×. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
// The JSON shape that takes the most heap per body byte (bench/FINDINGS: 27.7 bytes per byte).
const CHAIN = `${'['.repeat(60)}${']'.repeat(60)}`;
const worstBody = (contact: string) => `{"c":${JSON.stringify(contact)},"a":[${Array.from({ length: 1300 }, () => CHAIN).join(',')}]}`;

/** A distinct macro-heavy template source of about 32 KiB. */
function denseTemplate(i: number): string {
  let source = `{% macro m${i}(a, b=1) %}{{ a.b.c|default(b)|string|trim }}{% endmacro %}`;
  while (source.length < 32 * 1024) source += `{{ m${i}(x.y.z|default(1)|string|upper) }}`;
  return source;
}

/**
 * (i) the heap of a context cache filled past cacheMaxBytes with the worst-shaped answers;
 * (j) the heap of the compiled-template cache filled past its byte bound with macro-heavy
 * templates. Both against their bound: the bound must hold whatever the input.
 */
export async function benchMemoryBounds(lib: Library | undefined): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    if (!lib) throw new Error('library did not load');
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(worstBody(String(req.headers['x-contact-number'])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = lib.createContextClient({ endpoint: `http://127.0.0.1:${port}/` }, { ...LOOPBACK, cacheMaxBytes: CACHE_MAX_BYTES });
    try {
      const answers = scaled(40, 4);
      const before = await settledHeapUsed();
      for (let i = 0; i < answers; i++) {
        const result = await client.load({ ...CALL, contactNumber: `+1555${String(i).padStart(7, '0')}` });
        if (!result.ok) throw result.error;
      }
      const held = (await settledHeapUsed()) - before;
      const ratio = held / CACHE_MAX_BYTES;
      rows.push({
        id: 'mem-bound-cache', library: formatBytes(held), reference: `${formatBytes(CACHE_MAX_BYTES)} bound`, ratio: formatRatio(ratio),
        target: '≤ 1×', met: ratio <= 1 ? 'yes' : 'no',
        note: `${answers} distinct answers of ${formatBytes(worstBody('+15550000000').length)} nested arrays (~4.5 MB of heap each unbounded)`,
      });
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  } catch (error) {
    rows.push(errorRow('mem-bound-cache', error));
  }

  try {
    if (!lib) throw new Error('library did not load');
    const count = scaled(70, 3);
    const before = await settledHeapUsed();
    for (let i = 0; i < count; i++) lib.compileTemplate(denseTemplate(i), { limits: { maxRenderMs: 60_000 } }).render({ x: {} });
    const held = (await settledHeapUsed()) - before;
    const ratio = held / TEMPLATE_CACHE_MAX_BYTES;
    rows.push({
      id: 'mem-bound-templates', library: formatBytes(held), reference: `${formatBytes(TEMPLATE_CACHE_MAX_BYTES)} bound`, ratio: formatRatio(ratio),
      target: '≤ 1×', met: ratio <= 1 ? 'yes' : 'no', note: `${count} distinct 32 KiB macro-heavy templates, each rendered once (~0.9 MB of heap each)`,
    });
  } catch (error) {
    rows.push(errorRow('mem-bound-templates', error));
  }
  return rows;
}
