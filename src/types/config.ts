// The tenant's saved configuration and the call it is loaded for: untrusted input, validated by `createContextClient` and `load`.

/**
 * How the platform authenticates to the customer's context endpoint.
 *
 * @example { type: 'bearer', token: process.env.CRM_TOKEN }
 */
export type ContextAuth =
  /** `Authorization: Bearer <token>`. */
  | { type: 'bearer'; token: string }
  /** `Authorization: Basic base64(username:password)`. */
  | { type: 'basic'; username: string; password: string }
  /** A custom header, e.g. `X-Api-Key: <value>`. The name must not collide with the call headers. */
  | { type: 'header'; name: string; value: string }
  /** No authentication header. */
  | { type: 'none' };

/**
 * Tenant configuration: what a customer saves in the agent editor under
 * Call Flow → Before Call → Dynamic Context. Untrusted input: validated by
 * `createContextClient`, which throws `ContextError('invalid_config')` for a bad one.
 */
export interface DynamicContextConfig {
  /**
   * The "Dynamic Context" toggle. When false, `load` resolves an empty context
   * without any request.
   * @default true
   */
  enabled?: boolean;
  /**
   * Absolute `https:` URL of the customer's context endpoint. Plain `http:` only
   * when the platform sets `allowHttp`. Credentials inside the URL are refused.
   * @example 'https://crm.example.com/voice/context'
   */
  endpoint: string;
  /**
   * How to authenticate to the endpoint.
   * @default { type: 'none' }
   */
  auth?: ContextAuth;
  /**
   * Total deadline for the whole exchange (DNS, connect, headers, body), in
   * milliseconds. Must be in 1…30000.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * How long a successful response is reused for the same agent and contact, in
   * milliseconds. `0` turns caching off.
   * @default 300000 (5 minutes)
   */
  cacheTtlMs?: number;
  /**
   * Standard Webhooks signing secret (`whsec_` + base64 key). When set, every request carries
   * `webhook-id`, `webhook-timestamp` and `webhook-signature`, so the endpoint can check that it
   * came from the platform. During a rotation give two, `[next, previous]`: both signatures are sent.
   */
  signingSecret?: string | readonly string[];
}

/** Direction of the conversation, from the agent's point of view. */
export type CallDirection = 'inbound' | 'outbound';

/** Where the conversation happens: a phone call or the web widget. */
export type CallMedium = 'phone' | 'web';

/** What the runtime knows about a conversation before it starts. */
export interface CallInfo {
  /** The agent's UUID. Sent as `agent_uuid` and `X-Agent-UUID`. */
  agentUuid: string;
  /** `inbound` or `outbound`. Sent as `direction` and `X-Direction`. */
  direction: CallDirection;
  /**
   * `phone` or `web`. Sent as `medium` and `X-Medium`.
   * @default 'phone'
   */
  medium?: CallMedium;
  /** The agent's phone number, when known. Sent as `agent_number` / `X-Agent-Number`. */
  agentNumber?: string;
  /** The contact's phone number, when known. Sent as `contact_number` / `X-Contact-Number`. */
  contactNumber?: string;
  /**
   * The web widget's identifier for the visitor (web calls only). A number stays a
   * number in the body and becomes its decimal string in `X-External-ID`.
   */
  externalId?: string | number;
  /** Unique id of this conversation session. Sent as `X-Room-SID`. */
  roomSid: string;
}

/** How the client handles sensitive data (passwords, card numbers, SSNs) in a response. */
export type SensitiveDataMode = 'redact' | 'warn' | 'off';
