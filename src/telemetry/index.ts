export { DIAGNOSTICS_CHANNELS, type LoadStartMessage } from './channels.js';
export { createContextMetrics, LATENCY_BUCKETS_MS } from './metrics.js';
export type { ContextMetrics, ContextMetricsOptions, ContextMetricsSnapshot, OriginMetrics } from './metrics.js';
export type { SpanLike, TracerLike } from './tracer.js';
