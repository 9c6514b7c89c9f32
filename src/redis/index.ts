/**
 * `chatwork-kit/redis`: `redisStore`, a rate-limit store in Redis (through
 * ioredis, an optional peer dependency) for several processes or machines
 * that share one token. Node-only.
 */
export {
  redisStore,
  DEFAULT_REDIS_PREFIX,
  DEFAULT_REDIS_TIMEOUT_MS,
  REDIS_POLL_MS,
  REDIS_RECHECK_MS,
  REDIS_SLOT_LAPSE_MS,
  type RedisScriptClient,
  type RedisStoreOptions,
} from './redis-store.ts'
export { ChatworkRateLimitStoreError } from '../errors.ts'
