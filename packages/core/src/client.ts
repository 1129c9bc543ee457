/**
 * Why this file exists: every versioned package exposes the same `createClient`; the logic lives
 * here once, and the generated packages only bind it to their own `paths` type.
 */
import createFetchClient, { type Client, type ClientOptions } from "openapi-fetch";
import { authMiddleware, type AuthOption } from "./auth.js";

/** HubSpot's public API host. */
export const DEFAULT_BASE_URL = "https://api.hubapi.com";

/** openapi-fetch's options plus HubSpot auth. */
export interface HubSpotClientOptions extends ClientOptions {
  /**
   * A private-app access token, or a function returning the current token (sync or async).
   * Sets `Authorization: Bearer <token>` on every request.
   */
  auth?: AuthOption;
}

/** Creates an openapi-fetch client for the given `paths`, pointed at HubSpot by default. */
export function createHubSpotClient<Paths extends {}>(options: HubSpotClientOptions = {}): Client<Paths> {
  const { auth, baseUrl = DEFAULT_BASE_URL, ...rest } = options;
  const client = createFetchClient<Paths>({ ...rest, baseUrl: baseUrl.replace(/\/+$/, "") });
  if (auth !== undefined) client.use(authMiddleware(auth));
  return client;
}
