// Node entry (the `node` export condition): sends with undici's `request` over a keep-alive pool.
import { makeCreateHubSpotClient } from "./client.js";
import { undiciSender } from "./send-undici.js";
import { settleForMiddleware, useLightRequests } from "./fast-path.js";

export * from "./common.js";
export { exact, type Exact } from "./exact.js";
export { undiciSender } from "./send-undici.js";

/** Creates an openapi-fetch client for the given `paths`, pointed at HubSpot by default. */
export const createHubSpotClient = makeCreateHubSpotClient(
  undiciSender(),
  useLightRequests,
  settleForMiddleware,
);
