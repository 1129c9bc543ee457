/**
 * The transport under openapi-fetch, over HTTP on 127.0.0.1: which answers are retried, how long
 * it waits (on a virtual clock, so nothing sleeps), what is never resent, timeouts and aborts.
 */
import { createServer } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { type Reply, type TestServer } from "../../../test/helpers/http-server.js";
import {
  HubSpotApiError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  attemptsOf,
  createHubSpotClient,
  unwrap,
  type HubSpotClientOptions,
} from "../src/index.node.js";
import { CREATE, RecordingClock, useTestServer, UPSERT, type Paths } from "./helpers.js";

const ref = useTestServer();
let server: TestServer;
beforeEach(() => {
  server = ref.current;
});

/** Answers the given replies in order, then 200s. */
function script(replies: (Reply | "reset" | "hang")[]) {
  let n = 0;
  server.setHandler((req) => {
    const r = replies[n++];
    if (r === "hang") return new Promise<never>(() => {});
    return r ?? { status: 200, body: { ok: true, echo: req.body } };
  });
}

const err = (
  status: number,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Reply => ({
  status,
  body: {
    status: "error",
    category: status === 429 ? "RATE_LIMITS" : "ERR",
    correlationId: "c-1",
    message: `answer ${status}`,
    ...extra,
  },
  ...(headers ? { headers } : {}),
});

function client(clock: RecordingClock, extra: HubSpotClientOptions = {}) {
  return createHubSpotClient<Paths>({
    baseUrl: server.url,
    auth: "tok",
    clock,
    retry: { retries: 3, minDelayMs: 100, maxDelayMs: 5_000 },
    ...extra,
  });
}

describe("retries", () => {
  it.each([
    ["429 rolling", err(429, { policyName: "TEN_SECONDLY_ROLLING" })],
    ["408", err(408)],
    ["500", err(500)],
    ["502", err(502)],
    ["503", err(503)],
    ["504", err(504)],
  ])("retries %s on an idempotent call and resends the same bytes", async (_name, reply) => {
    script([reply, reply]);
    const clock = new RecordingClock();
    const res = await client(clock).POST(UPSERT, { body: { inputs: [{ a: "é", n: 1 }] } });
    expect(res.response.status).toBe(200);
    expect(attemptsOf(res.response)).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.rawBody)).size).toBe(1);
    expect(server.requests.every((r) => r.headers.authorization === "Bearer tok")).toBe(true);
  });

  it.each([
    ["400", err(400)],
    ["401 (not expired)", err(401, { category: "INVALID_AUTHENTICATION" })],
    ["404", err(404)],
    ["429 DAILY", err(429, { policyName: "DAILY" })],
  ])("does not retry %s", async (_name, reply) => {
    script([reply]);
    const res = await client(new RecordingClock()).POST(UPSERT, { body: { inputs: [] } });
    expect(res.response.status).toBe(reply.status);
    expect(server.requests).toHaveLength(1);
    expect(attemptsOf(res.response)).toBe(1);
  });

  it("stops at the retry limit and reports the attempts on the error", async () => {
    const limited = err(429, { policyName: "TEN_SECONDLY_ROLLING" });
    script([limited, limited, limited, limited, limited]);
    const res = await client(new RecordingClock()).POST(UPSERT, { body: { inputs: [] } });
    expect(server.requests).toHaveLength(4);
    const e = (() => {
      try {
        unwrap(res);
      } catch (x) {
        return x as HubSpotRateLimitError;
      }
    })();
    expect(e).toBeInstanceOf(HubSpotRateLimitError);
    expect(e?.attempts).toBe(4);
    expect(e?.policyName).toBe("TEN_SECONDLY_ROLLING");
  });

  it("a DAILY 429 is not retried and says so", async () => {
    script([err(429, { policyName: "DAILY", errorType: "RATE_LIMIT" })]);
    const res = await client(new RecordingClock()).POST(UPSERT, { body: { inputs: [] } });
    expect(() => unwrap(res)).toThrow(HubSpotRateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  it("waits as Retry-After says, then by exponential backoff with jitter within its ceiling", async () => {
    script([err(429, {}, { "Retry-After": "7" }), err(500), err(500), err(500)]);
    const clock = new RecordingClock();
    await client(clock, { retry: { retries: 4, minDelayMs: 100, maxDelayMs: 300 } }).POST(UPSERT, {
      body: { inputs: [] },
    });
    const [first, ...rest] = clock.sleeps.filter((ms) => ms > 0);
    expect(first).toBe(300); // Retry-After 7 s, capped by maxDelayMs
    expect(rest[0]).toBeGreaterThanOrEqual(100);
    expect(rest[0]).toBeLessThanOrEqual(200);
    for (const ms of rest.slice(1)) {
      expect(ms).toBeGreaterThanOrEqual(150);
      expect(ms).toBeLessThanOrEqual(300);
    }
  });

  it("honours X-HubSpot-RateLimit-Interval-Milliseconds when the window is spent", async () => {
    script([
      err(
        429,
        {},
        { "X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "2500" },
      ),
    ]);
    const clock = new RecordingClock();
    await client(clock).POST(UPSERT, { body: { inputs: [] } });
    expect(Math.max(...clock.sleeps)).toBe(2500);
  });
});

describe("non-idempotent calls (create)", () => {
  it.each([
    ["500", [err(500)], 1, 500],
    ["502", [err(502)], 1, 502],
    ["503 (not processed)", [err(503)], 2, 200],
    ["429", [err(429)], 2, 200],
  ])("create after %s", async (_name, replies, attempts, status) => {
    script(replies);
    const res = await client(new RecordingClock()).POST(CREATE, { body: { eventName: "x" } });
    expect(server.requests).toHaveLength(attempts);
    expect(res.response.status).toBe(status);
  });

  it("are resent after a 500 when the user opts in", async () => {
    script([err(500)]);
    const res = await client(new RecordingClock(), {
      retry: { retryNonIdempotent: true, minDelayMs: 1 },
    }).POST(CREATE, { body: {} });
    expect(res.response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });
});

describe("network errors", () => {
  it("a reset connection is retried for an idempotent call", async () => {
    script(["reset", "reset"]);
    const res = await client(new RecordingClock()).POST(UPSERT, { body: { inputs: [] } });
    expect(res.response.status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it("a reset create is not resent, and its outcome is unknown", async () => {
    script(["reset"]);
    const e = await client(new RecordingClock())
      .POST(CREATE, { body: {} })
      .then(
        () => undefined,
        (x: unknown) => x as HubSpotNetworkError,
      );
    expect(e).toBeInstanceOf(HubSpotNetworkError);
    expect(e).toBeInstanceOf(HubSpotApiError); // one catch for every HubSpot failure
    expect(e?.status).toBe(0);
    expect(e?.outcomeUnknown).toBe(true);
    expect(e?.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("a refused connection is retried even for create, and then known not to have been applied", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const { port } = probe.address() as { port: number };
    await new Promise((r) => probe.close(r));
    const c = createHubSpotClient<Paths>({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: "tok",
      clock: new RecordingClock(),
      retry: { retries: 2, minDelayMs: 1 },
    });
    const e = await c.POST(CREATE, { body: {} }).then(
      () => undefined,
      (x: unknown) => x as HubSpotNetworkError,
    );
    expect(e).toBeInstanceOf(HubSpotNetworkError);
    expect(e?.code).toBe("ECONNREFUSED");
    expect(e?.attempts).toBe(3);
    expect(e?.outcomeUnknown).toBe(false);
  });

  it("an attempt that takes longer than timeoutMs is abandoned and retried", async () => {
    script(["hang", "hang"]);
    const res = await client(new RecordingClock(), { timeoutMs: 50 }).POST(UPSERT, { body: { inputs: [] } });
    expect(res.response.status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it("a timed-out create fails with ETIMEDOUT and an unknown outcome", async () => {
    script(["hang"]);
    const e = await client(new RecordingClock(), { timeoutMs: 50 })
      .POST(CREATE, { body: {} })
      .then(
        () => undefined,
        (x: unknown) => x as HubSpotNetworkError,
      );
    expect(e?.code).toBe("ETIMEDOUT");
    expect(e?.outcomeUnknown).toBe(true);
  });

  it("an AbortSignal stops the call, also while it waits to retry", async () => {
    script([err(503), err(503), err(503)]);
    const controller = new AbortController();
    const clock = new RecordingClock();
    const original = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      controller.abort();
      return original(ms, signal);
    };
    const e = await client(clock)
      .POST(UPSERT, { body: { inputs: [] }, signal: controller.signal })
      .then(
        () => undefined,
        (x: unknown) => x as Error,
      );
    expect(e?.name).toBe("AbortError");
    expect(server.requests).toHaveLength(1);
  });
});

describe("insecure http", () => {
  it.each([
    ["http://api.example.com", false, /refusing plain http to api\.example\.com/],
    ["http://api.example.com", true, null],
    ["http://127.0.0.1:9", false, null],
    ["http://localhost:9", false, null],
    ["http://[::1]:9", false, null],
    ["ftp://x", false, /must use http or https/],
    ["not a url", false, /baseUrl must be an absolute http\(s\) URL/],
  ])("%s (allowInsecureHttp %s)", (baseUrl, allowInsecureHttp, error) => {
    const make = () => createHubSpotClient<Paths>({ baseUrl, allowInsecureHttp, auth: "t" });
    if (error) expect(make).toThrow(error);
    else expect(make).not.toThrow();
  });
});
