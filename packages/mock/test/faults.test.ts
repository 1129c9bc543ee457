/** Seeded fault injection: every mode, its effect on the store, and replayability. */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock, startMockServer, type MockServer, type MockServerOptions } from "../src/index.js";
import { V2026, V3, call, event } from "./helpers.js";

const started: MockServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((m) => m.close()));
});
async function mockWith(options: MockServerOptions): Promise<MockServer> {
  const m = await startMockServer({ rateLimit: false, ...options });
  started.push(m);
  return m;
}
const upsertOne = (m: MockServer, n: number | string = 1) =>
  call(m.url, "POST", `${V3}/events/upsert`, { body: { inputs: [event(n)] } });

describe("faults", () => {
  it("rate429 answers HubSpot's rate-limit body and applies nothing", async () => {
    const m = await mockWith({ faults: { rate429: 1 } });
    const res = await upsertOne(m);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" });
    expect(m.state.events.size).toBe(0);
    expect(m.state.counters.faults["429"]).toBe(1);
    expect(m.state.requests[0]?.fault).toBe("429");
  });

  it("an injected 429 does not use up the window, as HubSpot's own 429 does not", async () => {
    const m = await mockWith({
      faults: { rate429: 1 },
      rateLimit: { max: 2, intervalMs: 10_000 },
      clock: new ManualClock(),
    });
    for (let i = 0; i < 5; i++) expect((await upsertOne(m, i)).status).toBe(429);
    // Every one was the injected fault; none was turned away by a window the faults had filled.
    expect(m.state.requests.map((r) => r.fault)).toEqual(Array(5).fill("429"));
  });

  it("rate5xx answers 500/502/503/504 in HubSpot's error shape and applies nothing", async () => {
    const m = await mockWith({ faults: { rate5xx: 1, seed: 7 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const res = await upsertOne(m, i);
      statuses.add(res.status);
      expect(res.body).toMatchObject({
        status: "error",
        category: "INTERNAL_ERROR",
        correlationId: expect.any(String),
      });
    }
    expect([...statuses].sort()).toEqual([500, 502, 503, 504]);
    expect(m.state.events.size).toBe(0);
  });

  it("resetRate resets the connection before anything is applied", async () => {
    const m = await mockWith({ faults: { resetRate: 1 } });
    await expect(upsertOne(m)).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|socket hang up/i),
    });
    expect(m.state.events.size).toBe(0);
    expect(m.state.requests[0]).toMatchObject({ status: "reset", fault: "reset" });
  });

  it("lostResponseRate applies the write, then resets the connection", async () => {
    const m = await mockWith({ faults: { lostResponseRate: 1 } });
    await expect(upsertOne(m, "lost")).rejects.toBeDefined();
    expect(m.state.events.findByKey("acct-1", "evt-lost")).toBeDefined();
    expect(m.state.requests[0]).toMatchObject({ status: "reset", fault: "lost-response" });
    // Resending the upsert (as a retrying client would) updates the same event, never a second.
    await expect(upsertOne(m, "lost")).rejects.toBeDefined();
    expect(m.state.events.size).toBe(1);
    expect(m.state.counters.faults["lost-response"]).toBe(2);
  });

  it("latency delays the answer by latencyMs of the injected clock", async () => {
    const clock = new ManualClock();
    const m = await mockWith({ clock, faults: { latencyRate: 1, latencyMs: 30_000 } });
    let settled = false;
    const pending = upsertOne(m).then((r) => {
      settled = true;
      return r;
    });
    while (!m.state.counters.byOperation["v3 POST /events/upsert"]) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    clock.advance(30_000);
    expect((await pending).status).toBe(200);
    expect(m.state.requests[0]?.fault).toBe("latency");
  });

  it("itemErrorRate fails some batch items with a per-item error, applying only the rest", async () => {
    const m = await mockWith({ faults: { itemErrorRate: 0.5, seed: 3 } });
    const up = await call(m.url, "POST", `${V2026}/events/upsert`, {
      body: { inputs: Array.from({ length: 20 }, (_, n) => event(n)) },
    });
    expect(up.status).toBe(200);
    const failed = up.body.errors.map(
      (e: { context: { externalEventId: string[] } }) => e.context.externalEventId[0],
    );
    expect(failed.length).toBeGreaterThan(2);
    expect(failed.length).toBeLessThan(18);
    expect(up.body.numErrors).toBe(failed.length);
    expect(up.body.results.length + failed.length).toBe(20);
    expect(m.state.events.size).toBe(up.body.results.length);
    for (const id of failed) expect(m.state.events.findByKey("acct-1", id)).toBeUndefined();

    const ids = up.body.results.map((r: { objectId: string }) => r.objectId);
    const upd = await call(m.url, "POST", `${V3}/batch/update`, {
      body: {
        inputs: ids.map((objectId: string) => ({ objectId, customProperties: [], eventName: "changed" })),
      },
    });
    expect(upd.status).toBe(207);
    expect(upd.body.results.length + upd.body.errors.length).toBe(ids.length);
    expect(m.state.events.all().filter((e) => e.eventName === "changed")).toHaveLength(
      upd.body.results.length,
    );
    expect(m.state.counters.faults["item-error"]).toBe(failed.length + upd.body.errors.length);
    expect(m.state.responseViolations).toEqual([]);
  });

  it("is repeatable: the same seed and traffic give the same faults", async () => {
    const run = async (seed: number) => {
      const m = await mockWith({ faults: { seed, rate429: 0.2, rate5xx: 0.2, resetRate: 0.1 } });
      const outcomes: (number | string)[] = [];
      for (let i = 0; i < 60; i++)
        outcomes.push(
          await upsertOne(m, i).then(
            (r) => r.status,
            () => "reset",
          ),
        );
      return outcomes;
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(await run(43)).not.toEqual(a);
    const share = (v: number | string) => a.filter((o) => o === v).length / a.length;
    expect(share(429)).toBeGreaterThan(0.05);
    expect(share("reset")).toBeGreaterThan(0);
    expect(share(200)).toBeGreaterThan(0.3);
  });
});
