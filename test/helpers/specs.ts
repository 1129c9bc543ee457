/**
 * The specs as the generator sees them (after overlays), plus a JSON Schema validator for their
 * request and response schemas, so tests check bodies against the same source of truth.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { HANDLERS as MOCK_HANDLERS } from "../../packages/mock/src/operations.js";
import { createSchemaCompiler, type SchemaCheck } from "../../packages/mock/src/validator.js";
import { loadOverlay, loadSpec } from "../../scripts/lib/load-spec.mjs";
import { VERSION_RE } from "../../scripts/lib/generate.mjs";
import { commonPathPrefix, pathSuffix } from "../../scripts/lib/render-package.mjs";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const SPECS_DIR = join(ROOT, "specs/marketing-events");

/** Versions with a spec in specs/marketing-events, found the same way the generator finds them. */
export const VERSIONS: string[] = readdirSync(SPECS_DIR)
  .filter((n) => n.endsWith(".json") && VERSION_RE.test(n.slice(0, -5)))
  .map((n) => n.slice(0, -5))
  .sort();

/** Loads `<dir>/<version>.json` with `<dir>/overlay.json` applied. */
export async function loadPatchedSpec(version: string, dir = SPECS_DIR): Promise<any> {
  const overlay = await loadOverlay({ file: join(dir, "overlay.json"), display: "overlay.json" });
  const spec = await loadSpec({ file: join(dir, `${version}.json`), display: `${version}.json` }, [overlay]);
  return spec.doc;
}

export interface Operation {
  method: string;
  path: string;
  op: any;
}

export function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      if (item[method]) out.push({ method, path, op: item[method] });
    }
  }
  return out;
}

/** `METHOD /path-after-the-version-prefix`, the key the mock's handlers are registered under. */
export function operationKey(doc: any, o: Operation): string {
  const prefix = commonPathPrefix(operationsOf(doc).map((x) => x.path));
  return `${o.method.toUpperCase()} ${pathSuffix(o.path, prefix)}`;
}

/**
 * Every operation of `doc`, each of which the mock (packages/mock) has a handler for; throws
 * naming the operations it would only answer with the spec's example.
 */
export function mockOperationsOf(doc: any): Operation[] {
  const all = operationsOf(doc);
  const missing = all.map((o) => operationKey(doc, o)).filter((k) => !(k in MOCK_HANDLERS));
  if (missing.length > 0) throw new Error(`the mock has no handler for: ${missing.join(", ")}`);
  return all;
}

/**
 * Validates values against `#/components/...` schemas or inline schemas of one spec, with the
 * same validator the mock server checks requests with.
 */
export function schemaValidator(doc: any) {
  const compile = createSchemaCompiler(doc);
  const cache = new Map<string, SchemaCheck>();
  return (schema: any, value: unknown): string[] => {
    const key = JSON.stringify(schema);
    let check = cache.get(key);
    if (!check) {
      check = compile(schema);
      cache.set(key, check);
    }
    return check(value).map((e) => `${e.in ?? "body"}: ${e.message}`);
  };
}

/** The JSON content (any media type) of a request body or response. */
export function jsonContent(obj: any): { schema: any; example?: unknown } | undefined {
  const content = obj?.content ?? {};
  return content["application/json"] ?? content["*/*"] ?? Object.values<any>(content)[0];
}
