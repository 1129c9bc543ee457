// @ts-check
/**
 * Why this file exists: generation must never leave a half-written package. Every file is
 * rendered in memory first; only then is each one written to a temporary sibling and renamed
 * into place. `diffFiles` is the same comparison, read-only, for `--check`.
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/** @typedef {{ dir: string, files: Map<string, string>, owned: string[] }} PackagePlan */

/** Files below `dir` (relative paths), or [] when it does not exist. */
async function listFiles(/** @type {string} */ dir) {
  /** @type {string[]} */
  const out = [];
  const walk = async (/** @type {string} */ d) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Differences between the plan and the disk: missing, changed, and unexpected files inside the
 * directories the generator owns (e.g. `src/generated`).
 * @param {PackagePlan} plan
 * @returns {Promise<{ path: string, problem: "missing" | "stale or edited by hand" | "not generated" }[]>}
 */
export async function diffFiles(plan) {
  /** @type {{ path: string, problem: "missing" | "stale or edited by hand" | "not generated" }[]} */
  const problems = [];
  for (const [rel, content] of plan.files) {
    const path = join(plan.dir, rel);
    let current;
    try {
      current = await readFile(path, "utf8");
    } catch {
      problems.push({ path, problem: "missing" });
      continue;
    }
    if (current !== content) problems.push({ path, problem: "stale or edited by hand" });
  }
  for (const owned of plan.owned) {
    for (const rel of await listFiles(join(plan.dir, owned))) {
      const pkgRel = join(owned, rel);
      if (!plan.files.has(pkgRel)) problems.push({ path: join(plan.dir, pkgRel), problem: "not generated" });
    }
  }
  return problems;
}

/**
 * Writes every planned file (temp file + rename), then removes stray files in owned folders.
 * Files whose content is already right are not touched, so a second run changes nothing.
 * @param {PackagePlan[]} plans
 * @returns {Promise<string[]>} paths written or removed
 */
export async function writePlans(plans) {
  /** @type {string[]} */
  const changed = [];
  for (const plan of plans) {
    const problems = await diffFiles(plan);
    for (const { path, problem } of problems) {
      if (problem === "not generated") {
        await rm(path);
        changed.push(`removed ${path}`);
        continue;
      }
      const content = /** @type {string} */ (plan.files.get(relative(plan.dir, path)));
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      try {
        await writeFile(tmp, content);
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      changed.push(`wrote ${path}`);
    }
  }
  return changed;
}
