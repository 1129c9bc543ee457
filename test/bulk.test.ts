/**
 * Bulk writes against the mock over 127.0.0.1, with faults: every input is reported exactly once,
 * the store holds each succeeded event once and none that was definitely rejected. Time is
 * virtual (shared by client and mock), so backoff and rate-limit waits cost nothing.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { startMockServer, type MockServerOptions } from "@org/mkt-events-mock";
import {
  BulkValidationError,
  VirtualClock,
  bulkUpdate,
  bulkUpsert,
  type BulkProgress,
  type BulkResult,
} from "@org/mkt-events-core";
import { createClient as create2026 } from "@org/mkt-events-2026-03";
import { createClient as createV3 } from "@org/mkt-events-v3";
import { startTestServer, type Handler } from "./helpers/http-server.js";

const event = (n: number, account = "acct-1") => ({
  externalAccountId: account,
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  startDateTime: "2026-04-15T16:00:00Z",
  customProperties: [{ name: "seq", value: String(n) }],
});

/** A mock HubSpot on 127.0.0.1, closed when the test ends (passed or not). */
async function mockFor(options?: MockServerOptions) {
  const mock = await startMockServer(options);
  onTestFinished(() => mock.close());
  return mock;
}

/** A scripted server on 127.0.0.1, closed when the test ends. */
async function serverFor(handler: Handler) {
  const server = await startTestServer(handler);
  onTestFinished(() => server.close());
  return server;
}

/** Each input index appears in exactly one of the three lists, and they add up. */
function expectPartition(result: BulkResult<unknown, unknown>, total: number) {
  const seen = [...result.succeeded, ...result.failed, ...result.notAttempted]
    .map((o) => o.index)
    .sort((a, b) => a - b);
  expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
  expect(result.total).toBe(total);
}

