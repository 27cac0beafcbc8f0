import type { ContextEvent } from '../types/index.js';

/** Call fields for an event, taken only when they are strings: no value of unknown shape leaks out. */
export function eventCallFields(call: unknown): Pick<ContextEvent, 'agentUuid' | 'direction' | 'medium'> {
  const c = (typeof call === 'object' && call !== null ? call : {}) as Record<string, unknown>;
  return {
    agentUuid: typeof c.agentUuid === 'string' ? c.agentUuid.slice(0, 200) : '',
    direction: c.direction === 'outbound' ? 'outbound' : 'inbound',
    medium: c.medium === 'web' ? 'web' : 'phone',
  };
}
