/**
 * Why this file exists: HubSpot's OAuth access tokens last 30 minutes. This keeps one valid,
 * refreshing it shortly before it expires with `POST /oauth/v1/token` (refresh_token grant),
 * exactly once however many requests are waiting, and hands rotated tokens to the user to
 * persist. No secret ever appears in what it throws.
 */
import type { Clock } from "./clock.js";
import { credentialKey } from "./credential-key.js";
import { HubSpotAuthError } from "./errors.js";
import { HubSpotNetworkError } from "./network-error.js";
import type { Sender } from "./send.js";
import { checkUrl } from "./url-policy.js";

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
}

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** A still-valid access token, if you have one persisted. */
  accessToken?: string;
  /** When `accessToken` expires (epoch ms). */
  expiresAt?: number;
  /** Called with every new token set (e.g. to persist a rotated refresh token). */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
  /** Default `https://api.hubapi.com/oauth/v1/token`. */
  tokenUrl?: string;
  /** Refresh this long before expiry. Default 60 000 ms. */
  refreshMarginMs?: number;
}

export class OAuthRefresher {
  private tokens: Partial<OAuthTokens> & { refreshToken: string };
  private inflight: Promise<string> | undefined;
  private readonly old: string[] = [];
  /** How many refreshes were made (for tests and metrics). */
  refreshes = 0;
  /** One limiter for the installation's tokens, however often they rotate. */
  readonly credentialKey: string;

  constructor(
    private readonly options: OAuthOptions,
    private readonly deps: { send: Sender; clock: Clock; allowInsecureHttp?: boolean | undefined },
  ) {
    for (const key of ["clientId", "clientSecret", "refreshToken"] as const) {
      if (typeof options[key] !== "string" || options[key] === "") {
        throw new TypeError(`auth.oauth.${key} must be a non-empty string`);
      }
    }
    // One HubSpot installation: the app and the portal its refresh token belongs to.
    this.credentialKey = credentialKey("oauth", `${options.clientId}\n${options.refreshToken}`);
    this.tokens = {
      refreshToken: options.refreshToken,
      ...(options.accessToken ? { accessToken: options.accessToken } : {}),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    };
  }

  secrets(): string[] {
    const t = this.tokens;
    return [this.options.clientSecret, t.refreshToken, t.accessToken ?? "", ...this.old].filter(Boolean);
  }

  private fresh(): boolean {
    const margin = this.options.refreshMarginMs ?? 60_000;
    return !!this.tokens.accessToken && (this.tokens.expiresAt ?? 0) - margin > this.deps.clock.now();
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.fresh()) return this.tokens.accessToken as string;
    // Single flight: every caller waiting for a refresh shares one request.
    this.inflight ??= this.refresh(signal).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(token: string): boolean {
    if (this.tokens.accessToken === token) this.tokens.expiresAt = 0;
    return true;
  }

  private async refresh(signal?: AbortSignal): Promise<string> {
    const url = checkUrl(
      this.options.tokenUrl ?? "https://api.hubapi.com/oauth/v1/token",
      this.deps.allowInsecureHttp,
      "auth.oauth.tokenUrl",
    ).href;
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      refresh_token: this.tokens.refreshToken,
    });
    let response: Response;
    try {
      response = await this.deps.send({
        url,
        method: "POST",
        headers: new Headers({
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        }),
        body: new TextEncoder().encode(form.toString()),
        signal,
      });
    } catch (cause) {
      throw new HubSpotNetworkError({ cause, method: "POST", url, secrets: this.secrets() });
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    if (!response.ok)
      throw new HubSpotAuthError({
        status: response.status,
        method: "POST",
        url,
        body,
        secrets: this.secrets(),
      });
    const b = body as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
    if (typeof b.access_token !== "string" || typeof b.expires_in !== "number") {
      throw new Error("OAuth token endpoint answered without access_token/expires_in");
    }
    const refreshToken =
      typeof b.refresh_token === "string" && b.refresh_token ? b.refresh_token : this.tokens.refreshToken;
    // Rotated tokens stay known for redaction: an answer may still echo one.
    if (this.tokens.accessToken) this.old.push(this.tokens.accessToken);
    if (refreshToken !== this.tokens.refreshToken) this.old.push(this.tokens.refreshToken);
    while (this.old.length > 16) this.old.shift();
    this.tokens = {
      accessToken: b.access_token,
      refreshToken,
      expiresAt: this.deps.clock.now() + b.expires_in * 1000,
    };
    this.refreshes++;
    await this.options.onTokens?.({ ...(this.tokens as OAuthTokens) });
    return b.access_token;
  }
}
