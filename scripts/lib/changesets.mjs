// @ts-check
/**
 * Why this file exists: the spec diff decides a bump; changesets carry it to the release. Reading
 * and writing go through changesets' own packages (@changesets/read and @changesets/write, the
 * versions @changesets/cli uses), so a file is read exactly as `changeset version` reads it and
 * written exactly as `changeset` writes it. What is ours: the highest bump per package, and a
 * file name that comes from the content (`spec-<package>-<hash>.md`).
 */
import { createHash } from "node:crypto";
import { readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import writeChangesetFile from "@changesets/write";
import { LEVELS, maxLevel } from "./spec-diff.mjs";

/**
 * The highest bump each package has in the pending changesets of `<root>/.changeset`.
 * @param {string} root the repository root
 * @returns {Promise<Map<string, import("./spec-diff.mjs").Level>>}
 */
export async function pendingBumps(root) {
  /** @type {Map<string, import("./spec-diff.mjs").Level>} */
  const bumps = new Map();
  const isDir = await stat(join(root, ".changeset")).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return bumps;
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases) {
      if (type === "none") continue;
      const current = bumps.get(name);
      bumps.set(
        name,
        current ? /** @type {import("./spec-diff.mjs").Level} */ (maxLevel(current, type)) : type,
      );
    }
  }
  return bumps;
}

/** @param {import("./spec-diff.mjs").Level | "none"} have @param {import("./spec-diff.mjs").Level | "none"} need */
export const covers = (have, need) => LEVELS.indexOf(have) >= LEVELS.indexOf(need);

/**
 * Writes a changeset into `<root>/.changeset` with @changesets/write, then names it
 * `spec-<packages>-<hash of its content>.md`, so writing the same one twice leaves one file.
 * Returns the file's path.
 * @param {string} root the repository root
 * @param {Record<string, import("./spec-diff.mjs").Level>} packages
 * @param {string} summary Markdown
 */
export async function writeChangeset(root, packages, summary) {
  const releases = Object.entries(packages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]) => ({ name, type }));
  const id = await writeChangesetFile({ summary: summary.trim(), releases }, root);
  const written = join(root, ".changeset", `${id}.md`);
  const hash = createHash("sha256")
    .update(await readFile(written))
    .digest("hex")
    .slice(0, 8);
  const slug = releases
    .map((r) => r.name.replace(/^@[^/]+\//, ""))
    .join("-")
    .slice(0, 60);
  const file = join(root, ".changeset", `spec-${slug}-${hash}.md`);
  await rename(written, file);
  return file;
}
