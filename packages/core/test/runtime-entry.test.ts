/** On Node the package sends through undici; the runtime-neutral entry uses the global fetch. */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/http-server.js";
import * as neutral from "../src/index.js";
import * as node from "../src/index.node.js";
import { UPSERT, type Paths } from "./helpers.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, body: { ok: true } }));
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

describe("runtime entries", () => {
  it("the node entry does not touch the global fetch", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const res = await node
      .createHubSpotClient<Paths>({ baseUrl: server.url, auth: "t" })
      .POST(UPSERT, { body: {} });
    expect(res.data).toEqual({ ok: true });
    expect(spy).not.toHaveBeenCalled();
  });

  it("the neutral entry sends with the global fetch", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const res = await neutral
      .createHubSpotClient<Paths>({ baseUrl: server.url, auth: "t" })
      .POST(UPSERT, { body: {} });
    expect(res.data).toEqual({ ok: true });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("Node resolves the package to its node build", () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve("@org/mkt-events-core")).toMatch(/packages\/core\/dist\/index\.node\.cjs$/);
  });
});
