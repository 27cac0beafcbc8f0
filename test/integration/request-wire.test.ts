import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createContextClient } from '../../src/client.js';
import type { CallInfo } from '../../src/types/index.js';
import { createTestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, LOOPBACK, SECRETS, recordingHandler, type SeenRequest } from './fixtures.js';

async function sendOnce(auth: (typeof AUTHS)[keyof typeof AUTHS], call: CallInfo, path = '/context?tenant=7'): Promise<SeenRequest> {
  const seen: SeenRequest[] = [];
  const server = await createTestServer(recordingHandler(seen, '{"first_name":"Ada"}'));
  onTestFinished(server.close);
  const client = createContextClient({ endpoint: `${server.url}${path}`, auth }, LOOPBACK);
  onTestFinished(() => client.close());
  await expect(client.fetch(call)).resolves.toEqual({ first_name: 'Ada' });
  expect(seen).toHaveLength(1);
  return seen[0];
}

describe('request on the wire', () => {
  it.each([
    { name: 'bearer', auth: AUTHS.bearer, header: 'authorization', expected: `Bearer ${SECRETS.token}` },
    { name: 'basic', auth: AUTHS.basic, header: 'authorization', expected: `Basic ${Buffer.from(`${SECRETS.username}:${SECRETS.password}`).toString('base64')}` },
    { name: 'header', auth: AUTHS.header, header: 'x-api-key', expected: SECRETS.headerValue },
    { name: 'none', auth: AUTHS.none, header: 'authorization', expected: undefined },
  ])('sends $name auth', async ({ auth, header, expected }) => {
    const seen = await sendOnce(auth, CALL);
    expect(seen.headers[header]).toBe(expected);
  });

  it('posts JSON to the configured path and query, asking for JSON and no compression', async () => {
    const seen = await sendOnce(AUTHS.none, CALL);
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/context?tenant=7');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers.accept).toBe('application/json');
    expect(seen.headers['accept-encoding']).toBeUndefined();
  });

  it('says who it is: User-Agent dynamic-context/<version of package.json>', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const seen = await sendOnce(AUTHS.bearer, CALL);
    expect(seen.headers['user-agent']).toBe(`dynamic-context/${version}`);
  });

  it.each([
    {
      name: 'phone inbound',
      call: { ...CALL, direction: 'inbound' },
      body: { agent_uuid: CALL.agentUuid, direction: 'inbound', medium: 'phone', agent_number: '+15550199', contact_number: '+15550100' },
      headers: { 'x-direction': 'inbound', 'x-medium': 'phone', 'x-contact-number': '+15550100', 'x-agent-number': '+15550199', 'x-external-id': undefined },
    },
    {
      name: 'phone outbound',
      call: { ...CALL, direction: 'outbound' },
      body: { agent_uuid: CALL.agentUuid, direction: 'outbound', medium: 'phone', agent_number: '+15550199', contact_number: '+15550100' },
      headers: { 'x-direction': 'outbound', 'x-medium': 'phone', 'x-external-id': undefined },
    },
    {
      name: 'web with external_id',
      call: { agentUuid: CALL.agentUuid, direction: 'inbound', medium: 'web', externalId: 4711, roomSid: 'RM-web' },
      body: { agent_uuid: CALL.agentUuid, direction: 'inbound', medium: 'web', external_id: 4711 },
      headers: { 'x-medium': 'web', 'x-external-id': '4711', 'x-contact-number': undefined, 'x-room-sid': 'RM-web' },
    },
    {
      name: 'web without external_id',
      call: { agentUuid: CALL.agentUuid, direction: 'inbound', medium: 'web', roomSid: 'RM-web' },
      body: { agent_uuid: CALL.agentUuid, direction: 'inbound', medium: 'web' },
      headers: { 'x-medium': 'web', 'x-external-id': undefined },
    },
  ] as Array<{ name: string; call: CallInfo; body: unknown; headers: Record<string, string | undefined> }>)(
    'sends a $name call with exactly the contract fields',
    async ({ call, body, headers }) => {
      const seen = await sendOnce(AUTHS.none, call);
      expect(seen.body).toEqual(body);
      expect(seen.headers['x-agent-uuid']).toBe(CALL.agentUuid);
      expect(seen.headers['x-room-sid']).toBe(call.roomSid);
      for (const [name, value] of Object.entries(headers)) expect(seen.headers[name], name).toBe(value);
    },
  );
});
