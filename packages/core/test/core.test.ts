import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  HubSpotApiError,
  HubSpotAuthConfigError,
  HubSpotValidationError,
  createHubSpotClient,
  redact,
  resolveToken,
  unwrap,
} from "../src/index.js";
import { makeBatches } from "../src/bulk/batches.js";
import { UPSERT } from "../src/bulk/operations.js";

type Paths = {
  "/thing": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { a: number } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } };
        default: {
          headers: { [name: string]: unknown };
          content: { "*/*": { category: string; message: string; correlationId: string } };
        };
      };
    };
  };
};

const recordingFetch = (status: number, body: unknown, seen: Request[]) => async (req: Request) => {
  seen.push(req);
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
};

describe("resolveToken", () => {
  it.each([
    ["a static token", "pat-na1-abc", "pat-na1-abc"],
    ["a token with surrounding whitespace", "  pat-na1-abc\n", "pat-na1-abc"],
    ["a sync provider", () => "tok-1", "tok-1"],
    ["an async provider", async () => "tok-2", "tok-2"],
  ])("accepts %s", async (_name, auth, expected) => {
    expect(await resolveToken(auth as never)).toBe(expected);
  });

  it.each([
    ["an empty token", "", "auth: the token is empty"],
    [
      "a provider returning undefined",
      async () => undefined,
      "auth: expected the token to be a string, got undefined",
    ],
    ["a 'Bearer ' prefix", "Bearer pat-na1-abc", "pass the bare token without the 'Bearer ' prefix"],
  ])("rejects %s with a clear error", async (_name, auth, message) => {
    await expect(resolveToken(auth as never)).rejects.toThrow(message);
    await expect(resolveToken(auth as never)).rejects.toBeInstanceOf(HubSpotAuthConfigError);
  });

  it("reports a failing provider without echoing a token in its message", async () => {
    const secret = "pat-na1-deadbeef-0000-1111";
    const err: Error = await resolveToken(async () => {
      throw new Error(`vault refused token ${secret}`);
    }).then(
      () => new Error("expected a rejection"),
      (e: unknown) => e as Error,
    );
    expect(err.message).toContain("auth: the token provider threw (Error: vault refused token [REDACTED])");
    expect(err.message + inspect(err)).not.toContain(secret);
  });
});

describe("createHubSpotClient", () => {
  it("defaults to api.hubapi.com, strips a trailing slash, and sets the bearer header", async () => {
    const seen: Request[] = [];
    const a = createHubSpotClient<Paths>({ auth: "t-1", fetch: recordingFetch(200, { ok: true }, seen) });
    const b = createHubSpotClient<Paths>({
      baseUrl: "http://127.0.0.1:9/api/",
      fetch: recordingFetch(200, { ok: true }, seen),
    });
    expect((await a.POST("/thing", { body: { a: 1 } })).data).toEqual({ ok: true });
    await b.POST("/thing", { body: { a: 2 } });
    expect(seen.map((r) => r.url)).toEqual(["https://api.hubapi.com/thing", "http://127.0.0.1:9/api/thing"]);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer t-1");
    expect(seen[1]?.headers.get("authorization")).toBeNull();
  });

  it("rejects an auth option that is neither a string nor a function", () => {
    expect(() => createHubSpotClient<Paths>({ auth: 42 as never })).toThrow(
      "auth: expected a token string, a function returning one, or { oauth: {...} }, got number",
    );
  });
});

