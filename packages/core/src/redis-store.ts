/**
 * Why this file exists: the Redis-backed `RateLimitStore`. Each operation is one script (see
 * redis-scripts.ts) on the budget's keys, so processes sharing a token share one window, one
 * in-flight count, one daily count and HubSpot's holds. It fails loudly (the limiter turns that
 * into an error before sending) and reports each outage once.
 */
import type { RateLimitObservation, RateLimitStore, SlotDecision, SlotLimits } from "./rate-limit-store.js";
import { OBSERVE, RELEASE, TAKE, USAGE, scriptRunner, type RedisCommandClient } from "./redis-scripts.js";

export interface RedisStoreOptions {
  /** Redis URL, e.g. `redis://127.0.0.1:6379` (the default) or `rediss://user:pass@host:6380`. */
  url?: string;
  /** Your own connected node-redis client instead of `url` (create it with `disableOfflineQueue: true`). */
  client?: RedisCommandClient;
  /** Key prefix. Default `mkt-events:limits`. */
  prefix?: string;
  /**
   * One name for the budget, whatever the credential: needed when processes cannot derive the
   * same key from the token (an `auth` function, OAuth installations with rotated refresh tokens).
   * Default: the credential's key (a hash of a private-app token).
   */
  budget?: string;
  /** A slot in flight is forgotten after this long if its process never releases it (crashed). Default 60 000 ms. */
  leaseMs?: number;
  /** How often a request waiting for in-flight room asks again. Default 20 ms. */
  pollMs?: number;
  /** A Redis command not answered within this long fails. Default 2 000 ms. */
  commandTimeoutMs?: number;
  /** Sends per UTC day (Redis's clock) after which every process stops until midnight UTC. Default: none. */
  dailyMax?: number;
  /** How long a spent daily limit (`X-HubSpot-RateLimit-Daily-Remaining: 0`) without `Retry-After` stops sends. Default 15 min. */
  dailyHoldMs?: number;
  /** Redis unreachable at start: `"error"` (the default) throws; `"in-process"` warns and limits this process only. */
  fallback?: "error" | "in-process";
  /** Where warnings go (a fallback, Redis lost or back). Default `console.warn`. */
  onWarning?: (message: string) => void;
}

export interface StoreUsage {
  today: number;
  window: number;
  inFlight: number;
  /** Milliseconds until a spent daily limit lets sends resume; 0 when none is spent. */
  dailyBlockedMs: number;
}

/** A store shared through Redis; `close()` when done (it closes only a client it opened). */
export interface SharedRateLimitStore extends RateLimitStore {
  /** False when Redis was unreachable at start and `fallback: "in-process"` was chosen. */
  readonly shared: boolean;
  /**
   * Sends today (UTC, Redis's clock), requests in the window (`intervalMs` unless HubSpot said
   * another) and in flight, and how long a spent daily limit keeps sends stopped.
   */
  usage(key: string, intervalMs?: number): Promise<StoreUsage>;
  close(): Promise<void>;
}

/** A granted slot: its id in the window and the in-flight set, and when Redis granted it. */
interface RedisSlot {
  id: string;
  at: number;
}

const positive = (name: string, value: number | undefined, fallback: number, min = 1) => {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`redis store: ${name} must be a whole number >= ${min}, got ${JSON.stringify(v)}`);
  return v;
};

/** The Redis store over a connected client. Most users want `connectRedisStore`. */
export class RedisRateLimitStore implements SharedRateLimitStore {
  readonly shared = true;
  private readonly run: ReturnType<typeof scriptRunner>;
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly dailyMax: number;
  private readonly dailyHoldMs: number;
  private readonly warn: (message: string) => void;
  private failing = false;

  constructor(
    client: RedisCommandClient,
    private readonly options: RedisStoreOptions = {},
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.prefix = options.prefix ?? "mkt-events:limits";
    this.leaseMs = positive("leaseMs", options.leaseMs, 60_000);
    this.pollMs = positive("pollMs", options.pollMs, 20);
    this.dailyMax = positive("dailyMax", options.dailyMax, 0, 0);
    this.dailyHoldMs = positive("dailyHoldMs", options.dailyHoldMs, 15 * 60_000);
    this.run = scriptRunner(client, positive("commandTimeoutMs", options.commandTimeoutMs, 2_000));
    this.warn = options.onWarning ?? ((m) => console.warn(m));
  }

  private keys(key: string) {
    const base = `${this.prefix}:{${this.options.budget ?? key}}`;
    return { window: `${base}:window`, inflight: `${base}:inflight`, state: `${base}:state` };
  }

  /** Runs a script; a failure is reported once per outage, and thrown. */
  private async call(source: string, keys: string[], args: (string | number)[]) {
    try {
      const reply = await this.run(source, keys, args);
      if (this.failing) this.warn("rate limits: Redis answers again; the shared budget is back");
      this.failing = false;
      return reply;
    } catch (error) {
      if (!this.failing) this.warn(`rate limits: Redis failed (${(error as Error)?.message ?? error})`);
      this.failing = true;
      throw error;
    }
  }

  async take(key: string, limits: SlotLimits): Promise<SlotDecision> {
    const k = this.keys(key);
    const [kind, value, at] = await this.call(
      TAKE,
      [k.window, k.inflight, k.state],
      [limits.max, limits.intervalMs, limits.maxConcurrency, this.leaseMs, this.dailyMax],
    );
    if (kind === 0) return { granted: true, slot: { id: String(value), at: Number(at) } };
    if (kind === 2) return { granted: false, dailyLimitMs: Number(value) };
    // In-flight cap: other processes release without telling us, so ask again shortly.
    return { granted: false, waitMs: kind === 1 ? Number(value) : this.pollMs };
  }

  async release(key: string, slot: unknown, counted: boolean): Promise<void> {
    const k = this.keys(key);
    // The lease ends the slot if this fails; the error was reported by call().
    const { id } = slot as RedisSlot;
    await this.call(RELEASE, [k.window, k.inflight], [id, counted ? 1 : 0, 3_600_000]).catch(() => {});
  }

  async observe(key: string, o: RateLimitObservation, limits: SlotLimits, slot?: unknown): Promise<void> {
    const k = this.keys(key);
    // A 429 with the window spent: every process waits as long as HubSpot said.
    const holdMs = o.remaining === 0 && o.retryAfterMs !== undefined ? o.retryAfterMs : undefined;
    const dailyMs = o.dailyRemaining === 0 ? (o.retryAfterMs ?? this.dailyHoldMs) : undefined;
    const s = (v: number | undefined) => (v === undefined ? "" : String(Math.ceil(v)));
    await this.call(
      OBSERVE,
      [k.window, k.state],
      [
        limits.max,
        s(o.max),
        s(o.intervalMs),
        s(o.remaining),
        s(holdMs),
        s(dailyMs),
        limits.intervalMs,
        s((slot as RedisSlot | undefined)?.at),
      ],
    ).catch(() => {});
  }

  async usage(key: string, intervalMs = 10_000): Promise<StoreUsage> {
    const k = this.keys(key);
    const [today, window, inFlight, blocked] = await this.call(
      USAGE,
      [k.window, k.inflight, k.state],
      [intervalMs],
    );
    return {
      today: Number(today),
      window: Number(window),
      inFlight: Number(inFlight),
      dailyBlockedMs: Number(blocked),
    };
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
