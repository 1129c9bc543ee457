/**
 * Routing: a literal path segment wins over a parameter (`/events/search` is not
 * `/events/{externalEventId}`, `participations/{id}/breakdown` is not
 * `participations/{externalAccountId}/{externalEventId}`), and a version whose list-all path lies
 * outside its common prefix (v3's `/marketing/marketing-events/v3`) is still served as `GET /`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specs, startMockServer, type MockServer } from "../src/index.js";
import { pathSuffix, versionPrefix } from "../src/path-prefix.mjs";
import { V2026, V3, call, event } from "./helpers.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false });
});
afterAll(() => mock.close());

describe("literal segments before parameters", () => {
  it("GET /events/search is the search, not a read of the event `search`", async () => {
    await call(mock.url, "POST", `${V2026}/events/upsert`, { body: { inputs: [event("search")] } });
    const res = await call(mock.url, "GET", `${V2026}/events/search?q=evt-search`);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(mock.state.requests.at(-1)?.operation).toBe("GET /events/search");
  });

  it("participations/{marketingEventId}/breakdown is the breakdown, not counters by external ids", async () => {
    const up = await call(mock.url, "POST", `${V3}/events/upsert`, { body: { inputs: [event("p")] } });
    const objectId = up.body.results[0].objectId;
    const res = await call(mock.url, "GET", `${V3}/participations/${objectId}/breakdown`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 0, results: [] });
    expect(mock.state.requests.at(-1)?.operation).toBe("GET /participations/{marketingEventId}/breakdown");
    const contacts = await call(mock.url, "GET", `${V3}/participations/contacts/a@b.c/breakdown`);
    expect(mock.state.requests.at(-1)?.operation).toBe(
      "GET /participations/contacts/{contactIdentifier}/breakdown",
    );
    expect(contacts.status).toBe(200);
  });

  it("a parameter that must be an integer gets 400, in HubSpot's error shape", async () => {
    const res = await call(mock.url, "GET", `${V3}/participations/not-a-number/breakdown`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ category: "VALIDATION_ERROR", errors: [{ in: "marketingEventId" }] });
  });
});

describe("a path outside the version's prefix", () => {
  it("versionPrefix ignores one outlier; pathSuffix makes it `/`", () => {
    const paths = [
      `${V3}/events`,
      `${V3}/events/upsert`,
      `${V3}/{objectId}`,
      "/marketing/marketing-events/v3",
    ];
    expect(versionPrefix(paths)).toBe(V3);
    expect(pathSuffix("/marketing/marketing-events/v3", V3)).toBe("/");
    expect(pathSuffix(`${V3}/`, V3)).toBe("/");
  });

  it("a spec with list-all at /marketing/marketing-events/v3 is served as list-all", async () => {
    const doc = structuredClone(specs.v3) as any;
    const listAll = Object.keys(doc.paths).find(
      (p) => doc.paths[p].get && !p.includes("{") && p.endsWith("/"),
    );
    const path = listAll ?? "/marketing/marketing-events/v3";
    const item = doc.paths[path];
    delete doc.paths[path];
    doc.paths["/marketing/marketing-events/v3"] = item;
    const custom = await startMockServer({ rateLimit: false, specs: { v3: doc } });
    try {
      await call(custom.url, "POST", `${V3}/events/upsert`, { body: { inputs: [event(1), event(2)] } });
      const res = await call(custom.url, "GET", "/marketing/marketing-events/v3?limit=1");
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(1);
      expect(res.body.paging.next.after).toBe(res.body.results[0].objectId);
      expect(custom.state.requests.at(-1)?.operation).toBe("GET /");
      // HubSpot's Node SDK lists at the prefix itself, with a trailing slash.
      const sdkPath = await call(custom.url, "GET", `${V3}/?limit=1`);
      expect(sdkPath.status).toBe(200);
      expect(sdkPath.body.results).toEqual(res.body.results);
      expect(custom.state.responseViolations).toEqual([]);
    } finally {
      await custom.close();
    }
  });
});
