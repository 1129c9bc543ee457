/**
 * Why this file exists: openapi-fetch returns `{ data, error, response }` and never throws, which
 * is right for a generic client but leaves every HubSpot caller writing the same checks.
 * `HubSpotApiError` gives a non-2xx answer a type that carries what HubSpot support asks for
 * (status, category, correlationId) and never the request's credentials.
 */
import { redactDeep, safeUrl } from "./redact.js";

export { safeUrl };

/** One entry of HubSpot's `errors[]` (the `ErrorDetail` schema). */
export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

/** HubSpot's standard error body (the `Error` schema every operation's `default` answers). */
export interface HubSpotErrorBody {
  category: string;
  correlationId: string;
  message: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  errors?: HubSpotErrorDetail[];
}

export interface HubSpotApiErrorInit {
  status: number;
  method?: string;
  url?: string;
  body?: unknown;
  /** How many times the request was sent, retries included. Default 1. */
  attempts?: number;
  /** Strings to mask wherever they appear (tokens, client secrets). */
  secrets?: Iterable<string>;
  /** For subclasses without an HTTP answer: the message and whether the outcome is unknown. */
  message?: string;
  outcomeUnknown?: boolean;
  cause?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A non-2xx answer from HubSpot. Holds no request headers, so no token can leak through it. */
export class HubSpotApiError extends Error {
  override name = "HubSpotApiError";
  /** HTTP status code of the answer; 0 when there was none (HubSpotNetworkError). */
  readonly status: number;
  /** HubSpot's error category, e.g. `VALIDATION_ERROR`, `RATE_LIMITS`, `EXPIRED_AUTHENTICATION`. */
  readonly category: string | undefined;
  /** HubSpot's request id; quote it in support tickets. */
  readonly correlationId: string | undefined;
  readonly subCategory: string | undefined;
  /** Per-field details HubSpot sent, e.g. which input failed validation (`in`). */
  readonly errors: HubSpotErrorDetail[];
  readonly context: Record<string, string[]> | undefined;
  readonly links: Record<string, string> | undefined;
  /** `METHOD /path` of the request, without query string. */
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The parsed (and redacted) response body, or its text when it was not JSON. */
  readonly body: unknown;
  /** How many times the request was sent, retries included. */
  readonly attempts: number;
  /** HubSpot's rate-limit policy (`TEN_SECONDLY_ROLLING`, `DAILY`), on 429 answers. */
  readonly policyName: string | undefined;
  /**
   * True when HubSpot may have applied the request although it answered with an error
   * (500, 502, 504, 408): resending a non-idempotent call could apply it twice.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: HubSpotApiErrorInit) {
    const body = redactDeep(init.body, init.secrets);
    const fields = isRecord(body) ? body : {};
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const hubspotMessage = str(fields.message);
    const target = [init.method, safeUrl(init.url)].filter(Boolean).join(" ");
    const where = target ? ` (${target})` : "";
    super(
      init.message ??
        `HubSpot answered ${init.status}${str(fields.category) ? ` ${str(fields.category)}` : ""}${where}: ` +
          (hubspotMessage ?? (typeof body === "string" && body ? body.slice(0, 500) : "no error message")),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.status = init.status;
    this.category = str(fields.category);
    this.correlationId = str(fields.correlationId);
    this.subCategory = str(fields.subCategory);
    this.errors = Array.isArray(fields.errors) ? (fields.errors as HubSpotErrorDetail[]) : [];
    this.context = isRecord(fields.context) ? (fields.context as Record<string, string[]>) : undefined;
    this.links = isRecord(fields.links) ? (fields.links as Record<string, string>) : undefined;
    this.method = init.method;
    this.url = safeUrl(init.url);
    this.body = body;
    this.attempts = init.attempts ?? 1;
    this.policyName = str(fields.policyName);
    this.outcomeUnknown = init.outcomeUnknown ?? [408, 500, 502, 504].includes(init.status);
  }

  /** A plain object with every field, for structured logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      category: this.category,
      correlationId: this.correlationId,
      subCategory: this.subCategory,
      errors: this.errors,
      policyName: this.policyName,
      attempts: this.attempts,
      outcomeUnknown: this.outcomeUnknown,
      method: this.method,
      url: this.url,
    };
  }
}

/** 429: HubSpot's rate limit. `policyName` `DAILY` will not clear by retrying today. */
export class HubSpotRateLimitError extends HubSpotApiError {
  override name = "HubSpotRateLimitError";
}

/** 401/403: missing, invalid or expired credentials, or missing scopes. */
export class HubSpotAuthError extends HubSpotApiError {
  override name = "HubSpotAuthError";
}

/** 400/409/413/415/422: HubSpot rejected the input; `errors[].in` names the fields. */
export class HubSpotValidationError extends HubSpotApiError {
  override name = "HubSpotValidationError";
}

/** The right HubSpotApiError subclass for an answer's status. */
export function errorFromResponse(init: HubSpotApiErrorInit): HubSpotApiError {
  if (init.status === 429) return new HubSpotRateLimitError(init);
  if (init.status === 401 || init.status === 403) return new HubSpotAuthError(init);
  if ([400, 409, 413, 415, 422].includes(init.status)) return new HubSpotValidationError(init);
  return new HubSpotApiError(init);
}
