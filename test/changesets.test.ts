/** `changeset version` on a temporary copy of the workspace: independent bumps and changelogs. */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingBumps, writeChangeset } from "../scripts/lib/changesets.mjs";
import { ROOT } from "./helpers/specs.js";
import { makeScratch, type Scratch } from "./helpers/workspace.js";

const run = promisify(execFile);
let scratch: Scratch;
const pkg = async (dir: string) =>
  JSON.parse(await readFile(join(scratch.dir, "packages", dir, "package.json"), "utf8"));

beforeAll(async () => {
  scratch = await makeScratch(false);
  for (const f of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    await mkdir(join(scratch.dir, f, ".."), { recursive: true });
    await cp(join(ROOT, f), join(scratch.dir, f));
  }
  for (const dir of await readdir(join(ROOT, "packages"))) {
    await mkdir(join(scratch.dir, "packages", dir), { recursive: true });
    await cp(join(ROOT, "packages", dir, "package.json"), join(scratch.dir, "packages", dir, "package.json"));
  }
});
afterAll(() => scratch.remove());

describe("changeset version", () => {
  it("bumps each package independently and writes its changelog", async () => {
    const before = {
      core: (await pkg("core")).version,
      v3: (await pkg("mkt-events-v3")).version,
      y2026: (await pkg("mkt-events-2026-03")).version,
    };
    await writeFile(
      join(scratch.dir, ".changeset/spec-mkt-events-v3-test.md"),
      '---\n"@org/mkt-events-v3": major\n"@org/mkt-events-core": minor\n---\n\nHubSpot Marketing Events spec v3 updated.\n\n- major: response property eventType removed\n',
    );
    await run(join(ROOT, "node_modules/.bin/changeset"), ["version"], { cwd: scratch.dir });

    const bump = (v: string, level: "major" | "minor" | "patch") => {
      const [a, b, c] = v.split(".").map(Number) as [number, number, number];
      return level === "major"
        ? `${a + 1}.0.0`
        : level === "minor"
          ? `${a}.${b + 1}.0`
          : `${a}.${b}.${c + 1}`;
    };
    expect((await pkg("mkt-events-v3")).version).toBe(bump(before.v3, "major"));
    expect((await pkg("core")).version).toBe(bump(before.core, "minor"));
    // A dependent of core gets a patch bump only because core moved out of its range.
    expect((await pkg("mkt-events-2026-03")).version).toBe(bump(before.y2026, "patch"));

    const changelog = await readFile(join(scratch.dir, "packages/mkt-events-v3/CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${bump(before.v3, "major")}`);
    expect(changelog).toContain("### Major Changes");
    expect(changelog).toContain("major: response property eventType removed");
    expect(await readdir(join(scratch.dir, ".changeset"))).toEqual(["config.json"]);
  });
});

describe("reading and writing changesets (scripts/lib/changesets.mjs)", () => {
  it("writes a changeset that changesets reads back, named by its content, once for the same content", async () => {
    const dir = await mkdtemp(join(scratch.dir, "write-"));
    const summary =
      "HubSpot Marketing Events spec v3 updated.\n\n- major: response property eventType removed (`#/x`)";
    const packages = { "@org/mkt-events-v3": "major", "@org/mkt-events-core": "minor" } as const;
    const file = await writeChangeset(dir, packages, summary);
    expect(file).toMatch(/\/\.changeset\/spec-mkt-events-core-mkt-events-v3-[0-9a-f]{8}\.md$/);
    expect(await writeChangeset(dir, packages, summary)).toBe(file);
    expect(await readdir(join(dir, ".changeset"))).toEqual([file.split("/").pop()]);
    const text = await readFile(file, "utf8");
    expect(text).toBe(`---\n"@org/mkt-events-core": minor\n"@org/mkt-events-v3": major\n---\n\n${summary}\n`);
    expect(await pendingBumps(dir)).toEqual(
      new Map([
        ["@org/mkt-events-core", "minor"],
        ["@org/mkt-events-v3", "major"],
      ]),
    );
  });

  it("reads the highest pending bump per package, as `changeset version` would", async () => {
    const dir = await mkdtemp(join(scratch.dir, "read-"));
    expect(await pendingBumps(dir)).toEqual(new Map()); // no .changeset folder
    await mkdir(join(dir, ".changeset"));
    await writeFile(join(dir, ".changeset/README.md"), "# not a changeset\n");
    await writeFile(join(dir, ".changeset/a.md"), "---\n'@org/mkt-events-v3': patch\n---\n\na\n");
    await writeFile(
      join(dir, ".changeset/b.md"),
      '---\n"@org/mkt-events-v3": minor\n"@org/x": none\n---\n\nb\n',
    );
    await writeFile(join(dir, ".changeset/c.md"), '---\n"@org/mkt-events-2026-03": major\n---\n\nc\n');
    expect(await pendingBumps(dir)).toEqual(
      new Map([
        ["@org/mkt-events-v3", "minor"],
        ["@org/mkt-events-2026-03", "major"],
      ]),
    );
    await writeFile(join(dir, ".changeset/d.md"), '---\n"@org/mkt-events-v3": huge\n---\n\nd\n');
    await expect(pendingBumps(dir)).rejects.toThrow(
      /invalid version type "huge" for package "@org\/mkt-events-v3"/,
    );
  });
});
