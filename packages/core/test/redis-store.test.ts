/**
 * One rate budget for many processes: the Redis store (`@org/mkt-events-core/redis`) against a
 * real redis-server started for this file. Each "process" is a client with its own registry and
 * its own Redis connection, so nothing is shared but Redis.
 */
import { afterAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { startTestServer, type Reply } from "../../../test/helpers/http-server.js";
import {
  HubSpotRateLimitError,
  RateLimiterRegistry,
  bulkUpsert,
  createHubSpotClient,
  type BulkOptions,
  type BulkResult,
  type HubSpotClientOptions,
} from "../src/index.node.js";
import { connectRedisStore, type RedisStoreOptions, type SharedRateLimitStore } from "../src/redis.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";
import { UPSERT, type Paths } from "./helpers.js";

// Started by the first test that needs it: if redis-server cannot start, every test fails with
// the reason (a failing beforeAll would report them as skipped).
let redis: Promise<RedisServer> | undefined;
const server = () => (redis ??= startRedisServer());
afterAll(async () => {
  await (await redis?.catch(() => undefined))?.stop();
});

let prefixes = 0;
/** A store on its own connection; every store of a test shares its prefix (one budget). */
async function storeFor(options: RedisStoreOptions = {}, url?: string): Promise<SharedRateLimitStore> {
  url ??= (await server()).url;
  const store = await connectRedisStore({ url, prefix: `test-${process.pid}-${prefixes}`, ...options });
  onTestFinished(() => store.close());
  return store;
}

const V3 = { apiVersion: "v3", basePath: "/marketing/v3/marketing-events" };
function processFor(url: string, store: SharedRateLimitStore, extra: Partial<HubSpotClientOptions> = {}) {
  return createHubSpotClient<Paths>(
    {
      baseUrl: url,
      auth: "pat-shared-token",
      limiters: new RateLimiterRegistry({ max: 5, intervalMs: 300, maxConcurrency: 10, store }),
      retry: { retries: 0 },
      ...extra,
    },
    V3,
  );
}

const upserted = (inputs: { externalEventId: string }[]): Reply => ({
  status: 200,
  body: {
    status: "COMPLETE",
    results: inputs.map((i) => ({ ...i, id: i.externalEventId, objectId: `obj-${i.externalEventId}` })),
  },
});
const event = (n: number) => ({
  externalAccountId: "acct-1",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  customProperties: [],
});

type Event = ReturnType<typeof event>;
const bulk = (client: unknown, inputs: Event[], options: BulkOptions = {}) =>
  bulkUpsert(client as never, inputs as never, options) as Promise<BulkResult<Event, unknown>>;

/** A HubSpot stand-in enforcing `max` per rolling `intervalMs` by arrival, as HubSpot does. */
async function limitedHubSpot(max: number, intervalMs: number) {
  const arrivals: number[] = [];
  let refused = 0;
  const server = await startTestServer(() => {
    const now = Date.now();
    const inWindow = arrivals.filter((t) => t > now - intervalMs).length;
    if (inWindow >= max) {
      refused++;
      return { status: 429, body: { status: "error", category: "RATE_LIMITS", message: "over" } };
    }
    arrivals.push(now);
    return upserted([]);
  });
  onTestFinished(() => server.close());
  return { server, arrivals, refused: () => refused };
}

describe("one budget shared through Redis", () => {
  it("two processes sharing one budget never exceed it together", async () => {
    prefixes++;
    const hub = await limitedHubSpot(5, 300);
    const a = processFor(hub.server.url, await storeFor());
    const b = processFor(hub.server.url, await storeFor());
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).POST(UPSERT, { body: {} }));
    const results = await Promise.all(calls);
    expect(results.map((r) => r.response.status)).toEqual(Array(20).fill(200));
    expect(hub.refused()).toBe(0);
    const sorted = [...hub.arrivals].sort((x, y) => x - y);
    for (const t of sorted) expect(sorted.filter((u) => u >= t && u < t + 299).length).toBeLessThanOrEqual(5);
  });

  it("the same two processes with in-process limiters exceed it (the problem this solves)", async () => {
    const hub = await limitedHubSpot(5, 300);
    const one = () =>
      createHubSpotClient<Paths>(
        { baseUrl: hub.server.url, auth: "pat-x", rateLimit: { max: 5, intervalMs: 300 }, retry: false },
        V3,
      );
    const [a, b] = [one(), one()];
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).POST(UPSERT, { body: {} })));
    expect(hub.refused()).toBeGreaterThan(0);
  });

  it("shares the in-flight cap, and a crashed process's slot comes back after its lease", async () => {
    prefixes++;
    const limits = { max: 100, intervalMs: 10_000, maxConcurrency: 2 };
    const a = await storeFor({ leaseMs: 300 });
    const b = await storeFor({ leaseMs: 300 });
    const first = await a.take("k", limits);
    const second = await a.take("k", limits);
    expect([first.granted, second.granted]).toEqual([true, true]);
    expect(await b.take("k", limits)).toEqual({ granted: false, waitMs: 20 });
    await a.release("k", first.granted && first.slot, true);
    const third = await b.take("k", limits);
    expect(third.granted).toBe(true);
    // `second` is never released (its process died): after 300 ms its lease ends.
    expect((await b.take("k", limits)).granted).toBe(false);
    await vi.waitFor(async () => expect((await b.take("k", limits)).granted).toBe(true), { timeout: 2000 });
    expect((await b.usage("k")).today).toBe(4);
  });

  it("an answer's Remaining is compared with the window as of its request, not as of now", async () => {
    prefixes++;
    const limits = { max: 3, intervalMs: 300, maxConcurrency: 10 };
    const a = await storeFor();
    const b = await storeFor();
    const grants = async (key: string, withSlot: boolean) => {
      const sent = await a.take(key, limits);
      if (!sent.granted) throw new Error("no slot");
      await a.release(key, sent.slot, true);
      await new Promise((r) => setTimeout(r, 400)); // the request has left both windows since
      // Its answer said 2 remain: HubSpot counted the request itself, which we counted too.
      await a.observe(key, { remaining: 2 }, limits, withSlot ? sent.slot : undefined);
      const next = [await b.take(key, limits), await b.take(key, limits), await b.take(key, limits)];
      return next.filter((d) => d.granted).length;
    };
    expect(await grants("with-slot", true)).toBe(3);
    // Without the slot, the answer is read as of now: one request we do not know of holds a slot.
    expect(await grants("without-slot", false)).toBe(2);
  });

  it("a window spent (Remaining: 0, Retry-After) seen by one holds the other back", async () => {
    prefixes++;
    const server = await startTestServer(() => ({
      status: 429,
      body: { status: "error", category: "RATE_LIMITS", policyName: "TEN_SECONDLY_ROLLING", message: "x" },
      headers: {
        "Retry-After": "3",
        "X-HubSpot-RateLimit-Max": "100",
        "X-HubSpot-RateLimit-Remaining": "0",
        "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
      },
    }));
    onTestFinished(() => server.close());
    const storeA = await storeFor({ budget: "app" });
    const storeB = await storeFor({ budget: "app" });
    const res = await processFor(server.url, storeA).POST(UPSERT, { body: {} });
    expect(res.response.status).toBe(429);
    await storeA.usage("app"); // same connection as the observation: it has been applied
    const decision = await storeB.take("app", { max: 100, intervalMs: 10_000, maxConcurrency: 10 });
    expect(decision.granted).toBe(false);
    expect(!decision.granted && decision.waitMs).toBeGreaterThan(2000);
  });

  it("a DAILY limit seen by one process stops new sends in the other, before anything is sent", async () => {
    prefixes++;
    let received = 0;
    const server = await startTestServer(() => {
      received++;
      return {
        status: 429,
        body: { status: "error", category: "RATE_LIMITS", policyName: "DAILY", message: "daily" },
        headers: { "Retry-After": "3600", "X-HubSpot-RateLimit-Daily-Remaining": "0" },
      };
    });
    onTestFinished(() => server.close());
    const storeA = await storeFor();
    const storeB = await storeFor();
    const a = processFor(server.url, storeA);
    const b = processFor(server.url, storeB);
    expect((await a.POST(UPSERT, { body: {} })).response.status).toBe(429);
    expect(received).toBe(1);
    await storeA.usage("k");
    const refusal = await b.POST(UPSERT, { body: {} }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(HubSpotRateLimitError);
    expect(refusal).toMatchObject({ policyName: "DAILY", status: 429, outcomeUnknown: false });
    expect(String((refusal as Error).message)).toMatch(/not sent/);

    // A bulk run: the first batch is refused as HubSpot's DAILY 429 would be, the rest never sent.
    const inputs = Array.from({ length: 1000 }, (_, n) => event(n));
    const result = await bulk(b, inputs, { concurrency: 1 });
    expect(received).toBe(1);
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toHaveLength(100);
    expect(result.failed.every((f) => !f.error.outcomeUnknown && f.error.details.status === 429)).toBe(true);
    expect(result.notAttempted).toHaveLength(900);
    expect(new Set(result.notAttempted.map((n) => n.reason))).toEqual(new Set(["daily-limit"]));
  });

  it("dailyMax: the processes' own daily count stops every one of them", async () => {
    prefixes++;
    const hub = await limitedHubSpot(100, 1000);
    const storeA = await storeFor({ dailyMax: 3, budget: "d" });
    const storeB = await storeFor({ dailyMax: 3, budget: "d" });
    const a = processFor(hub.server.url, storeA);
    const b = processFor(hub.server.url, storeB);
    for (const c of [a, b, a]) expect((await c.POST(UPSERT, { body: {} })).response.status).toBe(200);
    await expect(b.POST(UPSERT, { body: {} })).rejects.toMatchObject({ policyName: "DAILY" });
    expect(hub.arrivals).toHaveLength(3);
    expect(await storeB.usage("d")).toMatchObject({ today: 3 });
  });
});

