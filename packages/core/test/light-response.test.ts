/**
 * On Node, answers come back as LightResponse (no body stream until one is asked for). What a
 * caller gets must still behave as a WHATWG Response, and middleware must get a real one.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/http-server.js";
import { attemptsOf, bulkUpsert, createHubSpotClient } from "../src/index.node.js";
import { UPSERT, type Paths } from "./helpers.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const body = { results: [{ id: "é-1", n: 1 }] };
const client = () => createHubSpotClient<Paths>({ baseUrl: server.url, auth: "t", retry: { minDelayMs: 1 } });

describe("answers on the Node path", () => {
  it("are Responses: instanceof, status, headers, a consumed body, clone before reading, inspect", async () => {
    server.setHandler(() => ({ status: 200, body, headers: { "x-hubspot-correlation-id": "c-1" } }));
    const { data, response } = await client().POST(UPSERT, { body: {} });
    expect(data).toEqual(body);
    expect(response).toBeInstanceOf(Response);
    expect(Object.prototype.toString.call(response)).toBe("[object Response]");
    expect([response.status, response.ok, response.statusText, response.type, response.redirected]).toEqual([
      200,
      true,
      "",
      "default",
      false,
    ]);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.headers.get("x-hubspot-correlation-id")).toBe("c-1");
    // openapi-fetch read the body, as with a real Response.
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(response.body).toBeInstanceOf(ReadableStream); // spent, as a real Response's
    expect(response.bodyUsed).toBe(true);
    await expect(response.formData()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
    expect(inspect(response)).toContain("status: 200");
  });

  it.each(["text", "arrayBuffer", "blob", "stream"] as const)(
    "parseAs %s gives what a real Response gives",
    async (parseAs) => {
      server.setHandler(() => ({ status: 200, body }));
      const { data, response } = await client().POST(UPSERT, { body: {}, parseAs });
      const text =
        parseAs === "text"
          ? (data as string)
          : parseAs === "arrayBuffer"
            ? new TextDecoder().decode(data as ArrayBuffer)
            : parseAs === "blob"
              ? await (data as Blob).text()
              : await new Response(data as ReadableStream).text();
      expect(JSON.parse(text)).toEqual(body);
      if (parseAs === "blob") expect((data as Blob).type).toBe("application/json");
      expect(response.bodyUsed).toBe(true);
    },
  );

  it("a 204 has no body; an error answer is read as the error", async () => {
    server.setHandler(() => ({ status: 204 }));
    const empty = await client().POST(UPSERT, { body: {} });
    expect(empty.data).toBeUndefined();
    expect(empty.response.status).toBe(204);
    expect(empty.response.body).toBeNull();

    server.setHandler(() => ({ status: 404, body: { category: "OBJECT_NOT_FOUND", message: "no" } }));
    const missing = await client().POST(UPSERT, { body: {} });
    expect(missing.error).toEqual({ category: "OBJECT_NOT_FOUND", message: "no" });
    expect(missing.response.ok).toBe(false);
  });

  it("middleware gets a real Response, and the transport's attempt count stays with it", async () => {
    let calls = 0;
    server.setHandler(() =>
      ++calls === 1 ? { status: 503, body: { message: "busy" } } : { status: 200, body },
    );
    const c = client();
    const seen: Response[] = [];
    c.use({ onResponse: ({ response }) => void seen.push(response, response.clone()) });
    const { data, response } = await c.POST(UPSERT, { body: {} });
    expect(data).toEqual(body);
    expect(Object.getPrototypeOf(seen[0])).toBe(Response.prototype);
    expect(Object.getPrototypeOf(response)).toBe(Response.prototype);
    expect(attemptsOf(response)).toBe(2);
    // Middleware may clone it before openapi-fetch reads it, as any Response.
    expect(await seen[1]!.json()).toEqual(body);
  });

  it("middleware on a client used by a bulk helper gets a real Response too", async () => {
    server.setHandler((req) => ({
      status: 200,
      body: {
        status: "COMPLETE",
        startedAt: "2026-04-01T00:00:00Z",
        completedAt: "2026-04-01T00:00:01Z",
        results: (req.body as { inputs: { externalEventId: string }[] }).inputs.map((i) => ({
          ...i,
          id: i.externalEventId,
          objectId: "1",
        })),
      },
    }));
    const c = createHubSpotClient<Paths>(
      { baseUrl: server.url, auth: "t" },
      { apiVersion: "v3", basePath: "/marketing/v3/marketing-events" },
    );
    const protos: unknown[] = [];
    c.use({ onResponse: ({ response }) => void protos.push(Object.getPrototypeOf(response)) });
    const event = {
      externalAccountId: "a",
      externalEventId: "e1",
      eventName: "E",
      eventOrganizer: "O",
      customProperties: [],
    };
    const result = await bulkUpsert(c as never, [event] as never);
    expect(result.failed.map((f) => f.error.message)).toEqual([]);
    expect(result.succeededCount).toBe(1);
    expect(protos).toEqual([Response.prototype]);
  });

  it("a body stream asked for before reading is the whole answer, and then the body is used", async () => {
    server.setHandler(() => ({ status: 200, body }));
    const c = client();
    const { response } = await c.POST(UPSERT, { body: {}, parseAs: "stream" });
    const stream = response.body!;
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(response.body).toBe(stream); // the same stream each time, as a real Response
    expect(JSON.parse(await new Response(stream).text())).toEqual(body);
    expect(response.bodyUsed).toBe(true);
  });

  it("decodes UTF-8 as Response does: a byte order mark is dropped, bad bytes become U+FFFD", async () => {
    const raw = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"name":"Zoë ☕","bad":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    const plain = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": raw.length });
      res.end(raw);
    });
    await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const light = await createHubSpotClient<Paths>({ baseUrl: url, auth: "t" }).POST(UPSERT, { body: {} });
      const real = await new Response(raw).json();
      expect(light.data).toEqual(real);
      expect(real).toEqual({ name: "Zoë ☕", bad: "\uFFFD" });
    } finally {
      plain.closeAllConnections();
      await new Promise((r) => plain.close(r));
    }
  });
});
