/**
 * Why this file exists: `@org/mkt-events-core/redis`, the shared rate-limit store. Processes that
 * use one token (queue workers, a cron job beside a web app, pods) keep their window, in-flight
 * count, daily count and HubSpot's holds in Redis, so together they stay within one budget. A
 * subpath of its own, so that only users who import it need the `redis` package (an optional peer).
 */
export { connectRedisStore } from "./redis-connect.js";
export {
  RedisRateLimitStore,
  type RedisStoreOptions,
  type SharedRateLimitStore,
  type StoreUsage,
} from "./redis-store.js";
export type { RateLimitObservation, RateLimitStore, SlotDecision, SlotLimits } from "./rate-limit-store.js";
export type { RedisCommandClient } from "./redis-scripts.js";
