/**
 * Proven by a real install: every publishable package is packed (`pnpm pack`), checked for what
 * the tarball holds, installed with npm into a project outside the workspace, type-checked
 * under node16 (ESM and CJS) and bundler resolution, and run as ESM and as CJS against the
 * installed mock server.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/specs.js";

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules/.bin/tsc");
// The pnpm running this test (pnpm sets npm_execpath for scripts), or the one on PATH.
const execpath = process.env.npm_execpath ?? "";
const pnpm = /pnpm/.test(execpath)
  ? execpath.endsWith("js")
    ? [process.execPath, execpath]
    : [execpath]
  : ["pnpm"];
let project: string;
let packs: string;
const tarballs = new Map<string, string>();

const consumer = (importLine: string) => `${importLine}

async function main(): Promise<void> {
  const mock = await startMockServer({ tokens: ["install-token"] });
  try {
    const client = createClient({ baseUrl: mock.url, auth: "install-token", retry: { retries: 2, minDelayMs: 10 } });
    const one = unwrap(
      await client.POST("/marketing/marketing-events/2026-03/events/upsert", {
        body: { inputs: [{ externalAccountId: "a", externalEventId: "e-1", eventName: "Launch", eventOrganizer: "Acme", customProperties: [{ name: "k", value: "v" }] }] },
      }),
    );
    const many = await bulkUpsert(
      client,
      Array.from({ length: 250 }, (_, n) => ({ externalAccountId: "a", externalEventId: \`bulk-\${n}\`, eventName: "n", eventOrganizer: "o", customProperties: [] })),
    );
    console.log(JSON.stringify({ status: one.status, succeeded: many.succeeded.length, stored: mock.state.events.size, version: API_VERSION }));
  } finally {
    await mock.close();
  }
}
void main();
`;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "mkt-events-install-"));
  packs = join(project, "packs");
  for (const dir of await readdir(join(ROOT, "packages"))) {
    const pkg = JSON.parse(await readFile(join(ROOT, "packages", dir, "package.json"), "utf8"));
    if (pkg.private) continue;
    const { stdout } = await run(pnpm[0]!, [...pnpm.slice(1), "pack", "--pack-destination", packs], {
      cwd: join(ROOT, "packages", dir),
    });
    tarballs.set(pkg.name, stdout.trim().split("\n").at(-1)!.trim());
  }
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=error",
      "@types/node@20.19.43",
      ...tarballs.values(),
    ],
    { cwd: project, timeout: 300_000 },
  );
  await writeFile(
    join(project, "esm.mts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } from "@org/mkt-events-2026-03";\nimport { startMockServer } from "@org/mkt-events-mock";',
    ),
  );
  await writeFile(
    join(project, "cjs.cts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } = require("@org/mkt-events-2026-03");\nimport { startMockServer } = require("@org/mkt-events-mock");',
    )
      .replace(
        'import { API_VERSION, bulkUpsert, createClient, unwrap } = require("@org/mkt-events-2026-03");',
        'import pkg = require("@org/mkt-events-2026-03");\nconst { API_VERSION, bulkUpsert, createClient, unwrap } = pkg;',
      )
      .replace(
        'import { startMockServer } = require("@org/mkt-events-mock");',
        'import mockPkg = require("@org/mkt-events-mock");\nconst { startMockServer } = mockPkg;',
      ),
  );
  await writeFile(
    join(project, "bundler.ts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } from "@org/mkt-events-2026-03";\nimport { startMockServer } from "@org/mkt-events-mock";',
    ),
  );
}, 600_000);
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe("published packages", () => {
  it("every tarball holds dist, types, README, LICENSE and package.json, and nothing else", async () => {
    expect([...tarballs.keys()].sort()).toEqual([
      "@org/mkt-events-2026-03",
      "@org/mkt-events-core",
      "@org/mkt-events-mock",
      "@org/mkt-events-v3",
    ]);
    for (const [name, file] of tarballs) {
      const { stdout } = await run("tar", ["-tzf", file]);
      const entries = stdout.trim().split("\n").sort();
      expect(entries, name).toEqual(
        expect.arrayContaining([
          "package/package.json",
          "package/README.md",
          "package/LICENSE",
          "package/dist/index.js",
          "package/dist/index.cjs",
          "package/dist/index.d.ts",
          "package/dist/index.d.cts",
        ]),
      );
      const unexpected = entries.filter(
        (e) => !/^package\/(package\.json|README\.md|LICENSE|dist\/[\w.-]+\.(js|cjs|d\.ts|d\.cts))$/.test(e),
      );
      expect(unexpected, name).toEqual([]);
      const { stdout: manifest } = await run("tar", ["-xzOf", file, "package/package.json"]);
      expect(manifest, name).not.toContain("workspace:");
    }
  });

  it.each([
    ["node16, ESM", ["esm.mts", "--module", "node16", "--moduleResolution", "node16"]],
    ["node16, CJS", ["cjs.cts", "--module", "node16", "--moduleResolution", "node16"]],
    ["bundler", ["bundler.ts", "--module", "esnext", "--moduleResolution", "bundler"]],
  ])("type-checks a strict consumer under %s", async (_name, args) => {
    const [file, ...flags] = args as [string, ...string[]];
    await run(TSC, ["--noEmit", "--strict", "--target", "es2022", "--types", "node", ...flags, file], {
      cwd: project,
    }).catch((e) => {
      throw new Error(`tsc failed:\n${e.stdout}${e.stderr}`);
    });
  });

  it.each([
    ["ESM (import)", "esm.mts", "esm.mjs"],
    ["CJS (require)", "cjs.cts", "cjs.cjs"],
  ])("runs as %s against the installed mock", async (_name, source, output) => {
    await run(
      TSC,
      [
        "--strict",
        "--target",
        "es2022",
        "--module",
        "node16",
        "--moduleResolution",
        "node16",
        "--types",
        "node",
        "--outDir",
        "out",
        source,
      ],
      { cwd: project },
    );
    const { stdout } = await run(process.execPath, [join("out", output)], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      status: "COMPLETE",
      succeeded: 250,
      stored: 251,
      version: "2026-03",
    });
  });
});
