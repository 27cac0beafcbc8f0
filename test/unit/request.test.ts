import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Headers } from 'undici';
import { describe, expect, it } from 'vitest';
import { normalizeCall } from '../../src/call.js';
import { normalizeConfig } from '../../src/config.js';
import { isContextError } from '../../src/errors.js';
import { buildContextRequest, buildResolvedRequest, createWireRequest } from '../../src/request.js';
import type { CallInfo, DynamicContextConfig } from '../../src/types/index.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const USER_AGENT = `dynamic-context/${version}`;

const endpoint = 'https://crm.example.com/voice/context';
const SECRET = 'tok_SECRET_9f8e7d';
const base = { agentUuid: 'agent-1', roomSid: 'RM42' } as const;

describe('buildContextRequest', () => {
  const calls: Array<{ name: string; call: CallInfo; body: Record<string, unknown>; headers: Record<string, string> }> = [
    {
      name: 'a phone inbound call with both numbers',
      call: { ...base, direction: 'inbound', agentNumber: '+15550100', contactNumber: '+15550199' },
      body: { agent_uuid: 'agent-1', direction: 'inbound', medium: 'phone', agent_number: '+15550100', contact_number: '+15550199' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'inbound', 'X-Medium': 'phone', 'X-Room-SID': 'RM42', 'X-Agent-Number': '+15550100', 'X-Contact-Number': '+15550199' },
    },
    {
      name: 'a phone outbound call with only the contact number',
      call: { ...base, direction: 'outbound', medium: 'phone', contactNumber: '+4930123' },
      body: { agent_uuid: 'agent-1', direction: 'outbound', medium: 'phone', contact_number: '+4930123' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'outbound', 'X-Medium': 'phone', 'X-Room-SID': 'RM42', 'X-Contact-Number': '+4930123' },
    },
    {
      name: 'a phone call with an externalId (web only, so not sent)',
      call: { ...base, direction: 'inbound', externalId: 'visitor-1' },
      body: { agent_uuid: 'agent-1', direction: 'inbound', medium: 'phone' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'inbound', 'X-Medium': 'phone', 'X-Room-SID': 'RM42' },
    },
    {
      name: 'a web call with a string external_id',
      call: { ...base, direction: 'inbound', medium: 'web', externalId: 'visitor-7' },
      body: { agent_uuid: 'agent-1', direction: 'inbound', medium: 'web', external_id: 'visitor-7' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'inbound', 'X-Medium': 'web', 'X-Room-SID': 'RM42', 'X-External-ID': 'visitor-7' },
    },
    {
      name: 'a web call with a numeric external_id',
      call: { ...base, direction: 'inbound', medium: 'web', externalId: 12345 },
      body: { agent_uuid: 'agent-1', direction: 'inbound', medium: 'web', external_id: 12345 },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'inbound', 'X-Medium': 'web', 'X-Room-SID': 'RM42', 'X-External-ID': '12345' },
    },
    {
      name: 'a web call without external_id',
      call: { ...base, direction: 'outbound', medium: 'web' },
      body: { agent_uuid: 'agent-1', direction: 'outbound', medium: 'web' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'outbound', 'X-Medium': 'web', 'X-Room-SID': 'RM42' },
    },
    {
      name: 'a call whose empty numbers are unknown, not null',
      call: { ...base, direction: 'inbound', agentNumber: '', contactNumber: '' },
      body: { agent_uuid: 'agent-1', direction: 'inbound', medium: 'phone' },
      headers: { 'X-Agent-UUID': 'agent-1', 'X-Direction': 'inbound', 'X-Medium': 'phone', 'X-Room-SID': 'RM42' },
    },
  ];

  it.each(calls)('sends exactly the contract fields for $name', ({ call, body, headers }) => {
    const request = buildContextRequest({ endpoint }, call);
    expect(request.url).toBe(endpoint);
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toStrictEqual(body);
    expect(request.body).not.toContain('null');
    expect(request.headers).toStrictEqual({ 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': USER_AGENT, ...headers });
  });

  const auths: Array<{ name: string; auth: DynamicContextConfig['auth']; header?: [string, string] }> = [
    { name: 'no auth (default)', auth: undefined },
    { name: 'none', auth: { type: 'none' } },
    { name: 'bearer', auth: { type: 'bearer', token: SECRET }, header: ['Authorization', `Bearer ${SECRET}`] },
    { name: 'basic', auth: { type: 'basic', username: 'Aladdin', password: 'open sesame' }, header: ['Authorization', 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='] },
    { name: 'basic with UTF-8', auth: { type: 'basic', username: 'zoë', password: '秘密' }, header: ['Authorization', `Basic ${Buffer.from('zoë:秘密').toString('base64')}`] },
    { name: 'a custom header', auth: { type: 'header', name: 'X-Api-Key', value: SECRET }, header: ['X-Api-Key', SECRET] },
  ];

  it.each(auths)('sends the auth header for $name', ({ auth, header }) => {
    const { headers } = buildContextRequest({ endpoint, auth }, { ...base, direction: 'inbound' });
    const fixed = ['Content-Type', 'Accept', 'User-Agent', 'X-Agent-UUID', 'X-Direction', 'X-Medium', 'X-Room-SID'];
    const authNames = Object.keys(headers).filter((n) => !fixed.includes(n));
    expect(authNames).toEqual(header ? [header[0]] : []);
    if (header) expect(headers[header[0]]).toBe(header[1]);
  });

  it('accepts an http endpoint (scheme policy is the client\'s) and keeps the query string', () => {
    const request = buildContextRequest({ endpoint: 'http://127.0.0.1:3000/ctx?tenant=7' }, { ...base, direction: 'inbound' });
    expect(request.url).toBe('http://127.0.0.1:3000/ctx?tenant=7');
  });

  const invalid: Array<{ name: string; config: unknown; call: unknown; code: string; says: string }> = [
    { name: 'a bad config', config: { endpoint: 'ftp://x.example' }, call: { ...base, direction: 'inbound' }, code: 'invalid_config', says: 'endpoint' },
    { name: 'a header auth overriding a call header', config: { endpoint, auth: { type: 'header', name: 'x-room-sid', value: SECRET } }, call: { ...base, direction: 'inbound' }, code: 'invalid_config', says: 'auth.name' },
    { name: 'a bad direction', config: { endpoint }, call: { ...base, direction: 'up' }, code: 'invalid_call', says: 'direction' },
    { name: 'CR/LF in the contact number', config: { endpoint }, call: { ...base, direction: 'inbound', contactNumber: '1\r\nX: y' }, code: 'invalid_call', says: 'contactNumber' },
  ];
  it.each(invalid)('throws $code for $name', ({ config, call, code, says }) => {
    let caught: unknown;
    try {
      buildContextRequest(config as DynamicContextConfig, call as CallInfo);
    } catch (error) {
      caught = error;
    }
    expect(isContextError(caught) && caught.code).toBe(code);
    expect(isContextError(caught) && caught.message).toContain(says);
    expect(String((caught as Error).message)).not.toContain(SECRET);
  });

  it('gives the same request from the resolved hot path', () => {
    const config = { endpoint, auth: { type: 'bearer', token: SECRET } } as const;
    const call = { ...base, direction: 'inbound', medium: 'web', externalId: 9 } as const;
    expect(buildResolvedRequest(normalizeConfig(config, { allowHttp: false }), normalizeCall(call))).toStrictEqual(buildContextRequest(config, call));
  });

  it.each([
    { auth: { type: 'bearer', token: SECRET } },
    { auth: { type: 'header', name: 'X-Api-Key', value: SECRET } },
    { auth: { type: 'basic', username: 'u', password: SECRET } },
    {},
  ] as const)('the wire form the client sends carries the same headers and body (%#)', (extra) => {
    const config = normalizeConfig({ endpoint, ...extra } as DynamicContextConfig, { allowHttp: false });
    const wire = createWireRequest(config);
    for (const info of [{ ...base, direction: 'inbound' }, { ...base, direction: 'outbound', medium: 'web', externalId: 'e"1', agentNumber: '+1555', contactNumber: '+1666' }, { ...base, direction: 'inbound', medium: 'web', externalId: 7 }] as const) {
      const call = normalizeCall(info);
      const { headers, body } = wire(call);
      const expected = buildResolvedRequest(config, call);
      const pairs = Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]]);
      expect(Object.fromEntries(pairs)).toStrictEqual(Object.fromEntries(Object.entries(expected.headers).map(([k, v]) => [k.toLowerCase(), v])));
      expect(pairs).toHaveLength(Object.keys(expected.headers).length);
      expect(body).toBe(expected.body);
    }
    // A fresh list per call: the constant part is copied, never shared.
    expect(wire(normalizeCall({ ...base, direction: 'inbound' })).headers).not.toBe(wire(normalizeCall({ ...base, direction: 'inbound' })).headers);
  });

  it('returns a fresh headers object per call', () => {
    const config = normalizeConfig({ endpoint }, { allowHttp: false });
    const call = normalizeCall({ ...base, direction: 'inbound' });
    const first = buildResolvedRequest(config, call);
    first.headers['X-Evil'] = '1';
    expect(buildResolvedRequest(config, call).headers).not.toHaveProperty('X-Evil');
  });
});

