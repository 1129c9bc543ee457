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
import { createHubSpotClient, type Client, type HubSpotClientOptions } from ${core};
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };
export {
  DEFAULT_BASE_URL,
  HubSpotApiError,
  HubSpotAuthConfigError,
  HubSpotAuthError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  HubSpotValidationError,
  bulkCreate,
  bulkUpdate,
  bulkUpsert,
  unwrap,
} from ${core};
export type { AuthOption, BulkOptions, BulkResult, HubSpotClientOptions, HubSpotErrorBody, HubSpotErrorDetail } from ${core};

/** The HubSpot Marketing Events API version this package targets. */
export const API_VERSION = ${JSON.stringify(ctx.version)};

/** The path prefix every operation of this version shares. */
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

${aliases}
`;
}
