/** Each bad input gets a clear 4xx in HubSpot's error shape, never a crash, and changes nothing. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../src/index.js";
import { V2026, V3, call, event } from "./helpers.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false, maxBodyBytes: 2048 });
});
afterAll(() => mock.close());

const cases: {
  name: string;
  path: string;
  opts: Parameters<typeof call>[3];
  status: number;
  category: string;
  message?: RegExp;
  errorsIn?: string[];
}[] = [
  {
    name: "a missing required field",
    path: `${V3}/events/upsert`,
    opts: { body: { inputs: [{ ...event(1), externalEventId: undefined }] } },
    status: 400,
    category: "VALIDATION_ERROR",
    errorsIn: ["inputs[0].externalEventId"],
  },
  {
    name: "a wrong type and a bad enum value",
    path: `${V2026}/events/upsert`,
    opts: {
      body: {
        inputs: [
          event(1, {
            eventCancelled: "yes",
            customProperties: [{ name: "a", value: "b", dataSensitivity: "secret" }],
          }),
        ],
      },
    },
    status: 400,
    category: "VALIDATION_ERROR",
    errorsIn: ["inputs[0].customProperties[0].dataSensitivity", "inputs[0].eventCancelled"],
  },
  {
    name: "a bad date-time",
    path: `${V3}/events`,
    opts: { body: event(1, { startDateTime: "next tuesday" }) },
    status: 400,
    category: "VALIDATION_ERROR",
    errorsIn: ["startDateTime"],
  },
  {
    name: "batch/update without objectId",
    path: `${V3}/batch/update`,
    opts: { body: { inputs: [{ customProperties: [] }] } },
    status: 400,
    category: "VALIDATION_ERROR",
    errorsIn: ["inputs[0].objectId"],
  },
  {
    name: "malformed JSON",
    path: `${V3}/events/upsert`,
    opts: { raw: '{"inputs": [\n  {"a": }\n]}' },
    status: 400,
    category: "VALIDATION_ERROR",
    message: /^Invalid input JSON at line 2, column 9: /,
  },
  {
    name: "a wrong content type",
    path: `${V3}/events/upsert`,
    opts: { raw: "inputs=1", headers: { "content-type": "application/x-www-form-urlencoded" } },
    status: 415,
    category: "VALIDATION_ERROR",
    message: /Content-Type must be application\/json/,
  },
  {
    name: "an empty body",
    path: `${V3}/events/upsert`,
    opts: { raw: "" },
    status: 400,
    category: "VALIDATION_ERROR",
    message: /A request body is required/,
  },
  {
    name: "an oversized body",
    path: `${V3}/events/upsert`,
    opts: { body: { inputs: Array.from({ length: 40 }, (_, n) => event(n)) } },
    status: 413,
    category: "VALIDATION_ERROR",
    message: /exceeds the limit of 2048 bytes/,
  },
];

describe("bad input", () => {
  it.each(cases)("$name → $status", async ({ path, opts, status, category, message, errorsIn }) => {
    const before = mock.state.events.size;
    const res = await call(mock.url, "POST", path, opts);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      status: "error",
      category,
      correlationId: expect.any(String),
      message: expect.any(String),
    });
    if (message) expect(res.body.message).toMatch(message);
    if (errorsIn) expect(res.body.errors.map((e: { in: string }) => e.in).sort()).toEqual(errorsIn);
    expect(mock.state.events.size).toBe(before);
    // The server is still fine afterwards.
    expect(
      (await call(mock.url, "POST", `${V3}/events/upsert`, { body: { inputs: [event("ok")] } })).status,
    ).toBe(200);
  });

  it("answers an oversized body sent chunked (no Content-Length) with 413, not a broken pipe", async () => {
    const url = new URL(`${V3}/events/upsert`, mock.url);
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          agent: false,
          headers: { authorization: "Bearer test-token", "content-type": "application/json" },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on("error", reject);
      expect(req.getHeader("content-length")).toBeUndefined();
      // 64 chunks of 4 KiB (256 KiB against a 2 KiB limit), written one after the other.
      const chunk = Buffer.alloc(4096, " ");
      let left = 64;
      const writeNext = (): void => {
        if (left-- === 0) return void req.end();
        req.write(chunk, () => setImmediate(writeNext));
      };
      req.write('{"inputs": [');
      writeNext();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect(answer.body.message).toMatch(/exceeds the limit of 2048 bytes/);
  });

  it("rejects bad options with a message naming the option", async () => {
    await expect(startMockServer({ maxBatchSize: 0 })).rejects.toThrow(
      "startMockServer: maxBatchSize must be a whole number >= 1, got 0",
    );
    await expect(startMockServer({ faults: { rate429: 2 } })).rejects.toThrow(
      "startMockServer: faults.rate429 must be a number from 0 to 1, got 2",
    );
  });
});
