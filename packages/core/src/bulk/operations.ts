/**
 * Why this file exists: every bulk helper runs the same engine (validate, batch, send, match,
 * account); what differs per HubSpot operation is described here once: its path, the key that
 * identifies an input (and matches HubSpot's answer back to it), the rules no schema says,
 * whether a resend after an unknown outcome is safe, and how the answer names each input.
 */
import { isDateTime } from "./validate.js";

export interface Problem {
  field: string;
  message: string;
}

export interface StandardErrorLike {
  category?: string;
  message?: string;
  context?: Record<string, string[]>;
}

export interface BulkOperation {
  /** Path after the client's base path, with path parameters filled in. */
  suffix: string;
  query?: Record<string, string> | undefined;
  /** Identifies an input: a second input with the same key is refused before sending. */
  key(input: Record<string, unknown>): string;
  /** What the key is, for the duplicate message, and the field it names. */
  keyLabel: string;
  keyField: string;
  /** How HubSpot's answer names an input; no two inputs with the same one share a batch. */
  answerKey(input: Record<string, unknown>): string;
  /** The answer key of a result record (undefined when it names none). */
  recordKey?(record: Record<string, unknown>): string | undefined;
  /** Turns a key as an error names it into an answer key (e.g. an email in another case). */
  normalizeKey?(key: string): string;
  /** The context fields of a per-item error that name inputs by answer key. */
  errorContext: readonly string[];
  /** Upsert only: records whose id names no input are matched by content when one input fits. */
  matchByContent?: boolean;
  /** HubSpot answers with no per-input detail (204): a 2xx means every input was applied. */
  noDetail?: boolean;
  /** Applying an input twice is harmless, so it may be resent after an unknown outcome. */
  idempotent: boolean;
  /** Rules no schema says (also the minimal checks when no schema is given). */
  check(input: Record<string, unknown>): Problem | undefined;
}

const nonEmpty = (o: Record<string, unknown>, fields: readonly string[]): Problem | undefined => {
  for (const field of fields) {
    if (typeof o[field] !== "string" || (o[field] as string).trim() === "")
      return { field, message: o[field] === undefined ? "is required" : "must be a non-empty string" };
  }
  return undefined;
};

const dateTimes = (o: Record<string, unknown>, fields: readonly string[]): Problem | undefined => {
  for (const field of fields) {
    const v = o[field];
    if (v !== undefined && !isDateTime(v))
      return {
        field,
        message: `must be an RFC 3339 date-time with seconds and a real date, like 2026-04-15T16:00:00Z; got ${JSON.stringify(v)}`,
      };
  }
  return undefined;
};

const order = (o: Record<string, unknown>, start: string, end: string): Problem | undefined =>
  typeof o[start] === "string" &&
  typeof o[end] === "string" &&
  Date.parse(o[end] as string) < Date.parse(o[start] as string)
    ? { field: end, message: `is before ${start}` }
    : undefined;

function customProperties(o: Record<string, unknown>, required: boolean): Problem | undefined {
  if (o.customProperties === undefined && !required) return undefined;
  if (!Array.isArray(o.customProperties))
    return {
      field: "customProperties",
      message: o.customProperties === undefined ? "is required" : "must be an array",
    };
  for (const [n, p] of (o.customProperties as unknown[]).entries()) {
    const prop = p as Record<string, unknown> | null;
    if (typeof prop?.name !== "string" || prop.name === "")
      return { field: `customProperties[${n}].name`, message: "must be a non-empty string" };
    if (typeof prop.value !== "string")
      return { field: `customProperties[${n}].value`, message: "must be a string" };
  }
  return undefined;
}

const eventRules = (o: Record<string, unknown>) =>
  dateTimes(o, ["startDateTime", "endDateTime"]) ?? order(o, "startDateTime", "endDateTime");

const externalIds = (o: Record<string, unknown>) =>
  JSON.stringify([String(o.externalAccountId), String(o.externalEventId)]);

export const UPSERT: BulkOperation = {
  suffix: "/events/upsert",
  key: externalIds,
  keyLabel: "externalAccountId + externalEventId",
  keyField: "externalEventId",
  // Upsert answers name an event by its externalEventId only.
  answerKey: (o) => String(o.externalEventId),
  recordKey: (r) => String(r.externalEventId ?? r.id),
  errorContext: ["externalEventId"],
  matchByContent: true,
  idempotent: true,
  check: (o) =>
    nonEmpty(o, ["externalAccountId", "externalEventId", "eventName", "eventOrganizer"]) ??
    customProperties(o, true) ??
    eventRules(o),
};

export const UPDATE: BulkOperation = {
  suffix: "/batch/update",
  key: (o) => String(o.objectId),
  keyLabel: "objectId",
  keyField: "objectId",
  answerKey: (o) => String(o.objectId),
  recordKey: (r) => (r.objectId === undefined ? undefined : String(r.objectId)),
  errorContext: ["objectId"],
  idempotent: true,
  check: (o) => nonEmpty(o, ["objectId"]) ?? customProperties(o, false) ?? eventRules(o),
};

/** `POST .../events/delete`: by (externalAccountId, externalEventId); 204 for the batch. */
export const DELETE_BY_EXTERNAL_IDS: BulkOperation = {
  suffix: "/events/delete",
  key: externalIds,
  keyLabel: "externalAccountId + externalEventId",
  keyField: "externalEventId",
  answerKey: externalIds,
  errorContext: ["externalEventId"],
  noDetail: true,
  idempotent: true,
  check: (o) => nonEmpty(o, ["externalAccountId", "externalEventId"]),
};

/** `POST .../batch/archive`: by objectId; 204 for the batch. */
export const ARCHIVE_BY_OBJECT_ID: BulkOperation = {
  suffix: "/batch/archive",
  key: (o) => String(o.objectId),
  keyLabel: "objectId",
  keyField: "objectId",
  answerKey: (o) => String(o.objectId),
  errorContext: ["objectId"],
  noDetail: true,
  idempotent: true,
  check: (o) => nonEmpty(o, ["objectId"]),
};
