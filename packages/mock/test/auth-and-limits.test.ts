/**
 * Auth per operation (bearer tokens, the developer API key for app settings) and HubSpot's rate
 * limits (rolling window; daily cap and headers for private-app tokens only), on a manual clock.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock, startMockServer, type MockServer } from "../src/index.js";
import { V3, call, event } from "./helpers.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
const upsert = (m: MockServer, token: string | null) =>
  call(m.url, "POST", `${V3}/events/upsert`, { token, body: { inputs: [event(1)] } });

describe("auth", () => {
  it.each([
    ["a missing token", null, "INVALID_AUTHENTICATION"],
    ["an unknown token", "who-knows", "INVALID_AUTHENTICATION"],
    ["an expired token", "old-token", "EXPIRED_AUTHENTICATION"],
  ])("%s → 401 %s", async (_name, token, category) => {
    mock = await startMockServer({ tokens: ["good-token"], expiredTokens: ["old-token"] });
    const res = await upsert(mock, token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: "error", category, correlationId: expect.any(String) });
    expect(mock.state.events.size).toBe(0);
    expect((await upsert(mock, "good-token")).status).toBe(200);
  });
});

describe("auth per operation", () => {
  const settings = `${V3}/4211853/settings`;

  it("app settings take the developer API key (hapikey), not a bearer token", async () => {
    mock = await startMockServer({ developerApiKeys: ["dev-key-1"] });
    const body = { eventDetailsUrl: "https://example.com/events/%s" };
    const bearerOnly = await call(mock.url, "POST", settings, { token: "pat-na1-x", body });
    expect(bearerOnly.status).toBe(401);
    expect(bearerOnly.body.message).toMatch(/hapikey/);
    const wrongKey = await call(mock.url, "POST", `${settings}?hapikey=nope`, { token: null, body });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.category).toBe("INVALID_AUTHENTICATION");
    const ok = await call(mock.url, "POST", `${settings}?hapikey=dev-key-1`, { token: null, body });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ appId: 4211853, ...body });
    expect(mock.state.requests.at(-1)?.credential).toMatch(/^sha256:/);
    expect(JSON.stringify(mock.state.requests)).not.toContain("dev-key-1");
  });

  it("event operations do not take a hapikey", async () => {
    mock = await startMockServer();
    const res = await call(mock.url, "POST", `${V3}/events/upsert?hapikey=dev-key-1`, {
      token: null,
      body: { inputs: [event(1)] },
    });
    expect(res.status).toBe(401);
  });
});

describe("rate limits", () => {
  it("allows max requests per rolling window per token, answers 429 TEN_SECONDLY_ROLLING, then recovers", async () => {
    const clock = new ManualClock();
    mock = await startMockServer({ clock, rateLimit: { max: 3, intervalMs: 10_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upsert(mock, "token-a");
      statuses.push(res.status);
      expect(res.headers["x-hubspot-ratelimit-max"]).toBe("3");
      expect(res.headers["x-hubspot-ratelimit-remaining"]).toBe(String(2 - i));
      expect(res.headers["x-hubspot-ratelimit-interval-milliseconds"]).toBe("10000");
      clock.advance(1000);
    }
    const limited = await upsert(mock, "token-a");
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      correlationId: expect.any(String),
    });
    expect(limited.headers["x-hubspot-ratelimit-remaining"]).toBe("0");
    expect(limited.headers["retry-after"]).toBe("7");

    // Another token has its own window.
    expect((await upsert(mock, "token-b")).status).toBe(200);

    // The window rolls: at t=10.001s the first request has left it.
    clock.advance(7001);
    expect((await upsert(mock, "token-a")).status).toBe(200);
    expect((await upsert(mock, "token-a")).status).toBe(429);
  });

  it("answers 429 DAILY once the daily cap is reached, until the next UTC day", async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 23, 0));
    mock = await startMockServer({ clock, rateLimit: { max: 100, dailyMax: 2 } });
    const pat = "pat-na1-daily";
    expect((await upsert(mock, pat)).status).toBe(200);
    const second = await upsert(mock, pat);
    expect(second.headers["x-hubspot-ratelimit-daily"]).toBe("2");
    expect(second.headers["x-hubspot-ratelimit-daily-remaining"]).toBe("0");
    const capped = await upsert(mock, pat);
    expect(capped.status).toBe(429);
    expect(capped.body.policyName).toBe("DAILY");
    clock.advance(60 * 60 * 1000);
    expect((await upsert(mock, pat)).status).toBe(200);
  });

  it("sends OAuth tokens no daily headers and no daily cap (HubSpot's are for private apps)", async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 12, 0));
    const oauth = "CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4";
    mock = await startMockServer({ clock, rateLimit: { max: 100, dailyMax: 2 }, oauthTokens: [oauth] });
    for (let i = 0; i < 3; i++) {
      const res = await upsert(mock, oauth);
      expect(res.status).toBe(200);
      expect(res.headers["x-hubspot-ratelimit-max"]).toBe("100");
      expect(res.headers["x-hubspot-ratelimit-daily"]).toBeUndefined();
      expect(res.headers["x-hubspot-ratelimit-daily-remaining"]).toBeUndefined();
    }
    // Any other token is a private app's.
    expect((await upsert(mock, "pat-na1-other")).headers["x-hubspot-ratelimit-daily"]).toBe("2");
    // tokenKind decides per token instead.
    await mock.close();
    mock = await startMockServer({
      clock,
      rateLimit: { max: 100, dailyMax: 2 },
      tokenKind: (t) => (t.startsWith("pat-") ? "private-app" : "oauth"),
    });
    expect((await upsert(mock, "pat-na1-x")).headers["x-hubspot-ratelimit-daily"]).toBe("2");
    expect((await upsert(mock, "test-token")).headers["x-hubspot-ratelimit-daily"]).toBeUndefined();
  });
});
