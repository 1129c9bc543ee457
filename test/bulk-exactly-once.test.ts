/**
 * Exactly once when a run is cut short: a scripted HubSpot on 127.0.0.1 that stores what it
 * applies (and may lose the answer), then interrupts the retry round in each way a real run can
 * be interrupted. Every input's reported outcome is checked against what the server stored:
 * stored ⇒ succeeded or failed with outcomeUnknown; notAttempted ⇒ never received.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import {
  HubSpotAuthConfigError,
  VirtualClock,
  bulkUpsert,
  createClient,
  type BulkProgress,
  type BulkResult,
} from "@org/mkt-events-2026-03";
import { startTestServer, type Handler, type RecordedRequest, type Reply } from "./helpers/http-server.js";

type Input = {
  externalAccountId: string;
  externalEventId: string;
  eventName: string;
  eventOrganizer: string;
  startDateTime: string;
  customProperties: { name: string; value: string }[];
};

const event = (n: number): Input => ({
  externalAccountId: "acct-1",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  startDateTime: "2026-04-15T16:00:00Z",
  customProperties: [],
});

/** What the scripted server does with the n-th request (1-based). */
type Step = "ok" | "lost" | "daily" | "rolling" | "slow" | ((req: RecordedRequest) => Reply | "reset" | "ok");

/** A HubSpot-like upsert endpoint that records what it received and what it stored. */
async function scriptedHubSpot(script: (n: number) => Step) {
  const received = new Map<string, number>();
  const stored = new Map<string, number>();
  let n = 0;
  const apply = (inputs: Input[]) => {
    for (const i of inputs) stored.set(i.externalEventId, (stored.get(i.externalEventId) ?? 0) + 1);
  };
  const okReply = (inputs: Input[]): Reply => ({
    status: 200,
    body: {
      status: "COMPLETE",
      startedAt: "2026-04-01T00:00:00Z",
      completedAt: "2026-04-01T00:00:01Z",
      results: inputs.map((i) => ({ ...i, id: i.externalEventId, objectId: `obj-${i.externalEventId}` })),
    },
  });
  const rateLimited = (policyName: string): Reply => ({
    status: 429,
    headers: { "retry-after": "1" },
    body: { status: "error", category: "RATE_LIMITS", message: "limit", policyName, correlationId: "c" },
  });
  const handler: Handler = async (req) => {
    const inputs = (req.body as { inputs: Input[] }).inputs;
    for (const i of inputs) received.set(i.externalEventId, (received.get(i.externalEventId) ?? 0) + 1);
    const step = script(++n);
    const outcome = typeof step === "function" ? step(req) : step;
    if (outcome === "ok") {
      apply(inputs);
      return okReply(inputs);
    }
    if (outcome === "lost") {
      apply(inputs);
      return "reset";
    }
    if (outcome === "slow") {
      apply(inputs);
      await new Promise((r) => setTimeout(r, 400));
      return okReply(inputs);
    }
    if (outcome === "daily") return rateLimited("DAILY");
    if (outcome === "rolling") return rateLimited("TEN_SECONDLY_ROLLING");
    return outcome;
  };
  const server = await startTestServer(handler);
  onTestFinished(() => server.close());
  return { server, received, stored, requests: () => n };
}

/** Every input in exactly one list, and each list consistent with what the server stored. */
function expectAccounted(
  result: BulkResult<{ externalEventId: string }, unknown>,
  inputs: Input[],
  hub: { received: Map<string, number>; stored: Map<string, number> },
) {
  const seen = [...result.succeeded, ...result.failed, ...result.notAttempted].map((o) => o.index);
  expect(seen.sort((a, b) => a - b)).toEqual(inputs.map((_, i) => i));
  for (const s of result.succeeded) expect(hub.stored.has(s.input.externalEventId)).toBe(true);
  for (const f of result.failed) {
    if (hub.stored.has(f.input.externalEventId)) expect(f.error.outcomeUnknown, f.error.message).toBe(true);
  }
  for (const na of result.notAttempted) expect(hub.received.get(na.input.externalEventId) ?? 0).toBe(0);
}

