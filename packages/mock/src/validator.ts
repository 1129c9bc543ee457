/**
 * Why this file exists: the mock rejects what HubSpot would reject. Request bodies are checked
 * with JSON Schema against the very spec the clients are generated from, and each violation is
 * reported with the field it concerns.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { fieldName, type ErrorDetail } from "./hubspot-errors.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

export type SchemaCheck = (value: unknown) => ErrorDetail[];

/** Compiles schemas of one OpenAPI document (3.0: `#/components/...` refs, int32/int64 formats). */
export function createSchemaCompiler(doc: { components?: unknown }): (schema: unknown) => SchemaCheck {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: "spec", components: doc.components ?? {} });
  // Each schema is compiled when it first checks a value: a mock starts without compiling the
  // schemas of every operation of every version, most of which a test never calls.
  return (schema) => {
    let validate: ValidateFunction | undefined;
    return (value) => {
      validate ??= ajv.compile(
        JSON.parse(JSON.stringify(schema ?? {}).replace(/"#\/components\//g, '"spec#/components/')),
      );
      return validate(value) ? [] : (validate.errors ?? []).map(toDetail);
    };
  };
}

function toDetail(e: ErrorObject): ErrorDetail {
  const missing =
    e.keyword === "required" ? String((e.params as { missingProperty?: string }).missingProperty) : "";
  const field = fieldName(missing ? `${e.instancePath}/${missing}` : e.instancePath) || "body";
  const message =
    e.keyword === "required"
      ? `${field} is required`
      : e.keyword === "enum"
        ? `${field} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
        : `${field} ${e.message ?? "is invalid"}`;
  return { message, in: field, code: e.keyword.toUpperCase() };
}

/** A field of a request body that its schema does not declare. */
export interface UnknownField {
  /** JSON pointer of the field in the body, e.g. `/inputs/0/startDatetime`. */
  pointer: string;
  /** The field's name. */
  field: string;
  /** The schema the object was checked against, when it is a named one. */
  schema?: string;
  /** A declared field whose name is close (`startDateTime` for `startDatetime`). */
  suggestion?: string;
}

export type UnknownFieldCheck = (value: unknown) => UnknownField[];

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Edit distance (optimal string alignment: a swap of neighbours is one edit), case-insensitive. */
function distance(a: string, b: string, max: number): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length] ?? max + 1;
}

/**
 * Finds the fields of a value that its schema does not declare (JSON Schema lets them through
 * unless `additionalProperties: false`, and HubSpot's specs never say so). An object is checked
 * when its schema lists `properties` (its own and its `allOf` members'); one whose schema allows
 * other fields (`additionalProperties`, `anyOf`, `oneOf`) or declares none is not.
 */
export function createUnknownFieldFinder(doc: unknown): (schema: unknown) => UnknownFieldCheck {
  // Every request walks the same few schemas: resolve each $ref and property list once.
  type Resolved = { schema: Record<string, any>; name?: string };
  const resolved = new WeakMap<object, Resolved>();
  const deref = (schema: unknown): Resolved => {
    const known = isObject(schema) ? resolved.get(schema) : undefined;
    if (known) return known;
    let current = schema;
    let name: string | undefined;
    for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === "string"; hops++) {
      const ref: string = current.$ref;
      if (!ref.startsWith("#/")) return { schema: {} };
      name = ref.slice(ref.lastIndexOf("/") + 1);
      current = ref
        .slice(2)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
    }
    const found = { schema: isObject(current) ? current : {}, ...(name ? { name } : {}) };
    if (isObject(schema)) resolved.set(schema, found);
    return found;
  };

  /** Declared properties of an object schema, or undefined when other fields are allowed. */
  const declaredOf = new WeakMap<object, Map<string, unknown> | undefined>();
  const declared = (schema: Record<string, any>): Map<string, unknown> | undefined => {
    if (declaredOf.has(schema)) return declaredOf.get(schema);
    const props = new Map<string, unknown>();
    let open = false;
    const collect = (s: Record<string, any>, depth: number) => {
      if (depth > 16) return;
      if (s.anyOf || s.oneOf || (s.additionalProperties !== undefined && s.additionalProperties !== false))
        open = true;
      for (const [k, v] of Object.entries<unknown>(isObject(s.properties) ? s.properties : {}))
        if (!props.has(k)) props.set(k, v);
      for (const member of Array.isArray(s.allOf) ? s.allOf : []) collect(deref(member).schema, depth + 1);
    };
    collect(schema, 0);
    const result = open || props.size === 0 ? undefined : props;
    declaredOf.set(schema, result);
    return result;
  };

  /** `path` is the way to `value`, built into a JSON pointer only for a field reported. */
  const walk = (schemaIn: unknown, value: unknown, path: (string | number)[], out: UnknownField[]) => {
    const { schema, name } = deref(schemaIn);
    if (Array.isArray(value)) {
      if (schema.items !== undefined)
        value.forEach((item, n) => {
          path.push(n);
          walk(schema.items, item, path, out);
          path.pop();
        });
      return;
    }
    if (!isObject(value)) return;
    const props = declared(schema);
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const child = value[key];
      let next: unknown;
      if (props === undefined) {
        if (isObject(schema.properties) && key in schema.properties) next = schema.properties[key];
        else if (isObject(schema.additionalProperties)) next = schema.additionalProperties;
        else continue;
      } else if (props.has(key)) next = props.get(key);
      if (next !== undefined) {
        path.push(key);
        walk(next, child, path, out);
        path.pop();
        continue;
      }
      let suggestion: string | undefined;
      let best = 3;
      for (const known of props!.keys()) {
        const d = distance(key, known, 2);
        if (d < best && d * 3 < key.length) [best, suggestion] = [d, known];
      }
      out.push({
        pointer: [...path, key].map((p) => `/${escapePointer(String(p))}`).join(""),
        field: key,
        ...(name ? { schema: name } : {}),
        ...(suggestion ? { suggestion } : {}),
      });
    }
  };

  return (schema) => (value) => {
    const out: UnknownField[] = [];
    walk(schema, value, [], out);
    return out;
  };
}
