/**
 * Why this file exists: when a limiter cannot hand out a slot for a reason no wait will fix (its
 * shared store is unreachable, or a daily limit is spent), the request must fail before it is
 * sent, with an error that callers, the bulk runner among them, already treat as "never sent".
 * Both are HubSpotApiError subclasses with `outcomeUnknown: false`.
 */
import { HubSpotRateLimitError } from "./errors.js";
import { HubSpotNetworkError } from "./network-error.js";

/** The `code` of a `RateLimitStoreError`. */
export const LIMIT_STORE_UNAVAILABLE = "ELIMITSTORE";

/**
 * The limiter's shared store (Redis) did not answer, so the request was not sent: `status` 0,
 * `code` `ELIMITSTORE`, `outcomeUnknown` false. A `HubSpotNetworkError`, so a bulk run stops and
 * reports the inputs it had not sent as `notAttempted`.
 */
export class RateLimitStoreError extends HubSpotNetworkError {
  override name = "RateLimitStoreError";
  override readonly code: string = LIMIT_STORE_UNAVAILABLE;
  override readonly outcomeUnknown: boolean = false;

  constructor(cause: unknown) {
    super({ cause });
    const detail = cause instanceof Error ? cause.message : String(cause);
    this.message =
      `Rate-limit store unavailable, request not sent: ${detail}. ` +
      "Every process sharing the budget needs the store; check that Redis is up and reachable.";
  }
}

/**
 * A daily limit is spent (HubSpot's, seen by this or another process sharing the store, or the
 * store's own `dailyMax`): refused before sending, as HubSpot's DAILY 429 would be.
 */
export function dailyLimitError(waitMs: number, now: number): HubSpotRateLimitError {
  const until = new Date(now + Math.max(0, waitMs)).toISOString();
  return new HubSpotRateLimitError({
    status: 429,
    body: {
      status: "error",
      category: "RATE_LIMITS",
      policyName: "DAILY",
      message: `The daily limit is spent; no request is sent until about ${until}.`,
    },
    message: `Daily limit spent (seen by a process sharing this budget): request not sent; sends resume about ${until}`,
    outcomeUnknown: false,
  });
}
