import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import type { CallInfo, ClientOptions, ContextAuth } from '../../src/types/index.js';
import { readBody } from '../helpers/test-server.js';
import type { TestHandler } from '../helpers/test-server.js';

/** Distinctive secrets: none of them may ever show up outside the request itself. */
export const SECRETS = {
  token: 'tok-SECRET-4f2a',
  username: 'user-b81e',
  password: 'pw-SECRET-91c3',
  headerValue: 'hv-SECRET-77d0',
} as const;

export const AUTHS: Record<'bearer' | 'basic' | 'header' | 'none', ContextAuth> = {
  bearer: { type: 'bearer', token: SECRETS.token },
  basic: { type: 'basic', username: SECRETS.username, password: SECRETS.password },
  header: { type: 'header', name: 'X-Api-Key', value: SECRETS.headerValue },
  none: { type: 'none' },
};

/** Loopback servers need both relaxations; SSRF tests drop allowPrivateNetwork on purpose. */
export const LOOPBACK: ClientOptions = { allowHttp: true, allowPrivateNetwork: true };

export const CALL: CallInfo = {
  agentUuid: '6b1e0f7a-agent',
  direction: 'inbound',
  contactNumber: '+15550100',
  agentNumber: '+15550199',
  roomSid: 'RM-0001',
};

/** What a test server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A handler that records each request and answers with `answer` (default `{}`). */
export function recordingHandler(seen: SeenRequest[], answer = '{}'): TestHandler {
  return async (req, res) => {
    const text = await readBody(req);
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text === '' ? undefined : JSON.parse(text) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  };
}

/** Everything a user (or a log) could see of a value, as one string. */
export function visibleText(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function (_key, v: unknown) {
    if (v instanceof Error) {
      if (seen.has(v)) return '[seen]';
      seen.add(v);
      return { name: v.name, message: v.message, stack: v.stack, cause: v.cause, ...(v as unknown as Record<string, unknown>) };
    }
    return v;
  });
}

/** Fails when any distinctive secret appears in what users can see of `value`. */
export function expectNoSecrets(value: unknown): void {
  const text = visibleText(value);
  for (const secret of [SECRETS.token, SECRETS.password, SECRETS.headerValue, Buffer.from(`${SECRETS.username}:${SECRETS.password}`).toString('base64')]) {
    expect(text).not.toContain(secret);
  }
}
