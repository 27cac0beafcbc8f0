import type { ExchangeTimings } from './exchange.js';
import type { WireRequest } from './request.js';
import type { SecretScrubber } from './secrets/scrub.js';
import type { TestRequest, TestTimings } from './types/index.js';

/** Milliseconds between two marks, one decimal; undefined when either mark is missing. */
function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : Math.round((to - from) * 10) / 10;
}

/**
 * The Test report's split of one exchange. Only the phases that happened are present:
 * no `dnsMs` for an IP literal, no `tlsMs` over plain http, none of the connection's
 * phases through a platform-provided dispatcher (its connector is not ours to time).
 */
export function splitTimings(t: ExchangeTimings): TestTimings {
  const connected = t.secureEndAt ?? t.connectEndAt;
  const phases: Array<[keyof TestTimings, number | undefined]> = [
    ['dnsMs', span(t.lookupStartAt, t.lookupEndAt)],
    ['connectMs', span(t.lookupEndAt ?? t.connectStartAt, t.connectEndAt)],
    ['tlsMs', span(t.connectEndAt, t.secureEndAt)],
    ['firstByteMs', span(connected ?? t.startAt, t.firstByteAt)],
    ['bodyMs', span(t.firstByteAt, t.bodyEndAt)],
  ];
  const out: TestTimings = {};
  for (const [name, value] of phases) if (value !== undefined) out[name] = Math.max(0, value);
  return out;
}

/** The request as it went out, with every credential masked (header values, basic auth, signing). */
export function describeSentRequest(url: URL, wire: WireRequest, scrubber: SecretScrubber): TestRequest {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < wire.headers.length; i += 2) headers[wire.headers[i]!] = scrubber.scrub(wire.headers[i + 1]!);
  // The query may carry an API key the customer pasted into the URL: shown masked, never in clear.
  const query = url.search === '' ? '' : '?[redacted]';
  return { method: 'POST', url: `${url.origin}${url.pathname}${query}`, headers, body: scrubber.scrub(wire.body) };
}
