// @ts-check
/**
 * Why this file exists: everything downstream (codegen, the test servers, the mock) must see the
 * same spec: parsed with positions, patched by the overlays, and checked as OpenAPI, so a bad
 * file fails here with its path, line and JSON pointer, before anything is written.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { SpecError, escapePointer, parseJsonWithPositions } from "./json-source.mjs";
import { applyOverlay, validateOverlay } from "./overlay.mjs";

/** @type {Promise<any> | undefined} */
let configPromise;
const lintConfig = () => (configPromise ??= createConfig({ extends: ["minimal"] }));

/**
 * @param {Map<string, { line: number, column: number }>} positions
 * @param {string} pointer
 */
function locate(positions, pointer) {
  let p = pointer;
  for (;;) {
    const found = positions.get(p);
    if (found) return found;
    if (p === "") return undefined;
    p = p.slice(0, p.lastIndexOf("/"));
  }
}

/**
 * Reads and parses a JSON file, turning every failure into a SpecError naming the file.
 * @param {string} path
 * @param {string} display
 * @param {string} [text] the file's content, when it does not come from disk (git, a download)
 */
export async function readJsonFile(path, display, text) {
  if (text === undefined) {
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      throw new SpecError(
        display,
        `cannot read file (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e})`,
      );
    }
  }
  return { text, ...parseJsonWithPositions(text, display) };
}

/**
 * @typedef {{ file: string, display: string, text?: string }} FileRef
 * @typedef {{ display: string, sha256: string, actions: import("./overlay.mjs").OverlayAction[] }} LoadedOverlay
 */

/** @param {FileRef} ref @returns {Promise<LoadedOverlay>} */
export async function loadOverlay(ref) {
  const { text, value } = await readJsonFile(ref.file, ref.display, ref.text);
  return {
    display: ref.display,
    sha256: createHash("sha256").update(text).digest("hex"),
    actions: validateOverlay(value, ref.display),
  };
}

/** A path segment that names an API version: `v3`, `2026-03`. */
const VERSION_SEGMENT = /^(?:v\d+|\d{4}-(?:0[1-9]|1[0-2]))$/;

/**
 * The paths of `doc` that name an API version other than `version` (in a segment such as
 * `/marketing/v3/...` or `/marketing/marketing-events/2026-03/...`) and not `version` itself.
 * Paths that name no version say nothing either way.
 * @param {any} doc
 * @param {string} version
 */
export function pathsOfOtherVersions(doc, version) {
  /** @type {{ path: string, versions: string[] }[]} */
  const found = [];
  for (const path of Object.keys(doc?.paths ?? {})) {
    const versions = path.split("/").filter((segment) => VERSION_SEGMENT.test(segment));
    if (versions.length > 0 && !versions.includes(version)) found.push({ path, versions });
  }
  return found;
}

/**
 * Loads one spec: parse, check it is OpenAPI 3, apply overlays, lint the result.
 * @param {FileRef} ref
 * @param {LoadedOverlay[]} overlays applied in order
 * @param {{ version?: string }} [options] `version`: the API version the spec is loaded as; a spec
 *   whose paths belong to another version is refused
 */
export async function loadSpec(ref, overlays = [], options = {}) {
  const { text, value, positions } = await readJsonFile(ref.file, ref.display, ref.text);
  const where = (/** @type {string} */ pointer) => ({ pointer, ...locate(positions, pointer) });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SpecError(ref.display, "not an OpenAPI document: the top level must be an object", where(""));
  }
  if (typeof value.openapi !== "string" || !/^3\.[01]\.\d+$/.test(value.openapi)) {
    throw new SpecError(
      ref.display,
      `not an OpenAPI 3.0/3.1 document: \`openapi\` is ${JSON.stringify(value.openapi)} (Swagger 2.0 is not supported)`,
      where("/openapi"),
    );
  }
  let doc = value;
  for (const overlay of overlays) doc = applyOverlay(doc, overlay.actions, overlay.display, ref.display);

  if (options.version !== undefined) {
    const foreign = pathsOfOtherVersions(doc, options.version);
    if (foreign.length > 0) {
      const first = /** @type {{ path: string, versions: string[] }} */ (foreign[0]);
      const others = [...new Set(foreign.flatMap((f) => f.versions))];
      const more = foreign.length > 1 ? ` and ${foreign.length - 1} more` : "";
      const error = new SpecError(
        ref.display,
        `its paths belong to API version ${others.join(", ")}, not ${options.version}: ${first.path}${more}`,
        where(`/paths/${escapePointer(first.path)}`),
      );
      error.otherVersions = others;
      throw error;
    }
  }

  const problems = await lintFromString({
    source: JSON.stringify(doc),
    absoluteRef: ref.file,
    config: await lintConfig(),
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((p) => {
      const pointer = (p.location[0]?.pointer ?? "#").replace(/^#/, "");
      const loc = where(pointer);
      const at = loc.line ? `${ref.display}:${loc.line}:${loc.column}` : ref.display;
      return `${at}: ${p.message} at ${pointer || "/"} (${p.ruleId})`;
    });
    throw new SpecError(
      ref.display,
      `not valid OpenAPI (${errors.length} problem(s)):\n  ${lines.join("\n  ")}`,
    );
  }
  return {
    display: ref.display,
    sha256: createHash("sha256").update(text).digest("hex"),
    /** The spec as written, before overlays. */
    source: value,
    /** The spec after overlays: what code is generated from. */
    doc,
  };
}
