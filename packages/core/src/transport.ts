/**
 * Why this file exists: openapi-fetch middleware cannot resend a request, so everything that
 * may need a second try lives here, in the `fetch` the client is built on: the token for each
 * attempt (with one refresh after a 401 EXPIRED_AUTHENTICATION), the plain-http refusal for every
 * URL and redirect, the per-credential limiter, a per-attempt timeout, retries with backoff that
 * resend the same body bytes (but stop after a few refused connections in a row), and secrets
 * masked in every error answer before anyone reads it.
 */
import type { TokenSource } from "./auth.js";
import { systemClock, type Clock } from "./clock.js";
import { errorCode, HubSpotNetworkError, isTimeout, neverReachedServer } from "./network-error.js";
import type { RateLimiterRegistry } from "./rate-limiter.js";
import { DEFAULT_RETRY, isIdempotent, retryDelay, type RetryOptions } from "./retry-policy.js";
import type { Sender } from "./send.js";
import { recordAttempts } from "./unwrap.js";
import { redactResponse, requestSecrets } from "./redact.js";
import { checkUrl, redirectOf } from "./url-policy.js";

export interface TransportOptions {
  send: Sender;
  auth?: TokenSource | undefined;
  limiters?: RateLimiterRegistry | undefined;
  retry?: RetryOptions | false | undefined;
  /** Per attempt. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  clock?: Clock | undefined;
  random?: (() => number) | undefined;
  /** Allow `http://` to a host other than loopback (credentials would travel in clear). */
  allowInsecureHttp?: boolean | undefined;
}

/** Connections refused in a row (no answer in between) after which no more are retried. */
const REFUSALS_BEFORE_GIVING_UP = 3;
const MAX_REDIRECTS = 5;

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
  /** The failed attempt may have been applied by HubSpot (reset, timeout, 500/502/504/408). */
  mayHaveApplied: boolean;
}

/** Per-call observers (bulk operations count requests and retries with these). */
export interface TransportHooks {
  onRequest?(): void;
  onRetry?(info: RetryInfo): void;
  /**
   * The caller resends failed attempts itself (the bulk helpers, which put the inputs in a later
   * batch instead of holding a worker in a backoff): error answers and network errors that may
   * have reached HubSpot come back at once. Refused connections are still retried here.
   */
  handBack?: boolean;
}

/** What the transport reads of a request: a WHATWG `Request`, or the cheaper `LightRequest`. */
export interface RequestLike {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal?: AbortSignal | null | undefined;
  readonly body: unknown;
  arrayBuffer(): Promise<ArrayBuffer>;
  /**
   * The headers were made for this call and nobody else reads them (`LightRequest`): the
   * transport adds the token to them instead of copying them for every attempt. A WHATWG
   * `Request` is never changed: middleware may read it, and must not see the token.
   */
  readonly ownHeaders?: boolean;
}

export type Transport = (request: RequestLike, hooks?: TransportHooks) => Promise<Response>;

