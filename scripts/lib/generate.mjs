// @ts-check
/**
 * Why this file exists: the one place that knows the repository layout. It finds every
 * `specs/marketing-events/<version>.json`, loads it with the overlays, renders its package, and
 * either writes all packages or (with `check`) reports every file that differs. It writes
 * nothing unless every spec loaded and rendered.
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import * as prettier from "prettier";
import { SpecError } from "./json-source.mjs";
import { loadOverlay, loadSpec } from "./load-spec.mjs";
import { renderPackage } from "./render-package.mjs";
import { renderMockSpecs } from "../templates/mock-specs-ts.mjs";
import { diffFiles, writePlans } from "./write-files.mjs";

/** `v3`, `v4`, ... or a dated version `YYYY-MM`. */
export const VERSION_RE = /^(?:v\d+|\d{4}-(?:0[1-9]|1[0-2]))$/;
const SHARED_OVERLAY = "overlay.json";

/**
 * @typedef {object} GenerateOptions
 * @property {string} [root] repository root (default: this script's repository)
 * @property {string} [specsDir] default `<root>/specs/marketing-events`
 * @property {string} [packagesDir] default `<root>/packages`
 * @property {boolean} [check] compare instead of writing
 */

/** @param {string} root @param {string} p */
const display = (root, p) => relative(root, p).split(sep).join("/");

async function exists(/** @type {string} */ path) {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson(/** @type {string} */ path) {
  return JSON.parse(await readFile(path, "utf8"));
}

/** @param {string} root */
async function readSettings(root) {
  const rootPkg = await readJson(join(root, "package.json"));
  const scope = rootPkg.config?.npmScope;
  if (typeof scope !== "string" || !/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) {
    throw new SpecError(
      "package.json",
      `config.npmScope must be an npm scope like "@org", got ${JSON.stringify(scope)}`,
    );
  }
  const coreName = `${scope}/mkt-events-core`;
  const corePkg = await readJson(join(root, "packages/core/package.json"));
  if (corePkg.name !== coreName) {
    throw new SpecError(
      "packages/core/package.json",
      `name is ${JSON.stringify(corePkg.name)} but config.npmScope makes it ${JSON.stringify(coreName)}; rename it to match`,
    );
  }
  const require = createRequire(join(root, "package.json"));
  const otsVersion = (await readJson(require.resolve("openapi-typescript/package.json"))).version;
  let licenseText;
  try {
    licenseText = await readFile(join(root, "LICENSE"), "utf8");
  } catch {
    licenseText = undefined;
  }
  const prettierOptions = (await prettier.resolveConfig(join(root, "package.json"))) ?? {};
  return {
    scope,
    coreName,
    generator: { name: "openapi-typescript", version: otsVersion },
    licenseText,
    prettierOptions,
  };
}

/**
 * Finds the spec files; every `.json` in the folder must be a spec, the shared overlay, or a
 * per-version overlay, so a misnamed file is reported instead of silently skipped.
 * @param {string} specsDir
 * @param {string} root
 */
export async function discover(specsDir, root) {
  const names = (await readdir(specsDir)).filter((n) => n.endsWith(".json")).sort();
  /** @type {{ version: string, file: string, overlay?: string }[]} */
  const specs = [];
  /** @type {string[]} */
  const problems = [];
  for (const name of names) {
    if (name === SHARED_OVERLAY || name.endsWith(".overlay.json")) continue;
    const version = name.slice(0, -".json".length);
    if (!VERSION_RE.test(version)) {
      problems.push(
        `${display(root, join(specsDir, name))}: file name must be <version>.json, where version is like v3 or 2026-03`,
      );
      continue;
    }
    const overlay = names.includes(`${version}.overlay.json`)
      ? join(specsDir, `${version}.overlay.json`)
      : undefined;
    specs.push({ version, file: join(specsDir, name), ...(overlay ? { overlay } : {}) });
  }
  for (const name of names) {
    if (name.endsWith(".overlay.json") && !specs.some((s) => `${s.version}.overlay.json` === name)) {
      problems.push(`${display(root, join(specsDir, name))}: overlay for a version that has no spec`);
    }
  }
  return {
    specs,
    problems,
    sharedOverlay: names.includes(SHARED_OVERLAY) ? join(specsDir, SHARED_OVERLAY) : undefined,
  };
}

/** Packages this generator made earlier (package.json `mktEvents.generated`), by version. */
async function generatedPackages(/** @type {string} */ packagesDir) {
  /** @type {Map<string, string>} */
  const found = new Map();
  let entries = [];
  try {
    entries = await readdir(packagesDir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    try {
      const pkg = await readJson(join(packagesDir, e.name, "package.json"));
      if (pkg.mktEvents?.generated === true) found.set(pkg.mktEvents.apiVersion, join(packagesDir, e.name));
    } catch {
      /* not a package */
    }
  }
  return found;
}

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
      const spec = await loadSpec({ file: s.file, display: display(root, s.file) }, overlays);
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
    if (messages.length > 0) messages.push("run `pnpm run generate` and commit the result");
    return { ok: messages.length === 0, messages, changed: [], versions };
  }
  const changed = (await writePlans(plans)).map((line) => line.replace(root + sep, ""));
  return { ok: true, messages, changed, versions };
}
