// @ts-check
/**
 * Why this file exists: the generator's one entry point. For every
 * `specs/marketing-events/<version>.json` it loads the spec with the overlays and renders its
 * package, then either writes all packages or (with `check`) reports every file that differs.
 * It writes nothing unless every spec loaded and rendered.
 */
import { join, resolve, sep } from "node:path";
import * as prettier from "prettier";
import { SpecError } from "./json-source.mjs";
import { loadOverlay, loadSpec } from "./load-spec.mjs";
import { renderPackage } from "./render-package.mjs";
import { renderMockSpecs } from "../templates/mock-specs-ts.mjs";
import { diffFiles, writePlans } from "./write-files.mjs";
import { discover, display, exists, generatedPackages, readJson, readSettings } from "./repo-layout.mjs";

export { discover, VERSION_RE } from "./repo-layout.mjs";

/**
 * @typedef {object} GenerateOptions
 * @property {string} [root] repository root (default: this script's repository)
 * @property {string} [specsDir] default `<root>/specs/marketing-events`
 * @property {string} [packagesDir] default `<root>/packages`
 * @property {boolean} [check] compare instead of writing
 */

/**
 * @param {GenerateOptions} [options]
 * @returns {Promise<{ ok: boolean, messages: string[], changed: string[], versions: string[] }>}
 */
export async function generate(options = {}) {
  const root = resolve(options.root ?? new URL("../..", import.meta.url).pathname);
  const specsDir = resolve(root, options.specsDir ?? "specs/marketing-events");
  const packagesDir = resolve(root, options.packagesDir ?? "packages");
  /** @type {string[]} */
  const messages = [];
  const fail = (/** @type {unknown} */ e) => {
    if (e instanceof SpecError) messages.push(e.message);
    else throw e;
  };

  let settings;
  let found;
  try {
    settings = await readSettings(root);
    found = await discover(specsDir, root);
  } catch (e) {
    fail(e);
    return { ok: false, messages, changed: [], versions: [] };
  }
  messages.push(...found.problems);
  if (found.specs.length === 0 && found.problems.length === 0) {
    messages.push(`${display(root, specsDir)}: no <version>.json spec files found`);
  }

  const existing = await generatedPackages(packagesDir);
  /** @type {import("./write-files.mjs").PackagePlan[]} */
  const plans = [];
  let sharedOverlay;
  try {
    sharedOverlay = found.sharedOverlay
      ? await loadOverlay({ file: found.sharedOverlay, display: display(root, found.sharedOverlay) })
      : undefined;
  } catch (e) {
    fail(e);
  }
  /** @type {{ version: string, display: string, sha256: string, doc: any, overlays: { display: string, sha256: string }[] }[]} */
  const loaded = [];
  for (const s of found.specs) {
    try {
      const overlays = sharedOverlay ? [sharedOverlay] : [];
      if (s.overlay) overlays.push(await loadOverlay({ file: s.overlay, display: display(root, s.overlay) }));
      const spec = await loadSpec({ file: s.file, display: display(root, s.file) }, overlays, {
        version: s.version,
      });
      const dir = existing.get(s.version) ?? join(packagesDir, `mkt-events-${s.version}`);
      let packageVersion = "0.1.0";
      try {
        packageVersion = (await readJson(join(dir, "package.json"))).version ?? packageVersion;
      } catch {
        /* new package */
      }
      const files = await renderPackage({
        version: s.version,
        scope: settings.scope,
        coreName: settings.coreName,
        coreRange: "workspace:^",
        packageVersion,
        spec,
        overlays,
        generator: settings.generator,
        licenseText: settings.licenseText,
        prettierOptions: settings.prettierOptions,
      });
      plans.push({ dir, files, owned: ["src/generated"] });
      loaded.push({
        version: s.version,
        display: spec.display,
        sha256: spec.sha256,
        doc: spec.doc,
        overlays,
      });
    } catch (e) {
      fail(e);
    }
  }
  for (const [version, dir] of existing) {
    if (!found.specs.some((s) => s.version === version)) {
      messages.push(
        `${display(root, dir)}: generated package for ${version}, whose spec is gone; delete the folder or restore the spec`,
      );
    }
  }
  const versions = found.specs.map((s) => s.version);
  if (messages.length > 0) return { ok: false, messages, changed: [], versions };

  // The mock server (packages/mock, when present) serves every spec: it gets them all, patched.
  const mockDir = join(packagesDir, "mock");
  if (await exists(join(mockDir, "package.json"))) {
    const text = renderMockSpecs({
      specs: loaded,
      overlays: loaded.flatMap((l) => l.overlays.map(({ display, sha256 }) => ({ display, sha256 }))),
      generator: { name: "scripts/generate.mjs", version: "1" },
    });
    const formatted = await prettier.format(text, { ...settings.prettierOptions, filepath: "specs.ts" });
    plans.push({
      dir: mockDir,
      files: new Map([["src/generated/specs.ts", formatted]]),
      owned: ["src/generated"],
    });
  }

  if (options.check) {
    for (const plan of plans) {
      for (const p of await diffFiles(plan)) messages.push(`${display(root, p.path)}: ${p.problem}`);
    }
    if (messages.length > 0) messages.push("run `node scripts/generate.mjs` and commit the result");
    return { ok: messages.length === 0, messages, changed: [], versions };
  }
  const changed = (await writePlans(plans)).map((line) => line.replace(root + sep, ""));
  return { ok: true, messages, changed, versions };
}
