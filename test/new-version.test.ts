/**
 * Adding a version is dropping a spec file and running the generator: a 2026-09 spec (paths
 * renamed from 2026-03) becomes @org/mkt-events-2026-09, which builds, type-checks and passes the
 * same contract suite as the committed versions, with no other edit. A spec shaped like
 * HubSpot's full published one (36 operations, malformed repeated operationIds) generates too,
 * and a strict consumer calling upsert and batch/update with { name, value } compiles and runs.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../scripts/lib/generate.mjs";
import { defineContractSuite, type ClientModule } from "./helpers/contract-suite.js";
import { startTestServer } from "./helpers/http-server.js";
import { SPECS_DIR, loadPatchedSpec, operationsOf } from "./helpers/specs.js";
import { buildPackage, makeScratch, typecheckFile } from "./helpers/workspace.js";
import { countOperations, upstreamLikeSpec } from "./fixtures/upstream-like-spec.js";

const base = JSON.parse(await readFile(join(SPECS_DIR, "2026-03.json"), "utf8"));

describe("a new dated version dropped into specs/", async () => {
  const scratch = await makeScratch(false);
  const renamed = JSON.parse(
    JSON.stringify(base).replaceAll(
      "/marketing/marketing-events/2026-03",
      "/marketing/marketing-events/2026-09",
    ),
  );
  renamed.info.version = "2026-09";
  await writeFile(join(scratch.specsDir, "2026-09.json"), JSON.stringify(renamed, null, 2));
  await writeFile(join(scratch.specsDir, "overlay.json"), await readFile(join(SPECS_DIR, "overlay.json")));
  const doc = await loadPatchedSpec("2026-09", scratch.specsDir);
  const pkgDir = join(scratch.packagesDir, "mkt-events-2026-09");

  beforeAll(async () => {
    const result = await generate({ specsDir: scratch.specsDir, packagesDir: scratch.packagesDir });
    expect(result.messages).toEqual([]);
    await buildPackage(pkgDir);
  });
  afterAll(() => scratch.remove());

  it("is generated as @org/mkt-events-2026-09", async () => {
    const pkg = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8"));
    expect(pkg.name).toBe("@org/mkt-events-2026-09");
    expect(pkg.mktEvents.apiVersion).toBe("2026-09");
    expect(operationsOf(doc).map((o) => o.path)).toContain(
      "/marketing/marketing-events/2026-09/events/upsert",
    );
  });

  defineContractSuite(
    "2026-09",
    doc,
    () => import(pathToFileURL(join(pkgDir, "dist/index.js")).href) as Promise<ClientModule>,
  );
});

describe("a spec shaped like HubSpot's full published one", () => {
  let scratch: Awaited<ReturnType<typeof makeScratch>>;
  let pkgDir: string;
  beforeAll(async () => {
    scratch = await makeScratch(false);
    const upstream = upstreamLikeSpec(base, "2026-03");
    expect(countOperations(upstream)).toBe(36);
    await writeFile(join(scratch.specsDir, "2026-03.json"), JSON.stringify(upstream, null, 2));
    await writeFile(join(scratch.specsDir, "overlay.json"), await readFile(join(SPECS_DIR, "overlay.json")));
    const result = await generate({ specsDir: scratch.specsDir, packagesDir: scratch.packagesDir });
    expect(result.messages).toEqual([]);
    pkgDir = join(scratch.packagesDir, "mkt-events-2026-03");
    await buildPackage(pkgDir);
  });
  afterAll(() => scratch.remove());

  it("generates without depending on its operationIds", async () => {
    const schema = await readFile(join(pkgDir, "src/generated/schema.ts"), "utf8");
    expect(schema).not.toContain("post-/marketing");
    expect(schema).toContain("export type operations = Record<string, never>;");
  });

  it("serves a strict consumer that upserts and batch-updates with { name, value }", async () => {
    const consumer = join(scratch.dir, "consumer.ts");
    await writeFile(
      consumer,
      `import { createClient, unwrap } from "./packages/mkt-events-2026-03/dist/index.js";

export async function main(baseUrl: string): Promise<string[]> {
  const client = createClient({ baseUrl, auth: "pat-na1-consumer" });
  const upserted = unwrap(
    await client.POST("/marketing/marketing-events/2026-03/events/upsert", {
      body: {
        inputs: [
          {
            externalAccountId: "acct",
            externalEventId: "evt",
            eventName: "Launch",
            eventOrganizer: "Acme",
            customProperties: [{ name: "platform", value: "zoom" }],
          },
        ],
      },
    }),
  );
  const updated = unwrap(
    await client.POST("/marketing/marketing-events/2026-03/batch/update", {
      body: { inputs: [{ objectId: upserted.results[0]!.id, customProperties: [{ name: "platform", value: "teams" }] }] },
    }),
  );
  return [upserted.status, ...updated.results.map((r) => r.objectId)];
}
`,
    );
    await typecheckFile(consumer);

    const now = new Date(0).toISOString();
    const server = await startTestServer((req) => {
      const input = (req.body as any).inputs[0];
      const record = {
        createdAt: now,
        updatedAt: now,
        eventName: "Launch",
        eventOrganizer: "Acme",
        customProperties: input.customProperties,
      };
      return req.path.endsWith("/events/upsert")
        ? {
            status: 200,
            body: {
              status: "COMPLETE",
              startedAt: now,
              completedAt: now,
              results: [{ ...record, id: "obj-1" }],
            },
          }
        : {
            status: 200,
            body: {
              status: "COMPLETE",
              startedAt: now,
              completedAt: now,
              results: [{ ...record, objectId: input.objectId }],
            },
          };
    });
    try {
      const { main } = await import(pathToFileURL(consumer).href);
      expect(await main(server.url)).toEqual(["COMPLETE", "obj-1"]);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        "Bearer pat-na1-consumer",
        "Bearer pat-na1-consumer",
      ]);
      expect((server.requests[1]?.body as any).inputs[0]).toEqual({
        objectId: "obj-1",
        customProperties: [{ name: "platform", value: "teams" }],
      });
    } finally {
      await server.close();
    }
  });
});
