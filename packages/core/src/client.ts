/**
 * Why this file exists: every versioned package exposes the same `createClient`; the logic lives
 * here once. It builds the transport (auth, limits, retries, the plain-http refusal) as
 * openapi-fetch's `fetch`, and remembers what bulk operations need.
 */
import openapiFetchDefault, { type Client, type ClientOptions } from "openapi-fetch";
import { tokenSource, type AuthOption } from "./auth.js";
import { systemClock, type Clock } from "./clock.js";
import { registerClient } from "./client-registry.js";
import { RateLimiterRegistry, type RateLimitOptions } from "./rate-limiter.js";
import type { RetryOptions } from "./retry-policy.js";
import { senderFromFetch, type Sender } from "./send.js";
import { createTransport, type Transport } from "./transport.js";
import { checkUrl } from "./url-policy.js";

// openapi-fetch's CommonJS build sets `exports.default` without `__esModule`, so in our CJS
// bundle the default import is its exports object rather than the function (found by the
// real-install test). Take the function from wherever it is.
const createFetchClient: typeof openapiFetchDefault =
  typeof openapiFetchDefault === "function"
    ? openapiFetchDefault
    : (openapiFetchDefault as unknown as { default: typeof openapiFetchDefault }).default;

/** HubSpot's public API host. */
export const DEFAULT_BASE_URL = "https://api.hubapi.com";

/** openapi-fetch's options plus HubSpot auth and a resilient transport. */
export interface HubSpotClientOptions extends ClientOptions {
  /**
   * A private-app access token, a function returning the current token (sync or async), or
   * `{ oauth: { clientId, clientSecret, refreshToken, onTokens } }` to refresh OAuth tokens.
   */
  auth?: AuthOption;
  /** Retries of 429, 408, 5xx and network errors; `false` sends each request once. */
  retry?: RetryOptions | false;
  /** Per-credential pacing (default 100 requests per 10 s, 10 in flight); `false` for none. */
  rateLimit?: RateLimitOptions | false;
  /** Share limiters between clients that use the same credentials (overrides `rateLimit`). */
  limiters?: RateLimiterRegistry;
  /** Timeout of each attempt. Default 30 000 ms. */
  timeoutMs?: number;
  /** Time source for backoff, limits and token expiry. Default: the system clock. */
  clock?: Clock;
  /** Allow `http://` to a host other than loopback (credentials would travel in clear). */
  allowInsecureHttp?: boolean;
}

/** What a generated package tells the factory about its API version. */
export interface ApiVersionInfo {
  apiVersion: string;
  /** The common prefix of the version's paths, e.g. `/marketing/v3/marketing-events`. */
  basePath: string;
}

function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean | undefined): string {
  checkUrl(baseUrl, allowInsecureHttp, "baseUrl");
  return baseUrl.replace(/\/+$/, "");
}

/** Builds `createHubSpotClient` around a default sender (undici on Node, fetch elsewhere). */
export function makeCreateHubSpotClient(
  defaultSend: Sender,
  /** The Node entry passes `useLightRequests` (see fast-path.ts); browsers keep openapi-fetch as is. */
  adapt: <C extends Client<any>>(client: C) => C = (client) => client,
  /** What a call's `fetch` hands openapi-fetch (Node: a real Response where middleware may look). */
  settle: (request: Request, response: Response) => Response = (_request, response) => response,
) {
  return function createHubSpotClient<Paths extends {}>(
    options: HubSpotClientOptions = {},
    version?: ApiVersionInfo,
  ): Client<Paths> {
    const {
      auth,
      retry,
      rateLimit,
      limiters,
      timeoutMs,
      clock = systemClock,
      allowInsecureHttp,
      fetch,
      ...rest
    } = options;
    const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, allowInsecureHttp);
    const send = fetch ? senderFromFetch(fetch) : defaultSend;
    const source = auth === undefined ? undefined : tokenSource(auth, { send, clock, allowInsecureHttp });
    const sendAll = createTransport({
      send,
      auth: source,
      limiters:
        limiters ?? (rateLimit === false ? undefined : new RateLimiterRegistry(rateLimit ?? {}, clock)),
      retry,
      timeoutMs,
      clock,
      allowInsecureHttp,
    });
    // Every caller (the client's fetch, and the bulk helpers' own) gets answers `settle` made.
    const transport: Transport = async (request, hooks) =>
      settle(request as Request, await sendAll(request, hooks));
    const client = adapt(
      createFetchClient<Paths>({
        ...rest,
        baseUrl,
        fetch: (request: Request) => transport(request),
      }),
    );
    const retryOptions = retry === false ? { retries: 0 } : (retry ?? {});
    registerClient(client, { transport, auth: source, clock, retry: retryOptions, ...(version ?? {}) });
    return client;
  };
}
