import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient, isContextError, mergeContext, type ClientOptions } from '../../src/index.js';

const CALL = { agentUuid: 'agent-1', direction: 'inbound', contactNumber: '+15550100', roomSid: 'RM-1' } as const;
const LOOPBACK: ClientOptions = { allowHttp: true, allowPrivateNetwork: true };

// Bodies are served by path; each is built once.
const BODIES: Record<string, () => string> = {
  '/deep-object': () => '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
  '/deep-array': () => '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
  '/million-keys': () => `{${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":0`).join(',')}}`,
  '/huge-string': () => JSON.stringify({ s: 'x'.repeat(200_000) }),
  '/proto-deep': () => '{"a":{"b":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1},"ok":1}}}',
  '/proto-top': () => '{"__proto__":{"polluted":1},"name":"Ada"}',
  '/proto-array': () => '[{"__proto__":{"polluted":1}},{"a":{"__proto__":{"polluted":2}}},{"constructor":{"prototype":{"polluted":3}}},{"name":"Ada"}]',
  '/sensitive': () =>
    JSON.stringify({
      customer: { name: 'Ada', payment: { card: '4111 1111 1111 1111', alt: '5500-0000-0000-0004', note: 'card 4012888888881881 on file' } },
      ids: { ssn: '123-45-6789', tax: 'ssn is 078-05-1120' },
      login: { password: 'hunter2-VALUE', api_key: 'ak-VALUE-9' },
      phone: '+14155552671',
      order: '1234',
    }),
};
const cache = new Map<string, string>();
let port = 0;
let closeServer: () => Promise<void>;
beforeAll(async () => {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    let body = cache.get(path);
    if (body === undefined) cache.set(path, (body = BODIES[path]?.() ?? '{}'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  server.on('connection', (s) => (sockets.add(s), s.once('close', () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  closeServer = () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r())));
});
afterAll(() => closeServer());

function protoSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((p) => Reflect.ownKeys(p).map(String));
}

async function load(path: string, options: ClientOptions = {}) {
  const before = protoSnapshot();
  const client = createContextClient({ endpoint: `http://127.0.0.1:${port}${path}`, cacheTtlMs: 0 }, { ...LOOPBACK, ...options });
  const start = performance.now();
  const result = await client.load(CALL);
  const ms = performance.now() - start;
  const report = await client.test(CALL);
  await client.close();
  expect(protoSnapshot()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  // Bounded, not fast: what this guards against is a parse or walk that never ends (deep
  // recursion, quadratic merging). 12 MB of JSON alone takes ~1 s on a loaded 2-core box,
  // so a tight bound here would only measure the machine.
  expect(ms).toBeLessThan(10_000);
  return { result, report };
}

function expectPlainTree(value: unknown, depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  const proto = Object.getPrototypeOf(value);
  expect([Object.prototype, Array.prototype, null]).toContain(proto);
  for (const key of Object.keys(value)) {
    expect(['__proto__', 'constructor', 'prototype']).not.toContain(key);
    if (depth < 70) expectPlainTree((value as Record<string, unknown>)[key], depth + 1);
  }
}

describe('pathological responses from a real loopback server', () => {
  it.each([
    ['/deep-object', { maxResponseBytes: 2_000_000 }],
    ['/deep-array', {}],
    ['/million-keys', { maxResponseBytes: 20_000_000 }],
  ] as const)('%s gives a clear invalid_response in bounded time', async (path, options) => {
    const { result, report } = await load(path, options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(isContextError(result.error)).toBe(true);
      expect(result.error.code).toBe('invalid_response');
      expect(result.error.hint).toMatch(/deeper|more than/);
    }
    expect(report).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });

  it('a huge string within the cap is kept as data', async () => {
    const { result } = await load('/huge-string');
    expect(result.ok && (result.variables.s as string).length).toBe(200_000);
  });

  it.each(['/proto-deep', '/proto-top', '/proto-array'])('%s: prototype keys are dropped at every depth, nothing is polluted', async (path) => {
    const { result } = await load(path);
    expect(result.ok).toBe(true);
    if (result.ok) expectPlainTree(result.variables);
    if (path === '/proto-deep' && result.ok) expect(result.variables).toEqual({ a: { b: { ok: 1 } } });
    if (path === '/proto-array' && result.ok) expect(result.variables).toEqual({ a: {}, name: 'Ada' });
  });

  it('mergeContext on parsed pollution payloads keeps Object.prototype clean', () => {
    for (const text of ['{"__proto__":{"polluted":1}}', '[{"__proto__":{"polluted":1}},{"__proto__":{"polluted":1}}]', '{"a":{"__proto__":{"polluted":1}}}']) {
      const merged = mergeContext(JSON.parse(text));
      expectPlainTree(merged);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});

describe('sensitive data guard', () => {
  const VALUES = ['4111 1111 1111 1111', '5500-0000-0000-0004', '4012888888881881', '123-45-6789', '078-05-1120', 'hunter2-VALUE', 'ak-VALUE-9'];

  it('redacts by default, warns with path and kind but never the value, and the report shows it', async () => {
    const { result, report } = await load('/sensitive');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const vars = JSON.stringify(result.variables);
    for (const v of VALUES) expect(vars).not.toContain(v);
    expect(vars).toContain('[redacted]');
    expect(result.variables.phone).toBe('+14155552671');
    expect(result.variables.order).toBe('1234');
    const warnings = result.warnings.join('\n');
    for (const v of VALUES) expect(warnings).not.toContain(v);
    expect(warnings).toMatch(/card.*customer\.payment\.card/);
    expect(warnings).toMatch(/customer\.payment\.alt/);
    expect(warnings).toMatch(/ssn.*ids\.ssn/i);
    expect(warnings).toMatch(/password.*login\.password/);
    for (const v of VALUES) expect(JSON.stringify(report)).not.toContain(v);
    expect(report.warnings.join('\n')).toMatch(/login\.password/);
  });

  it("'warn' keeps the values but still warns without them", async () => {
    const { result } = await load('/sensitive', { sensitiveData: 'warn' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((result.variables.customer as { payment: { card: string } }).payment.card).toBe('4111 1111 1111 1111');
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const v of VALUES) expect(result.warnings.join('\n')).not.toContain(v);
  });

  it("'off' passes everything through without warnings", async () => {
    const { result } = await load('/sensitive', { sensitiveData: 'off' });
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) expect((result.variables.login as { password: string }).password).toBe('hunter2-VALUE');
  });
});
