/**
 * Secrets never leave through errors, and never travel over plain http. A server on 127.0.0.1
 * echoes the credentials it receives in every way an answer can (bare text, JSON values, object
 * keys, headers); tokens have arbitrary shapes (no HubSpot prefix), so only masking by value
 * can catch them. Plain-http URLs are exercised through every way a request gets a URL.
 */
import { inspect } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { HubSpotApiError, RateLimiterRegistry, unwrap } from "../src/index.js";
import { createHubSpotClient } from "../src/index.node.js";
import { startTestServer, type Handler } from "../../../test/helpers/http-server.js";
import { RecordingClock, type Paths } from "./helpers.js";

const PATH = "/marketing/v3/marketing-events/events";

async function server(handler: Handler) {
  const s = await startTestServer(handler);
  onTestFinished(() => s.close());
  return s;
}

/** Every view of an error a user might log or snapshot. */
function everyView(error: unknown): string {
  const e = error as Error & { body?: unknown; cause?: unknown };
  return [
    e.message,
    e.stack,
    String(e),
    JSON.stringify(e),
    JSON.stringify(e.body),
    inspect(e, { depth: 10 }),
    inspect(e.cause, { depth: 10 }),
  ].join("\n");
}

const tokens = [
  "tok3n-with.dots/and+plus==",
  "Zm9vYmFyYmF6cXV4cXV1eA",
  "t0k~!$%&'*^_`|-42",
  'quote"and\\backslash',
  "x".repeat(300),
];

const echoes: [
  string,
  (token: string) => { status: number; body: unknown; headers?: Record<string, string> },
][] = [
  [
    "bare text in the message",
    (t) => ({
      status: 401,
      body: { category: "INVALID_AUTHENTICATION", message: `token ${t} is not valid`, correlationId: "c" },
    }),
  ],
  [
    "an object key",
    (t) => ({
      status: 400,
      body: { category: "VALIDATION_ERROR", message: "bad", correlationId: "c", context: { [t]: ["x"] } },
    }),
  ],
  [
    "a nested value",
    (t) => ({
      status: 403,
      body: {
        category: "MISSING_SCOPES",
        message: "no",
        correlationId: "c",
        errors: [{ message: "scope", in: t }],
      },
    }),
  ],
  [
    "a response header",
    (t) => ({
      status: 401,
      body: { category: "INVALID_AUTHENTICATION", message: "no", correlationId: "c" },
      headers: { "x-echo": t },
    }),
  ],
  ["a non-JSON body", (t) => ({ status: 502, body: `upstream said Bearer ${t}` })],
];

