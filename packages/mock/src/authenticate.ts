/**
 * Why this file exists: HubSpot checks each operation's documented credentials: a bearer token
 * (private app or OAuth) for most, the developer API key (`hapikey` query parameter) for the app
 * settings. A missing, unknown or expired credential gets 401 with a category saying which; the
 * mock does the same, tells private-app tokens from OAuth tokens (only the former get daily
 * rate-limit headers), and logs only a hash of the credential.
 */
import { createHash } from "node:crypto";
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";
import type { SecurityScheme } from "./router.js";

export type CredentialKind = "private-app" | "oauth" | "developer-api-key";

export interface Credential {
  kind: CredentialKind;
  /** The token or key itself (never logged). */
  secret: string;
}

export interface AuthOptions {
  tokens: Set<string> | undefined;
  expired: Set<string>;
  developerApiKeys: Set<string> | undefined;
  /** Private app or OAuth, per token (the `oauthTokens` and `tokenKind` options). */
  tokenKind: (token: string) => "private-app" | "oauth";
}

/** The credential a request presents for one of the operation's schemes, or HubSpot's 401. */
export function authenticate(
  authorization: string | undefined,
  query: URLSearchParams,
  security: SecurityScheme[],
  opts: AuthOptions,
): Credential | ErrorReply {
  const keyScheme = security.find((s) => s.kind === "query");
  if (keyScheme && keyScheme.kind === "query") {
    const key = query.get(keyScheme.name);
    if (key) {
      if (opts.developerApiKeys && !opts.developerApiKeys.has(key))
        return hubspotError(401, "INVALID_AUTHENTICATION", "The developer API key provided is invalid.");
      return { kind: "developer-api-key", secret: key };
    }
    if (!security.some((s) => s.kind === "bearer")) {
      return hubspotError(
        401,
        "INVALID_AUTHENTICATION",
        `Authentication credentials not found. This operation takes a developer API key as the \`${keyScheme.name}\` query parameter.`,
      );
    }
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) {
    return hubspotError(
      401,
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens.",
    );
  }
  if (opts.expired.has(token)) {
    return hubspotError(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.");
  }
  if (opts.tokens && !opts.tokens.has(token)) {
    return hubspotError(401, "INVALID_AUTHENTICATION", "The access token is not valid for this portal.");
  }
  return { kind: opts.tokenKind(token), secret: token };
}

/** What the request log keeps of a credential: a short hash prefix, never the secret. */
export const credentialId = (secret: string): string =>
  `sha256:${createHash("sha256").update(secret).digest("hex").slice(0, 12)}`;
