import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startCrmServer } from '../../examples/crm-server.js';
import { buildContextRequest, createContextClient, generateSigningSecret, verifyContextRequest, type ContextEvent } from '../../src/index.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { catchContextError } from '../helpers/outcomes.js';

const LOOPBACK = { allowHttp: true, allowPrivateNetwork: true };
const CALL = { agentUuid: '6f1c2a8e-4b7d-4e0a-9a51-3c2d1e0f9b7a', direction: 'inbound', contactNumber: '+14155550101', roomSid: 'RM-signing' } as const;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback endpoint that keeps each request as received and answers `{"ok": true}`. */
async function recordingEndpoint(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = await createTestServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    received.push({ headers: req.headers, body });
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  servers.push(server);
  return { url: `${server.url}/context`, received };
}

describe('signed requests (Standard Webhooks)', () => {
  it('carries webhook-id, webhook-timestamp and webhook-signature that the standardwebhooks library verifies', async () => {
    const { url, received } = await recordingEndpoint();
    const client = createContextClient({ endpoint: url, signingSecret: SECRET, cacheTtlMs: 0 }, LOOPBACK);
    expect((await client.load(CALL)).ok).toBe(true);
    await client.load(CALL);
    await client.close();
    const [first, second] = received;
    expect(first!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(first!.headers['webhook-id']).not.toBe(second!.headers['webhook-id']);
    expect(Math.abs(Number(first!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(first!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(SECRET).verify(first!.body, first!.headers as Record<string, string>)).toEqual(JSON.parse(first!.body));
    expect(() => new Webhook(OLD_SECRET).verify(first!.body, first!.headers as Record<string, string>)).toThrow('No matching signature found');
  });

  it('sends both signatures during a rotation, each verifiable with its own secret', async () => {
    const { url, received } = await recordingEndpoint();
    const client = createContextClient({ endpoint: url, signingSecret: [SECRET, OLD_SECRET] }, LOOPBACK);
    await client.load(CALL);
    await client.close();
    const { headers, body } = received[0]!;
    expect(String(headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [SECRET, OLD_SECRET]) expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toMatchObject({ agent_uuid: CALL.agentUuid });
  });

  it('sends no signature headers without a signingSecret', async () => {
    const { url, received } = await recordingEndpoint();
    const client = createContextClient({ endpoint: url }, LOOPBACK);
    await client.load(CALL);
    await client.close();
    expect(Object.keys(received[0]!.headers).filter((name) => name.startsWith('webhook-'))).toEqual([]);
  });

  it('buildContextRequest shows the signed request, reproducibly with a fixed id and timestamp', () => {
    const request = buildContextRequest({ endpoint: 'https://crm.example.com/context', signingSecret: SECRET }, CALL, { messageId: 'msg_fixed', timestamp: 1_700_000_000 });
    const again = buildContextRequest({ endpoint: 'https://crm.example.com/context', signingSecret: SECRET }, CALL, { messageId: 'msg_fixed', timestamp: 1_700_000_000 });
    expect(request.headers).toMatchObject({ 'webhook-id': 'msg_fixed', 'webhook-timestamp': '1700000000' });
    expect(request.headers['webhook-signature']).toBe(again.headers['webhook-signature']);
    expect(new Webhook(SECRET).sign('msg_fixed', new Date(1_700_000_000_000), request.body)).toBe(request.headers['webhook-signature']);
  });

  it.each([
    ['abc', "signingSecret must start with 'whsec_'"],
    ['whsec_not base64!', "signingSecret must be 'whsec_' followed by a base64 key"],
    [`whsec_${Buffer.alloc(8, 1).toString('base64')}`, 'signingSecret must hold a key of at least 16 bytes'],
    [[SECRET, OLD_SECRET, generateSigningSecret()], 'signingSecret must hold at most 2 secrets: the new one and the one being rotated out'],
    [[], 'signingSecret must hold at least one secret'],
  ])('refuses the signingSecret %j as invalid_config, without echoing it', (signingSecret, detail) => {
    const error = catchContextError(() => createContextClient({ endpoint: 'https://crm.example.com/context', signingSecret: signingSecret as string }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toBe(`Invalid Dynamic Context config: ${detail}`);
  });
});

describe('verifyContextRequest', () => {
  const body = JSON.stringify({ agent_uuid: 'a', direction: 'inbound', medium: 'phone' });
  const now = 1_700_000_000_000;
  const signed = (secret = SECRET, at = now) => {
    const id = 'msg_2Lh0zXbGYg6nNsjMPcHgw6zN1';
    return { 'webhook-id': id, 'webhook-timestamp': String(at / 1000), 'webhook-signature': new Webhook(secret).sign(id, new Date(at), body) };
  };

  it('accepts what the standardwebhooks library signs, from a record, node headers or fetch Headers', () => {
    const headers = signed();
    const expected = { id: headers['webhook-id'], timestamp: 1_700_000_000, payload: JSON.parse(body) };
    expect(verifyContextRequest({ headers, body, secret: SECRET, now })).toEqual(expected);
    expect(verifyContextRequest({ headers: new Headers(headers), body: Buffer.from(body), secret: SECRET, now })).toEqual(expected);
    const upperCase = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyContextRequest({ headers: upperCase, body, secret: SECRET, now })).toEqual(expected);
  });

  it('accepts either secret during a rotation', () => {
    expect(verifyContextRequest({ headers: signed(OLD_SECRET), body, secret: [SECRET, OLD_SECRET], now }).payload).toEqual(JSON.parse(body));
  });

  it.each([
    ['a different secret', { headers: signed(OLD_SECRET), body }, 'no signature matches the secret'],
    ['a changed body', { headers: signed(), body: body.replace('inbound', 'outbound') }, 'no signature matches the secret'],
    ['a stale timestamp', { headers: signed(SECRET, now - 301_000), body }, 'the timestamp is more than 300 s from'],
    ['a timestamp from the future', { headers: signed(SECRET, now + 301_000), body }, 'the timestamp is more than 300 s from'],
    ['no signature headers', { headers: {}, body }, 'headers are required'],
    ['a timestamp that is not a number', { headers: { ...signed(), 'webhook-timestamp': 'soon' }, body }, 'webhook-timestamp is not a number'],
    ['only an unknown signature version', { headers: { ...signed(), 'webhook-signature': signed()['webhook-signature'].replace('v1,', 'v2,') }, body }, 'no signature matches'],
  ])('refuses %s with unauthorized', (_, request, detail) => {
    const error = catchContextError(() => verifyContextRequest({ ...request, secret: SECRET, now }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(detail);
    expect(JSON.stringify(error.toJSON())).not.toContain(SECRET.slice(6));
  });

  it('honours toleranceSec', () => {
    expect(verifyContextRequest({ headers: signed(SECRET, now - 600_000), body, secret: SECRET, now, toleranceSec: 900 }).timestamp).toBe(1_699_999_400);
  });

  it('refuses a malformed secret as invalid_config without echoing it', () => {
    const error = catchContextError(() => verifyContextRequest({ headers: signed(), body, secret: 'whsec_short', now }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).not.toContain('short');
  });
});

describe('the example CRM endpoint verifies signatures', () => {
  it('answers a signed client, and refuses an unsigned or wrongly signed one with 401', async () => {
    const crm = await startCrmServer({ signingSecret: SECRET });
    try {
      const auth = { type: 'bearer', token: crm.token } as const;
      const outcomes: Record<string, unknown> = {};
      for (const [name, signingSecret] of [['signed', SECRET], ['unsigned', undefined], ['wrong secret', OLD_SECRET]] as const) {
        const client = createContextClient({ endpoint: crm.url, auth, ...(signingSecret && { signingSecret }) }, LOOPBACK);
        const result = await client.load(CALL);
        outcomes[name] = result.ok ? result.variables.known : result.error.code;
        await client.close();
      }
      expect(outcomes).toEqual({ signed: true, unsigned: 'unauthorized', 'wrong secret': 'unauthorized' });
    } finally {
      await crm.close();
    }
  });
});

describe('the signing secret never leaks', () => {
  it('is absent from errors, hints, events and the Test report, even when the endpoint echoes every header', async () => {
    const server = await createTestServer(async (req, res) => {
      const echoed = JSON.stringify(req.headers);
      res.writeHead(500, { 'content-type': 'text/plain', 'x-echo': echoed.slice(0, 2000) });
      res.end(echoed);
    });
    servers.push(server);
    const events: ContextEvent[] = [];
    const client = createContextClient({ endpoint: `${server.url}/context`, signingSecret: [SECRET, OLD_SECRET] }, { ...LOOPBACK, onEvent: (e) => events.push(e) });
    const result = await client.load(CALL);
    const report = await client.test(CALL);
    await client.close();
    const everything = JSON.stringify([result.ok ? result : { ...result, error: result.error.toJSON(), message: result.error.message }, report, events]);
    for (const secret of [SECRET, OLD_SECRET]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice('whsec_'.length));
    }
    expect(result.ok).toBe(false);
  });
});
