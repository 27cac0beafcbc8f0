import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createContextClient } from '../../src/client.js';
import { createMemoryCacheStore } from '../../src/cache/index.js';
import { HEAP_BYTES_PER_BODY_BYTE } from '../../src/cache/memory-store.js';
import type { ClientOptions } from '../../src/types/index.js';
import { createTestServer } from '../helpers/test-server.js';
import { CALL, LOOPBACK } from './fixtures.js';

// The worst shape measured for heap per body byte: arrays nested 60 deep, side by side.
const CHAIN = `${'['.repeat(60)}${']'.repeat(60)}`;
const nestedArrays = (bytes: number, contact: string) => `{"c":${JSON.stringify(contact)},"a":[${Array.from({ length: Math.floor(bytes / 121) }, () => CHAIN).join(',')}]}`;
const plain = (bytes: number, contact: string) => JSON.stringify({ c: contact, pad: 'x'.repeat(bytes) });

/** A server answering each contact with its own body of about `bytes` bytes. */
async function sizedServer(bytes: number, shape: (bytes: number, contact: string) => string) {
  const server = await createTestServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(shape(bytes, String(req.headers['x-contact-number'])));
  });
  onTestFinished(server.close);
  return server;
}

const contact = (i: number) => `+1555${String(i).padStart(7, '0')}`;

function client(url: string, options: ClientOptions) {
  const c = createContextClient({ endpoint: url }, { ...LOOPBACK, ...options });
  onTestFinished(() => c.close());
  return c;
}

describe('cacheMaxBytes bounds the context cache in bytes, not only in entries', () => {
  // Each 8 KiB body counts as 8 KiB × 32 = 256 KiB: a 1 MiB bound keeps the last three.
  it('evicts the least recently used contexts once their estimated size passes the bound', async () => {
    const server = await sizedServer(8 * 1024, plain);
    const c = client(server.url, { cacheMaxBytes: 1024 * 1024 });
    for (let i = 0; i < 10; i++) expect(await c.load({ ...CALL, contactNumber: contact(i) })).toMatchObject({ ok: true, source: 'network' });
    expect(await c.load({ ...CALL, contactNumber: contact(9) })).toMatchObject({ source: 'cache' });
    expect(await c.load({ ...CALL, contactNumber: contact(7) })).toMatchObject({ source: 'cache' });
    expect(await c.load({ ...CALL, contactNumber: contact(0) })).toMatchObject({ source: 'network' });
  });

  it.each([
    { name: 'under the bound', bytes: 1000, maxBytes: 64 * 1024, kept: true },
    { name: 'over the bound on its own', bytes: 4000, maxBytes: 64 * 1024, kept: false },
  ])('a single context $name is kept: $kept', async ({ bytes, maxBytes, kept }) => {
    const server = await sizedServer(bytes, plain);
    const c = client(server.url, { cacheMaxBytes: maxBytes });
    await c.load(CALL);
    expect(await c.load(CALL)).toMatchObject({ ok: true, source: kept ? 'cache' : 'network' });
  });

  it('counts a shared memory store across clients, and reports its estimated bytes', async () => {
    const server = await sizedServer(8 * 1024, plain);
    const store = createMemoryCacheStore({ maxBytes: 1024 * 1024 });
    const a = client(`${server.url}/a`, { cacheStore: store });
    const b = client(`${server.url}/b`, { cacheStore: store });
    for (let i = 0; i < 5; i++) {
      await a.load({ ...CALL, contactNumber: contact(i) });
      await b.load({ ...CALL, contactNumber: contact(i) });
    }
    expect(store.size).toBe(3);
    expect(store.bytes).toBeGreaterThan(3 * 8 * 1024 * HEAP_BYTES_PER_BODY_BYTE);
    expect(store.bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  // The heap a full cache really takes stays under the bound, for the shape that takes
  // the most heap per body byte. Without the bound these 40 answers hold about 180 MB.
  it('keeps the real heap of a cache full of the worst-shaped answers under cacheMaxBytes', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
    const maxBytes = 48 * 1024 * 1024;
    const server = await sizedServer(160 * 1024, nestedArrays);
    const c = client(server.url, { cacheMaxBytes: maxBytes, maxResponseBytes: 256 * 1024 });
    await c.load({ ...CALL, contactNumber: contact(999) });
    const before = heap();
    for (let i = 0; i < 40; i++) expect(await c.load({ ...CALL, contactNumber: contact(i) })).toMatchObject({ ok: true });
    const held = heap() - before;
    expect(await c.load({ ...CALL, contactNumber: contact(39) })).toMatchObject({ source: 'cache' });
    expect(held).toBeLessThan(maxBytes);
    expect(held).toBeGreaterThan(maxBytes / 8);
  });
});
