// @ts-check
/**
 * Template of `src/generated/validators.ts`: the spec's own request schemas for one input of each
 * bulk operation, compiled by Ajv to standalone code at generation time. The bulk helpers check
 * every input with them before sending, so the client and HubSpot agree on what is valid, and the
 * package ships no schema compiler (the code is a few plain functions; it tree-shakes away in apps
 * that do not use the bulk helpers). Every object is closed (`additionalProperties: false`) so a
 * misspelt field is found; the bulk helpers can be told to ignore those findings.
 */
import AjvModule from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import { tsHeader } from "./header.mjs";

/** Bulk operations whose input schema is compiled, by the path suffix of their POST. */
const BULK_INPUTS = {
  upsert: "/events/upsert",
  update: "/batch/update",
  deleteByExternalIds: "/events/delete",
  archiveByObjectId: "/batch/archive",
  participationByEmail: "/attendance/{externalEventId}/{subscriberState}/email-create",
  participationByContactId: "/attendance/{externalEventId}/{subscriberState}/create",
};

// Ajv ships CommonJS with `exports.default`; take the function wherever the loader put it.
const Ajv = /** @type {typeof import("ajv").default} */ (/** @type {any} */ (AjvModule).default ?? AjvModule);
const standaloneCode = /** @type {typeof import("ajv/dist/standalone/index.js").default} */ (
  /** @type {any} */ (standaloneModule).default ?? standaloneModule
);

/**
 * A copy of `schema` with every `$ref` inlined and every object closed.
 * @param {any} schema @param {any} doc @param {Set<string>} [seen] @returns {any}
 */
function closed(schema, doc, seen = new Set()) {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, doc, seen));
  if (!schema || typeof schema !== "object") return schema;
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    if (seen.has(name)) throw new Error(`recursive schema ${name} cannot be inlined`);
    return closed(doc.components.schemas[name], doc, new Set([...seen, name]));
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (["description", "example", "examples", "format", "xml", "externalDocs"].includes(key)) continue;
    out[key] =
      key === "properties" ? mapValues(value, (v) => closed(v, doc, seen)) : closed(value, doc, seen);
  }
  // An open enum (known values, or any string) accepts every string: check it as one.
  if (
    Array.isArray(out.anyOf) &&
    out.anyOf.some((b) => b.type === "string" && !b.enum && Object.keys(b).length === 1)
  ) {
    delete out.anyOf;
    out.type = "string";
  }
  if (out.type === "object" && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
  }
  return out;
}

/** @param {any} obj @param {(v: any) => any} fn */
const mapValues = (obj, fn) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));

/**
 * The item schema of `inputs[]` in the request body of the POST whose path ends with `suffix`.
 * @param {any} doc @param {string} suffix
 */
function inputSchema(doc, suffix) {
  const path = Object.keys(doc.paths ?? {}).find((p) => p.endsWith(suffix));
  const body = path && doc.paths[path].post?.requestBody?.content?.["application/json"]?.schema;
  if (!body) return undefined;
  const resolved = closed(body, doc);
  return resolved?.properties?.inputs?.items;
}

/** @param {import("./context.js").TemplateContext} ctx */
export function renderValidators(ctx) {
  /** @type {Record<string, any>} */
  const schemas = {};
  for (const [kind, suffix] of Object.entries(BULK_INPUTS)) {
    const schema = inputSchema(ctx.doc, suffix);
    if (schema) schemas[kind] = { $id: kind, ...schema };
  }
  const ajv = new Ajv({
    code: { source: true, esm: true },
    allErrors: true,
    // The bulk helpers word the messages themselves (packages/core/src/bulk/validate.ts).
    messages: false,
    strict: false,
    validateFormats: false,
    schemas: Object.values(schemas),
  });
  const code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((k) => [k, k])));
  if (/\brequire\(/.test(code)) {
    throw new Error("the compiled input schemas need Ajv's runtime; the package must not depend on it");
  }
  return `${tsHeader(ctx)}
// @ts-nocheck -- standalone validation code compiled by Ajv from the spec's request schemas.
/* eslint-disable */
${code}
`;
}
