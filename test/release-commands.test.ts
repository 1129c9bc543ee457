/**
 * spec:update and spec:diff as a maintainer runs them, in a scratch git repository: an update
 * regenerates and writes the right changeset, a failed import changes nothing, and the CI check
 * fails until a changeset of at least the computed level is pending.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/http-server.js";
import { ROOT, SPECS_DIR } from "./helpers/specs.js";
import { makeScratch, snapshot, type Scratch } from "./helpers/workspace.js";

const run = promisify(execFile);
/**
 * Runs a repository script against the scratch repository (always with --root: never the real
 * one), from `cwd` (default: the scratch repository).
 */
const cli = async (script: string, args: string[], root: string, cwd = root) => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(ROOT, "scripts", script), ...args, "--root", root],
      { cwd },
    );
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
};
const git = (cwd: string, ...args: string[]) =>
  run("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd });

let scratch: Scratch;
let root: string;
let server: TestServer;
let v3: any;

beforeAll(async () => {
  scratch = await makeScratch(false);
  root = scratch.dir;
  await mkdir(join(root, "specs/marketing-events"), { recursive: true });
  await mkdir(join(root, "packages/core"), { recursive: true });
  await mkdir(join(root, ".changeset"), { recursive: true });
  for (const f of ["v3.json", "overlay.json"])
    await cp(join(SPECS_DIR, f), join(root, "specs/marketing-events", f));
  await writeFile(
    join(root, "package.json"),
    JSON.stringify({ name: "scratch", private: true, config: { npmScope: "@org" } }, null, 2),
  );
  await writeFile(
    join(root, "packages/core/package.json"),
    JSON.stringify({ name: "@org/mkt-events-core", version: "0.1.0" }, null, 2),
  );
  await cp(join(ROOT, ".changeset/config.json"), join(root, ".changeset/config.json"));
  const gen = await cli("generate.mjs", [], root);
  expect(gen.stderr).toBe("");
  await git(root, "init", "-q", "-b", "main");
  await git(root, "add", "-A");
  await git(root, "commit", "-qm", "initial");
  v3 = JSON.parse(await readFile(join(SPECS_DIR, "v3.json"), "utf8"));
  server = await startTestServer((req) =>
    req.path === "/v3.json"
      ? { status: 200, body: (globalThis as any).__served }
      : { status: 404, body: { message: "not here" } },
  );
});
afterAll(async () => {
  await server?.close();
  await scratch?.remove();
});

const changesets = async () =>
  (await readdir(join(root, ".changeset"))).filter((n) => n.endsWith(".md")).sort();

describe("spec:update", () => {
  it.each([
    ["a file that is not JSON", () => "{ not json", /invalid JSON/],
    [
      "a spec with a dangling $ref",
      () =>
        JSON.stringify({
          ...v3,
          paths: {
            "/x": {
              post: {
                responses: {
                  200: {
                    description: "ok",
                    content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } },
                  },
                },
              },
            },
          },
        }),
      /Can't resolve \$ref/,
    ],
  ])("rejects %s and changes nothing", async (_name, text, message) => {
    const file = join(scratch.dir, "incoming.json");
    await writeFile(file, text());
    const before = await snapshot(join(root, "specs"));
    const pkgBefore = await snapshot(join(root, "packages"));
    const res = await cli("spec-update.mjs", ["v3", file], root);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain("nothing was changed");
    expect(await snapshot(join(root, "specs"))).toEqual(before);
    expect(await snapshot(join(root, "packages"))).toEqual(pkgBefore);
    expect(await changesets()).toEqual([]);
  });

  it.each([
    ["2026-03", "2026-03.json", "/marketing/marketing-events/2026-03/events"],
    ["v3", "v3.json", "/marketing/v3/marketing-events/events"],
  ])(
    "refuses a %s spec imported as 2026-09, naming both versions and the file's line and column",
    async (other, specFile, firstPath) => {
      const text = JSON.stringify(JSON.parse(await readFile(join(SPECS_DIR, specFile), "utf8")), null, 2);
      expect(Object.keys(JSON.parse(text).paths)[0]).toBe(firstPath);
      const lines = text.split("\n");
      const line = lines.findIndex((l) => l.includes(`"${firstPath}": {`));
      const column = lines[line]!.indexOf("{") + 1;
      await mkdir(join(root, "downloads"), { recursive: true });
      await writeFile(join(root, "downloads", "marketingEvents.json"), text);
      const specsBefore = await snapshot(join(root, "specs"));
      const pkgBefore = await snapshot(join(root, "packages"));

      // Run from a folder below the repository, with the path as a user types it.
      const res = await cli(
        "spec-update.mjs",
        ["2026-09", "../downloads/marketingEvents.json"],
        root,
        join(root, "packages"),
      );
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(
        `spec:update: ../downloads/marketingEvents.json:${line + 1}:${column}: its paths belong to API version ${other}, not 2026-09: ${firstPath} and `,
      );
      expect(res.stderr).toContain(`spec:update ${other} ../downloads/marketingEvents.json`);
      expect(res.stderr).not.toContain("specs/marketing-events/");
      expect(res.stderr).toContain("nothing was changed");
      expect(await snapshot(join(root, "specs"))).toEqual(specsBefore);
      expect(await snapshot(join(root, "packages"))).toEqual(pkgBefore);
      expect(await changesets()).toEqual([]);
    },
  );

  it("names the file the user gave, with line and column, for an error in it", async () => {
    const doc = structuredClone(v3);
    doc.info = 5;
    const text = JSON.stringify(doc, null, 2);
    const line = text.split("\n").findIndex((l) => l.includes('"info": 5')) + 1;
    await mkdir(join(root, "downloads"), { recursive: true });
    await writeFile(join(root, "downloads", "v3.json"), text);
    const res = await cli("spec-update.mjs", ["v3", "downloads/v3.json"], root);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `downloads/v3.json:${line}:11: Expected type \`Info\` (object) but got \`integer\` at /info (struct)`,
    );
    expect(res.stderr).not.toMatch(/downloads\/v3\.json:specs/);

    await writeFile(join(root, "downloads", "v3.json"), text.replace('"info": 5,', '"info": 5'));
    const json = await cli("spec-update.mjs", ["v3", "downloads/v3.json"], root);
    expect(json.stderr).toContain(
      `spec:update: downloads/v3.json:${line + 1}:3: invalid JSON: Unexpected token String found`,
    );
  });

  it("rejects a URL that answers an error, and bad arguments", async () => {
    const res = await cli("spec-update.mjs", ["v3", `${server.url}/missing.json`], root);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("answered HTTP 404");
    expect((await cli("spec-update.mjs", ["version-9", "x.json"], root)).stderr).toContain(
      "version must look like v3 or 2026-03",
    );
    expect((await cli("spec-update.mjs", ["v3", "ftp://example.invalid/x.json"], root)).code).toBe(2);
  });

  it("imports from an http URL: writes the spec, regenerates, and writes a major changeset for a breaking change", async () => {
    const next = structuredClone(v3);
    delete next.components.schemas.MarketingEventPublicDefaultResponse.properties.eventType; // response property removed
    next.components.schemas.MarketingEventCreateRequestParams.properties.eventVenue = { type: "string" }; // optional request property
    (globalThis as any).__served = next;
    const res = await cli("spec-update.mjs", ["v3", `${server.url}/v3.json`], root);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/major .*response property eventType removed/);
    expect(res.stdout).toMatch(/minor .*request property eventVenue added \(optional\)/);
    const schema = await readFile(join(root, "packages/mkt-events-v3/src/generated/schema.ts"), "utf8");
    expect(schema).toContain("eventVenue?: string;");
    const [name] = await changesets();
    const text = await readFile(join(root, ".changeset", name!), "utf8");
    expect(text).toMatch(/^---\n"@org\/mkt-events-v3": major\n---\n/);
    expect(text).toContain("response property eventType removed");
    expect(JSON.parse(await readFile(join(root, "specs/marketing-events/v3.json"), "utf8"))).toEqual(next);
  });

  it("creates the package for a new version from a local file", async () => {
    const file = join(scratch.dir, "2026-09.json");
    await writeFile(
      file,
      JSON.stringify(
        JSON.parse(
          JSON.stringify(v3)
            .replaceAll("/marketing/v3/marketing-events", "/marketing/marketing-events/2026-09")
            // v3's list-all lies outside its prefix (HubSpot publishes it so).
            .replaceAll('"/marketing/marketing-events/v3"', '"/marketing/marketing-events/2026-09"'),
        ),
      ),
    );
    const res = await cli("spec-update.mjs", ["2026-09", file], root);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("new package packages/mkt-events-2026-09");
    const pkg = JSON.parse(await readFile(join(root, "packages/mkt-events-2026-09/package.json"), "utf8"));
    expect(pkg.name).toBe("@org/mkt-events-2026-09");
    const all = await Promise.all(
      (await changesets()).map((n) => readFile(join(root, ".changeset", n), "utf8")),
    );
    expect(all.some((t) => t.includes('"@org/mkt-events-2026-09": minor'))).toBe(true);
  });
});

