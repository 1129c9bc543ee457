/** HubSpot's semantics: keyed create/upsert, stable objectIds, batch update with 207, shared store. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../src/index.js";
import { V2026, V3, call, event } from "./helpers.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe("serving", () => {
  it("binds 127.0.0.1 on a free port and serves every version in specs/", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.versions).toEqual(expect.arrayContaining(["v3", "2026-03"]));
  });

  it("answers an unknown path 404 and a wrong method 405, in HubSpot's error shape", async () => {
    // `${V3}/nope` would be `/{objectId}` (GET, PATCH, DELETE): a path no template matches.
    const missing = await call(mock.url, "POST", `${V3}/nope/nothing`, { body: {} });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      status: "error",
      category: "OBJECT_NOT_FOUND",
      correlationId: expect.any(String),
    });
    // (GET `${V3}/events/upsert` is GET /events/{externalEventId}, a real operation.)
    const wrong = await call(mock.url, "GET", `${V3}/batch/update`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("POST");
  });
});

describe("create", () => {
  it("assigns a stable objectId and refuses a second event with the same key (409)", async () => {
    const first = await call(mock.url, "POST", `${V3}/events`, { body: event(1) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ objectId: expect.stringMatching(/^\d+$/), eventName: "Event 1" });
    const again = await call(mock.url, "POST", `${V2026}/events`, { body: event(1, { eventName: "Other" }) });
    expect(again.status).toBe(409);
    expect(again.body.category).toBe("CONFLICT");
    expect(mock.state.events.size).toBe(1);
    expect(mock.state.events.findByKey("acct-1", "evt-1")?.eventName).toBe("Event 1");
  });
});

describe("upsert", () => {
  it("creates, then updates the same event rather than creating a second", async () => {
    const created = await call(mock.url, "POST", `${V2026}/events/upsert`, {
      body: { inputs: [event(1), event(2)] },
    });
    expect(created.status).toBe(200);
    expect(created.body.status).toBe("COMPLETE");
    expect(created.body.results).toHaveLength(2);
    const [r1] = created.body.results;
    expect(r1.createdAt).toBe(r1.updatedAt);

    const updated = await call(mock.url, "POST", `${V3}/events/upsert`, {
      body: {
        inputs: [event(1, { eventName: "Renamed", customProperties: [{ name: "room", value: "A" }] })],
      },
    });
    expect(updated.body.results[0].objectId).toBe(r1.objectId);
    expect(updated.body.results[0].eventName).toBe("Renamed");
    expect(updated.body.results[0].createdAt).toBe(r1.createdAt);
    expect(mock.state.events.size).toBe(2);
    expect(mock.state.events.get(r1.objectId)?.customProperties).toEqual([
      { name: "platform", value: "zoom" },
      { name: "room", value: "A" },
    ]);
  });
});

describe("batch/update", () => {
  it("answers 200 when every objectId exists, 207 with a StandardError per unknown one", async () => {
    const up = await call(mock.url, "POST", `${V2026}/events/upsert`, {
      body: { inputs: [event(1), event(2)] },
    });
    const [a, b] = up.body.results.map((r: { objectId: string }) => r.objectId);

    const ok = await call(mock.url, "POST", `${V3}/batch/update`, {
      body: {
        inputs: [
          { objectId: a, customProperties: [], eventCancelled: true },
          { objectId: b, customProperties: [] },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { objectId: string }) => r.objectId)).toEqual([a, b]);
    expect(ok.body.results[0]).toMatchObject({
      eventCancelled: true,
      appInfo: { id: expect.any(String), name: expect.any(String) },
    });
    expect(ok.body.errors).toBeUndefined();

    const partial = await call(mock.url, "POST", `${V2026}/batch/update`, {
      body: {
        inputs: [
          { objectId: a, customProperties: [], eventName: "New" },
          { objectId: "404404", customProperties: [] },
        ],
      },
    });
    expect(partial.status).toBe(207);
    expect(partial.body.results).toHaveLength(1);
    expect(partial.body.numErrors).toBe(1);
    expect(partial.body.errors[0]).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      context: { objectId: ["404404"] },
    });
    expect(mock.state.events.get(a)?.eventName).toBe("New");
    expect(mock.state.responseViolations).toEqual([]);
  });

  it("refuses more inputs than maxBatchSize with 400", async () => {
    const small = await startMockServer({ rateLimit: false, maxBatchSize: 3 });
    try {
      const res = await call(small.url, "POST", `${V3}/events/upsert`, {
        body: { inputs: [1, 2, 3, 4].map((n) => event(n)) },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ in: "inputs", code: "TOO_MANY_INPUTS" });
      expect(small.state.events.size).toBe(0);
      const fits = await call(small.url, "POST", `${V3}/events/upsert`, {
        body: { inputs: [1, 2, 3].map((n) => event(n)) },
      });
      expect(fits.status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("inspection", () => {
  it("logs every request without the token, and counts by status and operation", async () => {
    await call(mock.url, "POST", `${V3}/events/upsert`, {
      token: "pat-na1-secret-token",
      body: { inputs: [event(1)] },
    });
    await call(mock.url, "POST", `${V3}/events/upsert`, { token: null, body: { inputs: [event(1)] } });
    expect(mock.state.requests).toHaveLength(2);
    expect(mock.state.requests[0]).toMatchObject({
      method: "POST",
      path: `${V3}/events/upsert`,
      version: "v3",
      operation: "POST /events/upsert",
      status: 200,
      inputs: 1,
      credential: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
    });
    expect(JSON.stringify(mock.state)).not.toContain("secret-token");
    expect(mock.state.counters.byStatus).toEqual({ "200": 1, "401": 1 });
    expect(mock.state.counters.byOperation).toEqual({ "v3 POST /events/upsert": 1 });
  });
});

describe("request log", () => {
  it("keeps the newest maxLogEntries entries while the counters keep counting", async () => {
    const small = await startMockServer({ rateLimit: false, maxLogEntries: 3 });
    try {
      for (let n = 0; n < 5; n++)
        await call(small.url, "POST", `${V3}/events/upsert`, { body: { inputs: [event(n)] } });
      expect(small.state.requests).toHaveLength(3);
      expect(small.state.counters.requests).toBe(5);
    } finally {
      await small.close();
    }
  });
});

describe("a new version", () => {
  it("is served with HubSpot's semantics from its spec alone", async () => {
    const { specs } = await import("../src/index.js");
    const renamed = JSON.parse(
      JSON.stringify(specs["2026-03"]).replaceAll(
        "/marketing/marketing-events/2026-03",
        "/marketing/marketing-events/2026-09",
      ),
    );
    const next = await startMockServer({ rateLimit: false, specs: { ...specs, "2026-09": renamed } });
    try {
      expect(next.versions).toContain("2026-09");
      const base = "/marketing/marketing-events/2026-09";
      const up = await call(next.url, "POST", `${base}/events/upsert`, { body: { inputs: [event(9)] } });
      expect(up.status).toBe(200);
      const objectId = up.body.results[0].objectId;
      const upd = await call(next.url, "POST", `${base}/batch/update`, {
        body: {
          inputs: [
            { objectId, customProperties: [] },
            { objectId: "x", customProperties: [] },
          ],
        },
      });
      expect(upd.status).toBe(207);
      const bad = await call(next.url, "POST", `${base}/events/upsert`, { body: { inputs: [{}] } });
      expect(bad.status).toBe(400);
      expect(next.state.requests.map((r) => r.version)).toEqual(["2026-09", "2026-09", "2026-09"]);
    } finally {
      await next.close();
    }
  });
});
