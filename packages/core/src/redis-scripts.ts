/**
 * Why this file exists: a budget shared by many processes is only as good as the atomicity of
 * its updates. Each operation on the shared state (take a slot, release it, follow HubSpot's
 * headers) is one Lua script that Redis runs alone, on Redis's own clock (`TIME`), so no two
 * processes can both take the last slot and no process's clock skew matters.
 *
 * Window keys live 10 minutes past their last write (more than any window or answer takes).
 * Keys of one budget share a hash tag (`{...}`), so the scripts also run on Redis Cluster.
 * State hash fields: seq (ids), max / interval (HubSpot's, once seen), holdUntil (a spent window
 * with Retry-After), dailyUntil (a spent daily limit), day / dayCount (sends per UTC day).
 */
import { createHash } from "node:crypto";

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: window (zset id -> time), inflight (zset id -> lease end), state (hash).
 * ARGV: max, intervalMs, maxConcurrency, leaseMs, dailyMax (0: none).
 * Returns {0, id, now} granted; {1, waitMs} window full; {2, ms} daily limit spent; {3, 0} in-flight cap.
 */
export const TAKE = `${NOW}
local s = redis.call('HMGET', KEYS[3], 'max', 'interval', 'holdUntil', 'dailyUntil', 'day', 'dayCount')
local max = tonumber(ARGV[1])
if s[1] then max = math.min(max, tonumber(s[1])) end
local interval = tonumber(s[2] or ARGV[2])
local dailyUntil = tonumber(s[4] or 0)
if dailyUntil > now then return {2, dailyUntil - now} end
local day = math.floor(now / 86400000)
local dayCount = 0
if tonumber(s[5] or -1) == day then dayCount = tonumber(s[6] or 0) end
local dailyMax = tonumber(ARGV[5])
if dailyMax > 0 and dayCount >= dailyMax then return {2, (day + 1) * 86400000 - now} end
local hold = tonumber(s[3] or 0)
if hold > now then return {1, hold - now} end
-- Entries leave the window after one interval but stay a second one for OBSERVE (see there).
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 2 * interval)
local live = '(' .. (now - interval)
if redis.call('ZCOUNT', KEYS[1], live, '+inf') >= max then
  local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], live, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  return {1, math.max(1, tonumber(oldest[2]) + interval - now)}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return {3, 0} end
local id = redis.call('HINCRBY', KEYS[3], 'seq', 1)
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now, id)
redis.call('ZADD', KEYS[2], now + lease, id)
redis.call('HSET', KEYS[3], 'day', day, 'dayCount', dayCount + 1)
redis.call('PEXPIRE', KEYS[1], interval + math.max(lease, 600000))
redis.call('PEXPIRE', KEYS[2], lease)
redis.call('PEXPIRE', KEYS[3], 172800000)
return {0, id, now}`;

/**
 * KEYS: window, inflight. ARGV: id, counted (1/0), ttlMs (at least the window's TTL in TAKE).
 * A counted request stays in the window, re-stamped to its answer's time (HubSpot counted it on
 * arrival, after we sent it); one HubSpot did not count leaves it.
 */
export const RELEASE = `${NOW}
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[1], 'XX', 'GT', now, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1`;

/**
 * KEYS: window, state. ARGV: configured max, HubSpot's max, its interval, remaining, holdMs,
 * dailyBlockMs ('' where the answer did not say), configured intervalMs, and when the answered
 * request was granted ('' if unknown). Fills the window up to what HubSpot says is used, and
 * records holds every process must respect. HubSpot's count is as of the request's arrival, so
 * it is compared with ours as of its grant, not now: entries that left our window since then
 * (and HubSpot's too) must not come back as phantoms, or every answer would cost a slot.
 */
export const OBSERVE = `${NOW}
if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], 'max', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'interval', ARGV[3]) end
local s = redis.call('HMGET', KEYS[2], 'max', 'interval', 'holdUntil', 'dailyUntil')
if ARGV[4] ~= '' then
  local max = tonumber(ARGV[1])
  if s[1] then max = math.min(max, tonumber(s[1])) end
  local interval = tonumber(s[2] or ARGV[7])
  local asOf = tonumber(ARGV[8]) or now
  local used = max - tonumber(ARGV[4])
  for i = redis.call('ZCOUNT', KEYS[1], '(' .. (asOf - interval), '+inf') + 1, used do
    redis.call('ZADD', KEYS[1], now, 'p' .. redis.call('HINCRBY', KEYS[2], 'seq', 1))
  end
  redis.call('PEXPIRE', KEYS[1], interval + 600000)
end
if ARGV[5] ~= '' and now + tonumber(ARGV[5]) > tonumber(s[3] or 0) then
  redis.call('HSET', KEYS[2], 'holdUntil', now + tonumber(ARGV[5]))
end
if ARGV[6] ~= '' and now + tonumber(ARGV[6]) > tonumber(s[4] or 0) then
  redis.call('HSET', KEYS[2], 'dailyUntil', now + tonumber(ARGV[6]))
end
redis.call('PEXPIRE', KEYS[2], 172800000)
return 1`;

/** KEYS: window, inflight, state. Returns {sends today, in window, in flight, ms a daily block lasts}. */
export const USAGE = `${NOW}
local d = redis.call('HMGET', KEYS[3], 'day', 'dayCount', 'dailyUntil', 'interval')
local today = 0
if tonumber(d[1] or -1) == math.floor(now / 86400000) then today = tonumber(d[2]) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local window = redis.call('ZCOUNT', KEYS[1], now - tonumber(d[4] or ARGV[1]) + 1, '+inf')
return {today, window, redis.call('ZCARD', KEYS[2]), math.max(0, tonumber(d[3] or 0) - now)}`;

/** What the scripts need of a Redis client: node-redis's `sendCommand` (v4 and later). */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Runs a script by its SHA1, loading it on `NOSCRIPT` (a restarted or flushed Redis). */
export function scriptRunner(client: RedisCommandClient, timeoutMs: number) {
  const shas = new Map<string, string>();
  const sha = (source: string) => {
    let h = shas.get(source);
    if (!h) shas.set(source, (h = createHash("sha1").update(source).digest("hex")));
    return h;
  };
  const withTimeout = <T>(p: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref?.();
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  };
  return async (source: string, keys: string[], args: (string | number)[]): Promise<number[]> => {
    const tail = [String(keys.length), ...keys, ...args.map(String)];
    try {
      return (await withTimeout(client.sendCommand(["EVALSHA", sha(source), ...tail]))) as number[];
    } catch (error) {
      if (!String((error as Error)?.message ?? error).startsWith("NOSCRIPT")) throw error;
      return (await withTimeout(client.sendCommand(["EVAL", source, ...tail]))) as number[];
    }
  };
}
