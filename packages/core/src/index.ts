// Runtime-neutral entry (browsers, edge runtimes, Deno, Bun): sends with the global fetch.
import { makeCreateHubSpotClient } from "./client.js";
import { globalFetchSender } from "./send.js";

export * from "./common.js";
export { exact, type Exact } from "./exact.js";

/** Creates an openapi-fetch client for the given `paths`, pointed at HubSpot by default. */
export const createHubSpotClient = makeCreateHubSpotClient(globalFetchSender);
