/** Everything the package exports except `createHubSpotClient`, which each entry builds. */
export {
  DEFAULT_BASE_URL,
  makeCreateHubSpotClient,
  type ApiVersionInfo,
  type HubSpotClientOptions,
} from "./client.js";
export { clientInfo, type ClientInfo } from "./client-registry.js";
export {
  resolveToken,
  tokenSource,
  HubSpotAuthConfigError,
  type AuthOption,
  type TokenProvider,
  type TokenSource,
} from "./auth.js";
export { OAuthRefresher, type OAuthOptions, type OAuthTokens } from "./oauth.js";
export {
  HubSpotApiError,
  HubSpotAuthError,
  HubSpotRateLimitError,
  HubSpotValidationError,
  errorFromResponse,
  type HubSpotApiErrorInit,
  type HubSpotErrorBody,
  type HubSpotErrorDetail,
} from "./errors.js";
export { HubSpotNetworkError, errorCode, type HubSpotNetworkErrorInit } from "./network-error.js";
export { unwrap, attemptsOf, type FetchResultLike } from "./unwrap.js";
export { paginate, collect, type PagedPath, type PageItem, type PageInit } from "./paginate.js";
export { redact, redactDeep } from "./redact.js";
export { systemClock, ManualClock, VirtualClock, type Clock } from "./clock.js";
export {
  RateLimiter,
  RateLimiterRegistry,
  HUBSPOT_RATE_LIMITS,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
} from "./rate-limiter.js";
export { DEFAULT_RETRY, isIdempotent, type RetryOptions } from "./retry-policy.js";
export {
  createTransport,
  type Transport,
  type TransportHooks,
  type TransportOptions,
  type RetryInfo,
} from "./transport.js";
export {
  senderFromFetch,
  globalFetchSender,
  type Sender,
  type OutgoingRequest,
  type FetchLike,
} from "./send.js";
export { bulkUpsert, bulkUpdate, bulkCreate, bulkDelete, bulkArchive } from "./bulk/events.js";
export {
  bulkRecordParticipation,
  type EventRef,
  type ParticipationTarget,
  type SubscriberState,
} from "./bulk/participation.js";
export { BulkValidationError, isDateTime } from "./bulk/validate.js";
export { HubSpotInsecureUrlError } from "./url-policy.js";
export {
  BulkItemError,
  type BulkOptions,
  type ArchiveInput,
  type ParticipationInput,
  type ParticipationRecord,
  type DeleteInput,
  type BulkProgress,
  type BulkResult,
  type InputSchemaCheck,
  type Failed,
  type NotAttempted,
  type Succeeded,
  type UpdateInput,
  type UpdateRecord,
  type UpsertInput,
  type UpsertRecord,
} from "./bulk/types.js";
export type { Client, ClientOptions, Middleware } from "openapi-fetch";
