/**
 * Why this file exists: HubSpot limits each credential (by default 100 requests per rolling 10 s).
 * Sending faster only earns 429s, so each credential gets a limiter that paces requests, caps
 * how many are in flight, follows `X-HubSpot-RateLimit-Remaining` when other processes share
 * the token (a 429 that says the window is spent holds every request back until it has room).
 * The state lives in a store (rate-limit-store.ts): this process by default, or one shared by
 * every process that uses the token.
 */
import { systemClock, type Clock } from "./clock.js";
import { dailyLimitError, RateLimitStoreError } from "./rate-limit-errors.js";
import {
  InProcessStore,
  type RateLimitObservation,
  type RateLimitStore,
  type SlotDecision,
  type SlotLimits,
} from "./rate-limit-store.js";

export interface RateLimitOptions {
  /** Requests per window. Default 100; see HUBSPOT_RATE_LIMITS. */
  max?: number;
  /** Window length. Default 10 000 ms. */
  intervalMs?: number;
  /** Requests in flight at once, per credential. Default 10. */
  maxConcurrency?: number;
  /**
   * Where the window and in-flight count live. Default: this process. A shared store (Redis, from
   * `@org/mkt-events-core/redis`) gives every process using the token one budget.
   */
  store?: RateLimitStore;
}

/** Requests per 10 s by HubSpot subscription (private apps). */
export const HUBSPOT_RATE_LIMITS = {
  free: 100,
  starter: 100,
  professional: 190,
  enterprise: 190,
  apiLimitIncrease: 250,
} as const;

export const DEFAULT_RATE_LIMIT: Required<Omit<RateLimitOptions, "store">> = {
  max: 100,
  intervalMs: 10_000,
  maxConcurrency: 10,
};

export class RateLimiter {
  private readonly limits: SlotLimits;
  private readonly store: RateLimitStore;
  private active = 0;
  /** The slot released last: the transport observes its answer's headers right after. */
  private lastReleased: unknown;

  /**
   * `key` names the state in the store: the credential, or a budget name shared by processes.
   * Without `options.store`, the limiter keeps its state in this process (`InProcessStore`).
   */
  constructor(
    options: RateLimitOptions = {},
    private readonly clock: Clock = systemClock,
    private readonly key = "default",
  ) {
    const { store, ...limits } = { ...DEFAULT_RATE_LIMIT, ...options };
    for (const name of ["max", "intervalMs", "maxConcurrency"] as const) {
      const v = limits[name];
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`rateLimit.${name} must be a whole number >= 1, got ${JSON.stringify(v)}`);
    }
    this.limits = limits;
    this.store = store ?? new InProcessStore(clock);
  }

  /**
   * Waits for a slot (window and concurrency); resolves with its release function. Release with
   * `counted: false` when HubSpot did not count the request (it answered 429, or the connection
   * was refused): its slot in the window is given back. Throws before anything is sent when the
   * store is unreachable (`RateLimitStoreError`) or a daily limit is spent (a DAILY
   * `HubSpotRateLimitError`).
   */
  async acquire(signal?: AbortSignal): Promise<(counted?: boolean) => void> {
    for (;;) {
      signal?.throwIfAborted();
      let decision: SlotDecision;
      try {
        const taken = this.store.take(this.key, this.limits);
        // A store in this process answers at once: no need to wait a turn of the event loop.
        decision = isPromise(taken) ? await taken : taken;
      } catch (cause) {
        throw new RateLimitStoreError(cause);
      }
      if (decision.granted) return this.releaser(decision.slot);
      if (decision.dailyLimitMs !== undefined) throw dailyLimitError(decision.dailyLimitMs, this.clock.now());
      if (decision.waitMs !== undefined) await this.clock.sleep(decision.waitMs, signal);
      else if (this.store.nextRelease) await this.store.nextRelease(this.key);
      else
        throw new RateLimitStoreError(new Error("the store answered without a wait and has no nextRelease"));
    }
  }

  private releaser(slot: unknown): (counted?: boolean) => void {
    this.active++;
    let done = false;
    return (counted = true) => {
      if (done) return;
      done = true;
      this.active--;
      this.lastReleased = slot;
      void Promise.resolve(this.store.release(this.key, slot, counted)).catch(() => {});
    };
  }

  /** Follows HubSpot's view of the window (its max, interval and what remains of it). */
  observe(headers: Headers): void {
    const observation = readLimitHeaders(headers, this.clock.now());
    const slot = this.lastReleased;
    this.lastReleased = undefined;
    if (Object.keys(observation).length === 0) return;
    void Promise.resolve(this.store.observe(this.key, observation, this.limits, slot)).catch(() => {});
  }

  /** Requests of this limiter (this process) in flight now. */
  get inFlight(): number {
    return this.active;
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** What HubSpot's rate-limit headers (and `Retry-After`) of one answer say. */
export function readLimitHeaders(headers: Headers, now: number): RateLimitObservation {
  const o: RateLimitObservation = {};
  const int = (name: string, min: number) => {
    const v = Number(headers.get(name) ?? NaN);
    return Number.isInteger(v) && v >= min ? v : undefined;
  };
  const max = int("x-hubspot-ratelimit-max", 1);
  const intervalMs = int("x-hubspot-ratelimit-interval-milliseconds", 1);
  const remaining = int("x-hubspot-ratelimit-remaining", 0);
  const dailyRemaining = int("x-hubspot-ratelimit-daily-remaining", 0);
  if (max !== undefined) o.max = max;
  if (intervalMs !== undefined) o.intervalMs = intervalMs;
  if (remaining !== undefined) o.remaining = remaining;
  if (dailyRemaining !== undefined) o.dailyRemaining = dailyRemaining;
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) o.retryAfterMs = Math.max(0, ms);
  }
  return o;
}

/** One limiter per credential; share a registry between clients that use the same tokens. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly options: RateLimitOptions;

  constructor(
    options: RateLimitOptions = {},
    private readonly clock: Clock = systemClock,
  ) {
    new RateLimiter(options, clock); // validates the options now, not at the first request
    // One store for the registry's limiters, each credential under its own key.
    this.options = { ...options, store: options.store ?? new InProcessStore(clock) };
  }

  for(credential: string): RateLimiter {
    let limiter = this.limiters.get(credential);
    if (!limiter) {
      limiter = new RateLimiter(this.options, this.clock, credential);
      this.limiters.set(credential, limiter);
    }
    return limiter;
  }
}
