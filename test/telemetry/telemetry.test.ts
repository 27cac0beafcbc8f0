import diagnosticsChannel from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createContextClient, createContextMetrics, DIAGNOSTICS_CHANNELS, type ContextEvent, type LoadStartMessage, type TracerLike } from '../../src/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const LOOPBACK = { allowHttp: true, allowPrivateNetwork: true };
const CALL = { agentUuid: '6f1c2a8e-4b7d-4e0a-9a51-3c2d1e0f9b7a', direction: 'inbound', contactNumber: '+14155550101', roomSid: 'RM-telemetry' } as const;
const BODY = '{"customer":{"first_name":"Maria"}}';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** 200 with BODY, or 401 on /denied. */
async function endpoint(): Promise<string> {
  const server = await createTestServer(async (req, res) => {
    if (/\/denied/.test(req.url ?? '')) {
      res.writeHead(401).end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(BODY);
  });
  servers.push(server);
  return server.url;
}

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer('dynamic-context'), exporter };
}

describe('OpenTelemetry spans', () => {
  it('one client span per load, with the stable HTTP attributes, cache hit and bytes; never the query', async () => {
    const base = await endpoint();
    const { tracer, exporter } = tracing();
    const client = createContextClient({ endpoint: `${base}/context?api_key=hush` }, { ...LOOPBACK, tracer });
    await client.load(CALL);
    await client.load(CALL); // from cache
    await client.close();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.kind])).toEqual([['POST', SpanKind.CLIENT], ['POST', SpanKind.CLIENT]]);
    const port = Number(new URL(base).port);
    expect(spans[0]!.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': `${base}/context`,
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 200,
      'dynamic_context.operation': 'load',
      'dynamic_context.agent_uuid': CALL.agentUuid,
      'dynamic_context.cache_hit': false,
      'dynamic_context.response_bytes': BODY.length,
      'dynamic_context.outcome': 'ok',
    });
    expect(spans[1]!.attributes['dynamic_context.cache_hit']).toBe(true);
    expect(spans[0]!.status.code).toBe(SpanStatusCode.UNSET);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('hush');
  });

  it('marks a failed load as an error with error.type and the status', async () => {
    const base = await endpoint();
    const { tracer, exporter } = tracing();
    const client = createContextClient({ endpoint: `${base}/denied`, auth: { type: 'bearer', token: 'tok-secret-123' } }, { ...LOOPBACK, tracer });
    await client.load(CALL);
    await client.test(CALL);
    await client.close();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.attributes['dynamic_context.operation'], s.attributes['error.type'], s.attributes['http.response.status_code'], s.status.code])).toEqual([
      ['load', 'unauthorized', 401, SpanStatusCode.ERROR],
      ['test', 'unauthorized', 401, SpanStatusCode.ERROR],
    ]);
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.status]))).not.toContain('tok-secret-123');
  });

  it('a tracer that throws never breaks a load', async () => {
    const base = await endpoint();
    const broken: TracerLike = { startSpan: () => { throw new Error('exporter down'); } };
    const client = createContextClient({ endpoint: `${base}/context` }, { ...LOOPBACK, tracer: broken });
    expect((await client.load(CALL)).ok).toBe(true);
    await client.close();
  });

  it('refuses a tracer that is not one with a TypeError', () => {
    expect(() => createContextClient({ endpoint: 'https://crm.example.com/context' }, { tracer: {} as TracerLike })).toThrow(TypeError);
  });
});

describe('diagnostics_channel', () => {
  it('publishes load start and end, the end message being the start message with its event', async () => {
    const base = await endpoint();
    const seen: Array<[string, LoadStartMessage, ContextEvent | undefined]> = [];
    const onStart = (message: unknown) => seen.push(['start', message as LoadStartMessage, (message as LoadStartMessage).event]);
    const onEnd = (message: unknown) => seen.push(['end', message as LoadStartMessage, (message as LoadStartMessage).event]);
    diagnosticsChannel.subscribe(DIAGNOSTICS_CHANNELS.loadStart, onStart);
    diagnosticsChannel.subscribe(DIAGNOSTICS_CHANNELS.loadEnd, onEnd);
    try {
      const client = createContextClient({ endpoint: `${base}/context` }, LOOPBACK);
      await client.load(CALL);
      await client.close();
    } finally {
      diagnosticsChannel.unsubscribe(DIAGNOSTICS_CHANNELS.loadStart, onStart);
      diagnosticsChannel.unsubscribe(DIAGNOSTICS_CHANNELS.loadEnd, onEnd);
    }
    expect(seen.map(([kind]) => kind)).toEqual(['start', 'end']);
    expect(seen[0]![1]).toBe(seen[1]![1]);
    expect(seen[0]![2]).toBeUndefined();
    expect(seen[1]![1]).toMatchObject({ type: 'load', agentUuid: CALL.agentUuid, direction: 'inbound', medium: 'phone', origin: base });
    expect(seen[1]![2]).toMatchObject({ type: 'load', outcome: 'ok', cacheHit: false, bytes: BODY.length });
  });

  it('uses the documented channel names', () => {
    expect(DIAGNOSTICS_CHANNELS).toEqual({ loadStart: 'dynamic-context:load:start', loadEnd: 'dynamic-context:load:end' });
  });
});

