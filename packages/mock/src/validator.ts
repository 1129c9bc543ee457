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
  return (schema) => {
    const rewritten = JSON.parse(
      JSON.stringify(schema ?? {}).replace(/"#\/components\//g, '"spec#/components/'),
    );
    const validate: ValidateFunction = ajv.compile(rewritten);
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map(toDetail));
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
