/** The per-credential rate limiter: pacing, concurrency cap, following HubSpot's headers. */
import { beforeEach, describe, expect, it } from "vitest";
import { type TestServer } from "../../../test/helpers/http-server.js";
import {
  HUBSPOT_RATE_LIMITS,
  RateLimiter,
  RateLimiterRegistry,
  createHubSpotClient,
} from "../src/index.node.js";
import { RecordingClock, useTestServer, UPSERT, type Paths } from "./helpers.js";

const ref = useTestServer();
let server: TestServer;
beforeEach(() => {
  server = ref.current;
});

describe("RateLimiter", () => {
  it("lets max requests through per rolling window and makes the rest wait", async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ max: 3, intervalMs: 1000 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const release = await limiter.acquire();
      times.push(clock.now() - Date.UTC(2026, 0, 1));
      release();
    }
    expect(times).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("caps requests in flight", async () => {
    const limiter = new RateLimiter({ max: 100, maxConcurrency: 2 }, new RecordingClock());
    const a = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then((release) => {
      third = true;
      return release;
    });
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    expect(limiter.inFlight).toBe(2);
    a();
    (await pending)();
    expect(third).toBe(true);
  });

  it("follows X-HubSpot-RateLimit-Remaining when others use the same token", async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ max: 10, intervalMs: 1000 }, clock);
    limiter.observe(new Headers({ "X-HubSpot-RateLimit-Max": "10", "X-HubSpot-RateLimit-Remaining": "1" }));
    (await limiter.acquire())();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    (await limiter.acquire())();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 1000);
  });

  it("reads Remaining as of the request: its own requests that left the window since are not counted twice", async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ max: 2, intervalMs: 1000, maxConcurrency: 1 }, clock);
    const t0 = clock.now();
    const b = await limiter.acquire();
    await clock.sleep(10);
    b();
    await clock.sleep(890);
    const a = await limiter.acquire(); // t0 + 900
    await clock.sleep(150); // B has left the window
    const c = limiter.acquire(); // waits: one in flight at a time
    await clock.sleep(50);
    a(); // A's answer, at t0 + 1100: Remaining 0 counts B and A, as of A's arrival
    limiter.observe(new Headers({ "X-HubSpot-RateLimit-Remaining": "0" }));
    (await c)();
    expect(clock.now() - t0).toBe(1100); // C goes at once: nobody else used the token
    // Another process's requests still count: none remaining after one of ours.
    const other = new RateLimiter({ max: 3, intervalMs: 1000 }, clock);
    const mine = await other.acquire();
    mine();
    other.observe(new Headers({ "X-HubSpot-RateLimit-Remaining": "0" }));
    const t1 = clock.now();
    (await other.acquire())();
    expect(clock.now() - t1).toBe(1000);
  });

  it("rejects bad options and offers HubSpot's tiers", () => {
    expect(() => new RateLimiter({ max: 0 })).toThrow("rateLimit.max must be a whole number >= 1, got 0");
    expect(HUBSPOT_RATE_LIMITS).toMatchObject({ free: 100, professional: 190, apiLimitIncrease: 250 });
  });
});

