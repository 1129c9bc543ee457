/**
 * Why this file exists: every HubSpot call needs `Authorization: Bearer <token>`. Users hold the
 * token as a static private-app token, behind an async provider, or as OAuth refresh
 * credentials; all three become a TokenSource the transport asks before each attempt.
 */
import type { Clock } from "./clock.js";
import { OAuthRefresher, type OAuthOptions } from "./oauth.js";
import { credentialKey } from "./credential-key.js";
import { redact } from "./redact.js";
import type { Sender } from "./send.js";

/** Returns the current access token. */
export type TokenProvider = () => string | Promise<string>;

/** A static token, a provider, or `{ oauth: { clientId, clientSecret, refreshToken } }`. */
export type AuthOption = string | TokenProvider | { oauth: OAuthOptions };

/** What the transport needs from credentials. */
export interface TokenSource {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Called after a 401 EXPIRED_AUTHENTICATION; true when a fresh token can be had. */
  invalidate(token: string): boolean;
  /** Every secret known so far, for redaction. */
  secrets(): string[];
  /**
   * Identifies the credential for rate limiting: the same for every token it hands out (HubSpot
   * limits the app or private app, not each rotated access token). Never the token itself.
   */
  readonly credentialKey: string;
}

let providers = 0;

/** Thrown when the auth option is unusable; the message never contains the token. */
export class HubSpotAuthConfigError extends Error {
  override name = "HubSpotAuthConfigError";
}

/** Resolves an auth option to a token, validating it without echoing it. */
export async function resolveToken(auth: string | TokenProvider): Promise<string> {
  let token: unknown;
  if (typeof auth === "function") {
    try {
      token = await auth();
    } catch (cause) {
      const reason = cause instanceof Error ? `${cause.name}: ${redact(cause.message)}` : typeof cause;
      throw new HubSpotAuthConfigError(`auth: the token provider threw (${reason})`);
    }
  } else {
    token = auth;
  }
  if (typeof token !== "string") {
    throw new HubSpotAuthConfigError(`auth: expected the token to be a string, got ${typeof token}`);
  }
  const trimmed = token.trim();
  if (trimmed === "") throw new HubSpotAuthConfigError("auth: the token is empty");
  if (/\s/.test(trimmed)) {
    throw new HubSpotAuthConfigError(
      "auth: the token contains whitespace; pass the bare token without the 'Bearer ' prefix",
    );
  }
  const bad = trimmed.search(/[^\x21-\x7e]/);
  if (bad >= 0) {
    throw new HubSpotAuthConfigError(
      `auth: the token has a character at position ${bad} that an HTTP header cannot carry (only visible ASCII can be sent)`,
    );
  }
  return trimmed;
}

/** Builds the TokenSource for an auth option (OAuth refreshes through `send`). */
export function tokenSource(
  auth: AuthOption,
  deps: { send: Sender; clock: Clock; allowInsecureHttp?: boolean | undefined },
): TokenSource {
  if (typeof auth === "string" || typeof auth === "function") {
    const seen = new Set<string>();
    return {
      async getToken() {
        const token = await resolveToken(auth);
        // Remember recent provider tokens for redaction (bounded: oldest forgotten first).
        seen.delete(token);
        seen.add(token);
        if (seen.size > 64) seen.delete(seen.values().next().value as string);
        return token;
      },
      // A provider may hand out a new token next time; a static token will not change.
      invalidate: () => typeof auth === "function",
      secrets: () => (typeof auth === "string" ? [auth, ...seen] : [...seen]),
      credentialKey: typeof auth === "string" ? credentialKey("token", auth) : `provider:${++providers}`,
    };
  }
  if (auth && typeof auth === "object" && "oauth" in auth) return new OAuthRefresher(auth.oauth, deps);
  throw new HubSpotAuthConfigError(
    `auth: expected a token string, a function returning one, or { oauth: {...} }, got ${auth === null ? "null" : typeof auth}`,
  );
}
