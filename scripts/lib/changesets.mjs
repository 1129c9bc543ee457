// @ts-check
/**
 * Why this file exists: the spec diff decides a bump; changesets carry it to the release. This
 * reads the pending changesets' bumps and writes new ones in the format `changeset version` reads.
 */
import { createHash } from "node:crypto";
import { readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LEVELS, maxLevel } from "./spec-diff.mjs";

/**
 * The highest bump each package has in the pending changesets of `dir`.
 * @param {string} dir the `.changeset` folder
 * @returns {Promise<Map<string, import("./spec-diff.mjs").Level>>}
 */
export async function pendingBumps(dir) {
  /** @type {Map<string, import("./spec-diff.mjs").Level>} */
  const bumps = new Map();
  let names = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".md") && n !== "README.md");
  } catch {
    return bumps;
  }
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const line of front.split(/\r?\n/)) {
      const m = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (!m?.[1] || !m[2]) continue;
      const level = /** @type {import("./spec-diff.mjs").Level} */ (m[2]);
      const current = bumps.get(m[1]);
      bumps.set(
        m[1],
        current ? /** @type {import("./spec-diff.mjs").Level} */ (maxLevel(current, level)) : level,
      );
    }
  }
  return bumps;
}

/** @param {import("./spec-diff.mjs").Level | "none"} have @param {import("./spec-diff.mjs").Level | "none"} need */
export const covers = (have, need) => LEVELS.indexOf(have) >= LEVELS.indexOf(need);

/**
 * Writes `.changeset/<name>.md`; the name comes from the content, so writing the same twice is
 * harmless. Returns the file's path.
 * @param {string} dir
 * @param {Record<string, import("./spec-diff.mjs").Level>} packages
 * @param {string} summary Markdown
 */
export async function writeChangeset(dir, packages, summary) {
  const front = Object.entries(packages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, level]) => `"${name}": ${level}`)
    .join("\n");
  const text = `---\n${front}\n---\n\n${summary.trim()}\n`;
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 8);
  const slug = Object.keys(packages)
    .map((n) => n.replace(/^@[^/]+\//, ""))
    .join("-")
    .slice(0, 60);
  const file = join(dir, `spec-${slug}-${hash}.md`);
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
  return file;
}
