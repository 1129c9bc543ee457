/**
 * Credentials: OAuth refresh (form-encoded, single flight under 100 concurrent calls, rotation,
 * persistence callback), one refresh and one resend on 401 EXPIRED_AUTHENTICATION, and no token
 * in any error, log line, inspect output or cause.
 */
import { inspect } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { type RecordedRequest, type TestServer } from "../../../test/helpers/http-server.js";
import {
  HubSpotAuthError,
  HubSpotNetworkError,
  createHubSpotClient,
  unwrap,
  type OAuthTokens,
} from "../src/index.node.js";
import { RecordingClock, useTestServer, UPSERT, type Paths } from "./helpers.js";

const ref = useTestServer();
let server: TestServer;
beforeEach(() => {
  server = ref.current;
});

const SECRET = "client-secret-0123456789";
const expired = {
  status: 401,
  body: {
    status: "error",
    category: "EXPIRED_AUTHENTICATION",
    correlationId: "c",
    message: "The OAuth token used to make this call expired.",
  },
};

/** A fake HubSpot: OAuth token endpoint issuing access-N / refresh-N, and an API accepting `valid`. */
function fakeHubSpot(opts: { valid: () => Set<string> }) {
  let issued = 0;
  server.setHandler((req: RecordedRequest) => {
    if (req.path === "/oauth/v1/token") {
      issued++;
      return {
        status: 200,
        body: {
          access_token: `access-${issued}`,
          refresh_token: `refresh-${issued}`,
          expires_in: 1800,
          token_type: "bearer",
        },
      };
    }
    const token = String(req.headers.authorization).replace(/^Bearer /, "");
    return opts.valid().has(token) ? { status: 200, body: { ok: true } } : expired;
  });
  return { issued: () => issued };
}

const tokenRequests = () => server.requests.filter((r) => r.path === "/oauth/v1/token");

describe("OAuth refresh", () => {
  it("refreshes once for 100 concurrent requests, form-encoded, and hands rotated tokens to onTokens", async () => {
    const valid = new Set<string>(["access-1"]);
    fakeHubSpot({ valid: () => valid });
    const saved: OAuthTokens[] = [];
    const clock = new RecordingClock();
    const client = createHubSpotClient<Paths>({
      baseUrl: server.url,
      clock,
      rateLimit: { max: 1000, maxConcurrency: 100 },
      auth: {
        oauth: {
          clientId: "client-1",
          clientSecret: SECRET,
          refreshToken: "refresh-0",
          accessToken: "old-access",
          expiresAt: clock.now() - 1,
          tokenUrl: `${server.url}/oauth/v1/token`,
          onTokens: (t) => void saved.push(t),
        },
      },
    });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.POST(UPSERT, { body: {} })));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(tokenRequests()).toHaveLength(1);
    const form = new URLSearchParams(tokenRequests()[0]!.rawBody);
    expect(tokenRequests()[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "refresh_token",
      client_id: "client-1",
      client_secret: SECRET,
      refresh_token: "refresh-0",
    });
    expect(saved).toEqual([
      { accessToken: "access-1", refreshToken: "refresh-1", expiresAt: clock.now() + 1_800_000 },
    ]);
    expect(
      server.requests
        .filter((r) => r.path !== "/oauth/v1/token")
        .every((r) => r.headers.authorization === "Bearer access-1"),
    ).toBe(true);
  });

  it("keeps the token until shortly before it expires, then refreshes with the rotated refresh token", async () => {
    const valid = new Set<string>(["access-1", "access-2"]);
    fakeHubSpot({ valid: () => valid });
    const clock = new RecordingClock();
    const client = createHubSpotClient<Paths>({
      baseUrl: server.url,
      clock,
      auth: {
        oauth: {
          clientId: "c",
          clientSecret: SECRET,
          refreshToken: "refresh-0",
          tokenUrl: `${server.url}/oauth/v1/token`,
          refreshMarginMs: 60_000,
        },
      },
    });
    await client.POST(UPSERT, { body: {} });
    await client.POST(UPSERT, { body: {} });
    expect(tokenRequests()).toHaveLength(1);
    clock.advance(1_800_000 - 59_000); // now within the refresh margin
    await client.POST(UPSERT, { body: {} });
    expect(tokenRequests()).toHaveLength(2);
    expect(new URLSearchParams(tokenRequests()[1]!.rawBody).get("refresh_token")).toBe("refresh-1");
  });

  it("a 401 EXPIRED_AUTHENTICATION triggers one refresh and one resend, never a loop", async () => {
    const valid = new Set<string>(); // every token is refused as expired
    fakeHubSpot({ valid: () => valid });
    const client = createHubSpotClient<Paths>({
      baseUrl: server.url,
      clock: new RecordingClock(),
      auth: {
        oauth: {
          clientId: "c",
          clientSecret: SECRET,
          refreshToken: "r",
          tokenUrl: `${server.url}/oauth/v1/token`,
        },
      },
    });
    const res = await client.POST(UPSERT, { body: {} });
    expect(res.response.status).toBe(401);
    expect(tokenRequests()).toHaveLength(2); // the first token, then one refresh after the 401
    expect(server.requests.filter((r) => r.path === UPSERT)).toHaveLength(2);
    expect(() => unwrap(res)).toThrow(HubSpotAuthError);
  });

  it("a provider gets one more call after a 401 EXPIRED_AUTHENTICATION; a static token does not", async () => {
    server.setHandler((req) =>
      req.headers.authorization === "Bearer fresh" ? { status: 200, body: {} } : expired,
    );
    const tokens = ["stale", "fresh"];
    const viaProvider = createHubSpotClient<Paths>({
      baseUrl: server.url,
      auth: async () => tokens.shift() ?? "none",
    });
    expect((await viaProvider.POST(UPSERT, { body: {} })).response.status).toBe(200);
    server.requests.length = 0;
    const staticToken = createHubSpotClient<Paths>({ baseUrl: server.url, auth: "stale" });
    expect((await staticToken.POST(UPSERT, { body: {} })).response.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects incomplete OAuth options, naming the field", () => {
    expect(() =>
      createHubSpotClient<Paths>({ auth: { oauth: { clientId: "c", clientSecret: "", refreshToken: "r" } } }),
    ).toThrow("auth.oauth.clientSecret must be a non-empty string");
  });
});