describe("bulkUpsert + bulkUpdate under faults", () => {
  it("10,000 events with 429s, 5xx, resets, lost responses and item errors: nothing lost, nothing doubled", async () => {
    const clock = new VirtualClock();
    const mock = await mockFor({
      clock,
      faults: {
        seed: 2026,
        rate429: 0.1,
        rate5xx: 0.05,
        resetRate: 0.02,
        lostResponseRate: 0.02,
        itemErrorRate: 0.01,
      },
    });
    const client = create2026({ baseUrl: mock.url, auth: "pat-na1-bulk", clock, retry: { retries: 10 } });
    const inputs = Array.from({ length: 10_000 }, (_, n) => event(n));
    const progress: BulkProgress[] = [];
    const result = await bulkUpsert(client, inputs, {
      concurrency: 4,
      onProgress: (p) => progress.push(p),
    });

    expectPartition(result, 10_000);
    expect(result.notAttempted).toEqual([]);
    expect(result.succeeded.length).toBeGreaterThan(9_700);
    expect(result.retries).toBeGreaterThan(10);
    expect(result.requests).toBe(mock.state.counters.requests);
    expect(mock.state.responseViolations).toEqual([]);

    const store = mock.state.events;
    for (const s of result.succeeded) {
      const stored = store.findByKey(s.input.externalAccountId, s.input.externalEventId);
      expect(stored?.eventName).toBe(s.input.eventName);
      expect(s.record.id).toBe(s.input.externalEventId);
    }
    for (const f of result.failed) {
      const stored = store.findByKey(f.input.externalAccountId, f.input.externalEventId);
      if (!f.error.outcomeUnknown)
        expect(stored, `definitely rejected input ${f.index} is stored`).toBeUndefined();
    }
    // One stored event per key: never a duplicate, whatever was resent.
    const keys = store.all().map((e) => `${e.externalAccountId}/${e.externalEventId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(store.size).toBeGreaterThanOrEqual(result.succeeded.length);
    expect(store.size).toBeLessThanOrEqual(
      result.succeeded.length + result.failed.filter((f) => f.error.outcomeUnknown).length,
    );

    const last = progress.at(-1)!;
    expect(last).toMatchObject({
      total: 10_000,
      done: 10_000,
      succeeded: result.succeeded.length,
      failed: result.failed.length,
    });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));

    // Update 1,000 of them through the v3 client: same store, same guarantees.
    const v3 = createV3({ baseUrl: mock.url, auth: "pat-na1-bulk", clock, retry: { retries: 10 } });
    const updates = result.succeeded.slice(0, 1_000).map((s) => ({
      objectId: s.record.objectId as string,
      eventName: `${s.input.eventName} (updated)`,
      customProperties: [{ name: "updated", value: "yes" }],
    }));
    const updated = await bulkUpdate(v3, updates);
    expectPartition(updated, 1_000);
    expect(updated.succeeded.length).toBeGreaterThan(950);
    for (const s of updated.succeeded) {
      expect(s.record.objectId).toBe(s.input.objectId);
      expect(store.get(s.input.objectId)?.eventName).toMatch(/\(updated\)$/);
    }
    for (const f of updated.failed) {
      if (!f.error.outcomeUnknown) expect(store.get(f.input.objectId)?.eventName).not.toMatch(/\(updated\)$/);
    }
  });

  it("a DAILY 429 stops the run without retrying it; the rest is not attempted", async () => {
    const clock = new VirtualClock();
    const mock = await mockFor({ clock, rateLimit: { dailyMax: 3 } });
    const client = create2026({ baseUrl: mock.url, auth: "t", clock });
    const result = await bulkUpsert(
      client,
      Array.from({ length: 1_000 }, (_, n) => event(n)),
      { concurrency: 1 },
    );
    expectPartition(result, 1_000);
    expect(result.succeeded).toHaveLength(300);
    expect(result.failed).toHaveLength(100);
    expect(result.failed[0]?.error).toMatchObject({
      kind: "request-failed",
      details: { status: 429, outcomeUnknown: false },
    });
    expect(result.notAttempted).toHaveLength(600);
    expect(result.notAttempted[0]?.reason).toBe("daily-limit");
    expect(result.requests).toBe(4);
    expect(result.retries).toBe(0);
  });

  it("an abort mid-run reports the unsent inputs as notAttempted", async () => {
    const clock = new VirtualClock();
    const mock = await mockFor({ clock });
    const client = create2026({ baseUrl: mock.url, auth: "t", clock });
    const controller = new AbortController();
    const result = await bulkUpsert(
      client,
      Array.from({ length: 2_000 }, (_, n) => event(n)),
      {
        concurrency: 2,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.succeeded >= 500) controller.abort();
        },
      },
    );
    expectPartition(result, 2_000);
    expect(result.notAttempted.length).toBeGreaterThan(0);
    expect(result.notAttempted.every((n) => n.reason === "aborted")).toBe(true);
    // In-flight batches were cut off: HubSpot may or may not have applied them.
    const unknown = result.failed.filter((f) => f.error.outcomeUnknown);
    expect(unknown.every((f) => f.error.kind === "aborted")).toBe(true);
    expect(mock.state.events.size).toBeGreaterThanOrEqual(result.succeeded.length);
    expect(mock.state.events.size).toBeLessThanOrEqual(result.succeeded.length + unknown.length);
  });

  it("checks inputs as batches are cut (the first request does not wait for all); a stopped run still reports every invalid one", async () => {
    const clock = new VirtualClock();
    const mock = await mockFor({ clock });
    const client = create2026({ baseUrl: mock.url, auth: "t", clock });
    const controller = new AbortController();
    let checks = 0;
    let checksAtFirstAnswer: number | undefined;
    const inputSchema = Object.assign(() => (checks++, true), { errors: null });
    const inputs = Array.from({ length: 3_000 }, (_, n) =>
      n % 7 === 3 ? { ...event(n), eventName: "" } : event(n),
    );
    const result = await bulkUpsert(client, inputs, {
      concurrency: 2,
      inputSchema,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.requests === 0) return;
        checksAtFirstAnswer ??= checks;
        controller.abort();
      },
    });
    expectPartition(result, 3_000);
    expect(checksAtFirstAnswer).toBeLessThanOrEqual(400); // a few batches' worth, not 3,000
    expect(checks).toBe(3_000); // each input checked once, the unsent ones when the run stopped
    const invalid = result.failed.filter((f) => f.error.kind === "invalid-input").map((f) => f.index);
    expect(invalid).toEqual(inputs.flatMap((_, n) => (n % 7 === 3 ? [n] : [])));
    expect(result.notAttempted.length).toBeGreaterThan(2_000);
    expect(result.notAttempted.every((n) => n.reason === "aborted" && n.index % 7 !== 3)).toBe(true);
  });
});

describe("keepSucceeded: false", () => {
  it("keeps only the failures: succeeded inputs are counted, applied, and not held", async () => {
    const clock = new VirtualClock();
    const mock = await mockFor({ clock });
    const client = create2026({ baseUrl: mock.url, auth: "t", clock });
    const inputs = Array.from({ length: 300 }, (_, n) =>
      n % 60 === 7 ? { ...event(n), eventName: "" } : event(n),
    );
    const progress: BulkProgress[] = [];
    const result = await bulkUpsert(client, inputs, {
      keepSucceeded: false,
      onProgress: (p) => progress.push(p),
    });
    expect(result.succeeded).toEqual([]);
    expect(result.succeededCount).toBe(295);
    expect(result.failed.map((f) => f.index)).toEqual([7, 67, 127, 187, 247]);
    expect(result.notAttempted).toEqual([]);
    expect(mock.state.events.size).toBe(295);
    expect(progress.at(-1)).toMatchObject({ total: 300, done: 300, succeeded: 295, failed: 5 });
    // The default keeps each one with HubSpot's record of it.
    const kept = await bulkUpsert(client, inputs.slice(0, 10));
    expect(kept.succeededCount).toBe(9);
    expect(kept.succeeded.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9]);
  });
});

describe("transient per-item errors", () => {
  it("are sent again in later rounds (itemRetries), and reported when they persist", async () => {
    const run = async (itemRetries: number) => {
      const clock = new VirtualClock();
      const mock = await mockFor({ clock, faults: { seed: 5, itemErrorRate: 0.3 } });
      const client = create2026({ baseUrl: mock.url, auth: "t", clock });
      const result = await bulkUpsert(
        client,
        Array.from({ length: 500 }, (_, n) => event(n)),
        { itemRetries },
      );
      expectPartition(result, 500);
      expect(
        result.failed.every(
          (f) => f.error.kind === "rejected" && f.error.details.category === "INTERNAL_ERROR",
        ),
      ).toBe(true);
      expect(mock.state.events.size).toBe(result.succeeded.length);
      return { result, requests: mock.state.counters.requests };
    };
    const none = await run(0);
    const three = await run(3);
    expect(none.requests).toBe(5);
    expect(none.result.failed.length).toBeGreaterThan(100);
    expect(three.requests).toBeGreaterThan(5);
    expect(three.result.failed.length).toBeLessThan(15); // 0.3^4 of 500 is about 4
  });
});

describe("bad arguments", () => {
  it("are refused with a clear error before anything is sent; a throwing onProgress loses nothing", async () => {
    const mock = await mockFor();
    const client = createV3({ baseUrl: mock.url, auth: "t" });
    await expect(bulkUpsert(client, null as never)).rejects.toThrow("inputs must be an array, got null");
    await expect(bulkUpsert(client, [], { maxBatchSize: 0 })).rejects.toThrow(
      "maxBatchSize must be a whole number >= 1, got 0",
    );
    await expect(bulkUpsert({} as never, [])).rejects.toThrow("expected a client made by createClient()");
    expect(mock.state.requests).toEqual([]);
    const result = await bulkUpsert(client, [event(1), event(2)], {
      onProgress: () => {
        throw new Error("UI went away");
      },
    });
    expectPartition(result, 2);
    expect(result.succeeded).toHaveLength(2);
  });
});

describe("pre-validation", () => {
  const bad = [
    event(0),
    { ...event(1), externalEventId: undefined },
    { ...event(2), startDateTime: "tomorrow" },
    event(0), // duplicate key of input 0
    { ...event(4), customProperties: [{ name: "x" }] },
    { ...event(5), endDateTime: "2026-04-15T15:00:00Z" },
    event(6),
  ] as ReturnType<typeof event>[];

  it("reports bad inputs with index and field, sends only the rest", async () => {
    const mock = await mockFor();
    const client = createV3({ baseUrl: mock.url, auth: "t" });
    const result = await bulkUpsert(client, bad);
    expectPartition(result, bad.length);
    expect(result.succeeded.map((s) => s.index)).toEqual([0, 6]);
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.details.field])).toEqual([
      [1, "invalid-input", "externalEventId"],
      [2, "invalid-input", "startDateTime"],
      [3, "invalid-input", "externalEventId"],
      [4, "invalid-input", "customProperties[0].value"],
      [5, "invalid-input", "endDateTime"],
    ]);
    expect(result.failed[2]?.error.message).toBe(
      "input 3: same externalAccountId + externalEventId as input 0; send one of them",
    );
    expect(mock.state.requests.map((r) => r.inputs)).toEqual([2]);
  });

  it("failFast throws before anything is sent", async () => {
    const mock = await mockFor();
    const client = createV3({ baseUrl: mock.url, auth: "t" });
    const e = await bulkUpsert(client, bad, { failFast: true }).then(
      () => undefined,
      (x: unknown) => x as BulkValidationError,
    );
    expect(e).toBeInstanceOf(BulkValidationError);
    expect(e?.problems.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
    expect(e?.message).toContain("input 2: startDateTime must be an RFC 3339 date-time");
    expect(mock.state.requests).toEqual([]);
  });
});

describe("matching answers to inputs", () => {
  it("goes by key, not by position, and splits inputs sharing an externalEventId across batches", async () => {
    const now = new Date(0).toISOString();
    const server = await serverFor((req) => {
      const inputs = (req.body as { inputs: ReturnType<typeof event>[] }).inputs;
      const [rejected, ...accepted] = inputs;
      return {
        status: 200,
        body: {
          status: "COMPLETE",
          startedAt: now,
          completedAt: now,
          // Results in reverse order; the first input rejected.
          results: accepted.reverse().map((i) => ({
            id: i.externalEventId,
            objectId: `obj-${i.externalEventId}-${i.externalAccountId}`,
            eventName: i.eventName,
            eventOrganizer: "o",
            createdAt: now,
            updatedAt: now,
            customProperties: [],
          })),
          errors: rejected
            ? [
                {
                  status: "error",
                  category: "VALIDATION_ERROR",
                  message: "nope",
                  context: { externalEventId: [rejected.externalEventId] },
                  errors: [],
                  links: {},
                },
              ]
            : [],
        },
      };
    });
    const client = createV3({ baseUrl: server.url, auth: "t" });
    const inputs = [event(1, "a"), event(2, "a"), event(3, "a"), event(1, "b")];
    const result = await bulkUpsert(client, inputs, { maxBatchSize: 10 });
    expectPartition(result, 4);
    expect(server.requests).toHaveLength(2); // evt-1 of account b cannot share a batch with evt-1 of a
    for (const s of result.succeeded)
      expect(s.record.objectId).toBe(`obj-${s.input.externalEventId}-${s.input.externalAccountId}`);
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.outcomeUnknown])).toEqual([
      [0, "rejected", false],
      [3, "rejected", false],
    ]);
  });
});

describe("upsert records whose id is not the externalEventId", () => {
  it("are matched by content where exactly one input fits, never by position", async () => {
    const now = new Date(0).toISOString();
    const server = await serverFor((req) => {
      const inputs = (req.body as { inputs: ReturnType<typeof event>[] }).inputs;
      return {
        status: 200,
        body: {
          status: "COMPLETE",
          startedAt: now,
          completedAt: now,
          // HubSpot-internal ids, reversed order, dates in another ISO spelling.
          results: [...inputs].reverse().map((i, n) => ({
            id: `internal-${n}`,
            objectId: `obj-${n}`,
            eventName: i.eventName,
            eventOrganizer: i.eventOrganizer,
            startDateTime: new Date(i.startDateTime).toISOString(),
            createdAt: now,
            updatedAt: now,
            customProperties: [],
          })),
        },
      };
    });
    const client = createV3({ baseUrl: server.url, auth: "t" });
    const twins = [
      { ...event(7), eventName: "Twin" },
      { ...event(8), eventName: "Twin" },
    ];
    const result = await bulkUpsert(client, [event(1), event(2), ...twins, event(3)], { itemRetries: 0 });
    expectPartition(result, 5);
    for (const s of result.succeeded) expect(s.record.eventName).toBe(s.input.eventName);
    expect(result.succeeded.map((s) => s.index)).toEqual([0, 1, 4]);
    // Two inputs with the same content cannot be told apart: reported, not guessed.
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.outcomeUnknown])).toEqual([
      [2, "unconfirmed", true],
      [3, "unconfirmed", true],
    ]);
  });
});
