/**
 * Why this file exists: every HubSpot call needs `Authorization: Bearer <token>`. Users hold the
 * token either as a static private-app token or behind an async provider (a vault, an OAuth
 * refresher); this middleware turns either into the header without the token ever being logged.
 */
import type { Middleware } from "openapi-fetch";
import { redact } from "./redact.js";

/** A static private-app token, or a function returning the current access token. */
export type AuthOption = string | (() => string | Promise<string>);

/** Thrown when the auth option is unusable; the message never contains the token. */
export class HubSpotAuthConfigError extends Error {
  override name = "HubSpotAuthConfigError";
}

/** Resolves an auth option to a token, validating it without echoing it. */
export async function resolveToken(auth: AuthOption): Promise<string> {
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
  return trimmed;
}

/** openapi-fetch middleware that sets the bearer header on every request. */
export function authMiddleware(auth: AuthOption): Middleware {
  if (typeof auth !== "string" && typeof auth !== "function") {
    throw new HubSpotAuthConfigError(
      `auth: expected a token string or a function returning one, got ${auth === null ? "null" : typeof auth}`,
    );
  }
  return {
    async onRequest({ request }) {
      const token = await resolveToken(auth);
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}