const clientFor = (url: string, extra: Record<string, unknown> = {}) =>
  createClient({
    baseUrl: url,
    auth: "pat-na1-exactly-once",
    clock: new VirtualClock(),
    retry: { retries: 2 },
    rateLimit: false,
    ...extra,
  });

describe("interrupted retry rounds: uncertainty is sticky", () => {
  // Round 0: both batches are applied but every answer (and every transport retry's) is lost.
  const LOST_ROUND = 6; // 2 batches x (1 + 2 retries)
  const controller = { current: new AbortController() };
  const cases: { name: string; then: Step; timeoutMs?: number; signal?: boolean }[] = [
    { name: "a DAILY 429 in the retry round", then: "daily" },
    { name: "rolling 429s until the retries run out", then: "rolling" },
    {
      name: "an abort during the retry round",
      then: () => {
        controller.current.abort();
        return { status: 503, body: { status: "error", category: "SERVICE_UNAVAILABLE", message: "x" } };
      },
      signal: true,
    },
  ];
  it.each(cases)("$name: 200 stored inputs are never notAttempted nor known-failed", async (c) => {
    controller.current = new AbortController();
    const hub = await scriptedHubSpot((n) => (n <= LOST_ROUND ? "lost" : c.then));
    const inputs = Array.from({ length: 200 }, (_, n) => event(n));
    const result = await bulkUpsert(clientFor(hub.server.url), inputs, {
      concurrency: 2,
      ...(c.signal ? { signal: controller.current.signal } : {}),
    });
    expectAccounted(result, inputs, hub);
    expect(hub.stored.size).toBe(200);
    expect(result.notAttempted).toEqual([]);
    expect(result.failed).toHaveLength(200);
    expect(result.failed.every((f) => f.error.outcomeUnknown)).toBe(true);
  });

  it("timeouts in round 0 (applied, answered too late), then a DAILY 429", async () => {
    const hub = await scriptedHubSpot((n) => (n <= LOST_ROUND ? "slow" : "daily"));
    const inputs = Array.from({ length: 200 }, (_, n) => event(n));
    const result = await bulkUpsert(clientFor(hub.server.url, { timeoutMs: 100 }), inputs, {
      concurrency: 2,
    });
    expectAccounted(result, inputs, hub);
    expect(result.notAttempted).toEqual([]);
    expect(result.failed.every((f) => f.error.outcomeUnknown)).toBe(true);
  });

  it("a DAILY 429 after some batches: stored ones succeed, sent ones fail known, unsent are notAttempted", async () => {
    const hub = await scriptedHubSpot((n) => (n <= 2 ? "ok" : "daily"));
    const inputs = Array.from({ length: 1000 }, (_, n) => event(n));
    const result = await bulkUpsert(clientFor(hub.server.url), inputs, { concurrency: 1 });
    expectAccounted(result, inputs, hub);
    expect(result.succeeded).toHaveLength(200);
    expect(result.failed).toHaveLength(100);
    expect(result.failed.every((f) => !f.error.outcomeUnknown && f.error.details.status === 429)).toBe(true);
    expect(result.notAttempted).toHaveLength(700);
    expect(new Set(result.notAttempted.map((n) => n.reason))).toEqual(new Set(["daily-limit"]));
  });
});

