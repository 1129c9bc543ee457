#!/usr/bin/env node
// @ts-check
/**
 * `pnpm spec:diff [--base <git-ref>] [--check]`
 * Compares each spec in specs/marketing-events (working tree) with the same spec at the base
 * (default: the package's last release, i.e. the last commit that changed its version), prints
 * every change with its semver level, and writes a changeset for packages that need one.
 * With --check it writes nothing and exits 1 when a needed changeset is missing or too small.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { covers, pendingBumps, writeChangeset } from "./lib/changesets.mjs";
import { discover } from "./lib/generate.mjs";
import { SpecError } from "./lib/json-source.mjs";
import {
  changesetSummary,
  diffSpecs,
  formatReport,
  gitShow,
  loadPatched,
  releaseBase,
} from "./lib/spec-report.mjs";

const usage = "usage: spec:diff [--base <git-ref>] [--check] [--root DIR]";
let args;
try {
  args = parseArgs({
    options: {
      base: { type: "string" },
      check: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (e) {
  console.error(`spec:diff: ${e instanceof Error ? e.message : e}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const root = resolve(args.root ?? new URL("..", import.meta.url).pathname);
const scope = JSON.parse(await readFile(join(root, "package.json"), "utf8")).config?.npmScope ?? "@org";
const specsDir = join(root, "specs/marketing-events");
const { specs, problems } = await discover(specsDir, root);
if (problems.length) {
  for (const p of problems) console.error(`spec:diff: ${p}`);
  process.exit(1);
}
const readOverlays = async (
  /** @type {string} */ version,
  /** @type {(path: string) => Promise<string | undefined>} */ read,
) => {
  const out = [];
  for (const name of [
    "specs/marketing-events/overlay.json",
    `specs/marketing-events/${version}.overlay.json`,
  ]) {
    const text = await read(name);
    if (text !== undefined) out.push({ name, text });
  }
  return out;
};
const fromDisk = async (/** @type {string} */ path) =>
  readFile(join(root, path), "utf8").catch(() => undefined);

/** @type {Awaited<ReturnType<typeof pendingBumps>>} */
let pending;
try {
  pending = await pendingBumps(root);
} catch (e) {
  // A changeset that `changeset version` could not read either (bad front matter, bump type).
  console.error(`spec:diff: .changeset: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
const missing = [];
let failed = false;
for (const { version } of specs) {
  const pkgName = `${scope}/mkt-events-${version}`;
  const specPath = `specs/marketing-events/${version}.json`;
  try {
    const base = args.base ?? (await releaseBase(root, `packages/mkt-events-${version}/package.json`));
    const baseText = base ? await gitShow(root, base, specPath) : undefined;
    const head = await loadPatched({
      root,
      version,
      specText: /** @type {string} */ (await fromDisk(specPath)),
      overlayTexts: await readOverlays(version, fromDisk),
      display: specPath,
    });
    let diff;
    if (baseText === undefined) {
      diff = {
        level: /** @type {const} */ ("minor"),
        changes: [
          {
            level: /** @type {const} */ ("minor"),
            where: "package",
            pointer: "#",
            message: `new API version ${version} (no released spec${base ? ` at ${base.slice(0, 12)}` : ""})`,
          },
        ],
      };
    } else {
      const old = await loadPatched({
        root,
        version,
        specText: baseText,
        // Git's own `<commit>:<path>` names the file at the base.
        overlayTexts: (
          await readOverlays(version, (p) => gitShow(root, /** @type {string} */ (base), p))
        ).map((o) => ({ ...o, display: `${String(base).slice(0, 12)}:${o.name}` })),
        display: `${String(base).slice(0, 12)}:${specPath}`,
      });
      diff = diffSpecs(old, head);
    }
    console.log(
      `${formatReport(pkgName, version, diff)}${base ? `\n  (compared with ${args.base ?? `${base.slice(0, 12)}, the package's last release`})` : ""}`,
    );
    const have = pending.get(pkgName) ?? "none";
    if (diff.level !== "none" && !covers(have, diff.level)) missing.push({ pkgName, version, diff, have });
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    console.error(`spec:diff: ${e.message}`);
    failed = true;
  }
}
if (failed) process.exit(1);
if (missing.length === 0) {
  console.log("spec:diff: every spec change is covered by a pending changeset");
  process.exit(0);
}
if (args.check) {
  console.error("spec:diff --check: spec changes without a changeset of at least their level:");
  for (const m of missing)
    console.error(`  ${m.pkgName}: needs ${m.diff.level}, pending changesets give ${m.have}`);
  console.error("run `pnpm spec:diff` to write them (or `pnpm changeset`)");
  process.exit(1);
}
for (const m of missing) {
  const file = await writeChangeset(
    root,
    { [m.pkgName]: /** @type {import("./lib/spec-diff.mjs").Level} */ (m.diff.level) },
    changesetSummary(m.version, m.diff),
  );
  console.log(`spec:diff: wrote ${file.slice(root.length + 1)} (${m.pkgName}: ${m.diff.level})`);
}
