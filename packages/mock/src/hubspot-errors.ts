/**
 * Why this file exists: every error the mock answers uses HubSpot's `Error` shape (category,
 * correlationId, message, errors[].in), so clients are tested against the bodies they will meet.
 */
import { randomUUID } from "node:crypto";

export interface ErrorDetail {
  message: string;
  in?: string;
  code?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotError {
  status: "error";
  category: string;
  correlationId: string;
  message: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

export interface ErrorReply {
  status: number;
  body: HubSpotError;
  headers?: Record<string, string>;
}

export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: Partial<HubSpotError> = {},
): ErrorReply {
  return { status, body: { status: "error", category, correlationId: randomUUID(), message, ...extra } };
}

/** `/inputs/0/eventName` → `inputs[0].eventName`, the way HubSpot names fields in `errors[].in`. */
export function fieldName(pointer: string): string {
  return pointer
    .split("/")
    .filter(Boolean)
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), "");
}

/** HubSpot's 429 body (`errorType: RATE_LIMIT`, `policyName`) with a Retry-After header. */
export function rateLimitReply(
  policyName: "TEN_SECONDLY_ROLLING" | "DAILY",
  retryAfterMs: number,
): ErrorReply {
  const reply = hubspotError(
    429,
    "RATE_LIMITS",
    `You have reached your ${policyName === "DAILY" ? "daily" : "ten_secondly_rolling"} limit.`,
    { errorType: "RATE_LIMIT", policyName, groupName: "publicapi:marketing-events" },
  );
  reply.headers = { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return reply;
}
