/**
 * Contract check with an independent validator: Prism, as its own process on 127.0.0.1, proxies
 * to the mock with `--errors`, so a request that breaks the spec, or an answer of the mock that
 * breaks it, fails the call. Every operation of every version goes through the generated
 * client, each against a freshly seeded portal (an event, a contact, a list, app settings) with
 * the spec's example body pointed at the seeded records; the mock has a handler for each.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "@org/mkt-events-mock";
import { ROOT, VERSIONS, jsonContent, loadPatchedSpec, mockOperationsOf } from "./helpers/specs.js";

const TOKEN = "pat-na1-prism-contract";
const DEV_KEY = "prism-dev-key";
const APP_ID = 4211853;
const SEED = { externalAccountId: "seed-acct", externalEventId: "seed-evt" };

/** A fresh portal: one event with a contact registered and a list, and the app's settings. */
function seed(mock: MockServer) {
  mock.reset();
  const portal = mock.state.portal();
  const now = new Date().toISOString();
  const event = portal.events.create(
    { ...SEED, eventName: "Seeded", eventOrganizer: "Acme", customProperties: [{ name: "p", value: "v" }] },
    now,
  )!;
  const contact = portal.contacts.add("seed@example.com");
  portal.participations.record(event.objectId, contact.vid, "register", { occurredAt: Date.now(), now });
  portal.lists.add(event.objectId, "123", now);
  mock.state.settings.set(APP_ID, { appId: APP_ID, eventDetailsUrl: "https://example.com/%s" });
  return { objectId: event.objectId, vid: contact.vid, email: contact.email };
}

/** The value of a path or query parameter, by name, for the seeded records. */
function paramValue(name: string, seeded: ReturnType<typeof seed>): string | number {
  const values: Record<string, string | number> = {
    ...SEED,
    objectId: seeded.objectId,
    marketingEventId: seeded.objectId,
    subscriberState: "register",
    listId: "456",
    appId: APP_ID,
    contactIdentifier: seeded.email,
    q: SEED.externalEventId,
    hapikey: DEV_KEY,
  };
  if (!(name in values)) throw new Error(`no value for parameter ${name}`);
  return values[name]!;
}

/** The spec's example body, its inputs pointed at the seeded event and contact (by id and email). */
function bodyFor(example: any, seeded: ReturnType<typeof seed>): unknown {
  if (!example?.inputs) return example;
  return {
    ...example,
    inputs: example.inputs.map((input: any) => ({
      ...input,
      ...("vid" in input ? { vid: seeded.vid } : {}),
      ...("email" in input ? { email: seeded.email } : {}),
      ...("objectId" in input ? { objectId: seeded.objectId } : {}),
      ...("appId" in input ? { appId: APP_ID, ...SEED } : {}),
    })),
  };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

async function startPrism(
  specFile: string,
  upstream: string,
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const child = spawn(
    join(ROOT, "node_modules/.bin/prism"),
    ["proxy", specFile, upstream, "--errors", "--host", "127.0.0.1", "--port", String(port)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr?.setEncoding("utf8").on("data", (c: string) => (out += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start in 60 s:\n${out}`)), 60_000);
    const poll = setInterval(() => {
      if (out.includes("Prism is listening")) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.once("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${out}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => out };
}

for (const version of VERSIONS) {
  const doc = await loadPatchedSpec(version);
  const ops = mockOperationsOf(doc);

  describe(`Prism contract check: ${version}`, () => {
    let mock: MockServer;
    let prism: Awaited<ReturnType<typeof startPrism>>;
    let client: any;

    beforeAll(async () => {
      mock = await startMockServer({ tokens: [TOKEN], developerApiKeys: [DEV_KEY], rateLimit: false });
      const dir = join(ROOT, ".tmp/prism");
      await mkdir(dir, { recursive: true });
      const specFile = join(dir, `${version}.json`);
      await writeFile(specFile, JSON.stringify(doc));
      prism = await startPrism(specFile, mock.url);
      const mod = await import(
        pathToFileURL(join(ROOT, `packages/mkt-events-${version}/dist/index.js`)).href
      );
      client = mod.createClient({ baseUrl: prism.url, auth: TOKEN });
    });
    afterAll(async () => {
      prism?.child.kill("SIGTERM");
      await mock?.close();
    });

    it("covers all 36 operations", () => expect(ops).toHaveLength(36));

    for (const { method, path, op } of ops) {
      it(`${method.toUpperCase()} ${path}: request and answer both conform`, async () => {
        const seeded = seed(mock);
        const params: any[] = op.parameters ?? [];
        const pathParams = Object.fromEntries(
          params.filter((p) => p.in === "path").map((p) => [p.name, paramValue(p.name, seeded)]),
        );
        const query = Object.fromEntries(
          params
            .filter((p) => p.in === "query" && p.required)
            .map((p) => [p.name, paramValue(p.name, seeded)]),
        );
        if ((op.security ?? []).some((s: any) => "developer_hapikey" in s)) query.hapikey = DEV_KEY;
        const example = jsonContent(op.requestBody)?.example;
        const body = bodyFor(example, seeded);
        const result = await client.request(method, path, {
          params: { path: pathParams, query },
          ...(body === undefined ? {} : { body }),
        });
        expect(result.response.headers.get("sl-violations")).toBeNull();
        expect(result.response.status, JSON.stringify(result.error ?? "")).toBeLessThan(300);
        const documented = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
        expect(documented).toContain(String(result.response.status));
        expect(mock.state.requests.at(-1)?.operation).toBeDefined();
        expect(mock.state.responseViolations).toEqual([]);
      });
    }

    const prefix = ops[0]!.path.replace(/\/(events|batch)(\/.*)?$/, "");
    it("a 207 partial success conforms", async () => {
      const up = await client.POST(`${prefix}/events/upsert`, {
        body: {
          inputs: [
            {
              externalAccountId: "p",
              externalEventId: `e-${version}`,
              eventName: "n",
              eventOrganizer: "o",
              customProperties: [],
            },
          ],
        },
      });
      const objectId = up.data.results[0].objectId;
      const res = await client.POST(`${prefix}/batch/update`, {
        body: {
          inputs: [
            { objectId, customProperties: [] },
            { objectId: "999", customProperties: [] },
          ],
        },
      });
      expect(res.response.status).toBe(207);
      expect(res.data.errors[0].context.objectId).toEqual(["999"]);
    });

    it("the mock's error answers conform (409, 401)", async () => {
      const event = {
        externalAccountId: "p",
        externalEventId: `dup-${version}`,
        eventName: "n",
        eventOrganizer: "o",
        customProperties: [],
      };
      expect((await client.POST(`${prefix}/events`, { body: event })).response.status).toBe(200);
      const dup = await client.POST(`${prefix}/events`, { body: event });
      expect(dup.response.status).toBe(409);
      expect(dup.error.category).toBe("CONFLICT");
      const res = await fetch(`${prism.url}${prefix}/events`, {
        method: "POST",
        headers: { authorization: "Bearer wrong", "content-type": "application/json" },
        body: JSON.stringify(event),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("sl-violations")).toBeNull();
    });

    it("Prism does reject a request that breaks the spec (the check is live)", async () => {
      const res = await fetch(`${prism.url}${prefix}/events/upsert`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ inputs: [{ eventName: "no keys" }] }),
      });
      expect(res.status).toBe(422);
    });
  });
}
