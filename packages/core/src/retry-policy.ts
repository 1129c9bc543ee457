/**
 * Why this file exists: which failures are worth another try, and how long to wait. HubSpot's
 * answers say a lot (Retry-After, the rate-limit interval, DAILY vs rolling limits), and a
 * request that may already have been applied must not be resent unless it is idempotent.
 */

export interface RetryOptions {
  /** Retries after the first attempt. Default 5. */
  retries?: number;
  /** First backoff. Default 500 ms; doubles each retry (with full jitter). */
  minDelayMs?: number;
  /** Ceiling of one wait. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Resend non-idempotent calls (create) even after they may have reached HubSpot. Default false. */
  retryNonIdempotent?: boolean;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 5,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  retryNonIdempotent: false,
};

/** POSTs that HubSpot applies idempotently (keyed upserts and updates). */
const IDEMPOTENT_POST = [
  /\/upsert$/,
  /\/batch\/update$/,
  /\/batch\/read$/,
  /\/batch\/archive$/,
  /\/events\/delete$/,
];

export function isIdempotent(method: string, pathname: string): boolean {
  const m = method.toUpperCase();
  if (m !== "POST" && m !== "PATCH") return true;
  return IDEMPOTENT_POST.some((re) => re.test(pathname));
}

/** The outcome of one attempt, as the policy sees it. */
export type Attempt =
  | { kind: "response"; status: number; headers: Headers; policyName?: string | undefined }
  | { kind: "network"; reached: boolean };

/** Milliseconds to wait before the next attempt, or undefined to stop. */
export function retryDelay(
  attempt: Attempt,
  retriesDone: number,
  ctx: { idempotent: boolean; options: Required<RetryOptions>; random: () => number },
): number | undefined {
  const { options } = ctx;
  if (retriesDone >= options.retries) return undefined;
  const mayResend = ctx.idempotent || options.retryNonIdempotent;
  if (attempt.kind === "network") {
    if (attempt.reached && !mayResend) return undefined;
    return backoff(retriesDone, options, ctx.random);
  }
  const { status, headers } = attempt;
  if (status === 429) {
    if (attempt.policyName === "DAILY") return undefined;
    // HubSpot says when the window has room again: wait that long, not longer.
    const hinted = hintedDelay(headers);
    return Math.min(options.maxDelayMs, hinted ?? backoff(retriesDone, options, ctx.random));
  }
  const retryable = status === 408 || status >= 500;
  if (!retryable) return undefined;
  // 503 means HubSpot did not process the call; other 5xx and 408 may have applied it.
  if (status !== 503 && !mayResend) return undefined;
  const hinted = hintedDelay(headers);
  return Math.min(options.maxDelayMs, Math.max(hinted ?? 0, backoff(retriesDone, options, ctx.random)));
}

/** Exponential backoff with full jitter: uniform in [base/2, base], base = min·2^n. */
function backoff(n: number, o: Required<RetryOptions>, random: () => number): number {
  const base = Math.min(o.maxDelayMs, o.minDelayMs * 2 ** n);
  return Math.round(base / 2 + (random() * base) / 2);
}

/** `Retry-After` (seconds or HTTP date) or HubSpot's rate-limit interval, in ms. */
export function hintedDelay(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const interval = Number(headers.get("x-hubspot-ratelimit-interval-milliseconds"));
  const remaining = headers.get("x-hubspot-ratelimit-remaining");
  if (Number.isFinite(interval) && interval > 0 && remaining === "0") return interval;
  return undefined;
}
