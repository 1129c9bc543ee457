/**
 * The specs as the generator sees them (after overlays), plus a JSON Schema validator for their
 * request and response schemas, so tests check bodies against the same source of truth.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { loadOverlay, loadSpec } from "../../scripts/lib/load-spec.mjs";
import { VERSION_RE } from "../../scripts/lib/generate.mjs";

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

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Validates values against `#/components/...` schemas or inline schemas of one spec. */
export function schemaValidator(doc: any) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: "spec", components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  return (schema: any, value: unknown): string[] => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      const rewritten = JSON.parse(key.replace(/"#\/components\//g, '"spec#/components/'));
      validate = ajv.compile(rewritten);
      cache.set(key, validate);
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  };
}

/** The JSON content (any media type) of a request body or response. */
export function jsonContent(obj: any): { schema: any; example?: unknown } | undefined {
  const content = obj?.content ?? {};
  return content["application/json"] ?? content["*/*"] ?? Object.values<any>(content)[0];
}
