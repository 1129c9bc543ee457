/**
 * Why this file exists: a request that gets no HTTP answer (refused, reset, timed out) needs its
 * own error, one that says whether HubSpot may have applied it, so callers know what is safe to
 * resend. The cause is kept only as a sanitized copy.
 */
import { HubSpotApiError, safeUrl } from "./errors.js";
import { redact } from "./redact.js";

/** Error codes meaning the request never left this machine or never reached the server. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

/** True for error codes meaning the request cannot have reached the server. */
export const neverReachedServer = (code: string | undefined): boolean =>
  code !== undefined && NOT_SENT.has(code);

const TIMEOUTS = new Set(["ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** True when an attempt ended because its timeout passed (undici's timeouts or a TimeoutError). */
export function isTimeout(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (name === "TimeoutError" || (typeof code === "string" && TIMEOUTS.has(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The first `code` found along an error's `cause` chain (undici and fetch nest them). */
export function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface HubSpotNetworkErrorInit {
  cause: unknown;
  method?: string;
  url?: string;
  attempts?: number;
  /** Set when the request timed out (the timeout is the reason it failed). */
  timedOut?: boolean;
  secrets?: Iterable<string>;
  /** What the caller should check, appended to the message. */
  hint?: string;
}

/**
 * The request failed without an HTTP answer: refused, reset, timed out. `status` is 0.
 * `outcomeUnknown` is false only when the request cannot have reached HubSpot (connection
 * refused, DNS failure).
 */
export class HubSpotNetworkError extends HubSpotApiError {
  override name = "HubSpotNetworkError";
  readonly code: string;

  constructor(init: HubSpotNetworkErrorInit) {
    const code = init.timedOut ? "ETIMEDOUT" : (errorCode(init.cause) ?? "ENETWORK");
    const secrets = [...(init.secrets ?? [])];
    const detail = redact(init.cause instanceof Error ? init.cause.message : String(init.cause), secrets);
    const target = [init.method, safeUrl(init.url)].filter(Boolean).join(" ");
    super({
      status: 0,
      ...(init.method ? { method: init.method } : {}),
      ...(init.url ? { url: init.url } : {}),
      attempts: init.attempts ?? 1,
      message:
        `Network error${target ? ` (${target})` : ""}: ${code}${detail && detail !== code ? ` (${detail})` : ""}` +
        (init.hint ? `; ${init.hint}` : ""),
      outcomeUnknown: !neverReachedServer(code),
      // Only a sanitized copy of the cause is kept: the original may hold request details.
      cause: { name: (init.cause as Error)?.name ?? "Error", code, message: detail },
    });
    this.code = code;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      attempts: this.attempts,
      outcomeUnknown: this.outcomeUnknown,
      method: this.method,
      url: this.url,
    };
  }
}
