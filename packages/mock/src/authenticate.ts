/**
 * Why this file exists: HubSpot answers a missing, unknown or expired bearer token with 401 and a
 * category saying which; the mock does the same, and logs only a hash of the token.
 */
import { createHash } from "node:crypto";
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";

/** The bearer token of a request, or HubSpot's 401 for it. */
export function authenticate(
  header: string | undefined,
  tokens: Set<string> | undefined,
  expired: Set<string>,
): { token: string } | ErrorReply {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!token) {
    return hubspotError(
      401,
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens.",
    );
  }
  if (expired.has(token)) {
    return hubspotError(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.");
  }
  if (tokens && !tokens.has(token)) {
    return hubspotError(401, "INVALID_AUTHENTICATION", "The access token is not valid for this portal.");
  }
  return { token };
}

/** What the request log keeps of a token: a short hash prefix, never the token. */
export const credentialId = (token: string): string =>
  `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