// undici's own rules for what it will put on the wire (lib/core/util.js).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

describe('buildContextRequest on arbitrary input (property)', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '\r\n', 'a\nb', '\0', 'é', '\t+1 555\t'));
  // Mostly valid values with arbitrary ones mixed in, so both outcomes are well exercised.
  const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: text, weight: 1 });
  const printable = fc.string({ minLength: 1 });
  const callArb = fc.record(
    {
      agentUuid: mostly(fc.uuid()),
      direction: mostly(fc.constantFrom('inbound', 'outbound')),
      medium: mostly(fc.constantFrom('phone', 'web')),
      agentNumber: mostly(printable),
      contactNumber: mostly(printable),
      externalId: fc.oneof(mostly(printable), fc.double(), fc.integer()),
      roomSid: mostly(printable),
    },
    { requiredKeys: [] },
  );
  const authArb = fc.oneof(
    fc.record({ type: fc.constant('bearer'), token: mostly(printable) }),
    fc.record({ type: fc.constant('basic'), username: mostly(printable), password: mostly(fc.string()) }),
    fc.record({ type: fc.constant('header'), name: mostly(fc.stringMatching(/^[A-Za-z][\w-]{0,20}$/)), value: mostly(printable) }),
    fc.constant({ type: 'none' }),
  );
  let built = 0;

  it('either throws invalid_config/invalid_call or builds headers undici accepts unchanged', () => {
    fc.assert(
      fc.property(authArb, callArb, (auth, call) => {
        let request;
        try {
          request = buildContextRequest({ endpoint, auth } as DynamicContextConfig, call as CallInfo);
        } catch (error) {
          expect(isContextError(error) && ['invalid_config', 'invalid_call'].includes(error.code)).toBe(true);
          return;
        }
        const headers = new Headers(request.headers);
        for (const [name, value] of Object.entries(request.headers)) {
          expect(name).toMatch(TOKEN);
          expect(value).toMatch(FIELD_VALUE);
          // Headers trims; an unchanged value means the server sees exactly what was built.
          expect(headers.get(name)).toBe(value);
        }
        expect(Object.keys(request.headers).length).toBe([...headers.keys()].length);
        expect(() => JSON.parse(request.body)).not.toThrow();
        built++;
      }),
      { numRuns: 3000 },
    );
    // Guard against a generator that only ever exercises the error path.
    expect(built).toBeGreaterThan(100);
  });
});
