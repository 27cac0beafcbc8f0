// One runtime replica for the multi-process Redis tests: a child process (fork) that owns
// a Redis cache store and context clients, and runs the loads its parent sends over IPC.
import { createRedisCacheStore } from '../../src/entries/redis.js';
import { createContextClient } from '../../src/index.js';
import type { CallInfo, ClientOptions, ContextClient, DynamicContextConfig } from '../../src/types/index.js';

export interface ReplicaRequest {
  id: number;
  op: 'load' | 'invalidate';
  config: DynamicContextConfig;
  options?: ClientOptions;
  call: CallInfo;
  /** Abort the load's signal this long after it started. */
  abortAfterMs?: number;
}

export interface ReplicaReply {
  id: number;
  ok: boolean;
  source?: string;
  stale?: boolean;
  code?: string;
  warnings?: string[];
  variables?: Record<string, unknown>;
  durationMs?: number;
  error?: string;
}

const store = createRedisCacheStore({ url: process.env.REPLICA_REDIS_URL! }, { prefix: 'test:' });
const clients = new Map<string, ContextClient>();

function clientFor(config: DynamicContextConfig, options: ClientOptions = {}): ContextClient {
  const id = JSON.stringify([config, options]);
  let client = clients.get(id);
  if (client === undefined) {
    client = createContextClient(config, { allowHttp: true, allowPrivateNetwork: true, cacheStore: store, ...options });
    clients.set(id, client);
  }
  return client;
}

async function handle(request: ReplicaRequest): Promise<ReplicaReply> {
  const client = clientFor(request.config, request.options);
  if (request.op === 'invalidate') {
    try {
      await client.invalidate(request.call);
      return { id: request.id, ok: true };
    } catch (error) {
      return { id: request.id, ok: false, error: String(error) };
    }
  }
  const controller = new AbortController();
  if (request.abortAfterMs !== undefined) setTimeout(() => controller.abort(), request.abortAfterMs);
  const result = await client.load(request.call, { signal: controller.signal });
  return result.ok
    ? { id: request.id, ok: true, source: result.source, stale: result.stale === true, warnings: result.warnings, variables: result.variables, durationMs: result.durationMs }
    : { id: request.id, ok: false, code: result.error.code, durationMs: result.durationMs };
}

process.on('message', (request: ReplicaRequest) => {
  handle(request).then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ id: request.id, ok: false, error: String(error) }),
  );
});
process.on('disconnect', () => {
  void Promise.all([...clients.values()].map((c) => c.close())).then(() => store.close()).finally(() => process.exit(0));
});
process.send!({ id: 0, ok: true });