describe("no secret leaves through an error", () => {
  const token = "pat-na1-aaaabbbb-cccc-dddd-eeee-ffff00001111";
  const everything = (e: unknown) =>
    [
      String(e),
      (e as Error)?.stack,
      JSON.stringify(e),
      inspect(e, { depth: 10, showHidden: true }),
      inspect((e as Error)?.cause, { depth: 10 }),
    ].join("\n");

  it("API errors that echo the token", async () => {
    server.setHandler((req) => ({
      status: 400,
      body: {
        status: "error",
        category: "VALIDATION_ERROR",
        correlationId: "c",
        message: `bad header ${req.headers.authorization}`,
        context: { auth: [String(req.headers.authorization)] },
      },
    }));
    const res = await createHubSpotClient<Paths>({ baseUrl: server.url, auth: token }).POST(UPSERT, {
      body: {},
    });
    const e = (() => {
      try {
        unwrap(res);
      } catch (x) {
        return x;
      }
    })();
    expect(everything(e)).not.toContain("aaaabbbb");
  });

  it("network errors", async () => {
    server.setHandler(() => "reset");
    const e = await createHubSpotClient<Paths>({ baseUrl: server.url, auth: token, retry: false })
      .POST("/marketing/v3/marketing-events/events", { body: {} })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(HubSpotNetworkError);
    expect(everything(e)).not.toContain("aaaabbbb");
  });

  it("OAuth token endpoint errors that echo the client secret and refresh token", async () => {
    server.setHandler((req) => ({
      status: 400,
      body: {
        status: "BAD_REFRESH_TOKEN",
        message: `invalid grant for ${req.rawBody}`,
        correlationId: "c",
        category: "BAD_REFRESH_TOKEN",
      },
    }));
    const e = await createHubSpotClient<Paths>({
      baseUrl: server.url,
      auth: {
        oauth: {
          clientId: "c",
          clientSecret: SECRET,
          refreshToken: "refresh-secret-9876",
          tokenUrl: `${server.url}/oauth/v1/token`,
        },
      },
    })
      .POST(UPSERT, { body: {} })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(HubSpotAuthError);
    expect(everything(e)).not.toContain(SECRET);
    expect(everything(e)).not.toContain("refresh-secret-9876");
  });

  it("a token provider that throws with the token in its message", async () => {
    const e = await createHubSpotClient<Paths>({
      baseUrl: server.url,
      auth: () => {
        throw new Error(`cannot use ${token}`);
      },
    })
      .POST(UPSERT, { body: {} })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    expect(String(e)).toContain("auth: the token provider threw");
    expect(everything(e)).not.toContain("aaaabbbb");
  });
});
