/**
 * Why this file exists: connecting is where the failure rule for a missing Redis is decided:
 * unreachable at start is a clear error naming the URL (without its password), unless the user
 * opted into `fallback: "in-process"`, which warns and limits each process on its own. The
 * `redis` package is loaded only here, so the subpath needs it only when it opens a connection.
 */
import { InProcessStore } from "./rate-limit-store.js";
import type { RedisCommandClient } from "./redis-scripts.js";
import { RedisRateLimitStore, type RedisStoreOptions, type SharedRateLimitStore } from "./redis-store.js";

/**
 * Connects to Redis (`options.url`, or checks `options.client`) and resolves with the shared store.
 * Redis unreachable: rejects with an error naming the URL, or with `fallback: "in-process"`
 * warns and resolves with a store that limits this process only (`shared: false`).
 */
export async function connectRedisStore(options: RedisStoreOptions = {}): Promise<SharedRateLimitStore> {
  const url = options.url ?? "redis://127.0.0.1:6379";
  const where = options.client ? "your Redis client" : `Redis at ${url.replace(/\/\/[^@/]*@/, "//***@")}`;
  let client = options.client;
  let close = async () => {};
  try {
    if (!client) {
      const redis = await import("redis").catch(() => {
        throw new Error("connectRedisStore needs the `redis` package: npm install redis@^6");
      });
      let ready = false;
      const own = redis.createClient({
        url,
        disableOfflineQueue: true, // fail at once while disconnected instead of queueing
        socket: {
          connectTimeout: options.commandTimeoutMs ?? 2_000,
          reconnectStrategy: (retries: number, cause: Error) =>
            ready ? Math.min(50 * 2 ** retries, 2_000) : cause,
        },
      });
      own.on("error", () => {}); // reported through the store's warnings instead
      await own.connect();
      ready = true;
      client = own as unknown as RedisCommandClient;
      close = async () => {
        if (own.isReady) await own.close().catch(() => own.destroy());
        else own.destroy(); // reconnecting: nothing to flush
      };
    }
    const pong = await client.sendCommand(["PING"]);
    if (pong !== "PONG") throw new Error(`PING answered ${JSON.stringify(pong)}`);
  } catch (cause) {
    await close().catch(() => {});
    const detail = (cause as Error)?.message ?? String(cause);
    if (detail.includes("npm install redis")) throw cause;
    const message = `${where} is unreachable (${detail || (cause as Error)?.name})`;
    if (options.fallback !== "in-process")
      throw new Error(
        `${message}: the shared rate limit needs it. Start Redis or fix the URL, or pass ` +
          `fallback: "in-process" to let each process limit only itself.`,
        { cause },
      );
    (options.onWarning ?? ((m) => console.warn(m)))(
      `${message}; rate limits fall back to this process only (fallback: "in-process"): processes sharing the token may exceed HubSpot's budget together`,
    );
    return inProcessFallback();
  }
  return new RedisRateLimitStore(client, options, close);
}

function inProcessFallback(): SharedRateLimitStore {
  const store = new InProcessStore();
  return {
    shared: false,
    take: (key, limits) => store.take(key, limits),
    release: (key, slot, counted) => store.release(key, slot, counted),
    observe: (key, o, limits) => store.observe(key, o, limits),
    nextRelease: (key) => store.nextRelease(key),
    usage: async (key) => ({ today: 0, window: 0, inFlight: store.inFlight(key), dailyBlockedMs: 0 }),
    close: async () => {},
  };
}
