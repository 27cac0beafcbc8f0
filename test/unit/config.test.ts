import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { normalizeCall } from '../../src/call.js';
import { DEFAULTS, MAX_TIMEOUT_MS, normalizeConfig } from '../../src/config.js';
import { normalizeOptions } from '../../src/options.js';
import { catchContextError as catchError } from '../helpers/outcomes.js';

const SECRET = 'sk_live_SUPERSECRET_4242';
const endpoint = 'https://crm.example.com/voice/context';

describe('normalizeConfig', () => {
  const invalid: Array<{ name: string; config: unknown; says: string; allowHttp?: boolean }> = [
    { name: 'a missing config', config: undefined, says: 'config is required' },
    { name: 'a non-object config', config: 'https://x.example', says: 'config must be an object' },
    { name: 'a missing endpoint', config: {}, says: 'endpoint is required' },
    { name: 'an empty endpoint', config: { endpoint: '' }, says: 'endpoint is required' },
    { name: 'a numeric endpoint', config: { endpoint: 42 }, says: 'endpoint must be a string' },
    { name: 'a relative endpoint', config: { endpoint: '/context' }, says: 'endpoint must be an absolute https URL' },
    { name: 'a host without scheme', config: { endpoint: 'crm.example.com/context' }, says: 'endpoint must be an absolute https URL' },
    { name: 'an ftp endpoint', config: { endpoint: 'ftp://crm.example.com/x' }, says: 'endpoint must be an absolute https URL' },
    { name: 'a javascript: endpoint', config: { endpoint: 'javascript:alert(1)' }, says: 'endpoint must be an absolute https URL' },
    { name: 'a file: endpoint', config: { endpoint: 'file:///etc/passwd' }, says: 'endpoint must be an absolute https URL' },
    { name: 'a data: endpoint', config: { endpoint: 'data:application/json,{}' }, says: 'endpoint must be an absolute https URL' },
    { name: 'an http endpoint without allowHttp', config: { endpoint: 'http://crm.example.com/x' }, says: 'endpoint must be an absolute https URL' },
    { name: 'credentials in the URL', config: { endpoint: `https://admin:${SECRET}@crm.example.com/x` }, says: 'endpoint must not contain a username or password' },
    { name: 'a username in the URL', config: { endpoint: `https://${SECRET}@crm.example.com/x` }, says: 'endpoint must not contain a username or password' },
    { name: 'credentials in an http URL even with allowHttp', config: { endpoint: `http://u:${SECRET}@127.0.0.1/` }, says: 'endpoint must not contain', allowHttp: true },
    { name: 'timeoutMs 0', config: { endpoint, timeoutMs: 0 }, says: 'timeoutMs must be at least 1' },
    { name: 'a negative timeoutMs', config: { endpoint, timeoutMs: -5 }, says: 'timeoutMs must be at least 1' },
    { name: 'timeoutMs NaN', config: { endpoint, timeoutMs: Number.NaN }, says: 'timeoutMs must be a number' },
    { name: 'timeoutMs Infinity', config: { endpoint, timeoutMs: Number.POSITIVE_INFINITY }, says: 'timeoutMs' },
    { name: 'a fractional timeoutMs', config: { endpoint, timeoutMs: 1.5 }, says: 'timeoutMs must be an integer' },
    { name: 'a string timeoutMs', config: { endpoint, timeoutMs: '1000' }, says: 'timeoutMs must be' },
    { name: 'timeoutMs above 30000', config: { endpoint, timeoutMs: 30_001 }, says: 'timeoutMs must be at most 30000' },
    { name: 'a negative cacheTtlMs', config: { endpoint, cacheTtlMs: -1 }, says: 'cacheTtlMs must be 0 (off) or more' },
    { name: 'a fractional cacheTtlMs', config: { endpoint, cacheTtlMs: 0.5 }, says: 'cacheTtlMs must be an integer' },
    { name: 'a non-boolean enabled', config: { endpoint, enabled: 'yes' }, says: 'enabled must be a boolean' },
    { name: 'auth that is not an object', config: { endpoint, auth: SECRET }, says: 'auth must be an object' },
    { name: 'an unknown auth type', config: { endpoint, auth: { type: 'oauth', token: SECRET } }, says: 'auth.type must be one of bearer, basic, header, none' },
    { name: 'a missing auth type', config: { endpoint, auth: { token: SECRET } }, says: 'auth.type must be one of' },
    { name: 'a missing bearer token', config: { endpoint, auth: { type: 'bearer' } }, says: 'auth.token is required' },
    { name: 'an empty bearer token', config: { endpoint, auth: { type: 'bearer', token: '' } }, says: 'auth.token is required' },
    { name: 'a bearer token with CR/LF', config: { endpoint, auth: { type: 'bearer', token: `${SECRET}\r\nX-Evil: 1` } }, says: 'auth.token must not contain control characters' },
    { name: 'a bearer token with NUL', config: { endpoint, auth: { type: 'bearer', token: `${SECRET}\0` } }, says: 'auth.token must not contain control characters' },
    { name: 'a bearer token with non-ASCII', config: { endpoint, auth: { type: 'bearer', token: `${SECRET}é` } }, says: 'auth.token must contain only printable ASCII' },
    { name: 'a bearer token with surrounding spaces', config: { endpoint, auth: { type: 'bearer', token: ` ${SECRET}` } }, says: 'auth.token must not start or end with whitespace' },
    { name: 'an empty basic username', config: { endpoint, auth: { type: 'basic', username: '', password: SECRET } }, says: 'auth.username is required' },
    { name: 'a basic username with a colon', config: { endpoint, auth: { type: 'basic', username: `a:${SECRET}`, password: 'x' } }, says: 'auth.username must not contain a colon' },
    { name: 'a missing basic password', config: { endpoint, auth: { type: 'basic', username: 'u' } }, says: 'auth.password is required' },
    { name: 'a basic password with LF', config: { endpoint, auth: { type: 'basic', username: 'u', password: `${SECRET}\n` } }, says: 'auth.password must not contain control characters' },
    { name: 'a header name with a space', config: { endpoint, auth: { type: 'header', name: 'X Api Key', value: SECRET } }, says: 'auth.name must be a valid HTTP header name' },
    { name: 'a header name with a colon', config: { endpoint, auth: { type: 'header', name: 'X-Key:', value: SECRET } }, says: 'auth.name must be a valid HTTP header name' },
    { name: 'a header name with CR/LF', config: { endpoint, auth: { type: 'header', name: 'X-Key\r\nHost', value: SECRET } }, says: 'auth.name must be a valid HTTP header name' },
    { name: 'an empty header name', config: { endpoint, auth: { type: 'header', name: '', value: SECRET } }, says: 'auth.name is required' },
    { name: 'an empty header value', config: { endpoint, auth: { type: 'header', name: 'X-Api-Key', value: '' } }, says: 'auth.value is required' },
    { name: 'a header value with CR/LF', config: { endpoint, auth: { type: 'header', name: 'X-Api-Key', value: `${SECRET}\r\nHost: evil` } }, says: 'auth.value must not contain control characters' },
    { name: 'a header value with DEL', config: { endpoint, auth: { type: 'header', name: 'X-Api-Key', value: `${SECRET}\x7f` } }, says: 'auth.value must not contain control characters' },
    { name: 'a header value with a tab', config: { endpoint, auth: { type: 'header', name: 'X-Api-Key', value: `a\t${SECRET}` } }, says: 'auth.value must not contain control characters' },
  ];

  it.each(invalid)('refuses $name with invalid_config naming the field, never the value', ({ config, says, allowHttp }) => {
    const error = catchError(() => normalizeConfig(config, { allowHttp: allowHttp ?? false }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(says);
    expect(error.hint).toContain(says);
    for (const text of [error.message, error.hint, JSON.stringify(error.toJSON())]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('SUPERSECRET');
    }
  });

  const reserved = [
    'Content-Type', 'content-length', 'HOST', 'Accept', 'Transfer-Encoding', 'Connection',
    'X-Agent-UUID', 'x-direction', 'X-MEDIUM', 'X-Room-SID', 'X-Agent-Number', 'x-contact-number', 'X-External-ID',
  ];
  it.each(reserved)('refuses a custom auth header named %s (case-insensitive)', (name) => {
    const error = catchError(() => normalizeConfig({ endpoint, auth: { type: 'header', name, value: SECRET } }, { allowHttp: false }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('auth.name must not be a header the library sets itself');
    expect(error.message).not.toContain(SECRET);
  });

  const auths = [
    { name: 'no auth by default', auth: undefined, header: undefined },
    { name: 'none', auth: { type: 'none' }, header: undefined },
    { name: 'bearer', auth: { type: 'bearer', token: SECRET }, header: ['Authorization', `Bearer ${SECRET}`] },
    { name: 'basic', auth: { type: 'basic', username: 'aladdin', password: 'opensesame' }, header: ['Authorization', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'] },
    { name: 'basic in UTF-8', auth: { type: 'basic', username: 'jürgen', password: 'pä:ß' }, header: ['Authorization', `Basic ${Buffer.from('jürgen:pä:ß', 'utf8').toString('base64')}`] },
    { name: 'basic with an empty password', auth: { type: 'basic', username: 'u', password: '' }, header: ['Authorization', 'Basic dTo='] },
    { name: 'a custom header', auth: { type: 'header', name: 'X-Api-Key', value: SECRET }, header: ['X-Api-Key', SECRET] },
    { name: 'a custom Authorization scheme', auth: { type: 'header', name: 'Authorization', value: `Token ${SECRET}` }, header: ['Authorization', `Token ${SECRET}`] },
  ] as const;

  it.each(auths)('precomputes the auth header for $name', ({ auth, header }) => {
    const resolved = normalizeConfig({ endpoint, auth }, { allowHttp: false });
    expect(resolved.authHeader).toEqual(header);
    expect(resolved.auth).toEqual(auth ?? { type: 'none' });
    expect(resolved.authIdentity).toMatch(/^[0-9a-f]{64}$/);
    expect(resolved.authIdentity).not.toContain(SECRET);
  });

  it('derives distinct auth identities for distinct credentials and the same one for equal credentials', () => {
    const identity = (auth: unknown) => normalizeConfig({ endpoint, auth }, { allowHttp: false }).authIdentity;
    const identities = [
      identity(undefined),
      identity({ type: 'bearer', token: 'a' }),
      identity({ type: 'bearer', token: 'b' }),
      identity({ type: 'basic', username: 'a', password: 'b' }),
      identity({ type: 'basic', username: 'ab', password: '' }),
      identity({ type: 'header', name: 'X-Key', value: 'a' }),
      identity({ type: 'header', name: 'X-Other', value: 'a' }),
    ];
    expect(new Set(identities).size).toBe(identities.length);
    expect(identity({ type: 'header', name: 'x-key', value: 'a' })).toBe(identity({ type: 'header', name: 'X-Key', value: 'a' }));
    expect(identity({ type: 'bearer', token: SECRET })).not.toBe(createHash('sha256').update(SECRET).digest('hex'));
  });

  it('applies the defaults and strips unknown keys', () => {
    const resolved = normalizeConfig({ endpoint, extra: SECRET, retries: 3 }, { allowHttp: false });
    expect(resolved).toMatchObject({
      enabled: true, endpoint, origin: 'https://crm.example.com', timeoutMs: DEFAULTS.timeoutMs, cacheTtlMs: DEFAULTS.cacheTtlMs,
    });
    expect(resolved.url).toBeInstanceOf(URL);
    expect(JSON.stringify(resolved)).not.toContain(SECRET);
  });

  const accepted = [
    { name: 'timeoutMs 1', config: { endpoint, timeoutMs: 1 }, field: 'timeoutMs', value: 1 },
    { name: 'timeoutMs at the 30000 cap', config: { endpoint, timeoutMs: MAX_TIMEOUT_MS }, field: 'timeoutMs', value: 30_000 },
    { name: 'cacheTtlMs 0 (cache off)', config: { endpoint, cacheTtlMs: 0 }, field: 'cacheTtlMs', value: 0 },
    { name: 'enabled false', config: { endpoint, enabled: false }, field: 'enabled', value: false },
    { name: 'a normalized endpoint', config: { endpoint: 'HTTPS://CRM.Example.com:443/a/../ctx?x=1#frag' }, field: 'endpoint', value: 'https://crm.example.com/ctx?x=1' },
    { name: 'an origin without path or query', config: { endpoint: 'https://crm.example.com:8443/p?token=abc' }, field: 'origin', value: 'https://crm.example.com:8443' },
  ];
  it.each(accepted)('accepts $name', ({ config, field, value }) => {
    expect(normalizeConfig(config, { allowHttp: false })[field as 'timeoutMs']).toBe(value);
  });

  it('accepts plain http only with allowHttp', () => {
    expect(normalizeConfig({ endpoint: 'http://127.0.0.1:8080/ctx' }, { allowHttp: true }).endpoint).toBe('http://127.0.0.1:8080/ctx');
    expect(catchError(() => normalizeConfig({ endpoint: 'http://127.0.0.1:8080/ctx' }, { allowHttp: false })).hint).toContain('plain http');
  });
});

describe('normalizeCall', () => {
  const base = { agentUuid: '0b6c3f1e-agent', direction: 'inbound', roomSid: 'RM123' };
  const invalid: Array<{ name: string; call: unknown; says: string }> = [
    { name: 'a missing call', call: undefined, says: 'call is required' },
    { name: 'a missing agentUuid', call: { ...base, agentUuid: undefined }, says: 'agentUuid is required' },
    { name: 'an empty agentUuid', call: { ...base, agentUuid: '' }, says: 'agentUuid is required' },
    { name: 'a blank agentUuid', call: { ...base, agentUuid: '   ' }, says: 'agentUuid is required' },
    { name: 'a missing roomSid', call: { ...base, roomSid: undefined }, says: 'roomSid is required' },
    { name: 'a numeric roomSid', call: { ...base, roomSid: 7 }, says: 'roomSid must be a string' },
    { name: 'an unknown direction', call: { ...base, direction: 'sideways' }, says: 'direction must be one of inbound, outbound' },
    { name: 'a missing direction', call: { ...base, direction: undefined }, says: 'direction' },
    { name: 'an unknown medium', call: { ...base, medium: 'sms' }, says: 'medium must be one of phone, web' },
    { name: 'CR/LF in agentUuid', call: { ...base, agentUuid: 'a\r\nX-Evil: 1' }, says: 'agentUuid must not contain control characters' },
    { name: 'a trailing LF in roomSid', call: { ...base, roomSid: 'RM1\n' }, says: 'roomSid must not contain control characters' },
    { name: 'NUL in contactNumber', call: { ...base, contactNumber: '+1555\0' }, says: 'contactNumber must not contain control characters' },
    { name: 'a tab in agentNumber', call: { ...base, agentNumber: '+1\t555' }, says: 'agentNumber must not contain control characters' },
    { name: 'non-ASCII in contactNumber', call: { ...base, contactNumber: '+1555☎' }, says: 'contactNumber must contain only printable ASCII' },
    { name: 'an overlong roomSid', call: { ...base, roomSid: 'R'.repeat(1025) }, says: 'roomSid must be at most 1024 characters' },
    { name: 'an object externalId on web', call: { ...base, medium: 'web', externalId: {} }, says: 'externalId must be a string or a finite number' },
    { name: 'a NaN externalId on web', call: { ...base, medium: 'web', externalId: Number.NaN }, says: 'externalId must be a string or a finite number' },
    { name: 'an Infinity externalId on web', call: { ...base, medium: 'web', externalId: Number.POSITIVE_INFINITY }, says: 'externalId must be a string or a finite number' },
    { name: 'CR/LF in externalId on web', call: { ...base, medium: 'web', externalId: 'v1\r\nHost: x' }, says: 'externalId must not contain control characters' },
  ];
  it.each(invalid)('refuses $name with invalid_call naming the field', ({ call, says }) => {
    const error = catchError(() => normalizeCall(call));
    expect(error.code).toBe('invalid_call');
    expect(error.message).toContain(says);
    expect(error.hint).toContain(says);
  });

  const valid = [
    { name: 'a phone call with defaults', call: base, expected: { ...base, medium: 'phone' } },
    { name: 'an outbound phone call with numbers', call: { ...base, direction: 'outbound', agentNumber: '+15550100', contactNumber: '+15550199' }, expected: { ...base, direction: 'outbound', medium: 'phone', agentNumber: '+15550100', contactNumber: '+15550199' } },
    { name: 'a phone call whose externalId is ignored', call: { ...base, externalId: 'v-1' }, expected: { ...base, medium: 'phone' } },
    { name: 'a phone call whose invalid externalId is ignored', call: { ...base, externalId: { bad: true } }, expected: { ...base, medium: 'phone' } },
    { name: 'a web call with a string externalId', call: { ...base, medium: 'web', externalId: 'visitor-9' }, expected: { ...base, medium: 'web', externalId: 'visitor-9' } },
    { name: 'a web call with a numeric externalId', call: { ...base, medium: 'web', externalId: 12345 }, expected: { ...base, medium: 'web', externalId: 12345 } },
    { name: 'a web call without externalId', call: { ...base, medium: 'web' }, expected: { ...base, medium: 'web' } },
    { name: 'empty optional fields as unknown', call: { ...base, medium: 'web', agentNumber: '', contactNumber: ' ', externalId: '' }, expected: { ...base, medium: 'web' } },
    { name: 'surrounding spaces trimmed', call: { ...base, agentUuid: ' a-1 ', contactNumber: ' +1555 ' }, expected: { ...base, agentUuid: 'a-1', medium: 'phone', contactNumber: '+1555' } },
    { name: 'unknown keys dropped', call: { ...base, secret: 'x' }, expected: { ...base, medium: 'phone' } },
  ];
  it.each(valid)('accepts $name', ({ call, expected }) => {
    expect(normalizeCall(call)).toStrictEqual(expected);
  });
});

describe('normalizeOptions', () => {
  it('applies every default', () => {
    const options = normalizeOptions();
    expect(options).toMatchObject({
      allowHttp: false, allowPrivateNetwork: false, maxResponseBytes: 262144, cacheMaxEntries: 10000, cacheMaxBytes: 268435456, sensitiveData: 'redact',
    });
    expect(typeof options.now()).toBe('number');
    expect(options).not.toHaveProperty('dispatcher');
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('keeps given values', () => {
    const dispatcher = new Agent();
    const onEvent = () => {};
    const now = () => 5;
    const lookup = async () => [{ address: '127.0.0.1', family: 4 as const }];
    const cacheStore = { get: async () => undefined, set: async () => {}, delete: async () => {} };
    const options = normalizeOptions({ allowHttp: true, allowPrivateNetwork: true, maxResponseBytes: 10, cacheMaxEntries: 1, cacheMaxBytes: 4096, dispatcher, onEvent, now, lookup, sensitiveData: 'off', cacheStore, cacheStoreTimeoutMs: 20, staleIfErrorMs: 5 });
    expect(options).toStrictEqual({ allowHttp: true, allowPrivateNetwork: true, maxResponseBytes: 10, cacheMaxEntries: 1, cacheMaxBytes: 4096, dispatcher, onEvent, now, lookup, sensitiveData: 'off', cacheStore, cacheStoreTimeoutMs: 20, staleIfErrorMs: 5 });
    void dispatcher.close();
  });

  const wrong: Array<{ option: string; value: unknown }> = [
    { option: 'allowHttp', value: 'yes' },
    { option: 'allowPrivateNetwork', value: 1 },
    { option: 'maxResponseBytes', value: 0 },
    { option: 'maxResponseBytes', value: -1 },
    { option: 'maxResponseBytes', value: 1.5 },
    { option: 'maxResponseBytes', value: '1024' },
    { option: 'cacheMaxEntries', value: Number.POSITIVE_INFINITY },
    { option: 'cacheMaxBytes', value: 0 },
    { option: 'cacheMaxBytes', value: 1.5 },
    { option: 'dispatcher', value: {} },
    { option: 'onEvent', value: 'log' },
    { option: 'now', value: 5 },
    { option: 'lookup', value: {} },
    { option: 'sensitiveData', value: 'mask' },
  ];
  it.each(wrong)('throws a TypeError naming $option for $value', ({ option, value }) => {
    expect(() => normalizeOptions({ [option]: value } as never)).toThrow(TypeError);
    expect(() => normalizeOptions({ [option]: value } as never)).toThrow(`\`${option}\``);
  });

  it('throws a TypeError for options that are not an object', () => {
    expect(() => normalizeOptions(null as never)).toThrow(TypeError);
  });
});
