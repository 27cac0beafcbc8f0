import { createClient } from 'redis';
import type { CacheStore } from '../types.js';

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

/**
 * A shared cache on Redis, through node-redis. Give it a `url` and it owns its
 * connection: it connects at once, never queues commands while Redis is away (they fail
 * at once, so loads go straight to the network), reconnects in the background, and
 * disconnects on `close()`. Or give it a connected node-redis `client` you manage.
 *
 * Entries are set with a TTL in Redis (`PX`); their keys are hashes, and their values the
 * library's versioned entry format.
 *
 * @example
 * import { createRedisCacheStore } from 'dynamic-context/redis';
 * const cacheStore = createRedisCacheStore({ url: process.env.REDIS_URL });
 * const client = createContextClient(config, { cacheStore, staleIfErrorMs: 3_600_000 });
 */
export function createRedisCacheStore(options: { url: string } | { client: unknown }, settings: RedisCacheStoreSettings = {}): RedisCacheStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('Expected `options` to be { url } or { client }');
  const prefix = settings.prefix ?? 'dynamic-context:';
  if (typeof prefix !== 'string') throw new TypeError('Expected `prefix` to be a string');
  let redis: RedisCommands;
  let close: () => Promise<void>;
  if ('url' in options) {
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) throw new TypeError('Expected `url` to be a redis:// or rediss:// URL');
    const owned = createClient({
      url: options.url,
      disableOfflineQueue: true,
      commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
    });
    // node-redis emits 'error' on every failed (re)connect; unhandled, it would end the process.
    // The failure already reaches each load as a rejected command.
    owned.on('error', () => {});
    owned.connect().catch(() => {});
    redis = owned as unknown as RedisCommands;
    // destroy, not close: a hung Redis would never answer the commands close() waits for.
    close = async () => {
      if (owned.isOpen) owned.destroy();
    };
  } else if ('client' in options && isRedisCommands(options.client)) {
    redis = options.client;
    close = () => Promise.resolve();
  } else {
    throw new TypeError('Expected `options` to be { url } or { client } with a node-redis client (get, set, del)');
  }
  return {
    async get(key) {
      const value = await redis.get(prefix + key);
      // Anything but a string is garbage to the client's decoder; hand it over as is.
      return value === null ? undefined : (value as string);
    },
    async set(key, value, ttlMs) {
      await redis.set(prefix + key, value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } });
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
    close,
  };
}

function isRedisCommands(value: unknown): value is RedisCommands {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.get === 'function' && typeof v.set === 'function' && typeof v.del === 'function';
}
