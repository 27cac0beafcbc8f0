import { normalizeCall, type ResolvedCall } from './call.js';
import { normalizeConfig, type ResolvedConfig } from './config.js';
import { signRequest } from './signing/sign.js';
import type { CallInfo, ContextRequest, DynamicContextConfig } from './types/index.js';
import { USER_AGENT } from './version.js';

/** Fixes what a signed request would otherwise draw fresh: for reproducible previews and tests. */
export interface BuildRequestOptions {
  /** `webhook-id` of a signed request. @default a fresh `msg_…` id */
  messageId?: string;
  /** `webhook-timestamp` of a signed request, seconds since the epoch. @default now */
  timestamp?: number;
}

/**
 * The exact request the client sends for one call: `POST <endpoint>` with the
 * contract's JSON body, call headers and auth header. Pure, no I/O.
 *
 * Validates both arguments (`invalid_config` / `invalid_call`). Plain `http:`
 * endpoints are accepted here: whether they may be used is the client's policy.
 *
 * @example
 * buildContextRequest(
 *   { endpoint: 'https://crm.example.com/context', auth: { type: 'bearer', token } },
 *   { agentUuid, direction: 'inbound', contactNumber: '+15550100', roomSid },
 * ).headers['X-Contact-Number'] // '+15550100'
 */
export function buildContextRequest(config: DynamicContextConfig, call: CallInfo, options: BuildRequestOptions = {}): ContextRequest {
  return buildResolvedRequest(normalizeConfig(config, { allowHttp: true }), normalizeCall(call), options);
}

/**
 * The request for an already validated config and call: the client's per-call hot
 * path, so no schema work here. Absent fields are omitted, never sent as null.
 */
export function buildResolvedRequest(config: ResolvedConfig, call: ResolvedCall, options: BuildRequestOptions = {}): ContextRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
  };
  if (config.authHeader) headers[config.authHeader[0]] = config.authHeader[1];
  headers['X-Agent-UUID'] = call.agentUuid;
  headers['X-Direction'] = call.direction;
  headers['X-Medium'] = call.medium;
  headers['X-Room-SID'] = call.roomSid;

  const body: Record<string, string | number> = {
    agent_uuid: call.agentUuid,
    direction: call.direction,
    medium: call.medium,
  };
  if (call.agentNumber !== undefined) {
    headers['X-Agent-Number'] = call.agentNumber;
    body.agent_number = call.agentNumber;
  }
  if (call.contactNumber !== undefined) {
    headers['X-Contact-Number'] = call.contactNumber;
    body.contact_number = call.contactNumber;
  }
  // The contract sends external_id for web calls only; normalizeCall already drops it
  // for phone, the check here keeps a hand-built ResolvedCall honest too.
  if (call.medium === 'web' && call.externalId !== undefined) {
    headers['X-External-ID'] = String(call.externalId);
    body.external_id = call.externalId;
  }
  const text = JSON.stringify(body);
  if (config.signingKeys) Object.assign(headers, signRequest(config.signingKeys, text, options.messageId, options.timestamp));
  return { url: config.endpoint, method: 'POST', headers, body: text };
}

/** What the transport sends: headers as undici's flat [name, value, …] list, and the body. */
export interface WireRequest {
  headers: string[];
  body: string;
}

/**
 * The client's per-call builder of {@link buildResolvedRequest}'s request, in undici's
 * flat lower-case header form: undici lower-cases every name it is given per request,
 * and the content-type, accept and auth pairs are the same on every call of a client, so
 * they are built once here. Same headers and body as buildResolvedRequest (reserved names
 * can't be the auth header, so no name repeats).
 */
export function createWireRequest(config: ResolvedConfig): (call: ResolvedCall) => WireRequest {
  const fixed = ['content-type', 'application/json', 'accept', 'application/json', 'user-agent', USER_AGENT];
  if (config.authHeader) fixed.push(config.authHeader[0].toLowerCase(), config.authHeader[1]);
  const signingKeys = config.signingKeys;
  return (call) => {
    const headers = fixed.concat('x-agent-uuid', call.agentUuid, 'x-direction', call.direction, 'x-medium', call.medium, 'x-room-sid', call.roomSid);
    const body: Record<string, string | number> = { agent_uuid: call.agentUuid, direction: call.direction, medium: call.medium };
    if (call.agentNumber !== undefined) {
      headers.push('x-agent-number', call.agentNumber);
      body.agent_number = call.agentNumber;
    }
    if (call.contactNumber !== undefined) {
      headers.push('x-contact-number', call.contactNumber);
      body.contact_number = call.contactNumber;
    }
    if (call.medium === 'web' && call.externalId !== undefined) {
      headers.push('x-external-id', String(call.externalId));
      body.external_id = call.externalId;
    }
    const text = JSON.stringify(body);
    if (signingKeys) {
      const signed = signRequest(signingKeys, text);
      headers.push('webhook-id', signed['webhook-id'], 'webhook-timestamp', signed['webhook-timestamp'], 'webhook-signature', signed['webhook-signature']);
    }
    return { headers, body: text };
  };
}
