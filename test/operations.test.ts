/**
 * Every operation of every version, called through its published client package over HTTP on
 * 127.0.0.1. The table is derived from the spec, so no operation can be missed: for each one the
 * server records the request and answers the documented success status with the spec's example
 * (no body for 204). The test asserts method, path (with encoded path parameters), query, body
 * and auth header, and that the client hands back exactly what the server sent as `data`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v2026_03 from "@org/mkt-events-2026-03";
import * as v2026_09 from "@org/mkt-events-2026-09";
import * as v3 from "@org/mkt-events-v3";
import { commonPathPrefix, pathSuffix } from "../scripts/lib/render-package.mjs";
import { startTestServer, type TestServer } from "./helpers/http-server.js";
import { PROPERTY_SOURCES } from "./helpers/property-sources.js";
import { jsonContent, loadPatchedSpec, operationsOf, schemaValidator } from "./helpers/specs.js";

const CLIENTS: Record<string, (options: { baseUrl: string; auth: string }) => unknown> = {
  v3: v3.createClient,
  "2026-03": v2026_03.createClient,
  "2026-09": v2026_09.createClient,
};
const VERSIONS = Object.keys(CLIENTS);
const TOKEN = "pat-na1-operations-0000";

/** A sample value for a parameter: numbers for integer schemas, strings that need encoding otherwise. */
const sample = (param: any): string | number =>
  param.schema?.type === "integer" ? (param.in === "query" ? 25 : 4211853) : `${param.name} 1/é`;

interface Row {
  name: string;
  method: string;
  path: string;
  suffix: string;
  op: any;
}

const docs = Object.fromEntries(
  await Promise.all(VERSIONS.map(async (v) => [v, await loadPatchedSpec(v)] as const)),
);
const tables: Record<string, Row[]> = Object.fromEntries(
  VERSIONS.map((version) => {
    const ops = operationsOf(docs[version]);
    const prefix = commonPathPrefix(ops.map((o) => o.path));
    return [
      version,
      ops.map(({ method, path, op }) => {
        const suffix = pathSuffix(path, prefix);
        return { name: `${method.toUpperCase()} ${suffix}`, method, path, suffix, op };
      }),
    ];
  }),
);

describe("the operation tables", () => {
  it.each(VERSIONS)("%s has all 36 operations", (version) => {
    expect(tables[version]).toHaveLength(36);
    expect(new Set(tables[version]!.map((r) => r.name)).size).toBe(36);
  });

  it("every version has the same operations (by method and path after the version prefix)", () => {
    const names = (v: string) => tables[v]!.map((r) => r.name).sort();
    expect(names("2026-03")).toEqual(names("v3"));
    expect(names("2026-09")).toEqual(names("v3"));
  });

  it("list-all is GET / after the prefix in every version; v3's at HubSpot's published path", () => {
    const listAll = (v: string) => tables[v]!.find((r) => r.name === "GET /")?.path;
    expect(listAll("v3")).toBe("/marketing/marketing-events/v3");
    expect(listAll("2026-03")).toBe("/marketing/marketing-events/2026-03");
    expect(listAll("2026-09")).toBe("/marketing/marketing-events/2026-09");
    expect(v3.BASE_PATH).toBe("/marketing/v3/marketing-events");
  });

  it.each(VERSIONS)("%s lists every PropertyValue.source value the type tests compile", (version) => {
    const source = docs[version].components.schemas.PropertyValue.properties.source;
    expect(source.anyOf[0].enum).toEqual([...PROPERTY_SOURCES]);
    expect(source.anyOf[1]).toMatchObject({ type: "string" });
    expect(source.anyOf[1].enum).toBeUndefined();
  });
});

describe.each(VERSIONS)("%s: every operation through the client", (version) => {
  const doc = docs[version];
  const validate = schemaValidator(doc);
  let server: TestServer;
  let client: any;

  beforeAll(async () => {
    server = await startTestServer();
    client = CLIENTS[version]!({ baseUrl: server.url, auth: TOKEN });
  });
  afterAll(() => server?.close());

  it.each(tables[version]!)("$name", async ({ method, path, op }) => {
    const params: any[] = op.parameters ?? [];
    const pathParams = Object.fromEntries(
      params.filter((p) => p.in === "path").map((p) => [p.name, sample(p)]),
    );
    const query = Object.fromEntries(params.filter((p) => p.in === "query").map((p) => [p.name, sample(p)]));
    const request = jsonContent(op.requestBody);
    const body = request?.example;
    if (op.requestBody?.required) expect(body, "request example").toBeDefined();

    const status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s));
    expect(status, "a documented success status").toBeDefined();
    const response = jsonContent(op.responses[status!]);
    const answer = response?.example;
    if (response?.schema) {
      expect(answer, "response example").toBeDefined();
      expect(validate(response.schema, answer)).toEqual([]);
    } else {
      expect(Number(status)).toBe(204);
    }

    server.requests.length = 0;
    server.setHandler(() => ({ status: Number(status), body: answer }));
    const result = await client[method.toUpperCase()](path, {
      params: { path: pathParams, query },
      ...(body !== undefined ? { body } : {}),
    });

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    const url = new URL(sent.path, server.url);
    expect(sent.method).toBe(method.toUpperCase());
    const expectedPath = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(pathParams[name])),
    );
    expect(url.pathname).toBe(expectedPath);
    expect(Object.fromEntries(url.searchParams)).toEqual(
      Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    );
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    if (request) {
      expect(sent.headers["content-type"]).toMatch(/^application\/json/);
      expect(sent.body).toEqual(body);
      expect(validate(request.schema, sent.body)).toEqual([]);
    } else {
      expect(sent.rawBody).toBe("");
    }

    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(Number(status));
    expect(result.data).toEqual(answer);
  });
});
