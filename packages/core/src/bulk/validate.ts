/**
 * Why this file exists: a batch HubSpot rejects costs a request and delays every other input in
 * it. Inputs that would fail (missing required fields, bad dates, a key twice in one call) are
 * found before anything is sent and reported with their index and field.
 */
import { BulkItemError, type BulkKind } from "./types.js";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const REQUIRED: Record<BulkKind, string[]> = {
  upsert: ["externalAccountId", "externalEventId", "eventName", "eventOrganizer"],
  update: ["objectId"],
};

export interface Indexed<I> {
  index: number;
  input: I;
}

/** The key that identifies an input: (account, event) for upsert, objectId for update. */
export function inputKey(kind: BulkKind, input: Record<string, unknown>): string {
  return kind === "update"
    ? String(input.objectId)
    : JSON.stringify([String(input.externalAccountId), String(input.externalEventId)]);
}

function problem(kind: BulkKind, input: unknown): { field: string; message: string } | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { field: "(input)", message: "must be an object" };
  }
  const o = input as Record<string, unknown>;
  for (const field of REQUIRED[kind]) {
    if (typeof o[field] !== "string" || (o[field] as string).trim() === "") {
      return { field, message: o[field] === undefined ? "is required" : "must be a non-empty string" };
    }
  }
  if (!Array.isArray(o.customProperties)) {
    return {
      field: "customProperties",
      message: o.customProperties === undefined ? "is required" : "must be an array",
    };
  }
  for (const [n, p] of (o.customProperties as unknown[]).entries()) {
    const prop = p as Record<string, unknown> | null;
    if (typeof prop?.name !== "string" || prop.name === "")
      return { field: `customProperties[${n}].name`, message: "must be a non-empty string" };
    if (typeof prop.value !== "string")
      return { field: `customProperties[${n}].value`, message: "must be a string" };
  }
  for (const field of ["startDateTime", "endDateTime"]) {
    const v = o[field];
    if (v === undefined) continue;
    if (typeof v !== "string" || !ISO_DATE_TIME.test(v) || Number.isNaN(Date.parse(v))) {
      return {
        field,
        message: `must be an ISO 8601 date-time like 2026-04-15T16:00:00Z, got ${JSON.stringify(v)}`,
      };
    }
  }
  if (
    typeof o.startDateTime === "string" &&
    typeof o.endDateTime === "string" &&
    Date.parse(o.endDateTime) < Date.parse(o.startDateTime)
  ) {
    return { field: "endDateTime", message: "is before startDateTime" };
  }
  return undefined;
}

/** Splits inputs into those to send and those that would fail, in input order. */
export function validateInputs<I>(kind: BulkKind, inputs: readonly I[]) {
  const valid: Indexed<I>[] = [];
  const invalid: (Indexed<I> & { error: BulkItemError })[] = [];
  const firstIndexOfKey = new Map<string, number>();
  inputs.forEach((input, index) => {
    const bad = problem(kind, input);
    if (bad) {
      invalid.push({
        index,
        input,
        error: new BulkItemError(`input ${index}: ${bad.field} ${bad.message}`, "invalid-input", {
          field: bad.field,
          outcomeUnknown: false,
        }),
      });
      return;
    }
    const key = inputKey(kind, input as Record<string, unknown>);
    const first = firstIndexOfKey.get(key);
    if (first !== undefined) {
      const field = kind === "update" ? "objectId" : "externalEventId";
      invalid.push({
        index,
        input,
        error: new BulkItemError(
          `input ${index}: same ${kind === "update" ? "objectId" : "externalAccountId + externalEventId"} as input ${first}; send one of them`,
          "invalid-input",
          {
            field,
            outcomeUnknown: false,
          },
        ),
      });
      return;
    }
    firstIndexOfKey.set(key, index);
    valid.push({ index, input });
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