describe("redaction by value", () => {
  it.each(tokens.flatMap((token) => echoes.map(([how, reply]) => ({ token, how, reply }))))(
    "a token echoed as $how never shows in the error (token $token)",
    async ({ token, how, reply }) => {
      const s = await server(() => {
        const r = reply(token);
        return typeof r.body === "string"
          ? { status: r.status, body: r.body, ...(r.headers ? { headers: r.headers } : {}) }
          : r;
      });
      const client = createHubSpotClient<Paths>({
        baseUrl: s.url,
        auth: token,
        retry: false,
        clock: new RecordingClock(),
      });
      const result = await client.POST(PATH, { body: {} });
      expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
      // What openapi-fetch hands the caller is already masked...
      expect(JSON.stringify(result.error ?? "")).not.toContain(token);
      result.response.headers.forEach((v) => expect(v).not.toContain(token));
      // ...and so is every view of the thrown error.
      let thrown: unknown;
      try {
        unwrap(result);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(HubSpotApiError);
      expect(everyView(thrown)).not.toContain(token);
      if (how !== "a response header") expect(everyView(thrown)).toContain("[REDACTED]");
      else expect(result.response.headers.get("x-echo")).toBe("[REDACTED]");
    },
  );

  it("OAuth access, refresh tokens and the client secret are masked when the token endpoint echoes them", async () => {
    const secret = "client-secret-of-any-shape";
    const refresh = "refresh-token-of-any-shape";
    const s = await server((req) => ({
      status: 400,
      body: { category: "BAD_REFRESH_TOKEN", message: `refused ${String(req.rawBody)}`, correlationId: "c" },
    }));
    const client = createHubSpotClient<Paths>({
      baseUrl: s.url,
      auth: {
        oauth: { clientId: "id", clientSecret: secret, refreshToken: refresh, tokenUrl: `${s.url}/oauth` },
      },
      retry: false,
    });
    const error = await client.POST(PATH, { body: {} }).catch((e: unknown) => e);
    const views = everyView(error);
    expect(views).not.toContain(secret);
    expect(views).not.toContain(refresh);
  });

  it("a rotated OAuth access token is still masked in later answers", async () => {
    let n = 0;
    const s = await server((req) => {
      if (req.path === "/oauth") {
        n++;
        return {
          status: 200,
          body: { access_token: `access-${n}-opaque`, refresh_token: `refresh-${n}`, expires_in: 1 },
        };
      }
      return {
        status: 400,
        body: {
          category: "VALIDATION_ERROR",
          message: `seen access-1-opaque and access-2-opaque`,
          correlationId: "c",
        },
      };
    });
    const clock = new RecordingClock();
    const client = createHubSpotClient<Paths>({
      baseUrl: s.url,
      auth: {
        oauth: {
          clientId: "id",
          clientSecret: "cs-0000",
          refreshToken: "r0-0000",
          tokenUrl: `${s.url}/oauth`,
        },
      },
      retry: false,
      clock,
      limiters: new RateLimiterRegistry({}, clock),
    });
    await client.POST(PATH, { body: {} });
    clock.advance(120_000);
    const second = await client.POST(PATH, { body: {} });
    expect(n).toBe(2);
    const text = JSON.stringify(second.error);
    expect(text).not.toContain("access-1-opaque");
    expect(text).not.toContain("access-2-opaque");
  });
});

it("a token an HTTP header cannot carry is refused with a clear error, without echoing it", async () => {
  const client = createHubSpotClient<Paths>({ baseUrl: "http://127.0.0.1:9", auth: "ключ-секрет-42" });
  const error = await client.POST(PATH, { body: {} }).catch((e: unknown) => e);
  expect(String(error)).toMatch(/character at position 0 that an HTTP header cannot carry/);
  expect(everyView(error)).not.toContain("ключ");
});

describe("no plain-http send, whatever gives the URL", () => {
  const lan = "http://192.0.2.10:8080"; // TEST-NET-1: never contacted, the refusal comes first

  it("the client's baseUrl", () => {
    expect(() => createHubSpotClient<Paths>({ baseUrl: lan, auth: "t0k3n" })).toThrow(/refusing plain http/);
  });

  it("a per-request baseUrl", async () => {
    const client = createHubSpotClient<Paths>({ baseUrl: "https://api.hubapi.com", auth: "t0k3n" });
    await expect(client.POST(PATH, { baseUrl: lan, body: {} })).rejects.toThrow(
      /refusing plain http to 192\.0\.2\.10:8080/,
    );
  });

  it("a redirect to plain http is not followed; a cross-origin redirect does not carry the token", async () => {
    const target = await server(() => ({ status: 200, body: { ok: true } }));
    const origin = await server((req) =>
      req.path.startsWith("/to-lan")
        ? { status: 307, body: {}, headers: { location: `${lan}/steal` } }
        : {
            status: 307,
            body: {},
            headers: { location: `${target.url.replace("127.0.0.1", "localhost")}/landed` },
          },
    );
    const client = createHubSpotClient<Paths>({ baseUrl: origin.url, auth: "t0k3n-redirect", retry: false });
    await expect(client.POST("/to-lan" as typeof PATH, { body: {} })).rejects.toThrow(
      /refusing plain http to 192\.0\.2\.10:8080 \(redirect target\)/,
    );
    const followed = await client.POST("/elsewhere" as typeof PATH, { body: { a: 1 } });
    expect(followed.response.status).toBe(200);
    expect(target.requests[0]?.path).toBe("/landed");
    expect(target.requests[0]?.body).toEqual({ a: 1 });
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
    // Nor an Authorization header the caller set itself, with or without middleware.
    const own = createHubSpotClient<Paths>({ baseUrl: origin.url, retry: false });
    const headers = { Authorization: "Bearer caller-own-token" };
    expect((await own.POST("/elsewhere" as typeof PATH, { body: {}, headers })).response.status).toBe(200);
    own.use({ onRequest: () => undefined });
    expect((await own.POST("/elsewhere" as typeof PATH, { body: {}, headers })).response.status).toBe(200);
    expect(origin.requests.slice(-2).map((r) => r.headers.authorization)).toEqual([
      "Bearer caller-own-token",
      "Bearer caller-own-token",
    ]);
    expect(target.requests.slice(-2).map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
  });

  it("the OAuth token URL", async () => {
    const client = createHubSpotClient<Paths>({
      baseUrl: "https://api.hubapi.com",
      auth: {
        oauth: { clientId: "id", clientSecret: "cs", refreshToken: "rt", tokenUrl: `${lan}/oauth/v1/token` },
      },
    });
    await expect(client.POST(PATH, { body: {} })).rejects.toThrow(
      /refusing plain http to 192\.0\.2\.10:8080 \(auth\.oauth\.tokenUrl\)/,
    );
  });
});

describe("credentials a request carries itself", () => {
  it.each([
    ["a developer hapikey in the query", { query: "?hapikey=dev-key-0f0f0f", header: "" }, "dev-key-0f0f0f"],
    ["its own Authorization header", { query: "", header: "caller-token-9z9z9z" }, "caller-token-9z9z9z"],
  ])("%s is masked when the answer echoes it", async (_, how, secret) => {
    const s = await server(() => ({
      status: 400,
      body: {
        category: "VALIDATION_ERROR",
        message: `bad credential ${secret}`,
        correlationId: "c",
        context: { [secret]: [secret] },
      },
    }));
    const client = createHubSpotClient<Paths>({ baseUrl: s.url, retry: false });
    const result = await client.POST(`${PATH}${how.query}` as typeof PATH, {
      body: {},
      ...(how.header ? { headers: { Authorization: `Bearer ${how.header}` } } : {}),
    });
    expect(JSON.stringify(result.error)).not.toContain(secret);
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (e) {
      thrown = e;
    }
    expect(everyView(thrown)).not.toContain(secret);
  });
});