describe("client pacing", () => {
  it("paces each credential separately, and clients can share a registry", async () => {
    server.setHandler(() => ({ status: 200, body: {} }));
    const clock = new RecordingClock();
    const limiters = new RateLimiterRegistry({ max: 2, intervalMs: 10_000 }, clock);
    const a = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "token-a", limiters, clock });
    const a2 = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "token-a", limiters, clock });
    const b = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "token-b", limiters, clock });
    await a.POST(UPSERT, { body: {} });
    await b.POST(UPSERT, { body: {} });
    await b.POST(UPSERT, { body: {} });
    await a2.POST(UPSERT, { body: {} });
    expect(clock.sleeps).toEqual([]);
    await a.POST(UPSERT, { body: {} }); // third for token-a within the window
    expect(clock.sleeps).toEqual([10_000]);
  });

  it("rotated OAuth access tokens share their installation's limiter", async () => {
    let issued = 0;
    server.setHandler((req) =>
      req.path === "/oauth/v1/token"
        ? { status: 200, body: { access_token: `access-${++issued}`, refresh_token: "r", expires_in: 60 } }
        : { status: 200, body: {} },
    );
    const clock = new RecordingClock();
    const c = createHubSpotClient<Paths>({
      baseUrl: server.url,
      clock,
      rateLimit: { max: 2, intervalMs: 100_000 },
      auth: {
        oauth: {
          clientId: "c",
          clientSecret: "s",
          refreshToken: "r0",
          tokenUrl: `${server.url}/oauth/v1/token`,
          refreshMarginMs: 0,
        },
      },
    });
    await c.POST(UPSERT, { body: {} }); // access-1
    clock.advance(61_000); // access-1 expired (still inside the 100 s window): the next call refreshes
    await c.POST(UPSERT, { body: {} }); // access-2
    expect(issued).toBe(2);
    expect(clock.sleeps).toEqual([]);
    await c.POST(UPSERT, { body: {} }); // the third call of the window, whatever its token
    expect(clock.sleeps).toHaveLength(1);
  });

  it("holds every request of the credential back after a 429 that says the window is spent", async () => {
    let n = 0;
    server.setHandler(() =>
      n++ === 0
        ? {
            status: 429,
            body: {
              status: "error",
              category: "RATE_LIMITS",
              correlationId: "c",
              message: "slow down",
              policyName: "TEN_SECONDLY_ROLLING",
            },
            headers: {
              "Retry-After": "3",
              "X-HubSpot-RateLimit-Max": "100",
              "X-HubSpot-RateLimit-Remaining": "0",
              "X-HubSpot-RateLimit-Interval-Milliseconds": "3000",
            },
          }
        : { status: 200, body: {} },
    );
    const clock = new RecordingClock();
    const c = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "t", clock, retry: { minDelayMs: 1 } });
    const start = clock.now();
    await Promise.all([
      c.POST(UPSERT, { body: {} }),
      (async () => {
        await new Promise((r) => setTimeout(r, 30));
        return c.POST(UPSERT, { body: {} });
      })(),
    ]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
    expect(server.requests).toHaveLength(3);
  });

  it("waits exactly Retry-After for the request that got a 429, without stalling the others", async () => {
    server.setHandler((req) =>
      (req.body as { first?: boolean }).first && server.requests.length === 1
        ? {
            status: 429,
            body: { status: "error", category: "RATE_LIMITS", correlationId: "c", message: "slow down" },
            headers: { "Retry-After": "2" },
          }
        : { status: 200, body: {} },
    );
    const clock = new RecordingClock();
    const c = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "t", clock, retry: { minDelayMs: 1 } });
    await c.POST(UPSERT, { body: { first: true } });
    const before = clock.sleeps.length;
    await c.POST(UPSERT, { body: {} });
    expect(clock.sleeps).toEqual([2000]);
    expect(clock.sleeps).toHaveLength(before);
  });

  it("a request turned away with 429 gives its window slot back; an answered one keeps it", async () => {
    let n = 0;
    server.setHandler(() =>
      n++ === 0
        ? {
            status: 429,
            body: { status: "error", category: "RATE_LIMITS", correlationId: "c", message: "no" },
          }
        : { status: 200, body: {} },
    );
    const clock = new RecordingClock();
    const c = createHubSpotClient<Paths>({
      baseUrl: server.url,
      auth: "t",
      clock,
      retry: false,
      rateLimit: { max: 2, intervalMs: 10_000 },
    });
    await c.POST(UPSERT, { body: {} }); // 429: not counted
    await c.POST(UPSERT, { body: {} });
    await c.POST(UPSERT, { body: {} });
    expect(clock.sleeps).toEqual([]);
    await c.POST(UPSERT, { body: {} }); // the window (2) is full of answered requests now
    expect(clock.sleeps).toHaveLength(1);
  });
});
