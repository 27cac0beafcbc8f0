import type { ServerResponse } from 'node:http';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, startRedis, type TestRedis } from '../helpers/redis-server.js';
import type { ReplicaReply } from '../helpers/replica.js';
import { startReplica, type Replica } from '../helpers/replicas.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { CALL } from './fixtures.js';

// Without redis-server these tests cannot run: say so with a failing test, never a silent
// skip. REDIS_TESTS=off (a machine without Redis, knowingly) turns it into a named skip.
const optedOut = process.env.REDIS_TESTS === 'off';

if (REDIS_SERVER === undefined) {
  describe('Redis replica tests', () => {
    it.skipIf(optedOut)('need redis-server on PATH (apt-get install redis-server, or REDIS_TESTS=off to skip them knowingly)', () => {
      expect(REDIS_SERVER, 'redis-server is not on PATH: the multi-process Redis tests did NOT run').toBeDefined();
    });
  });
}

/** The CRM: answers `{ n }` (one more per request) unless told to fail or hold. */
interface Crm {
  server: TestServer;
  mode: 'ok' | 'fail' | 'hold';
  held: ServerResponse[];
  closedEarly: number;
}

async function startCrm(): Promise<Crm> {
  let n = 0;
  const crm = { mode: 'ok', held: [], closedEarly: 0 } as unknown as Crm;
  crm.server = await createTestServer((req, res) => {
    req.resume();
    if (crm.mode === 'fail') return res.writeHead(503).end();
    if (crm.mode === 'hold') {
      crm.held.push(res);
      res.on('close', () => {
        if (!res.writableFinished) crm.closedEarly++;
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: ++n, contact: req.headers['x-contact-number'] }));
  });
  return crm;
}

async function until<T>(what: string, attempt: () => Promise<T>, done: (value: T) => boolean, tries = 50): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await attempt();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

