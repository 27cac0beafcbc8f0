import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createContextClient } from '../../src/client.js';
import { isContextError } from '../../src/errors.js';
import type { ClientOptions, ContextEvent, DynamicContextConfig } from '../../src/types/index.js';
import { createTestServer } from '../helpers/test-server.js';
import { CALL, LOOPBACK } from './fixtures.js';

/**
 * A server that holds every request until `release()`, and records when the client closed
 * a request's connection before the answer.
 */
async function holdingServer() {
  const held: Array<{ req: IncomingMessage; res: ServerResponse }> = [];
  const closedEarly: IncomingMessage[] = [];
  let count = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  let connectionClosed!: () => void;
  const closed = new Promise<void>((r) => (connectionClosed = r));
  const server = await createTestServer((req, res) => {
    req.resume();
    held.push({ req, res });
    res.on('close', () => {
      if (!res.writableFinished) {
        closedEarly.push(req);
        connectionClosed();
      }
    });
    count++;
    for (const w of waiting) if (count >= w.n) w.resolve();
  });
  onTestFinished(server.close);
  return {
    server,
    closedEarly,
    /** Resolves once the client closed a held request's connection. */
    closed,
    /** Resolves once `n` requests have arrived in all. */
    arrivals: (n: number) => (count >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve }))),
    release(body: unknown = { first_name: 'Ada' }) {
      for (const { res } of held.splice(0)) if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    },
  };
}

function client(config: DynamicContextConfig, options: ClientOptions = {}) {
  const c = createContextClient(config, { ...LOOPBACK, ...options });
  onTestFinished(() => c.close());
  return c;
}

describe('load(call, { signal })', () => {
  it.each([
    { name: 'with caching on', cacheTtlMs: 300_000 },
    { name: 'with caching off', cacheTtlMs: 0 },
  ])('resolves aborted at once and closes the request $name (the server sees the connection close)', async ({ cacheTtlMs }) => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url, cacheTtlMs });
    const controller = new AbortController();
        const pending = c.load(CALL, { signal: controller.signal });
    await held.arrivals(1);
    controller.abort();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('aborted');
    expect(!result.ok && result.error.hint).toMatch(/cancelled the load/);
    await held.closed;
    expect(held.closedEarly).toHaveLength(1);
  });

  it('keeps the request going while another load of the same caller still waits on it', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
    const controller = new AbortController();
        const leaving = c.load(CALL, { signal: controller.signal });
    const staying = c.load({ ...CALL, roomSid: 'RM-0002' }, { signal: new AbortController().signal });
    await held.arrivals(1);
    controller.abort();
    expect(await leaving).toMatchObject({ ok: false, error: { code: 'aborted' } });
    held.release();
    expect(await staying).toMatchObject({ ok: true, source: 'network', variables: { first_name: 'Ada' } });
    expect(held.closedEarly).toHaveLength(0);
    expect(held.server.requests).toBe(1);
  });

  it('keeps the request going for a waiter that passed no signal', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
    const controller = new AbortController();
        const staying = c.load(CALL);
    const leaving = c.load(CALL, { signal: controller.signal });
    await held.arrivals(1);
    controller.abort();
    expect(await leaving).toMatchObject({ ok: false, error: { code: 'aborted' } });
    held.release();
    expect(await staying).toMatchObject({ ok: true, source: 'network' });
    expect(held.closedEarly).toHaveLength(0);
  });

  it('sends nothing for a signal that is already aborted, and reports the aborted code in the event', async () => {
    const held = await holdingServer();
    const events: ContextEvent[] = [];
    const c = client({ endpoint: held.server.url }, { onEvent: (e) => events.push(e) });
    const result = await c.load(CALL, { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(held.server.requests).toBe(0);
    expect(events).toMatchObject([{ type: 'load', outcome: 'error', code: 'aborted' }]);
  });

  it('starts a fresh request for the next load after every waiter left', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
    const controller = new AbortController();
        const leaving = c.load(CALL, { signal: controller.signal });
    await held.arrivals(1);
    controller.abort();
    await leaving;
    const next = c.load(CALL);
    await held.arrivals(2);
    held.release({ n: 2 });
    expect(await next).toMatchObject({ ok: true, source: 'network', variables: { n: 2 } });
    expect(held.server.requests).toBe(2);
  });

  it('makes fetch reject with ContextError aborted', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
    const controller = new AbortController();
        const pending = c.fetch(CALL, { signal: controller.signal });
    await held.arrivals(1);
    controller.abort();
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(isContextError(error) && error.code).toBe('aborted');
  });

  it('refuses a signal that is not an AbortSignal with a TypeError naming it', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
    await expect(c.load(CALL, { signal: 'stop' as unknown as AbortSignal })).rejects.toThrow(/`signal`/);
  });
});

describe('invalidate(call)', () => {
  async function answering() {
    let n = 0;
    const server = await createTestServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: ++n }));
    });
    onTestFinished(server.close);
    return server;
  }

  it('drops the caller\'s cached context, so the next load goes to the endpoint', async () => {
    const server = await answering();
    const events: ContextEvent[] = [];
    const c = client({ endpoint: server.url }, { onEvent: (e) => events.push(e) });
    await c.load(CALL);
    expect(await c.load(CALL)).toMatchObject({ source: 'cache', variables: { n: 1 } });
    await c.invalidate({ ...CALL, roomSid: 'RM-other' });
    expect(await c.load(CALL)).toMatchObject({ source: 'network', variables: { n: 2 } });
    expect(server.requests).toBe(2);
    expect(events.filter((e) => e.type === 'invalidate')).toMatchObject([{ outcome: 'ok', agentUuid: CALL.agentUuid }]);
  });

  it('leaves other callers cached', async () => {
    const server = await answering();
    const c = client({ endpoint: server.url });
    const other = { ...CALL, contactNumber: '+15550111' };
    await c.load(CALL);
    await c.load(other);
    await c.invalidate(CALL);
    expect(await c.load(other)).toMatchObject({ source: 'cache' });
  });

  it('does not store a load that was in flight when the caller was invalidated', async () => {
    const held = await holdingServer();
    const c = client({ endpoint: held.server.url });
        const pending = c.load(CALL);
    await held.arrivals(1);
    await c.invalidate(CALL);
    held.release({ old: true });
    expect(await pending).toMatchObject({ ok: true, variables: { old: true } });
    const next = c.load(CALL);
    await held.arrivals(2);
    held.release({ old: false });
    expect(await next).toMatchObject({ source: 'network', variables: { old: false } });
  });

  it('rejects a bad call with invalid_call', async () => {
    const server = await answering();
    const c = client({ endpoint: server.url });
    await expect(c.invalidate({ ...CALL, agentUuid: '' })).rejects.toMatchObject({ code: 'invalid_call' });
  });
});
