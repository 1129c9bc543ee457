/**
 * Why this file exists: openapi-fetch returns `{ data, error, response }` and never throws, which
 * is right for a generic client but leaves every HubSpot caller writing the same checks.
 * `HubSpotApiError` gives a non-2xx answer a type that carries what HubSpot support asks for
 * (status, category, correlationId) and never the request's credentials.
 */
import { redact, redactDeep } from "./redact.js";

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
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Strips query string and credentials from a URL so it is safe to log. */
function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return redact(url.split("?")[0] ?? "");
  }
}

/** A non-2xx answer from HubSpot. Holds no request headers, so no token can leak through it. */
export class HubSpotApiError extends Error {
  override name = "HubSpotApiError";
  /** HTTP status code of the answer. */
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

  constructor(init: HubSpotApiErrorInit) {
    const body = redactDeep(init.body);
    const fields = isRecord(body) ? body : {};
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const hubspotMessage = str(fields.message);
    const target = [init.method, safeUrl(init.url)].filter(Boolean).join(" ");
    const where = target ? ` (${target})` : "";
    super(
      `HubSpot answered ${init.status}${str(fields.category) ? ` ${str(fields.category)}` : ""}${where}: ` +
        (hubspotMessage ?? (typeof body === "string" && body ? body.slice(0, 500) : "no error message")),
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
      method: this.method,
      url: this.url,
    };
  }
}

/** The shape every openapi-fetch call resolves to. */
export interface FetchResultLike<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/**
 * Returns `data` of a successful call, or throws `HubSpotApiError` for a non-2xx answer.
 *
 * ```ts
 * const batch = unwrap(await client.POST("/marketing/v3/marketing-events/events/upsert", { body }));
 * ```
 */
export function unwrap<D, E>(result: FetchResultLike<D, E>): D {
  const { response } = result;
  if (!response.ok) {
    throw new HubSpotApiError({
      status: response.status,
      url: response.url || undefined,
      body: result.error,
    });
  }
  return result.data as D;
}
