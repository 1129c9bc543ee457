/**
 * Why this file exists: HubSpot limits each credential (by default 100 requests per rolling 10 s).
 * Sending faster only earns 429s, so each credential gets a limiter that paces requests, caps
 * how many are in flight, follows `X-HubSpot-RateLimit-Remaining` when other processes share
 * the token (a 429 that says the window is spent holds every request back until it has room).
 */
import { systemClock, type Clock } from "./clock.js";

export interface RateLimitOptions {
  /** Requests per window. Default 100; see HUBSPOT_RATE_LIMITS. */
  max?: number;
  /** Window length. Default 10 000 ms. */
  intervalMs?: number;
  /** Requests in flight at once, per credential. Default 10. */
  maxConcurrency?: number;
}

/** Requests per 10 s by HubSpot subscription (private apps). */
export const HUBSPOT_RATE_LIMITS = {
  free: 100,
  starter: 100,
  professional: 190,
  enterprise: 190,
  apiLimitIncrease: 250,
} as const;

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = {
  max: 100,
  intervalMs: 10_000,
  maxConcurrency: 10,
};

export class RateLimiter {
  private readonly opts: Required<RateLimitOptions>;
  private max: number;
  private intervalMs: number;
  /** Send times in the window; an entry is re-stamped when its answer arrives (see acquire). */
  private sent: { t: number }[] = [];
  private active = 0;
  private released: (() => void)[] = [];

  constructor(
    options: RateLimitOptions = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.opts = { ...DEFAULT_RATE_LIMIT, ...options };
    for (const key of ["max", "intervalMs", "maxConcurrency"] as const) {
      const v = this.opts[key];
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`rateLimit.${key} must be a whole number >= 1, got ${JSON.stringify(v)}`);
    }
    this.max = this.opts.max;
    this.intervalMs = this.opts.intervalMs;
  }

  /**
   * Waits for a slot (window and concurrency); resolves with its release function. Release with
   * `counted: false` when HubSpot did not count the request (it answered 429, or the connection
   * was refused): its slot in the window is given back.
   */
  async acquire(signal?: AbortSignal): Promise<(counted?: boolean) => void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.sent = this.sent.filter((s) => s.t > now - this.intervalMs);
      if (this.sent.length >= this.max) {
        const oldest = Math.min(...this.sent.map((s) => s.t));
        await this.clock.sleep(oldest + this.intervalMs - now, signal);
      } else if (this.active >= this.opts.maxConcurrency) {
        await new Promise<void>((resolve) => this.released.push(resolve));
      } else {
        this.active++;
        const entry = { t: now };
        this.sent.push(entry);
        let done = false;
        return (counted = true) => {
          if (done) return;
          done = true;
          // HubSpot counts the request when it arrives, which is after we sent it: keeping it in
          // our window until its answer is back means we never free a slot before HubSpot does.
          entry.t = Math.max(entry.t, this.clock.now());
          const at = counted ? -1 : this.sent.indexOf(entry);
          if (at >= 0) this.sent.splice(at, 1);
          this.active--;
          this.released.shift()?.();
        };
      }
    }
  }

  /** Follows HubSpot's view of the window (its max, interval and what remains of it). */
  observe(headers: Headers): void {
    const remaining = Number(headers.get("x-hubspot-ratelimit-remaining") ?? NaN);
    const serverMax = Number(headers.get("x-hubspot-ratelimit-max") ?? NaN);
    const serverInterval = Number(headers.get("x-hubspot-ratelimit-interval-milliseconds") ?? NaN);
    if (Number.isInteger(serverMax) && serverMax > 0) this.max = Math.min(this.opts.max, serverMax);
    if (Number.isInteger(serverInterval) && serverInterval > 0) this.intervalMs = serverInterval;
    if (!Number.isInteger(remaining) || remaining < 0) return;
    const used = this.max - remaining;
    const now = this.clock.now();
    while (this.sent.length < used) this.sent.push({ t: now });
  }

  get inFlight(): number {
    return this.active;
  }
}

/** One limiter per credential; share a registry between clients that use the same tokens. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly options: RateLimitOptions = {},
    private readonly clock: Clock = systemClock,
  ) {
    new RateLimiter(options, clock); // validates the options now, not at the first request
  }

  for(credential: string): RateLimiter {
    let limiter = this.limiters.get(credential);
    if (!limiter) {
      limiter = new RateLimiter(this.options, this.clock);
      this.limiters.set(credential, limiter);
    }
    return limiter;
  }
}
