import type { CacheStore } from '../types/index.js';

/** Settings of {@link createRedisCacheStore}. */
export interface RedisCacheStoreSettings {
  /**
   * Put before every key, so several deployments (or other data) can share one Redis.
   * @default 'dynamic-context:'
   */
  prefix?: string;
}

/** A `CacheStore` on Redis. `close()` disconnects a connection the store opened itself (`{ url }`). */
export interface RedisCacheStore extends CacheStore {
  close(): Promise<void>;
}

/** The part of a node-redis client (v5+) the store uses. */
interface RedisCommands {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** Bounds the commands waiting for a Redis that hangs (SIGSTOP, a full network buffer). */
const MAX_QUEUED_COMMANDS = 10_000;

/** How long commands wait for the store's first connection (the node-redis connect timeout). */
const FIRST_CONNECT_WAIT_MS = 2000;

/**
 * A shared cache on Redis, through node-redis. Give it a `url` and it owns its
 * connection (see `connect` below), closed by `close()`; or give it a connected
 * node-redis `client` you manage.
 *
 * Entries are set with a TTL in Redis (`PX`); their keys are hashes, and their values the
 * library's versioned entry format.
 *
 * @example
 * import { createRedisCacheStore } from 'dynamic-context/redis';
 * const cacheStore = createRedisCacheStore({ url: process.env.REDIS_URL! });
 * const client = createContextClient(config, { cacheStore, staleIfErrorMs: 3_600_000 });
 */
export function createRedisCacheStore(options: { url: string } | { client: unknown }, settings: RedisCacheStoreSettings = {}): RedisCacheStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('Expected `options` to be { url } or { client }');
  const prefix = settings.prefix ?? 'dynamic-context:';
  if (typeof prefix !== 'string') throw new TypeError('Expected `prefix` to be a string');
  let connection: Promise<RedisCommands>;
  let close: () => Promise<void>;
  if ('url' in options) {
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) throw new TypeError('Expected `url` to be a redis:// or rediss:// URL');
    const opened = connect(options.url);
    // Without node-redis installed every command fails, and loads go to the network.
    opened.catch(() => {});
    connection = opened;
    // destroy, not close: a hung Redis would never answer the commands close() waits for.
    close = () => opened.then((client) => client.isOpen && client.destroy(), () => {}).then(() => {});
  } else if ('client' in options && isRedisCommands(options.client)) {
    connection = Promise.resolve(options.client);
    close = () => Promise.resolve();
  } else {
    throw new TypeError('Expected `options` to be { url } or { client } with a node-redis client (get, set, del)');
  }
  let redis: RedisCommands | undefined;
  void connection.then((r) => (redis = r), () => {});
  const ready = (): RedisCommands | Promise<RedisCommands> => redis ?? connection;
  return {
    async get(key) {
      const value = await (await ready()).get(prefix + key);
      // Anything but a string is garbage to the client's decoder; hand it over as is.
      return value === null ? undefined : (value as string);
    },
    async set(key, value, ttlMs) {
      await (await ready()).set(prefix + key, value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } });
    },
    async delete(key) {
      await (await ready()).del(prefix + key);
    },
    close,
  };
}

/**
 * A connection this store owns. node-redis is loaded here, when first needed, so that
 * importing `dynamic-context/redis` works without it (the `{ client }` form needs none)
 * and the core never loads it. It never queues commands while Redis is away (they fail at
 * once, so loads go straight to the network), and it reconnects in the background.
 */
async function connect(url: string): Promise<RedisCommands & { isOpen: boolean; destroy(): void }> {
  const { createClient } = await import('redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    socket: { connectTimeout: FIRST_CONNECT_WAIT_MS, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
  });
  // node-redis emits 'error' on every failed (re)connect; unhandled, it would end the process.
  // The failure already reaches each load as a rejected command.
  client.on('error', () => {});
  // Commands wait for the first attempt to connect (bounded), so a store used right after it
  // is created reads and writes Redis instead of failing offline: the first load of a fresh
  // replica is a hit on what the others stored. After that attempt, commands fail at once
  // while Redis is away (a refused connection ends the attempt at once, too).
  const firstAttempt = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
    timer.unref();
    const done = () => (clearTimeout(timer), resolve());
    client.once('ready', done);
    client.once('error', done);
  });
  client.connect().catch(() => {});
  await firstAttempt;
  return client as unknown as RedisCommands & { isOpen: boolean; destroy(): void };
}

function isRedisCommands(value: unknown): value is RedisCommands {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.get === 'function' && typeof v.set === 'function' && typeof v.del === 'function';
}