const event = (origin: string, fields: Partial<ContextEvent> = {}): ContextEvent => ({
  type: 'load', agentUuid: 'a', direction: 'inbound', medium: 'phone', origin, outcome: 'ok', durationMs: 3, bytes: 10, cacheHit: false, warnings: 0, ...fields,
});

describe('createContextMetrics', () => {
  it('counts outcomes by code and cache hits per origin from real loads', async () => {
    const base = await endpoint();
    const metrics = createContextMetrics();
    const ok = createContextClient({ endpoint: `${base}/context` }, { ...LOOPBACK, onEvent: metrics.onEvent });
    const denied = createContextClient({ endpoint: `${base}/denied` }, { ...LOOPBACK, onEvent: metrics.onEvent });
    await ok.load(CALL);
    await ok.load(CALL); // hit
    await ok.load({ ...CALL, contactNumber: '+14155550102' });
    await ok.test(CALL); // tests never hit the cache, so they do not count towards the ratio
    await denied.load(CALL);
    await Promise.all([ok.close(), denied.close()]);
    const { total, byOrigin } = metrics.snapshot();
    expect(Object.keys(byOrigin)).toEqual([base]);
    expect(total).toMatchObject({ count: 5, outcomes: { ok: 4, unauthorized: 1 }, cacheHits: 1, cacheHitRatio: 0.25 });
    expect(total.latencyMs.buckets.at(-1)).toEqual({ le: Infinity, count: 5 });
    metrics.reset();
    expect(metrics.snapshot().total.count).toBe(0);
  });

  it('builds a cumulative latency histogram and counts loads over slowMs', () => {
    const metrics = createContextMetrics({ slowMs: 1000, bucketsMs: [50, 1000] });
    for (const durationMs of [3, 50, 51, 999, 1000, 1001, 29_000]) metrics.onEvent(event('https://crm.example', { durationMs }));
    const { latencyMs, slow } = metrics.snapshot().total;
    expect(latencyMs.buckets).toEqual([{ le: 50, count: 2 }, { le: 1000, count: 5 }, { le: Infinity, count: 7 }]);
    expect([slow, latencyMs.max, latencyMs.sum]).toEqual([2, 29_000, 3 + 50 + 51 + 999 + 1000 + 1001 + 29_000]);
  });

  it('counts stale answers and cache-store faults, and no latency for invalidations or store writes', () => {
    const metrics = createContextMetrics();
    metrics.onEvent(event('https://crm.example', { source: undefined, stale: true, cacheHit: true } as Partial<ContextEvent>));
    metrics.onEvent(event('https://crm.example', { cacheStoreFault: 'timeout' }));
    metrics.onEvent(event('https://crm.example', { type: 'store', outcome: 'error', cacheStoreFault: 'error' }));
    metrics.onEvent(event('https://crm.example', { type: 'invalidate' }));
    expect(metrics.snapshot().total).toMatchObject({ count: 2, staleServed: 1, cacheStoreFaults: 2, cacheHits: 1 });
  });

  it("keeps at most maxOrigins origins and counts the rest under '(other)'", () => {
    const metrics = createContextMetrics({ maxOrigins: 2 });
    for (const origin of ['https://a.example', 'https://b.example', 'https://c.example', 'https://d.example']) metrics.onEvent(event(origin));
    expect(Object.fromEntries(Object.entries(metrics.snapshot().byOrigin).map(([k, v]) => [k, v.count]))).toEqual({
      'https://a.example': 1, 'https://b.example': 1, '(other)': 2,
    });
  });
});

describe('without a tracer nothing of OpenTelemetry is loaded', () => {
  it('no source file imports @opentelemetry (the tracer is passed in, typed structurally)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../src/', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.(ts|mjs)$/.test(f));
    const importers = files.filter((f) => /from ['"]@opentelemetry|import\(['"]@opentelemetry/.test(readFileSync(join(root, f), 'utf8')));
    expect(files.length).toBeGreaterThan(20);
    expect(importers).toEqual([]);
  });
});
