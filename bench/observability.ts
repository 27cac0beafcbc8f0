import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { CALL, LOOPBACK, TOKEN, type Library } from './library.js';
import { interleave, percentile, scaled } from './measure.js';
import { errorRow, formatNs, formatRatio, type Row, type RowId } from './report.js';
import { latencies } from './http.js';

/** Spans go through the real SDK path (processor, export call) and are then dropped. */
const discardingExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * (i) what tracing costs when on, and (j) what signing costs: client.fetch p50 with each
 * feature against the same client without it, interleaved. Tracing off is the client of
 * row (a), measured there against raw undici.
 */
export async function benchObservability(lib: Library | undefined, origin: string): Promise<Row[]> {
  if (!lib) return (['http-traced', 'http-signed'] as const).map((id) => errorRow(id, new Error('library did not load')));
  const config = { endpoint: `${origin}/ctx`, cacheTtlMs: 0, auth: { type: 'bearer', token: TOKEN } } as const;
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(discardingExporter)] }).getTracer('bench');
  const plain = lib.createContextClient(config, LOOPBACK);
  const variants: Array<[RowId, ReturnType<Library['createContextClient']>, string]> = [
    ['http-traced', lib.createContextClient(config, { ...LOOPBACK, tracer }), 'tracing on'],
    ['http-signed', lib.createContextClient({ ...config, signingSecret: SECRET }, LOOPBACK), 'signed'],
  ];
  const rows: Row[] = [];
  try {
    const perRound = scaled(250, 5);
    for (const [id, client, label] of variants) {
      try {
        await latencies(() => client.fetch(CALL), scaled(200, 5));
        const [withFeature, without] = await interleave(scaled(16, 2), [() => latencies(() => client.fetch(CALL), perRound), () => latencies(() => plain.fetch(CALL), perRound)]);
        const l = percentile(withFeature.flat(), 0.5);
        const r = percentile(without.flat(), 0.5);
        rows.push({ id, library: `p50 ${formatNs(l)}`, reference: `p50 ${formatNs(r)}`, ratio: formatRatio(l / r), target: `info (${label}: ${formatNs(l - r)} per request)`, met: 'n/a' });
      } catch (error) {
        rows.push(errorRow(id, error));
      }
    }
  } finally {
    await Promise.all([plain.close(), ...variants.map(([, client]) => client.close())]);
  }
  return rows;
}
