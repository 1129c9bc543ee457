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
export { DEFAULT_BASE_URL, HubSpotApiError, HubSpotAuthConfigError, unwrap } from ${core};
export type { AuthOption, HubSpotClientOptions, HubSpotErrorBody, HubSpotErrorDetail } from ${core};

/** The HubSpot Marketing Events API version this package targets. */
export const API_VERSION = ${JSON.stringify(ctx.version)};

/** sha256 of the spec file this package was generated from (${ctx.spec.display}). */
export const SPEC_SHA256 = ${JSON.stringify(ctx.spec.sha256)};

/** An openapi-fetch client typed with the Marketing Events \`${ctx.version}\` paths. */
export type MarketingEventsClient = Client<paths>;

/**
 * Creates a typed client for HubSpot Marketing Events \`${ctx.version}\`.
 *
 * Accepts openapi-fetch's options (\`baseUrl\`, \`fetch\`, \`headers\`, ...) plus \`auth\`: a
 * private-app token or a function returning the current access token. \`baseUrl\` defaults to
 * \`https://api.hubapi.com\`.
 */
export function createClient(options?: HubSpotClientOptions): MarketingEventsClient {
  return createHubSpotClient<paths>(options);
}

${aliases}
`;
}