describe("HubSpotApiError / unwrap", () => {
  const body = {
    status: "error",
    category: "VALIDATION_ERROR",
    correlationId: "aeb5f871-7f07-4993-9211-075dc63e7cbf",
    message: "Invalid input",
    subCategory: "x.y",
    errors: [{ message: "eventName is required", in: "inputs[0].eventName" }],
    links: { "knowledge-base": "https://example.invalid/kb" },
  };

  it("returns data for a 2xx answer", async () => {
    const client = createHubSpotClient<Paths>({ fetch: recordingFetch(200, { ok: true }, []) });
    expect(unwrap(await client.POST("/thing", { body: { a: 1 } }))).toEqual({ ok: true });
  });

  it("throws HubSpotApiError carrying HubSpot's fields for a non-2xx answer", async () => {
    const client = createHubSpotClient<Paths>({
      auth: "pat-na1-secret-1234",
      fetch: recordingFetch(400, body, []),
    });
    const result = await client.POST("/thing", { body: { a: 1 } });
    let err: HubSpotApiError | undefined;
    try {
      unwrap(result);
    } catch (e) {
      err = e as HubSpotApiError;
    }
    expect(err).toBeInstanceOf(HubSpotApiError);
    expect(err).toBeInstanceOf(HubSpotValidationError);
    expect(err).toMatchObject({
      name: "HubSpotValidationError",
      status: 400,
      category: "VALIDATION_ERROR",
      correlationId: body.correlationId,
      subCategory: "x.y",
      errors: body.errors,
    });
    expect(err?.message).toBe("HubSpot answered 400 VALIDATION_ERROR: Invalid input");
    expect(err?.toJSON()).toMatchObject({ status: 400, correlationId: body.correlationId });
  });

  it("handles a body that is not HubSpot's error shape", () => {
    const err = new HubSpotApiError({
      status: 502,
      body: "<html>Bad gateway</html>",
      method: "POST",
      url: "https://api.hubapi.com/x?hapikey=secret",
    });
    expect(err.category).toBeUndefined();
    expect(err.message).toBe(
      "HubSpot answered 502 (POST https://api.hubapi.com/x): <html>Bad gateway</html>",
    );
    expect(err.url).toBe("https://api.hubapi.com/x");
  });

  it("never carries a token, even when the server echoes one", () => {
    const token = "pat-na1-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    const err = new HubSpotApiError({
      status: 401,
      body: {
        ...body,
        message: `bad credentials: Bearer ${token}`,
        context: { header: [`Bearer ${token}`] },
      },
    });
    const everything = [
      err.message,
      err.stack,
      JSON.stringify(err),
      inspect(err, { depth: 9 }),
      JSON.stringify(err.body),
    ].join("\n");
    expect(everything).not.toContain(token);
    expect(everything).not.toContain("0a1b2c3d");
  });
});

describe("redact", () => {
  it.each([
    ["Bearer header", "Authorization: Bearer abc.def-ghi", "Authorization: [REDACTED]"],
    ["private app token", "token pat-eu1-1234-5678 used", "token [REDACTED] used"],
    ["known secret", "value s3cr3t-value here", "value [REDACTED] here"],
    ["plain text", "nothing to hide", "nothing to hide"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input, ["s3cr3t-value"])).toBe(expected);
  });
});

describe("makeBatches", () => {
  const item = (index: number, account: string, id: string) => ({
    index,
    input: { externalAccountId: account, externalEventId: id },
  });
  it.each([
    [
      "distinct keys fill batches in order",
      Array.from({ length: 250 }, (_, n) => item(n, "a", `e${n}`)),
      [100, 100, 50],
    ],
    [
      "one key shared by all: a batch each",
      Array.from({ length: 5 }, (_, n) => item(n, `acct${n}`, "e")),
      [1, 1, 1, 1, 1],
    ],
    [
      "a repeated key waits for the next batch, first in line",
      [item(0, "a", "x"), item(1, "b", "x"), item(2, "a", "y"), item(3, "a", "z")],
      [3, 1],
    ],
  ] as const)("%s", (_name, items, sizes) => {
    const batches = makeBatches(UPSERT, [...items], 100);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(
      batches
        .flat()
        .map((i) => i.index)
        .sort((a, b) => a - b),
    ).toEqual(items.map((i) => i.index));
    for (const b of batches) expect(new Set(b.map((i) => i.input.externalEventId)).size).toBe(b.length);
    if (items.length === 4) expect(batches.map((b) => b.map((i) => i.index))).toEqual([[0, 2, 3], [1]]);
  });
});
