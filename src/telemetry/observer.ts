import type { ResolvedConfig } from '../config.js';
import type { ContextEvent } from '../types/index.js';
import { eventCallFields } from './event-fields.js';
import { loadEndChannel, loadStartChannel, type LoadStartMessage } from './channels.js';
import { SPAN_KIND_CLIENT, SPAN_STATUS_ERROR, type SpanLike, type TracerLike } from './tracer.js';

/** One operation being watched: its span and its channel message, either possibly absent. */
export interface Observation {
  span?: SpanLike;
  message?: LoadStartMessage;
}

/** Starts and ends the span and channel messages of each load; `undefined` when nobody watches. */
export interface LoadObserver {
  start(type: ContextEvent['type'], call: unknown): Observation | undefined;
  end(observation: Observation, event: ContextEvent, status: number | undefined): void;
}

/**
 * One observer per client. With no tracer and no channel subscriber, `start` is a couple of
 * property reads and returns undefined, so the call builds nothing for telemetry.
 */
export function createLoadObserver(config: ResolvedConfig, tracer: TracerLike | undefined): LoadObserver {
  const url = config.url;
  // Stable HTTP semantic conventions; the URL without query or credentials (they may hold secrets).
  const fixedAttributes = {
    'http.request.method': 'POST',
    'url.full': `${url.origin}${url.pathname}`,
    'server.address': url.hostname.replace(/^\[|\]$/g, ''),
    'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  };
  return {
    start(type, call) {
      const watched = loadStartChannel.hasSubscribers;
      if (tracer === undefined && !watched) return undefined;
      const observation: Observation = {};
      const fields = { type, ...eventCallFields(call) };
      if (tracer !== undefined) {
        try {
          observation.span = tracer.startSpan('POST', {
            kind: SPAN_KIND_CLIENT,
            attributes: { ...fixedAttributes, 'dynamic_context.operation': fields.type, 'dynamic_context.agent_uuid': fields.agentUuid },
          });
        } catch {
          // A broken tracer must never break a call.
        }
      }
      if (watched) {
        observation.message = { ...fields, origin: config.origin };
        loadStartChannel.publish(observation.message);
      }
      return observation;
    },

    end(observation, event, status) {
      const span = observation.span;
      if (span !== undefined) {
        try {
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          span.setAttribute('dynamic_context.cache_hit', event.cacheHit);
          span.setAttribute('dynamic_context.response_bytes', event.bytes);
          span.setAttribute('dynamic_context.outcome', event.outcome);
          if (event.code !== undefined) {
            span.setAttribute('error.type', event.code);
            span.setStatus({ code: SPAN_STATUS_ERROR, message: event.code });
          }
          span.end();
        } catch {
          // Same as above.
        }
      }
      if (observation.message !== undefined) {
        observation.message.event = event;
        loadEndChannel.publish(observation.message);
      }
    },
  };
}
