/**
 * Why this file exists: the mock's options, with their defaults documented in one place and
 * checked at start, so a typo fails loudly with the option's name instead of at the first request.
 */
import type { Clock } from "./clock.js";
import type { FaultOptions } from "./faults.js";
import type { RateLimitOptions } from "./rate-limit.js";

export interface MockServerOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** OpenAPI documents by version. Default: every spec in the repository's specs/ (bundled). */
  specs?: Record<string, unknown>;
  /** Accepted bearer tokens. Default: any non-empty token. */
  tokens?: string[];
  /** Tokens answered with 401 EXPIRED_AUTHENTICATION. */
  expiredTokens?: string[];
  /**
   * OAuth access tokens (a public app's): unlike private-app tokens they get no daily limit and
   * no `X-HubSpot-RateLimit-Daily*` headers, as with HubSpot. Default: none, every token is a
   * private-app token. `tokenKind` decides instead when given.
   */
  oauthTokens?: string[];
  /** Private app or OAuth, per token (overrides `oauthTokens`), e.g. by a naming convention. */
  tokenKind?: (token: string) => "private-app" | "oauth";
  /** Accepted developer API keys (`hapikey`, for the app-settings operations). Default: any. */
  developerApiKeys?: string[];
  /**
   * Portals (HubSpot accounts) by id, with the tokens that belong to each: each portal has its
   * own events, contacts and lists (`mock.state.portal(id)`). Other tokens use the default
   * portal (`mock.state.events`). Default: every token uses the default portal.
   */
  portals?: Record<string, string[]>;
  /** HubSpot-style limits per token, or `false` for none. Default 100 per 10 s, 500 000 a day. */
  rateLimit?: RateLimitOptions | false;
  /** Maximum inputs per batch call. Default 100. */
  maxBatchSize?: number;
  /** Maximum request body size in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Request log entries kept (oldest dropped first); counters keep counting. Default 100 000. */
  maxLogEntries?: number;
  /** Seeded fault injection. Default: none. */
  faults?: FaultOptions;
  /** Time source (rate-limit windows, latency, timestamps). Default: the system clock. */
  clock?: Clock;
  /** `appInfo` reported on updated events. */
  appInfo?: { id: string; name: string };
}

export function positiveInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `startMockServer: ${name} must be a whole number >= 1, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
