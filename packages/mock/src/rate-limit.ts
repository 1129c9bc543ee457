/**
 * Why this file exists: HubSpot limits each credential with a rolling ten-second window and a
 * daily cap, and says so in headers on every answer. The daily cap and its headers apply to
 * private-app tokens only (HubSpot sends no `X-HubSpot-RateLimit-Daily*` to OAuth apps).
 * Clients' throttling is only testable against the same behaviour, on an injectable clock.
 */
import type { Clock } from "./clock.js";

export interface RateLimitOptions {
  /** Requests allowed per window. Default 100. */
  max?: number;
  /** Window length. Default 10 000 ms. */
  intervalMs?: number;
  /** Requests allowed per UTC day. Default 500 000 (HubSpot's Professional tier). */
  dailyMax?: number;
}

export type RateDecision =
  | { ok: true; headers: Record<string, string> }
  | {
      ok: false;
      policyName: "TEN_SECONDLY_ROLLING" | "DAILY";
      retryAfterMs: number;
      headers: Record<string, string>;
    };

const DAY_MS = 86_400_000;

export class RateLimiter {
  private readonly opts: Required<RateLimitOptions>;
  private readonly windows = new Map<string, number[]>();
  private readonly daily = new Map<string, { day: number; count: number }>();

  constructor(
    options: RateLimitOptions,
    private readonly clock: Clock,
  ) {
    this.opts = { max: 100, intervalMs: 10_000, dailyMax: 500_000, ...options };
  }

  /** Counts one request for `key` if allowed; says why not otherwise. `daily`: private-app token. */
  take(key: string, perDay = true): RateDecision {
    const now = this.clock.now();
    const { max, intervalMs, dailyMax } = this.opts;
    const window = (this.windows.get(key) ?? []).filter((t) => t > now - intervalMs);
    this.windows.set(key, window);
    const day = Math.floor(now / DAY_MS);
    const today = this.daily.get(key);
    const dayCount = today && today.day === day ? today.count : 0;

    const headers = (remaining: number, dailyRemaining: number): Record<string, string> => ({
      "X-HubSpot-RateLimit-Max": String(max),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, remaining)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(intervalMs),
      ...(perDay
        ? {
            "X-HubSpot-RateLimit-Daily": String(dailyMax),
            "X-HubSpot-RateLimit-Daily-Remaining": String(Math.max(0, dailyRemaining)),
          }
        : {}),
    });
    if (perDay && dayCount >= dailyMax) {
      return {
        ok: false,
        policyName: "DAILY",
        retryAfterMs: (day + 1) * DAY_MS - now,
        headers: headers(max - window.length, 0),
      };
    }
    if (window.length >= max) {
      return {
        ok: false,
        policyName: "TEN_SECONDLY_ROLLING",
        retryAfterMs: Math.max(1, (window[0] ?? now) + intervalMs - now),
        headers: headers(0, dailyMax - dayCount),
      };
    }
    window.push(now);
    if (perDay) this.daily.set(key, { day, count: dayCount + 1 });
    return { ok: true, headers: headers(max - window.length, dailyMax - dayCount - 1) };
  }

  /** Gives back the slot `take` just counted: the request was turned away after all (a 429). */
  refund(key: string, perDay = true): void {
    this.windows.get(key)?.pop();
    const today = this.daily.get(key);
    if (perDay && today && today.count > 0) today.count--;
  }

  reset(): void {
    this.windows.clear();
    this.daily.clear();
  }
}