async function bodyField(response: Response, field: string): Promise<string | undefined> {
  try {
    const value = ((await response.clone().json()) as Record<string, unknown>)[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createTransport(options: TransportOptions): Transport {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const retry =
    options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const clientSecrets = () => options.auth?.secrets() ?? [];
  /** Shared by every request of the client: a dead host is found once, not once per request. */
  let refusedInARow = 0;

  return async (request, hooks) => {
    const parsed = checkUrl(request.url, options.allowInsecureHttp);
    let url = parsed.href;
    let method = request.method;
    let body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const idempotent = isIdempotent(method, parsed.pathname);
    const userSignal = request.signal ?? undefined;
    let retriesDone = 0;
    let attempts = 0;
    let refreshed = false;
    let redirects = 0;
    let sendToken = true; // false after a redirect to another origin
    // Credentials the caller put on this request itself (a developer `hapikey`, its own
    // Authorization header) are masked in what comes back, like the client's own tokens.
    const own = requestSecrets(url, request.headers);
    const secrets = () => (own.length > 0 ? [...clientSecrets(), ...own] : clientSecrets());

    for (;;) {
      const headers = request.ownHeaders ? request.headers : new Headers(request.headers);
      const token = options.auth && sendToken ? await options.auth.getToken(userSignal) : undefined;
      if (token) headers.set("authorization", `Bearer ${token}`);
      // Another origin gets no credentials at all: neither ours nor one the caller set itself.
      else if (!sendToken) headers.delete("authorization");
      const limiter = options.limiters?.for(options.auth?.credentialKey ?? "anonymous");
      const release = limiter ? await limiter.acquire(userSignal) : (_counted?: boolean) => {};
      attempts++;
      hooks?.onRequest?.();

      let response: Response;
      try {
        response = await options.send({
          url,
          method,
          headers,
          body,
          signal: userSignal,
          timeoutMs,
        });
      } catch (cause) {
        const timedOut = isTimeout(cause);
        // A refused connection never reached HubSpot, so it used none of the window.
        release(!neverReachedServer(errorCode(cause)) || timedOut);
        if (userSignal?.aborted) throw userSignal.reason ?? cause;
        const reached = timedOut || !neverReachedServer(errorCode(cause));
        refusedInARow = reached ? 0 : refusedInARow + 1;
        const givingUp = refusedInARow >= REFUSALS_BEFORE_GIVING_UP;
        const delay =
          givingUp || (hooks?.handBack && reached)
            ? undefined
            : retryDelay({ kind: "network", reached }, retriesDone, { idempotent, options: retry, random });
        if (delay === undefined) {
          throw new HubSpotNetworkError({
            cause,
            method,
            url,
            attempts,
            timedOut,
            secrets: secrets(),
            ...(givingUp
              ? { hint: `${refusedInARow} connections refused in a row; is baseUrl right and the server up?` }
              : {}),
          });
        }
        retriesDone++;
        hooks?.onRetry?.({
          attempt: attempts,
          delayMs: delay,
          reason: timedOut ? "ETIMEDOUT" : (errorCode(cause) ?? "network"),
          mayHaveApplied: reached,
        });
        await clock.sleep(delay, userSignal);
        continue;
      }
      // A request turned away with 429 was not admitted to the window: give its slot back. When
      // the window really is spent, the answer's X-HubSpot-RateLimit-Remaining: 0 (observed
      // below) fills our window again, so this never lets more through than HubSpot allows.
      release(response.status !== 429);
      refusedInARow = 0;
      limiter?.observe(response.headers);

      const redirect = redirectOf(response, url, method, options.allowInsecureHttp);
      if (redirect && redirects < MAX_REDIRECTS) {
        redirects++;
        await response.body?.cancel().catch(() => {});
        url = redirect.url;
        method = redirect.method;
        if (!redirect.keepBody) body = undefined;
        if (redirect.crossOrigin) sendToken = false;
        continue;
      }

      if (response.status === 401 && options.auth && token && !refreshed) {
        if (
          (await bodyField(response, "category")) === "EXPIRED_AUTHENTICATION" &&
          options.auth.invalidate(token)
        ) {
          refreshed = true; // one refresh and one resend, never a loop
          await response.body?.cancel().catch(() => {});
          hooks?.onRetry?.({
            attempt: attempts,
            delayMs: 0,
            reason: "EXPIRED_AUTHENTICATION",
            mayHaveApplied: false,
          });
          continue;
        }
      }
      if (response.ok || response.status < 400) {
        recordAttempts(response, attempts);
        return response;
      }
      const policyName = response.status === 429 ? await bodyField(response, "policyName") : undefined;
      const delay = hooks?.handBack
        ? undefined
        : retryDelay(
            { kind: "response", status: response.status, headers: response.headers, policyName },
            retriesDone,
            {
              idempotent,
              options: retry,
              random,
            },
          );
      if (delay === undefined) {
        const redacted = await redactResponse(response, secrets());
        recordAttempts(redacted, attempts);
        return redacted;
      }
      // Retry-After concerns this request; the credential's window follows HubSpot's
      // X-HubSpot-RateLimit-* headers (observed above), so one 429 does not stall every request.
      retriesDone++;
      hooks?.onRetry?.({
        attempt: attempts,
        delayMs: delay,
        reason: String(response.status),
        mayHaveApplied: [408, 500, 502, 504].includes(response.status),
      });
      await response.body?.cancel().catch(() => {});
      await clock.sleep(delay, userSignal);
    }
  };
}