describe.runIf(REDIS_SERVER !== undefined)('replicas sharing one Redis (child processes)', () => {
  let redis: TestRedis;
  let crm: Crm;
  let a: Replica;
  let b: Replica;
  let contact = 0;
  // Every test its own caller, so tests never see each other's entries.
  const caller = () => ({ ...CALL, contactNumber: `+1555020${String(++contact).padStart(4, '0')}` });
  // Generous store deadline: the machine may be busy; the SIGSTOP test sets its own.
  const config = () => ({ endpoint: crm.server.url, auth: { type: 'bearer' as const, token: 'tok-REPLICA-SECRET' } });
  const options = { cacheStoreTimeoutMs: 1000 };
  const load = (replica: Replica, call: typeof CALL, extra: object = {}) => replica.send({ op: 'load', config: config(), options, call, ...extra });
  const cached = (r: ReplicaReply) => r.ok && r.source === 'cache';

  beforeAll(async () => {
    redis = await startRedis();
    crm = await startCrm();
    [a, b] = await Promise.all([startReplica(redis.url), startReplica(redis.url)]);
    // Each replica's store connects in the background; until it is up, loads go to the network.
    for (const replica of [a, b]) {
      await until('replica never reached Redis', () => load(replica, { ...CALL, contactNumber: '+15550000' }), (r) => r.ok && (r.warnings ?? []).length === 0, 200);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await redis?.stop();
    await crm?.server.close();
  }, 20_000);

  it('serves on replica B a caller replica A loaded', async () => {
    const call = caller();
    const before = crm.server.requests;
    const raw = createClient({ url: redis.url });
    await raw.connect();
    const stored = (await raw.keys('test:*')).length;
    expect(await load(a, call)).toMatchObject({ ok: true, source: 'network', variables: { contact: call.contactNumber } });
    // A's write is not awaited by its load: wait until it is in Redis, then B must hit at once.
    try {
      await until('A\'s entry never reached Redis', () => raw.keys('test:*'), (k) => k.length > stored);
    } finally {
      raw.destroy();
    }
    const hit = await load(b, { ...call, roomSid: 'RM-b' });
    expect(hit).toMatchObject({ ok: true, source: 'cache' });
    expect(hit).toMatchObject({ variables: { contact: call.contactNumber } });
    expect(crm.server.requests - before).toBe(1);
  });

  it('stores only hashed keys with a TTL, and no secret', async () => {
    const call = caller();
    await load(a, call);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const keys = await until('no key stored', () => raw.keys('test:*'), (k) => k.length > 0);
      for (const key of keys) {
        expect(key).toMatch(/^test:v1:[A-Za-z0-9_-]{43}$/);
        expect(await raw.pTTL(key)).toBeGreaterThan(0);
        expect(await raw.get(key)).not.toContain('tok-REPLICA-SECRET');
      }
    } finally {
      raw.destroy();
    }
  });

  it('invalidates on every replica', async () => {
    const call = caller();
    await load(a, call);
    await until('B never hit', () => load(b, call), cached);
    expect(await b.send({ op: 'invalidate', config: config(), options, call })).toMatchObject({ ok: true });
    expect(await load(a, call)).toMatchObject({ ok: true, source: 'network' });
  });

  it('treats a corrupt entry as a miss, says so, and replaces it', async () => {
    const call = caller();
    await load(a, call);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      await until('no key stored', () => raw.keys('test:*'), (k) => k.length > 0);
      for (const key of await raw.keys('test:*')) await raw.set(key, '[1,9e99,"oops"', { expiration: { type: 'PX', value: 60_000 } });
    } finally {
      raw.destroy();
    }
    const reply = await load(b, call);
    expect(reply).toMatchObject({ ok: true, source: 'network' });
    expect(reply.warnings?.join(' ')).toMatch(/unreadable entry/);
    expect(await until('never replaced', () => load(a, call), cached)).toMatchObject({ ok: true });
  });

  it('serves a stale entry on another replica while the endpoint fails (staleIfErrorMs)', async () => {
    const call = caller();
    const short = { ...options, staleIfErrorMs: 60_000 };
    const cfg = { ...config(), cacheTtlMs: 300 };
    await a.send({ op: 'load', config: cfg, options: short, call });
    await new Promise((r) => setTimeout(r, 500));
    crm.mode = 'fail';
    try {
      const reply = await b.send({ op: 'load', config: cfg, options: short, call });
      expect(reply).toMatchObject({ ok: true, source: 'cache', stale: true, variables: { contact: call.contactNumber } });
      expect(reply.warnings?.join(' ')).toMatch(/endpoint failed \(http_error\)/);
    } finally {
      crm.mode = 'ok';
    }
  });

  it('aborts a load in a replica: the endpoint sees its connection close', async () => {
    crm.mode = 'hold';
    const closedBefore = crm.closedEarly;
    try {
      const reply = await load(a, caller(), { abortAfterMs: 300 });
      expect(reply).toMatchObject({ ok: false, code: 'aborted' });
      await until('connection still open', async () => crm.closedEarly, (n) => n > closedBefore);
    } finally {
      crm.mode = 'ok';
      for (const res of crm.held.splice(0)) res.destroy();
    }
  });

  it('loads from the network within the store deadline while Redis hangs (SIGSTOP)', async () => {
    const call = caller();
    redis.pause();
    try {
      const reply = await a.send({ op: 'load', config: config(), options: { cacheStoreTimeoutMs: 100 }, call });
      expect(reply).toMatchObject({ ok: true, source: 'network' });
      expect(reply.warnings?.join(' ')).toMatch(/did not answer within 100 ms/);
    } finally {
      redis.resume();
    }
    // Once Redis answers again, the replicas share entries again.
    const next = caller();
    await load(a, next);
    expect(await until('no hit after resume', () => load(b, next), cached)).toMatchObject({ ok: true });
  });

  it('keeps answering while Redis is killed mid-run, and shares again once it is back', async () => {
    const call = caller();
    await redis.kill();
    try {
      const replies = await Promise.all([load(a, call), load(b, call)]);
      for (const reply of replies) {
        expect(reply).toMatchObject({ ok: true, source: 'network', variables: { contact: call.contactNumber } });
        expect(reply.warnings?.join(' ')).toMatch(/store failed|did not answer/);
      }
    } finally {
      await redis.restart();
    }
    const next = caller();
    await until('A never stored after restart', () => load(a, next), (r) => r.ok && !(r.warnings ?? []).some((w) => /store/.test(w)));
    expect(await until('no hit after restart', () => load(b, next), cached)).toMatchObject({ ok: true });
  });
});
