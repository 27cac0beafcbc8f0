// `dynamic-context/redis`: the Redis cache store. Its own entry point, so the core never
// loads a Redis client; `redis` (node-redis, v5 or later) is an optional peer dependency.
export { createRedisCacheStore } from '../cache/redis.js';
export type { RedisCacheStore, RedisCacheStoreSettings } from '../cache/redis.js';
export type { CacheStore } from '../types/index.js';
