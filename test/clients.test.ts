/**
 * The two published clients used the way a user would: typed calls over HTTP on 127.0.0.1,
 * auth as a static token and as an async provider, 207 partial success, errors via unwrap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v2026 from "@org/mkt-events-2026-03";
import * as v3 from "@org/mkt-events-v3";
import { startTestServer, type TestServer } from "./helpers/http-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const now = "2026-04-01T09:30:00.000Z";
const batchEnvelope = { completedAt: now, startedAt: now, requestedAt: now, status: "COMPLETE", links: {} };

// Both versions share these schemas, so one body of tests serves both; each runs against its own
// package and path prefix. (Per-version typing is asserted in types.test-d.ts.)
type Module = typeof v3;
type V3Path = keyof v3.paths;
const clients: { name: string; mod: Module; prefix: string }[] = [
  { name: "v3", mod: v3, prefix: "/marketing/v3/marketing-events" },
  { name: "2026-03", mod: v2026 as unknown as Module, prefix: "/marketing/marketing-events/2026-03" },
];

describe.each(clients)("$name client", ({ mod, prefix }) => {
  const at = <P extends V3Path>(p: P): P => p.replace("/marketing/v3/marketing-events", prefix) as P;
  it("upserts with { name, value } custom properties and returns typed results", async () => {
    server.requests.length = 0;
    server.setHandler((req) => ({
      status: 200,
      body: {
        ...batchEnvelope,
        results: (req.body as any).inputs.map((input: any, n: number) => ({
          ...input,
          id: input.externalEventId,
          objectId: String(1000 + n),
          createdAt: now,
          updatedAt: now,
        })),
      },
    }));
    const client = mod.createClient({ baseUrl: server.url, auth: "pat-na1-static-token" });
    const { data, error } = await client.POST(at("/marketing/v3/marketing-events/events/upsert"), {
      body: {
        inputs: [
          {
            externalAccountId: "acct-1",
            externalEventId: "evt-1",
            eventName: "Launch",
            eventOrganizer: "Acme",
            customProperties: [{ name: "platform", value: "zoom" }],
          },
        ],
      },
    });
    expect(error).toBeUndefined();
    expect(data?.results[0]?.objectId).toBe("1000");
    expect(data?.results[0]?.customProperties).toEqual([{ name: "platform", value: "zoom" }]);
    expect(server.requests[0]?.path).toBe(`${prefix}/events/upsert`);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer pat-na1-static-token");
  });

  it("takes the token from an async provider on every request", async () => {
    server.requests.length = 0;
    server.setHandler(() => ({ status: 200, body: { ...batchEnvelope, results: [] } }));
    let n = 0;
    const client = mod.createClient({
      baseUrl: server.url,
      auth: async () => `rotating-token-${++n}`,
    });
    const path = at("/marketing/v3/marketing-events/batch/update");
    await client.POST(path, { body: { inputs: [{ objectId: "1", customProperties: [] }] } });
    await client.POST(path, { body: { inputs: [{ objectId: "2", customProperties: [] }] } });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer rotating-token-1",
      "Bearer rotating-token-2",
    ]);
  });

  it("hands back a 207 partial success as data with per-item errors", async () => {
    server.setHandler(() => ({
      status: 207,
      body: {
        ...batchEnvelope,
        numErrors: 1,
        results: [{ objectId: "1", eventName: "A", createdAt: now, updatedAt: now, customProperties: [] }],
        errors: [
          {
            category: "OBJECT_NOT_FOUND",
            message: "no event 2",
            status: "error",
            context: { objectId: ["2"] },
            errors: [],
            links: {},
          },
        ],
      },
    }));
    const client = mod.createClient({ baseUrl: server.url, auth: "t0ken-value" });
    const result = await client.POST(at("/marketing/v3/marketing-events/batch/update"), {
      body: {
        inputs: [
          { objectId: "1", customProperties: [] },
          { objectId: "2", customProperties: [] },
        ],
      },
    });
    expect(result.response.status).toBe(207);
    const data = mod.unwrap(result);
    expect(data.results).toHaveLength(1);
    expect("errors" in data ? data.errors?.[0]?.context.objectId : undefined).toEqual(["2"]);
  });

  it("turns HubSpot's error body into HubSpotApiError without leaking the token", async () => {
    const token = "pat-na1-11111111-2222-3333-4444-555555555555";
    server.setHandler((req) => ({
      status: 401,
      body: {
        status: "error",
        category: "INVALID_AUTHENTICATION",
        correlationId: "0f0e0d0c-0b0a-4909-8807-060504030201",
        // A hostile or careless server echoing the credential back must not leak it.
        message: `Authentication credentials not found: ${req.headers.authorization}`,
      },
    }));
    const client = mod.createClient({ baseUrl: server.url, auth: token });
    const result = await client.POST(at("/marketing/v3/marketing-events/events"), {
      body: {
        externalAccountId: "a",
        externalEventId: "e",
        eventName: "n",
        eventOrganizer: "o",
        customProperties: [],
      },
    });
    expect(result.error?.category).toBe("INVALID_AUTHENTICATION");
    let err: InstanceType<typeof mod.HubSpotApiError> | undefined;
    try {
      mod.unwrap(result);
    } catch (e) {
      err = e as InstanceType<typeof mod.HubSpotApiError>;
    }
    expect(err).toBeInstanceOf(mod.HubSpotApiError);
    expect(err?.status).toBe(401);
    expect(err?.category).toBe("INVALID_AUTHENTICATION");
    expect(err?.correlationId).toBe("0f0e0d0c-0b0a-4909-8807-060504030201");
    expect(err?.message).toContain("Authentication credentials not found");
    const everything = [String(err), err?.stack, JSON.stringify(err), JSON.stringify(err?.body)].join("\n");
    expect(everything).not.toContain(token);
    expect(everything).not.toContain("11111111-2222");
  });

  it("defaults baseUrl to https://api.hubapi.com", async () => {
    const seen: string[] = [];
    const client = mod.createClient({
      auth: "x-token",
      fetch: async (request: Request) => {
        seen.push(request.url);
        return new Response(JSON.stringify({ ...batchEnvelope, results: [] }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      },
    });
    await client.POST(at("/marketing/v3/marketing-events/batch/update"), {
      body: { inputs: [] },
    });
    expect(seen).toEqual([`https://api.hubapi.com${prefix}/batch/update`]);
  });
});
