/**
 * Exactly once, for every bulk helper: each interruption (a DAILY 429, an abort, rolling 429s until
 * the resends run out, attempts that time out) in the first round of requests and again after a
 * round whose answers were all lost, against a scripted HubSpot on 127.0.0.1 that records what it
 * received and what it stored. Every input must end in one list, agreeing with the store:
 * succeeded only if stored, failed with `outcomeUnknown: true` whenever stored, notAttempted only if
 * never received; a recording (not idempotent) is never sent twice once it may have been applied.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import {
  VirtualClock,
  bulkArchive,
  bulkDelete,
  bulkRecordParticipation,
  bulkUpdate,
  bulkUpsert,
  createClient,
  type BulkResult,
} from "@org/mkt-events-2026-09";
import { startTestServer, type Reply } from "./helpers/http-server.js";

type Client = ReturnType<typeof createClient>;
type In = Record<string, unknown>;

/** Each helper: its inputs, the key the store knows an input by, and HubSpot's answer when applied. */
const helpers: {
  name: string;
  idempotent: boolean;
  input: (n: number) => In;
  key: (i: In) => string;
  applied: (inputs: In[]) => Reply;
  run: (client: Client, inputs: In[], options: Record<string, unknown>) => Promise<BulkResult<In, unknown>>;
}[] = [
  {
    name: "bulkUpsert",
    idempotent: true,
    input: (n) => ({
      externalAccountId: "a",
      externalEventId: `e-${n}`,
      eventName: "E",
      eventOrganizer: "O",
      customProperties: [],
    }),
    key: (i) => String(i.externalEventId),
    applied: (inputs) =>
      batch(inputs.map((i) => ({ ...i, id: i.externalEventId, objectId: `o-${i.externalEventId}` }))),
    run: (c, i, o) => bulkUpsert(c, i as never, o) as never,
  },
  {
    name: "bulkUpdate",
    idempotent: true,
    input: (n) => ({ objectId: `o-${n}`, eventName: "Renamed", customProperties: [] }),
    key: (i) => String(i.objectId),
    applied: (inputs) => batch(inputs.map((i) => ({ ...i, id: i.objectId }))),
    run: (c, i, o) => bulkUpdate(c, i as never, o) as never,
  },
  {
    name: "bulkDelete",
    idempotent: true,
    input: (n) => ({ appId: 7, externalAccountId: "a", externalEventId: `e-${n}` }),
    key: (i) => String(i.externalEventId),
    applied: () => ({ status: 204 }),
    run: (c, i, o) => bulkDelete(c, i as never, o) as never,
  },
  {
    name: "bulkArchive",
    idempotent: true,
    input: (n) => ({ objectId: `o-${n}` }),
    key: (i) => String(i.objectId),
    applied: () => ({ status: 204 }),
    run: (c, i, o) => bulkArchive(c, i as never, o) as never,
  },
  {
    name: "bulkRecordParticipation",
    idempotent: false,
    input: (n) => ({ email: `p${n}@example.com`, interactionDateTime: 1_776_268_800_000 }),
    key: (i) => String(i.email),
    applied: (inputs) => batch(inputs.map((i, n) => ({ email: i.email, vid: n + 1 }))),
    run: (c, i, o) =>
      bulkRecordParticipation(
        c,
        { event: { externalAccountId: "a", externalEventId: "webinar" }, state: "attend", by: "email" },
        i as never,
        o,
      ) as never,
  },
];

function batch(results: unknown[]): Reply {
  return {
    status: 200,
    body: {
      status: "COMPLETE",
      startedAt: "2026-04-01T00:00:00Z",
      completedAt: "2026-04-01T00:00:01Z",
      results,
    },
  };
}

const limited = (policyName: string): Reply => ({
  status: 429,
  headers: { "retry-after": "1" },
  body: { status: "error", category: "RATE_LIMITS", message: "limit", policyName, correlationId: "c" },
});

/** What the n-th request (1-based) meets: applied and answered, applied with the answer lost, ... */
type Step = "ok" | "lost" | "slow" | "daily" | "rolling" | "abort";

const interruptions: { name: string; step: Step; timeoutMs?: number }[] = [
  { name: "a DAILY 429", step: "daily" },
  { name: "rolling 429s until the resends run out", step: "rolling" },
  { name: "an abort", step: "abort" },
  { name: "timeouts (applied, answered too late)", step: "slow", timeoutMs: 100 },
];

const BATCHES = 2; // 200 inputs in batches of 100, one at a time
const RETRIES = 2;

describe.each(helpers)("$name: every input accounted once", (helper) => {
  it.each(
    interruptions.flatMap((i) => [
      { ...i, round: 0 },
      { ...i, round: 1 },
    ]),
  )("$name in round $round", async ({ step, timeoutMs, round }) => {
    const controller = new AbortController();
    const received = new Map<string, number>();
    const stored = new Map<string, number>();
    let n = 0;
    // Round 1 starts after every attempt of round 0 (each batch and its resends) lost its answer.
    const lostRequests = round === 0 ? 0 : helper.idempotent ? BATCHES * (1 + RETRIES) : BATCHES;
    const server = await startTestServer(async (req) => {
      const inputs = (req.body as { inputs: In[] }).inputs;
      for (const i of inputs) received.set(helper.key(i), (received.get(helper.key(i)) ?? 0) + 1);
      const apply = () =>
        inputs.forEach((i) => stored.set(helper.key(i), (stored.get(helper.key(i)) ?? 0) + 1));
      const now: Step = ++n <= lostRequests ? "lost" : step;
      if (now === "lost") return (apply(), "reset");
      if (now === "slow") {
        apply();
        await new Promise((r) => setTimeout(r, 300));
        return helper.applied(inputs);
      }
      if (now === "daily") return limited("DAILY");
      if (now === "rolling") return limited("TEN_SECONDLY_ROLLING");
      controller.abort();
      return { status: 503, body: { status: "error", category: "SERVICE_UNAVAILABLE", message: "busy" } };
    });
    onTestFinished(() => server.close());
    const client = createClient({
      baseUrl: server.url,
      auth: "pat-na1-interruptions",
      clock: new VirtualClock(),
      retry: { retries: RETRIES },
      rateLimit: false,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    const inputs = Array.from({ length: 200 }, (_, k) => helper.input(k));
    const result = await helper.run(client, inputs, { concurrency: 1, signal: controller.signal });

    expect(n).toBeGreaterThan(0);
    expect(result.failed.filter((f) => f.error.kind === "invalid-input")).toEqual([]);
    const lists = [...result.succeeded, ...result.failed, ...result.notAttempted].map((o) => o.index);
    expect(lists.sort((a, b) => a - b)).toEqual(inputs.map((_, k) => k));
    for (const s of result.succeeded) expect(stored.has(helper.key(s.input))).toBe(true);
    for (const f of result.failed)
      if (stored.has(helper.key(f.input))) expect(f.error.outcomeUnknown, f.error.message).toBe(true);
    for (const na of result.notAttempted) expect(received.get(helper.key(na.input)) ?? 0).toBe(0);
    // A recording is resent only when HubSpot certainly did not apply it: never applied twice.
    if (!helper.idempotent) for (const count of stored.values()) expect(count).toBe(1);
    if (round === 1) {
      // Everything sent in round 0 may have been applied: none of it can be reported otherwise.
      expect(stored.size).toBe(200);
      expect(result.notAttempted).toEqual([]);
      expect(result.failed.every((f) => f.error.outcomeUnknown)).toBe(true);
    }
  });
});
