/**
 * The part of an OpenTelemetry `Tracer` the client uses, written out so that neither this
 * package nor its types load `@opentelemetry/api`: pass `trace.getTracer('dynamic-context')`.
 */
export interface TracerLike {
  startSpan(name: string, options?: { kind?: number; attributes?: Record<string, string | number | boolean> }): SpanLike;
}

/** The part of an OpenTelemetry `Span` the client uses. */
export interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

// The numeric values of @opentelemetry/api's SpanKind.CLIENT and SpanStatusCode.ERROR (stable since 1.0).
export const SPAN_KIND_CLIENT = 2;
export const SPAN_STATUS_ERROR = 2;

/** True for something shaped like a Tracer (a platform option, checked once per client). */
export function isTracerLike(value: unknown): value is TracerLike {
  return typeof value === 'object' && value !== null && typeof (value as { startSpan?: unknown }).startSpan === 'function';
}