describe("when Redis is not there", () => {
  it("unreachable at start: a clear error, or with fallback the in-process store and a warning", async () => {
    const down = await startRedisServer();
    await down.stop(); // its port is now closed
    await expect(connectRedisStore({ url: down.url })).rejects.toThrow(
      new RegExp(`Redis at redis://127.0.0.1:${down.port} is unreachable .*fallback: "in-process"`),
    );
    const warnings: string[] = [];
    const store = await connectRedisStore({
      url: down.url,
      fallback: "in-process",
      onWarning: (m) => warnings.push(m),
    });
    expect(store.shared).toBe(false);
    expect(warnings.join()).toMatch(/unreachable.*this process only/);
    expect((await store.take("k", { max: 1, intervalMs: 1000, maxConcurrency: 1 })).granted).toBe(true);
  });

  it("killed mid-run: a clear error before sending, every input once, none sent twice", async () => {
    const own = await startRedisServer();
    onTestFinished(() => own.stop());
    const warnings: string[] = [];
    const store = await storeFor({ onWarning: (m) => warnings.push(m) }, own.url);
    const received = new Map<string, number>();
    let requests = 0;
    const server = await startTestServer(async (req) => {
      const inputs = (req.body as { inputs: { externalEventId: string }[] }).inputs;
      for (const i of inputs) received.set(i.externalEventId, (received.get(i.externalEventId) ?? 0) + 1);
      if (++requests === 4) await own.kill();
      return upserted(inputs);
    });
    onTestFinished(() => server.close());
    const client = processFor(server.url, store, {
      limiters: new RateLimiterRegistry({ max: 3, intervalMs: 200, store }),
      retry: { retries: 3, minDelayMs: 1 },
    });
    const inputs = Array.from({ length: 3000 }, (_, n) => event(n));
    const result = await bulk(client, inputs, { concurrency: 2 });

    const indexes = [...result.succeeded, ...result.failed, ...result.notAttempted].map((o) => o.index);
    expect(indexes.sort((x, y) => x - y)).toEqual(inputs.map((_, i) => i));
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    for (const s of result.succeeded) expect(received.get(s.input.externalEventId)).toBe(1);
    for (const n of result.notAttempted) expect(received.has(n.input.externalEventId)).toBe(false);
    expect(result.failed).toEqual([]);
    expect(result.notAttempted.length).toBeGreaterThan(0);
    expect(new Set(result.notAttempted.map((n) => n.reason))).toEqual(new Set(["limiter-unavailable"]));
    expect(warnings.join()).toMatch(/Redis failed/);

    const before = requests;
    const error = await client.POST(UPSERT, { body: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RateLimitStoreError", code: "ELIMITSTORE", outcomeUnknown: false });
    expect(String((error as Error).message)).toMatch(/Rate-limit store unavailable, request not sent/);
    expect(requests).toBe(before);
  });
});
