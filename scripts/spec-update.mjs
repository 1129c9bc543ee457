#!/usr/bin/env node
// @ts-check
/**
 * `pnpm spec:update <version> <file-or-url>`
 * Imports HubSpot's published spec for a version (a local file or an http(s) URL), applies the
 * overlays, validates it, writes it to specs/marketing-events/<version>.json, regenerates the
 * packages and writes a changeset with the bump the spec diff computes. A new version gets a
 * new package. If anything fails, nothing is changed.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as prettier from "prettier";
import { writeChangeset } from "./lib/changesets.mjs";
import { VERSION_RE, generate } from "./lib/generate.mjs";
import { SpecError } from "./lib/json-source.mjs";
import { changesetSummary, diffSpecs, formatReport, loadPatched } from "./lib/spec-report.mjs";

const usage =
  "usage: spec:update <version> <file-or-url> [--root DIR]   e.g. spec:update 2026-03 ./marketingEvents.json";
/** @param {string} message @returns {never} */
function fail(message, code = 1) {
  console.error(`spec:update: ${message}`);
  if (code === 2) console.error(usage);
  console.error("spec:update: nothing was changed");
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { root: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e), 2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
const [version, source] = parsed.positionals;
if (!version || !source || parsed.positionals.length > 2) fail("expected a version and a file or URL", 2);
if (!VERSION_RE.test(version))
  fail(`version must look like v3 or 2026-03, got ${JSON.stringify(version)}`, 2);

const root = resolve(parsed.values.root ?? new URL("..", import.meta.url).pathname);
const specPath = `specs/marketing-events/${version}.json`;
const target = join(root, specPath);

// 1. Fetch the new spec's text.
let text;
if (/^https?:\/\//i.test(source)) {
  try {
    const res = await fetch(source, {
      signal: AbortSignal.timeout(60_000),
      headers: { accept: "application/json" },
    });
    if (!res.ok) fail(`${source} answered HTTP ${res.status}`);
    text = await res.text();
  } catch (e) {
    fail(
      `cannot download ${source}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : e}`,
    );
  }
} else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
  fail(`only local files and http(s) URLs are supported, got ${source}`, 2);
} else {
  try {
    text = await readFile(resolve(source), "utf8");
  } catch (e) {
    fail(`cannot read ${source} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e})`);
  }
}

// 2. Validate it as the generator will see it (overlays applied), and diff it with the current one.
const overlayTexts = [];
for (const name of [
  "specs/marketing-events/overlay.json",
  `specs/marketing-events/${version}.overlay.json`,
]) {
  const t = await readFile(join(root, name), "utf8").catch(() => undefined);
  if (t !== undefined) overlayTexts.push({ name, text: t });
}
const oldText = await readFile(target, "utf8").catch(() => undefined);
let diff;
try {
  const next = await loadPatched({ root, version, specText: text, overlayTexts, display: source });
  diff =
    oldText === undefined
      ? {
          level: /** @type {const} */ ("minor"),
          changes: [
            {
              level: /** @type {const} */ ("minor"),
              where: "package",
              pointer: "#",
              message: `new API version ${version}`,
            },
          ],
        }
      : diffSpecs(
          await loadPatched({ root, version, specText: oldText, overlayTexts, display: specPath }),
          next,
        );
} catch (e) {
  if (!(e instanceof SpecError)) fail(String(e));
  const hint =
    e.otherVersions?.length === 1
      ? `\n  (is it the ${e.otherVersions[0]} spec? then: spec:update ${e.otherVersions[0]} ${source})`
      : "";
  fail(`${e.message}${hint}`);
}

// 3. Write the spec (formatted as the repository formats JSON), regenerate; undo on failure.
const prettierOptions = (await prettier.resolveConfig(join(root, "package.json"))) ?? {};
const formatted = await prettier.format(JSON.stringify(JSON.parse(text), null, 2), {
  ...prettierOptions,
  filepath: target,
});
await writeFile(`${target}.tmp`, formatted);
await rename(`${target}.tmp`, target);
const result = await generate({ root });
if (!result.ok) {
  if (oldText === undefined) await rm(target, { force: true });
  else await writeFile(target, oldText);
  fail(`regeneration failed:\n  ${result.messages.join("\n  ")}`);
}
for (const line of result.changed) console.log(`  ${line}`);

// 4. The changeset.
const scope = JSON.parse(await readFile(join(root, "package.json"), "utf8")).config?.npmScope ?? "@org";
const pkgName = `${scope}/mkt-events-${version}`;
console.log(formatReport(pkgName, version, diff));
if (diff.level === "none") {
  console.log("spec:update: the spec's content is unchanged; no changeset needed");
} else {
  const file = await writeChangeset(root, { [pkgName]: diff.level }, changesetSummary(version, diff));
  console.log(`spec:update: wrote ${file.slice(root.length + 1)}`);
}
if (oldText === undefined)
  console.log(`spec:update: new package packages/mkt-events-${version}; run \`pnpm install\` to link it`);
