/**
 * Why this file exists: a batch HubSpot rejects costs a request and delays every other input in
 * it. Inputs that would fail are found before anything is sent and reported with their index and
 * field: first by the spec's own request schema (compiled at generation time and passed in by the
 * versioned package, so the client and HubSpot agree on what is valid, misspelt fields included),
 * then by the rules no schema says (real calendar dates, end before start, a key twice).
 */
import type { BulkOperation, Problem } from "./operations.js";
import { BulkItemError, type InputSchemaCheck } from "./types.js";

/** RFC 3339 date-time, as HubSpot's validator takes it: seconds required, a real calendar date. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

export function isDateTime(value: unknown): boolean {
  const m = typeof value === "string" ? DATE_TIME.exec(value) : null;
  if (!m) return false;
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((p) => Number(p ?? 0));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 60 &&
    offH! <= 23 &&
    offM! <= 59
  );
}

/** `/customProperties/0/name` → `customProperties[0].name`. */
function fieldOf(pointer: string, child?: unknown): string {
  const parts = pointer.split("/").slice(1);
  if (typeof child === "string") parts.push(child);
  return parts
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/** Ajv's message for the keywords request schemas use (the generated checks carry none). */
function describe(keyword: string, p: Record<string, any>): string {
  if (keyword === "type") return `must be ${p.type}`;
  if (keyword === "enum") return "must be one of the allowed values";
  if (keyword === "format") return `must match format "${p.format}"`;
  if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"].includes(keyword))
    return `must be ${p.comparison} ${p.limit}`;
  if (["minLength", "maxLength", "minItems", "maxItems"].includes(keyword))
    return `must have ${keyword.startsWith("min") ? "at least" : "at most"} ${p.limit}`;
  return `is not valid (${keyword})`;
}

/** The first problem the spec's schema finds, worded for a person. */
function schemaProblem(
  check: InputSchemaCheck,
  input: unknown,
  allowUnknownFields: boolean,
): Problem | undefined {
  if (check(input)) return undefined;
  const errors = (check.errors ?? []).filter(
    (e) => !(allowUnknownFields && e.keyword === "additionalProperties"),
  );
  const first = errors.find((e) => e.keyword !== "anyOf") ?? errors[0];
  if (!first) return undefined;
  const p = first.params;
  if (first.keyword === "required")
    return { field: fieldOf(first.instancePath, p.missingProperty), message: "is required" };
  if (first.keyword === "additionalProperties")
    return {
      field: fieldOf(first.instancePath, p.additionalProperty),
      message:
        "is not a field this operation takes (misspelt? pass allowUnknownFields: true to send it anyway)",
    };
  const allowed = Array.isArray(p.allowedValues)
    ? `: ${p.allowedValues.slice(0, 8).join(", ")}${p.allowedValues.length > 8 ? ", ..." : ""}`
    : "";
  return {
    field: fieldOf(first.instancePath) || "(input)",
    message: `${first.message ?? describe(first.keyword, p)}${allowed}`,
  };
}

export interface Indexed<I> {
  index: number;
  input: I;
}

function problem(op: BulkOperation, input: unknown, schema: SchemaOptions): Problem | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { field: "(input)", message: "must be an object" };
  }
  if (schema.check) {
    const found = schemaProblem(schema.check, input, schema.allowUnknownFields);
    if (found) return found;
  }
  return op.check(input as Record<string, unknown>);
}

export interface SchemaOptions {
  check?: InputSchemaCheck | undefined;
  allowUnknownFields: boolean;
}

/**
 * Checks one input (schema, then the operation's own rules, then its key against the inputs
 * before it, recorded in `firstIndexOfKey`); returns why it would fail, or undefined.
 */
export function checkInput(
  op: BulkOperation,
  input: unknown,
  index: number,
  schema: SchemaOptions,
  firstIndexOfKey: Map<string, number>,
): BulkItemError | undefined {
  const bad = problem(op, input, schema);
  if (bad) {
    return new BulkItemError(`input ${index}: ${bad.field} ${bad.message}`, "invalid-input", {
      field: bad.field,
      outcomeUnknown: false,
    });
  }
  const key = op.key(input as Record<string, unknown>);
  const first = firstIndexOfKey.get(key);
  if (first !== undefined) {
    return new BulkItemError(
      `input ${index}: same ${op.keyLabel} as input ${first}; send one of them`,
      "invalid-input",
      { field: op.keyField, outcomeUnknown: false },
    );
  }
  firstIndexOfKey.set(key, index);
  return undefined;
}

/** Splits inputs into those to send and those that would fail, in input order. */
export function validateInputs<I>(
  op: BulkOperation,
  inputs: readonly I[],
  schema: SchemaOptions = { allowUnknownFields: false },
) {
  const valid: Indexed<I>[] = [];
  const invalid: (Indexed<I> & { error: BulkItemError })[] = [];
  const firstIndexOfKey = new Map<string, number>();
  inputs.forEach((input, index) => {
    const error = checkInput(op, input, index, schema, firstIndexOfKey);
    if (error) invalid.push({ index, input, error });
    else valid.push({ index, input });
  });
  return { valid, invalid };
}

/** Thrown by `failFast` before anything is sent. */
export class BulkValidationError extends Error {
  override name = "BulkValidationError";
  constructor(readonly problems: { index: number; error: BulkItemError }[]) {
    super(
      `${problems.length} input(s) would be rejected; nothing was sent:\n` +
        problems
          .slice(0, 20)
          .map((p) => `  ${p.error.message}`)
          .join("\n") +
        (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ""),
    );
  }
}
