// @ts-check
/**
 * Why this file exists: spec:diff and spec:update both compare a version's spec with an earlier
 * one (from git or from disk), print the same report and summarise it for a changeset.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadOverlay, loadSpec } from "./load-spec.mjs";
import { diffSpecs } from "./spec-diff.mjs";

const run = promisify(execFile);

/** A file's content at a git ref, or undefined when it does not exist there. */
export async function gitShow(
  /** @type {string} */ root,
  /** @type {string} */ ref,
  /** @type {string} */ path,
) {
  try {
    const { stdout } = await run("git", ["show", `${ref}:${path}`], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * The ref a package's spec changes are counted from: the last commit that changed the package's
 * version (its last release), or the commit that created the package.
 * @param {string} root @param {string} packageJson repo-relative path
 */
export async function releaseBase(root, packageJson) {
  const git = async (/** @type {string[]} */ args) =>
    (await run("git", args, { cwd: root })).stdout.trim().split("\n")[0] ?? "";
  try {
    return (await git(["log", "-1", "--format=%H", "-G", '"version"', "--", packageJson])) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads a spec (with overlays) from text; the overlays come as texts too (from the same ref).
 * Error locations name `display` (the spec as the user knows it: the file or URL they gave, or a
 * repository path) and each overlay's `display` (default: its repository path).
 * @param {{ root: string, version: string, specText: string, display: string, overlayTexts: { name: string, text: string, display?: string }[] }} input
 */
export async function loadPatched(input) {
  const overlays = [];
  for (const o of input.overlayTexts) {
    overlays.push(
      await loadOverlay({ file: join(input.root, o.name), display: o.display ?? o.name, text: o.text }),
    );
  }
  const spec = await loadSpec(
    {
      file: join(input.root, `specs/marketing-events/${input.version}.json`),
      display: input.display,
      text: input.specText,
    },
    overlays,
    { version: input.version },
  );
  return spec.doc;
}

/**
 * @param {string} packageName
 * @param {string} version
 * @param {ReturnType<typeof diffSpecs>} diff
 */
export function formatReport(packageName, version, diff) {
  const lines = [
    `${packageName} (spec ${version}): ${diff.level === "none" ? "no changes" : `${diff.level} bump`}`,
  ];
  for (const c of diff.changes)
    lines.push(
      `  ${c.level.padEnd(5)}  ${c.where}: ${c.message}  (${c.pointer})${c.rule ? ` [${c.rule}]` : ""}`,
    );
  return lines.join("\n");
}

/** Markdown summary of the changes, for a changeset and thus the CHANGELOG. */
export function changesetSummary(
  /** @type {string} */ version,
  /** @type {ReturnType<typeof diffSpecs>} */ diff,
) {
  const shown = diff.changes
    .slice(0, 40)
    .map((c) => `- ${c.level}: ${c.where}: ${c.message} (\`${c.pointer}\`)`);
  if (diff.changes.length > 40) shown.push(`- ... and ${diff.changes.length - 40} more`);
  return `HubSpot Marketing Events spec ${version} updated.\n\n${shown.join("\n")}`;
}

export { diffSpecs };
