import diagnosticsChannel from 'node:diagnostics_channel';
import type { ContextEvent } from '../types/index.js';

/** `node:diagnostics_channel` names, so an APM can subscribe without code changes. */
export const DIAGNOSTICS_CHANNELS = Object.freeze({
  /** Published when a load, fetch or test starts: a `LoadStartMessage`. */
  loadStart: 'dynamic-context:load:start',
  /** Published when it ends: the same message object, with `event` (the `ContextEvent`) added. */
  loadEnd: 'dynamic-context:load:end',
});

/** What the start channel carries; the end channel carries the same object once `event` is set. */
export interface LoadStartMessage {
  type: ContextEvent['type'];
  agentUuid: string;
  direction: ContextEvent['direction'];
  medium: ContextEvent['medium'];
  /** The endpoint's origin only. */
  origin: string;
  /** Set just before the end channel publishes. */
  event?: ContextEvent;
}

export const loadStartChannel = diagnosticsChannel.channel(DIAGNOSTICS_CHANNELS.loadStart);
export const loadEndChannel = diagnosticsChannel.channel(DIAGNOSTICS_CHANNELS.loadEnd);
