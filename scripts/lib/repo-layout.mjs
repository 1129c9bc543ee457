// @ts-check
/**
 * Why this file exists: what the generator needs to know about the repository: its settings
 * (npm scope, tool versions, formatting), which spec files there are, and which packages it
 * generated before.
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import * as prettier from "prettier";
import { SpecError } from "./json-source.mjs";

/** `v3`, `v4`, ... or a dated version `YYYY-MM`. */
export const VERSION_RE = /^(?:v\d+|\d{4}-(?:0[1-9]|1[0-2]))$/;
const SHARED_OVERLAY = "overlay.json";

/** @param {string} root @param {string} p */
export const display = (root, p) => relative(root, p).split(sep).join("/");

export async function exists(/** @type {string} */ path) {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

export async function readJson(/** @type {string} */ path) {
  return JSON.parse(await readFile(path, "utf8"));
}

/** @param {string} root */
export async function readSettings(root) {
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
export async function generatedPackages(/** @type {string} */ packagesDir) {
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