describe("one bad input costs only itself", () => {
  it("a batch refused for inputs[i] fails exactly those and resends the others at once", async () => {
    const bad = new Set(["evt-42", "evt-137"]);
    const hub = await scriptedHubSpot(() => (req) => {
      const inputs = (req.body as { inputs: Input[] }).inputs;
      const at = inputs.findIndex((i) => bad.has(i.externalEventId));
      if (at < 0) return "ok";
      return {
        status: 400,
        body: {
          status: "error",
          category: "VALIDATION_ERROR",
          correlationId: "c",
          message: "Invalid input",
          errors: [{ message: "startDateTime is not valid", in: `inputs[${at}].startDateTime` }],
        },
      };
    });
    const inputs = Array.from({ length: 200 }, (_, n) => event(n));
    const result = await bulkUpsert(clientFor(hub.server.url), inputs);
    expectAccounted(result, inputs, hub);
    expect(hub.stored.size).toBe(198);
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.details.field])).toEqual([
      [42, "rejected", "startDateTime"],
      [137, "rejected", "startDateTime"],
    ]);
    expect(result.failed[0]!.error.message).toContain("startDateTime is not valid");
    expect(result.retries).toBe(0);
  });
});

describe("fail fast on what retrying cannot fix", () => {
  it("a host that refuses connections ends a 5,000-event run after a few attempts", async () => {
    const dead = await startTestServer();
    const url = dead.url;
    await dead.close();
    const client = createClient({ baseUrl: url, auth: "pat-na1-x", clock: new VirtualClock() });
    const inputs = Array.from({ length: 5000 }, (_, n) => event(n));
    const result = await bulkUpsert(client, inputs);
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.notAttempted).toHaveLength(5000);
    expect(new Set(result.notAttempted.map((n) => n.reason))).toEqual(new Set(["host-unreachable"]));
    expect(result.requests).toBeLessThanOrEqual(8);
  });

  it("an empty token throws one clear error before anything is sent", async () => {
    const hub = await scriptedHubSpot(() => "ok");
    const client = createClient({ baseUrl: hub.server.url, auth: "" });
    const inputs = Array.from({ length: 10_000 }, (_, n) => event(n));
    await expect(bulkUpsert(client, inputs)).rejects.toThrow(HubSpotAuthConfigError);
    await expect(bulkUpsert(client, inputs)).rejects.toThrow(/token is empty/);
    expect(hub.requests()).toBe(0);
  });

  it("a token provider that starts throwing mid-run stops it; unsent inputs say why", async () => {
    const hub = await scriptedHubSpot(() => "ok");
    let calls = 0;
    const client = clientFor(hub.server.url, {
      auth: () => {
        if (++calls > 3) throw new Error("vault sealed");
        return "pat-na1-from-vault";
      },
    });
    const inputs = Array.from({ length: 1000 }, (_, n) => event(n));
    const result = await bulkUpsert(client, inputs, { concurrency: 1 });
    expectAccounted(result, inputs, hub);
    expect(result.succeeded).toHaveLength(200); // the first call checks the auth option
    expect(result.failed).toEqual([]);
    expect(result.notAttempted).toHaveLength(800);
    expect(new Set(result.notAttempted.map((n) => n.reason))).toEqual(new Set(["auth-config"]));
  });
});

