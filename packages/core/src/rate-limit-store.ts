/**
 * Why this file exists: a limiter's state (the rolling window, requests in flight, what HubSpot's
 * headers said) must be able to live outside the process, so that several processes using one
 * token share one budget. The limiter talks to its state only through `RateLimitStore`; the
 * default, `InProcessStore`, keeps it in memory exactly as the limiter always did, and the Redis
 * store (`@org/mkt-events-core/redis`) keeps it in Redis.
 */
import { systemClock, type Clock } from "./clock.js";

/** The limits a limiter asks a store to enforce for one key (a credential or a named budget). */
export interface SlotLimits {
  max: number;
  intervalMs: number;
  maxConcurrency: number;
}

/** A store's answer to `take`: a slot, or how long to wait before asking again. */
export type SlotDecision =
  | { granted: true; slot: unknown }
  | {
      granted: false;
      /** Ask again after this long; `undefined`: after `nextRelease(key)` resolves. */
      waitMs?: number | undefined;
      /** Set when a daily limit is spent: nothing may be sent for this long (no waiting). */
      dailyLimitMs?: number | undefined;
    };

/** What one HubSpot answer said about the limits (each field only when the header was there). */
export interface RateLimitObservation {
  /** `X-HubSpot-RateLimit-Max` */
  max?: number;
  /** `X-HubSpot-RateLimit-Interval-Milliseconds` */
  intervalMs?: number;
  /** `X-HubSpot-RateLimit-Remaining` */
  remaining?: number;
  /** `Retry-After`, in ms */
  retryAfterMs?: number;
  /** `X-HubSpot-RateLimit-Daily-Remaining` (private apps only) */
  dailyRemaining?: number;
}

/**
 * Where limiter state lives. Methods may be synchronous or return promises; `take` may throw
 * (or reject) when the store is unreachable, which the limiter turns into an error thrown
 * before the request is sent. `release` and `observe` must not throw.
 */
export interface RateLimitStore {
  /** Takes a slot for `key` if the window, the in-flight cap and any daily block allow. */
  take(key: string, limits: SlotLimits): SlotDecision | Promise<SlotDecision>;
  /** Ends a slot; `counted: false` gives its place in the window back (HubSpot did not count it). */
  release(key: string, slot: unknown, counted: boolean): void | Promise<void>;
  /**
   * Follows what HubSpot's answer said about the limits of `key`; `slot` is the one whose answer
   * it was, when known (HubSpot's counts are as of that request's arrival).
   */
  observe(
    key: string,
    observation: RateLimitObservation,
    limits: SlotLimits,
    slot?: unknown,
  ): void | Promise<void>;
  /** Resolves when a slot of `key` may be free again (needed when `take` answers without `waitMs`). */
  nextRelease?(key: string): Promise<void>;
}

/** One request in the window: when it was sent, and `t`, re-stamped when its answer arrives. */
interface Entry {
  t: number;
  sentAt: number;
}

interface KeyState {
  /** Requests in the window (see release for when they leave it). */
  sent: Entry[];
  /** Requests that left the window less than a window ago (see observe). */
  expired: Entry[];
  /** `sent` is pruned when it is full or this long (pruning every take would be quadratic). */
  pruneAt: number;
  active: number;
  released: (() => void)[];
  /** HubSpot's max and interval, once an answer said them. */
  serverMax?: number;
  serverIntervalMs?: number;
}

/**
 * The default store: this process's memory. Each process limits only itself; HubSpot's
 * `X-HubSpot-RateLimit-Remaining` is how it learns what others used. `Retry-After` and daily
 * limits are left to the transport and the bulk runner here (a shared store acts on them).
 */
export class InProcessStore implements RateLimitStore {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly clock: Clock = systemClock) {}

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) this.keys.set(key, (s = { sent: [], expired: [], pruneAt: 64, active: 0, released: [] }));
    return s;
  }

  private window(s: KeyState, limits: SlotLimits) {
    const max = s.serverMax === undefined ? limits.max : Math.min(limits.max, s.serverMax);
    return { max, intervalMs: s.serverIntervalMs ?? limits.intervalMs };
  }

  take(key: string, limits: SlotLimits): SlotDecision {
    const s = this.state(key);
    const { max, intervalMs } = this.window(s, limits);
    const now = this.clock.now();
    if (s.sent.length >= Math.min(max, s.pruneAt)) {
      this.prune(s, now, intervalMs);
      s.pruneAt = Math.max(64, 2 * s.sent.length);
    }
    if (s.sent.length >= max) {
      let oldest = Infinity;
      for (const e of s.sent) oldest = Math.min(oldest, e.t);
      return { granted: false, waitMs: oldest + intervalMs - now };
    }
    if (s.active >= limits.maxConcurrency) return { granted: false };
    s.active++;
    const entry: Entry = { t: now, sentAt: now };
    s.sent.push(entry);
    return { granted: true, slot: entry };
  }

  release(key: string, slot: unknown, counted: boolean): void {
    const s = this.state(key);
    const entry = slot as Entry;
    // HubSpot counts the request when it arrives, which is after we sent it: keeping it in our
    // window until its answer is back means we never free a slot before HubSpot does.
    entry.t = Math.max(entry.t, this.clock.now());
    const at = counted ? -1 : s.sent.indexOf(entry);
    if (at >= 0) s.sent.splice(at, 1);
    s.active--;
    s.released.shift()?.();
  }

  nextRelease(key: string): Promise<void> {
    return new Promise<void>((resolve) => this.state(key).released.push(resolve));
  }

  private prune(s: KeyState, now: number, intervalMs: number): void {
    const live: Entry[] = [];
    for (const e of s.sent) (e.t > now - intervalMs ? live : s.expired).push(e);
    s.sent = live;
    if (s.expired.length > 0) s.expired = s.expired.filter((e) => e.t > now - 2 * intervalMs);
  }

  /**
   * `Remaining` counts the window as of the request's arrival, before its answer: requests of ours
   * that have left our window since then still count there. Only what HubSpot counts beyond ours
   * (other processes using the token) is added, as requests sent now.
   */
  observe(key: string, o: RateLimitObservation, limits: SlotLimits, slot?: unknown): void {
    const s = this.state(key);
    if (o.max !== undefined) s.serverMax = o.max;
    if (o.intervalMs !== undefined) s.serverIntervalMs = o.intervalMs;
    if (o.remaining === undefined) return;
    const { max, intervalMs } = this.window(s, limits);
    const used = max - o.remaining;
    const now = this.clock.now();
    const since = ((slot as Entry | undefined)?.sentAt ?? now) - intervalMs;
    let ours = 0;
    for (const list of [s.sent, s.expired]) for (const e of list) if (e.t > since) ours++;
    for (; ours < used; ours++) s.sent.push({ t: now, sentAt: now });
  }

  /** Requests of `key` in flight now. */
  inFlight(key: string): number {
    return this.keys.get(key)?.active ?? 0;
  }
}
