export { createHubSpotClient, DEFAULT_BASE_URL, type HubSpotClientOptions } from "./client.js";
export { authMiddleware, resolveToken, HubSpotAuthConfigError, type AuthOption } from "./auth.js";
export {
  HubSpotApiError,
  unwrap,
  type HubSpotApiErrorInit,
  type HubSpotErrorBody,
  type HubSpotErrorDetail,
  type FetchResultLike,
} from "./errors.js";
export { redact, redactDeep } from "./redact.js";
export type { Client, ClientOptions, Middleware } from "openapi-fetch";
