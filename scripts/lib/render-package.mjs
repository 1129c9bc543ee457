// @ts-check
/**
 * Why this file exists: a versioned package is nothing but generated files. This turns one loaded
 * spec into the full file set of its package (in memory), so the generator can write all of it
 * or none of it, and `--check` can compare it byte for byte.
 */
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";
import { tsHeader } from "../templates/header.mjs";
import { renderIndex } from "../templates/index-ts.mjs";
import { renderPackageJson, renderTsconfig, renderTsupConfig } from "../templates/package-json.mjs";
import { renderReadme } from "../templates/readme-md.mjs";
import { renderValidators } from "../templates/validators-ts.mjs";
import { pathSuffix, versionPrefix as commonPathPrefix } from "../../packages/mock/src/path-prefix.mjs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Names an alias must not take: globals users rely on, and the entry's own exports. */
const RESERVED = new Set([
  "Array",
  "Boolean",
  "Date",
  "Error",
  "Function",
  "Headers",
  "Map",
  "Number",
  "Object",
  "Promise",
  "Request",
  "Response",
  "Set",
  "String",
  "Symbol",
  "URL",
  "API_VERSION",
  "SPEC_SHA256",
  "MarketingEventsClient",
  "createClient",
  "components",
  "operations",
  "paths",
  "unwrap",
  "HubSpotApiError",
  "HubSpotAuthConfigError",
  "HubSpotClientOptions",
  "AuthOption",
  "HubSpotErrorBody",
  "HubSpotErrorDetail",
  "DEFAULT_BASE_URL",
]);

/** @param {any} doc @returns {[string, string][]} */
export function schemaAliases(doc) {
  const names = Object.keys(doc.components?.schemas ?? {}).sort();
  return names
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .map((name) => [name, RESERVED.has(name) ? `Api${name}` : name]);
}

// The version's base path and a path's part after it are the mock's own code, so the clients'
// BASE_PATH and the mock's routes follow one rule (see packages/mock/src/path-prefix.mjs).
export { commonPathPrefix, pathSuffix };

/** @param {any} doc */
export function listOperations(doc) {
  /** @type {{ method: string, path: string, summary: string }[]} */
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op)
        ops.push({ method, path, summary: String(op.summary ?? op.description ?? "").split("\n")[0] ?? "" });
    }
  }
  return ops;
}

/**
 * @param {object} input
 * @param {string} input.version
 * @param {string} input.scope
 * @param {string} input.coreName
 * @param {string} input.coreRange
 * @param {string} input.packageVersion
 * @param {{ display: string, sha256: string, doc: any }} input.spec
 * @param {{ display: string, sha256: string }[]} input.overlays
 * @param {{ name: string, version: string }} input.generator
 * @param {string | undefined} input.licenseText
 * @param {import("prettier").Options} input.prettierOptions
 * @returns {Promise<Map<string, string>>} package-relative path -> content
 */
export async function renderPackage(input) {
  /** @type {import("../templates/context.js").TemplateContext} */
  const ctx = {
    version: input.version,
    packageName: `${input.scope}/mkt-events-${input.version}`,
    coreName: input.coreName,
    coreRange: input.coreRange,
    packageVersion: input.packageVersion,
    spec: { display: input.spec.display, sha256: input.spec.sha256 },
    overlays: input.overlays.map(({ display, sha256 }) => ({ display, sha256 })),
    generator: input.generator,
    doc: input.spec.doc,
    schemaAliases: schemaAliases(input.spec.doc),
    operations: listOperations(input.spec.doc),
    basePath: commonPathPrefix(Object.keys(input.spec.doc.paths ?? {})),
  };
  const ast = await openapiTS(structuredClone(input.spec.doc), { silent: true });
  const schemaTs = `${tsHeader(ctx)}\n${astToString(ast)}`;

  /** @type {[string, string][]} */
  const files = [
    ["package.json", renderPackageJson(ctx)],
    ["tsconfig.json", renderTsconfig()],
    ["tsup.config.ts", renderTsupConfig()],
    ["README.md", renderReadme(ctx)],
    ["src/generated/schema.ts", schemaTs],
    ["src/generated/index.ts", renderIndex(ctx)],
    ["src/generated/validators.ts", renderValidators(ctx)],
  ];
  const out = new Map();
  for (const [path, text] of files) {
    out.set(path, await prettier.format(text, { ...input.prettierOptions, filepath: path }));
  }
  if (input.licenseText !== undefined) out.set("LICENSE", input.licenseText);
  return out;
}