describe("spec:diff --check (CI)", () => {
  it("fails when a spec changed without a changeset of at least its level, passes once one is pending", async () => {
    // Start from a committed state with no pending changesets and a spec change on top.
    await run("rm", ["-f", ...(await changesets()).map((n) => join(root, ".changeset", n))]);
    await git(root, "add", "-A");
    await git(root, "commit", "-qm", "update");
    const spec = JSON.parse(await readFile(join(root, "specs/marketing-events/v3.json"), "utf8"));
    spec.components.schemas.MarketingEventCreateRequestParams.required.push("eventType"); // newly required: major
    await writeFile(join(root, "specs/marketing-events/v3.json"), JSON.stringify(spec, null, 2));

    const base = ["--check", "--base", "HEAD"];
    const missing = await cli("spec-diff.mjs", base, root);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(
      /major .*request property eventType is newly required .*\(#\/components\/schemas\/MarketingEventCreateRequestParams\/properties\/eventType\)/,
    );
    expect(missing.stderr).toContain("@org/mkt-events-v3: needs major, pending changesets give none");

    await writeFile(
      join(root, ".changeset/too-small.md"),
      '---\n"@org/mkt-events-v3": minor\n---\n\nsomething\n',
    );
    expect((await cli("spec-diff.mjs", base, root)).stderr).toContain(
      "needs major, pending changesets give minor",
    );

    const write = await cli("spec-diff.mjs", ["--base", "HEAD"], root);
    expect(write.stdout).toMatch(
      /wrote \.changeset\/spec-mkt-events-v3-[0-9a-f]{8}\.md \(@org\/mkt-events-v3: major\)/,
    );
    expect((await cli("spec-diff.mjs", base, root)).code).toBe(0);
  });
});
