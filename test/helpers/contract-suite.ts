/**
 * The shared client contract: for every operation of a spec and every response it documents,
 * a real call through the generated client over HTTP on 127.0.0.1. The server checks method,
 * path, auth header and body (against the spec's schema); the client must hand back the
 * documented answer, typed as data (2xx) or error (default). Used for every version in
 * specs/ and for a version dropped in by the generator test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonContent, operationsOf, schemaValidator } from "./specs.js";
import { startTestServer, type RecordedRequest, type TestServer } from "./http-server.js";

export interface ClientModule {
  createClient(options?: Record<string, unknown>): any;
  unwrap(result: unknown): unknown;
  HubSpotApiError: new (...args: any[]) => Error;
  API_VERSION: string;
}

const fillPath = (path: string) => path.replace(/\{([^}]+)\}/g, (_, name: string) => `example-${name}`);

export function defineContractSuite(version: string, doc: any, load: () => Promise<ClientModule>): void {
  describe(`contract: ${version}`, () => {
    const validate = schemaValidator(doc);
    const token = `pat-na1-test-${version}-0000`;
    let server: TestServer;
    let mod: ClientModule;

    beforeAll(async () => {
      mod = await load();
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    it("reports the API version it was generated for", () => {
      expect(mod.API_VERSION).toBe(version);
    });

    for (const { method, path, op } of operationsOf(doc)) {
      const requestContent = jsonContent(op.requestBody);
      const body = requestContent?.example;
      const statuses = Object.keys(op.responses);

      it(`${method.toUpperCase()} ${path}: the documented request example is valid`, () => {
        if (op.requestBody?.required) expect(body, "request example").toBeDefined();
        if (requestContent && body !== undefined) expect(validate(requestContent.schema, body)).toEqual([]);
      });

      for (const status of statuses) {
        const response = jsonContent(op.responses[status]);
        const answer = response?.example;
        const httpStatus = status === "default" ? 400 : Number(status);

        it(`${method.toUpperCase()} ${path} → ${status}`, async () => {
          const checks: string[] = [];
          server.requests.length = 0;
          server.setHandler((req: RecordedRequest) => {
            if (req.method !== method.toUpperCase()) checks.push(`method ${req.method}`);
            if (req.path.split("?")[0] !== fillPath(path)) checks.push(`path ${req.path}`);
            if (req.headers.authorization !== `Bearer ${token}`) checks.push("authorization header");
            if (requestContent) {
              if (!String(req.headers["content-type"]).startsWith("application/json")) {
                checks.push(`content-type ${req.headers["content-type"]}`);
              }
              checks.push(...validate(requestContent.schema, req.body).map((e) => `body ${e}`));
            }
            return { status: httpStatus, body: answer };
          });
          const client = mod.createClient({ baseUrl: server.url, auth: token });
          const params = {
            path: Object.fromEntries(
              [...path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1], `example-${m[1]}`]),
            ),
          };
          const result = await client.request(method, path, {
            params,
            ...(body !== undefined ? { body } : {}),
          });

          expect(checks).toEqual([]);
          expect(server.requests).toHaveLength(1);
          expect(server.requests[0]?.body).toEqual(body);
          expect(result.response.status).toBe(httpStatus);
          if (response?.schema && answer !== undefined) expect(validate(response.schema, answer)).toEqual([]);
          if (httpStatus < 300) {
            expect(result.error).toBeUndefined();
            expect(result.data).toEqual(answer);
            expect(mod.unwrap(result)).toEqual(answer);
          } else {
            expect(result.data).toBeUndefined();
            expect(result.error).toEqual(answer);
            let thrown: any;
            try {
              mod.unwrap(result);
            } catch (e) {
              thrown = e;
            }
            expect(thrown).toBeInstanceOf(mod.HubSpotApiError);
            expect(thrown.status).toBe(httpStatus);
            expect(thrown.category).toBe((answer as any)?.category);
            expect(thrown.correlationId).toBe((answer as any)?.correlationId);
            expect(JSON.stringify(thrown) + String(thrown) + thrown.stack).not.toContain(token);
          }
        });
      }
    }
  });
}
