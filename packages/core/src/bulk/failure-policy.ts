/**
 * Why this file exists: a bulk run must tell failures that another try may fix (resend the
 * input in a later batch) from those no retry can fix (stop the run before sending more). The
 * two rules live here, apart from the runner that applies them.
 */
import { HubSpotAuthConfigError } from "../auth.js";
import { HubSpotApiError } from "../errors.js";
import { HubSpotNetworkError } from "../network-error.js";
import type { StopReason } from "./ledger.js";
import type { BulkItemError } from "./types.js";

/** Per-item categories that say "try again later" rather than "this input is wrong". */
const TRANSIENT = new Set(["INTERNAL_ERROR", "RATE_LIMITS", "SERVICE_UNAVAILABLE", "TIMEOUT"]);

/**
 * Whether a failed item may succeed if sent again. Where applying an input twice is not
 * harmless (`idempotent` false), an input HubSpot may already have applied is never resent.
 */
export function worthRetrying(error: BulkItemError, idempotent: boolean): boolean {
  if (!idempotent && error.outcomeUnknown) return false;
  if (error.kind === "unconfirmed") return true;
  if (error.kind === "rejected") return TRANSIENT.has(error.details.category ?? "");
  if (error.kind !== "request-failed") return false;
  const cause = error.details.cause;
  if (cause instanceof HubSpotNetworkError) return true;
  if (cause instanceof HubSpotApiError) {
    return (
      (cause.status === 429 && cause.policyName !== "DAILY") || cause.status >= 500 || cause.status === 408
    );
  }
  return false;
}

/** What a whole-request failure means for the run: stop it (and why), or go on. */
export function stopFor(error: unknown): StopReason | undefined {
  if (error instanceof HubSpotAuthConfigError) return "auth-config";
  if (error instanceof HubSpotNetworkError) {
    if (error.code === "ELIMITSTORE") return "limiter-unavailable";
    return error.outcomeUnknown ? undefined : "host-unreachable";
  }
  if (error instanceof HubSpotApiError) {
    if (error.policyName === "DAILY") return "daily-limit";
    if (error.status === 401 || error.status === 403) return "auth-failed";
  }
  return undefined;
}
