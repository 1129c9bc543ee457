// @ts-check
/** Template of a versioned package's README: what it targets, its operations, its spec hash. */
import { mdHeader } from "./header.mjs";

/** @param {import("./context.js").TemplateContext} ctx */
export function renderReadme(ctx) {
  const ops = ctx.operations
    .map((op) => `| \`${op.method.toUpperCase()}\` | \`${op.path}\` | ${op.summary.replace(/\|/g, "\\|")} |`)
    .join("\n");
  const upsert = ctx.operations.find((op) => op.method === "post" && op.path.endsWith("/events/upsert"));
  const example = upsert
    ? `const batch = unwrap(
  await client.POST("${upsert.path}", {
    body: {
      inputs: [
        {
          externalAccountId: "acme-account-1",
          externalEventId: "spring-webinar",
          eventName: "Spring product webinar",
          eventOrganizer: "Acme Events",
          startDateTime: "2026-04-15T16:00:00Z",
          customProperties: [{ name: "webinar_platform", value: "zoom" }],
        },
      ],
    },
  }),
);
console.log(batch.results.length);`
    : "// client.GET / POST / PATCH / PUT / DELETE take a path from the table below.";
  return `${mdHeader(ctx)}
# ${ctx.packageName}

Typed TypeScript client for HubSpot's Marketing Events API **${ctx.version}**, generated with
openapi-typescript from the OpenAPI spec \`${ctx.spec.display}\` and served by
[openapi-fetch](https://openapi-ts.dev/openapi-fetch/). Runs on Node.js 20+ (ESM and CommonJS).

- HubSpot API version: \`${ctx.version}\` (\`${ctx.doc.info?.title ?? ""}\`, info.version \`${ctx.doc.info?.version ?? ""}\`)
- Spec sha256: \`${ctx.spec.sha256}\`

## Install

\`\`\`sh
npm install ${ctx.packageName}
\`\`\`

## Use

\`\`\`ts
import { createClient, unwrap } from "${ctx.packageName}";

const client = createClient({ auth: process.env.HUBSPOT_ACCESS_TOKEN ?? "" });
${example}
\`\`\`

\`auth\` takes a private-app token, a function returning the current access token, or
\`{ oauth: { clientId, clientSecret, refreshToken, onTokens } }\`. Every call goes through a
transport that paces requests per credential (HubSpot's 100 per 10 s by default) and retries
429s, 5xx and network errors. \`unwrap(result)\` returns \`data\` or throws a
\`HubSpotApiError\` (status, \`category\`, \`correlationId\`, \`message\`; never the token).
For thousands of events, \`bulkUpsert(client, inputs)\` and \`bulkUpdate(client, inputs)\` batch
them and report every input as succeeded, failed or not attempted.

One package is enough: besides \`createClient\` and the types of every path and schema, this
package re-exports the shared runtime \`${ctx.coreName}\` (a dependency, installed with it): the
errors (\`HubSpotApiError\` and its subclasses), the option and result types
(\`HubSpotClientOptions\`, \`BulkOptions\`, \`BulkProgress\`, \`BulkResult\`, ...),
\`RateLimiterRegistry\`, \`HUBSPOT_RATE_LIMITS\` and the test clocks (\`ManualClock\`, \`VirtualClock\`).

## Operations

| Method | Path | Summary |
| --- | --- | --- |
${ops}
`;
}