describe("progress", () => {
  it("reports each state once and the final state once", async () => {
    const hub = await scriptedHubSpot((n) => (n === 3 ? "lost" : "ok"));
    const progress: BulkProgress[] = [];
    const inputs = Array.from({ length: 500 }, (_, n) => event(n));
    const result = await bulkUpsert(clientFor(hub.server.url), inputs, {
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    const keys = progress.map((p) => JSON.stringify(p));
    expect(new Set(keys).size).toBe(keys.length);
    expect(progress.at(-1)).toMatchObject({ done: 500, succeeded: result.succeeded.length });
    expect(progress.filter((p) => p.done === 500)).toHaveLength(1);
  });
});

describe("the pre-check is the spec's own request schema plus the rules no schema says", () => {
  it.each([
    ["a start without seconds", { startDateTime: "2026-04-15T16:00Z" }, "startDateTime", /RFC 3339/],
    ["30 February", { startDateTime: "2026-02-30T10:00:00Z" }, "startDateTime", /real date/],
    ["a misspelt optional field", { evenType: "WEBINAR" }, "evenType", /misspelt/],
    ["a wrong type", { eventCancelled: "yes" }, "eventCancelled", /must be boolean/],
    [
      "a value outside an enum",
      { customProperties: [{ name: "a", value: "b", dataSensitivity: "secret" }] },
      "customProperties[0].dataSensitivity",
      /allowed values: high, none, standard/,
    ],
    ["a missing required field", { eventOrganizer: undefined }, "eventOrganizer", /is required/],
  ])("%s is reported before sending, the rest is sent", async (_, change, field, message) => {
    const hub = await scriptedHubSpot(() => "ok");
    const inputs = Array.from({ length: 5 }, (_, n) => event(n));
    inputs[2] = JSON.parse(JSON.stringify({ ...inputs[2], ...change })) as Input;
    const result = await bulkUpsert(clientFor(hub.server.url), inputs);
    expectAccounted(result, inputs, hub);
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.details.field])).toEqual([
      [2, "invalid-input", field],
    ]);
    expect(result.failed[0]!.error.message).toMatch(message);
    expect(hub.received.has("evt-2")).toBe(false);
    expect(hub.stored.size).toBe(4);
  });

  it("allowUnknownFields sends fields the spec does not declare", async () => {
    const hub = await scriptedHubSpot(() => "ok");
    const inputs = [{ ...event(0), evenType: "WEBINAR" }];
    const result = await bulkUpsert(clientFor(hub.server.url), inputs, { allowUnknownFields: true });
    expect(result.succeeded).toHaveLength(1);
    expect(hub.stored.has("evt-0")).toBe(true);
  });
});

describe("a failed request does not hold a worker", () => {
  it("its inputs go into a later batch after exactly HubSpot's Retry-After, while other batches go on", async () => {
    const clock = new VirtualClock();
    const seen: { first: string; at: number }[] = [];
    let n = 0;
    const hub = await scriptedHubSpot(() => (req) => {
      const inputs = (req.body as { inputs: Input[] }).inputs;
      seen.push({ first: inputs[0]!.externalEventId, at: clock.now() });
      if (++n === 1) {
        return {
          status: 429,
          headers: { "retry-after": "2" },
          body: {
            status: "error",
            category: "RATE_LIMITS",
            message: "slow",
            policyName: "TEN_SECONDLY_ROLLING",
          },
        };
      }
      return "ok";
    });
    const client = createClient({ baseUrl: hub.server.url, auth: "pat-na1-x", clock, rateLimit: false });
    const inputs = Array.from({ length: 300 }, (_, i) => event(i));
    const start = clock.now();
    const result = await bulkUpsert(client, inputs, { concurrency: 1 });
    expect(result.succeeded).toHaveLength(300);
    // The refused batch (evt-0...) is not resent at once: the next two batches go first...
    expect(seen.map((s) => s.first)).toEqual(["evt-0", "evt-100", "evt-200", "evt-0"]);
    // ...and it goes again exactly when HubSpot said, not later.
    expect(seen[3]!.at - start).toBe(2000);
    expect(hub.stored.size).toBe(300);
  });
});

describe("resend budgets", () => {
  it.each([
    { answer: "rolling" as const, succeeds: true }, // a 429 applied nothing: four times the room
    { answer: "5xx" as const, succeeds: false }, // a 503 counts against retry.retries (2)
  ])("a request answered $answer six times in a row: succeeded = $succeeds", async ({ answer, succeeds }) => {
    const hub = await scriptedHubSpot((n) =>
      n > 6
        ? "ok"
        : answer === "rolling"
          ? "rolling"
          : () => ({
              status: 503,
              body: { status: "error", category: "SERVICE_UNAVAILABLE", message: "busy" },
            }),
    );
    const result = await bulkUpsert(clientFor(hub.server.url), [event(0)]);
    expect(result.succeeded.length === 1).toBe(succeeds);
    expect(hub.requests()).toBe(succeeds ? 7 : 3);
  });
});
