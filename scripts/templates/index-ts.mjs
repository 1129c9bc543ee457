// @ts-check
/** Template of `src/generated/index.ts`: the package's public entry, the same for every version. */
import { tsHeader } from "./header.mjs";

/** @param {import("./context.js").TemplateContext} ctx */
export function renderIndex(ctx) {
  const core = JSON.stringify(ctx.coreName);
  const aliases = ctx.schemaAliases
    .map(
      ([schema, alias]) =>
        `/** HubSpot's \`${schema}\` schema. */\nexport type ${alias} = components["schemas"][${JSON.stringify(schema)}];`,
    )
    .join("\n\n");
  return `${tsHeader(ctx)}
import {
  bulkArchive as coreBulkArchive,
  bulkDelete as coreBulkDelete,
  bulkRecordParticipation as coreBulkRecordParticipation,
  bulkUpdate as coreBulkUpdate,
  bulkUpsert as coreBulkUpsert,
  createHubSpotClient,
  type ArchiveInput,
  type BulkOptions,
  type BulkResult,
  type Client,
  type DeleteInput,
  type ParticipationInput,
  type ParticipationRecord,
  type ParticipationTarget,
  type HubSpotClientOptions,
  type UpdateInput,
  type UpdateRecord,
  type UpsertInput,
  type UpsertRecord,
} from ${core};
import type { components, operations, paths } from "./schema.js";
import * as inputSchemas from "./validators.js";

export type { components, operations, paths };

// The whole public API of ${ctx.coreName} (errors, auth, limits, retries, bulk, clocks), so this
// package is the only one a user installs. All but core's generic createHubSpotClient (and the
// factory it is made with), which this package's createClient replaces, and the Node-only
// undiciSender. test/install.test.ts compares the packed packages' exports with core's, so a
// name added to core is not forgotten here.
export {
  DEFAULT_BASE_URL,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  HUBSPOT_RATE_LIMITS,
  BulkItemError,
  BulkValidationError,
  HubSpotApiError,
  HubSpotAuthConfigError,
  HubSpotAuthError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  HubSpotValidationError,
  ManualClock,
  OAuthRefresher,
  RateLimiter,
  RateLimiterRegistry,
  VirtualClock,
  HubSpotInsecureUrlError,
  attemptsOf,
  clientInfo,
  collect,
  createTransport,
  errorCode,
  errorFromResponse,
  exact,
  globalFetchSender,
  isDateTime,
  isIdempotent,
  paginate,
  redact,
  redactDeep,
  resolveToken,
  senderFromFetch,
  systemClock,
  tokenSource,
  unwrap,
} from ${core};
export type {
  ApiVersionInfo,
  ArchiveInput,
  AuthOption,
  BulkOptions,
  BulkProgress,
  BulkResult,
  Client,
  ClientInfo,
  ClientOptions,
  Clock,
  DeleteInput,
  EventRef,
  Exact,
  Failed,
  FetchLike,
  FetchResultLike,
  HubSpotApiErrorInit,
  HubSpotClientOptions,
  HubSpotErrorBody,
  HubSpotErrorDetail,
  HubSpotNetworkErrorInit,
  InputSchemaCheck,
  Middleware,
  NotAttempted,
  OAuthOptions,
  OAuthTokens,
  OutgoingRequest,
  PageInit,
  PageItem,
  PagedPath,
  ParticipationInput,
  ParticipationRecord,
  ParticipationTarget,
  RateLimitOptions,
  RetryInfo,
  RetryOptions,
  Sender,
  SubscriberState,
  Succeeded,
  TokenProvider,
  TokenSource,
  Transport,
  TransportHooks,
  TransportOptions,
  UpdateInput,
  UpdateRecord,
  UpsertInput,
  UpsertRecord,
} from ${core};

/** The HubSpot Marketing Events API version this package targets. */
export const API_VERSION = ${JSON.stringify(ctx.version)};

/** The path prefix of this version's operations (v3's list-all, /marketing/marketing-events/v3, lies outside it). */
export const BASE_PATH = ${JSON.stringify(ctx.basePath)};

/** sha256 of the spec file this package was generated from (${ctx.spec.display}). */
export const SPEC_SHA256 = ${JSON.stringify(ctx.spec.sha256)};

/** An openapi-fetch client typed with the Marketing Events \`${ctx.version}\` paths. */
export type MarketingEventsClient = Client<paths>;

/**
 * Creates a typed client for HubSpot Marketing Events \`${ctx.version}\`.
 *
 * Accepts openapi-fetch's options (\`baseUrl\`, \`fetch\`, \`headers\`, ...) plus \`auth\` (a
 * private-app token, a function returning the current token, or OAuth refresh credentials),
 * \`retry\`, \`rateLimit\`, \`timeoutMs\` and \`clock\`. \`baseUrl\` defaults to
 * \`https://api.hubapi.com\`. Pass the client to \`bulkUpsert\` / \`bulkUpdate\` for batches.
 */
export function createClient(options?: HubSpotClientOptions): MarketingEventsClient {
  return createHubSpotClient<paths>(options, { apiVersion: API_VERSION, basePath: BASE_PATH });
}

/**
 * Creates or updates many marketing events, keyed by (externalAccountId, externalEventId), in
 * batches through \`POST .../events/upsert\`; every input is checked against this version's
 * request schema first (a misspelt field is \`invalid-input\` unless \`allowUnknownFields\`).
 */
export function bulkUpsert(
  client: MarketingEventsClient,
  inputs: readonly UpsertInput<paths>[],
  options: BulkOptions = {},
): Promise<BulkResult<UpsertInput<paths>, UpsertRecord<paths>>> {
  return coreBulkUpsert(client, inputs, { inputSchema: inputSchemas.upsert, ...options });
}

/** Creates many marketing events through the keyed upsert (safe to retry; see \`bulkUpsert\`). */
export const bulkCreate = bulkUpsert;

/** Updates many marketing events by objectId, in batches through \`POST .../batch/update\`. */
export function bulkUpdate(
  client: MarketingEventsClient,
  inputs: readonly UpdateInput<paths>[],
  options: BulkOptions = {},
): Promise<BulkResult<UpdateInput<paths>, UpdateRecord<paths>>> {
  return coreBulkUpdate(client, inputs, { inputSchema: inputSchemas.update, ...options });
}

/** Deletes many marketing events by (externalAccountId, externalEventId), through \`POST .../events/delete\`. */
export function bulkDelete(
  client: MarketingEventsClient,
  inputs: readonly DeleteInput<paths>[],
  options: BulkOptions = {},
): Promise<BulkResult<DeleteInput<paths>, undefined>> {
  return coreBulkDelete(client, inputs, { inputSchema: inputSchemas.deleteByExternalIds, ...options });
}

/** Deletes many marketing events by objectId, through \`POST .../batch/archive\`. */
export function bulkArchive(
  client: MarketingEventsClient,
  inputs: readonly ArchiveInput<paths>[],
  options: BulkOptions = {},
): Promise<BulkResult<ArchiveInput<paths>, undefined>> {
  return coreBulkArchive(client, inputs, { inputSchema: inputSchemas.archiveByObjectId, ...options });
}

/**
 * Records many contacts' participation (\`register\`, \`attend\`, \`cancel\`, ...) in one event,
 * by email or by contact id, checked against this version's request schema first.
 */
export function bulkRecordParticipation<B extends ParticipationTarget["by"]>(
  client: MarketingEventsClient,
  target: ParticipationTarget & { by: B },
  inputs: readonly ParticipationInput<paths, B>[],
  options: BulkOptions = {},
): Promise<BulkResult<ParticipationInput<paths, B>, ParticipationRecord<paths, B>>> {
  const inputSchema =
    target.by === "email" ? inputSchemas.participationByEmail : inputSchemas.participationByContactId;
  return coreBulkRecordParticipation(client, target, inputs, { inputSchema, ...options });
}

${aliases}
`;
}
