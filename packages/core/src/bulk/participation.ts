/**
 * Why this file exists: recording who registered, attended or cancelled is what most users of
 * this API do, thousands of contacts at a time. `bulkRecordParticipation` sends them through
 * HubSpot's attendance operations (by email or contact id, for an event named by its external
 * ids or its objectId) with the same contract as every bulk helper: checked first, batched,
 * paced, matched back by email or contact id (never by position), each input accounted once.
 *
 * HubSpot's pages do not say that recording the same state twice is harmless (each recording
 * adds a timeline event to the contact), so an input HubSpot may already have applied is never
 * resent: it ends `failed` with `outcomeUnknown: true`.
 */
import type { Client } from "openapi-fetch";
import type { BulkOperation, Problem } from "./operations.js";
import { runBulk } from "./run.js";
import type { BulkOptions, BulkResult, ParticipationInput, ParticipationRecord } from "./types.js";
import { isDateTime } from "./validate.js";

/** The event: by the ids of the external application, or by HubSpot's objectId. */
export type EventRef = { externalAccountId: string; externalEventId: string } | { objectId: string };

/** The states HubSpot's pages name; any other string is passed through. */
export type SubscriberState = "register" | "attend" | "cancel" | (string & {});

export interface ParticipationTarget {
  event: EventRef;
  state: SubscriberState;
  /** Contacts named by `email` (unknown ones are created) or by contact id (`vid`). */
  by: "email" | "contactId";
}

// Deliberately simple: one @, no spaces, a dot in the domain. HubSpot decides the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const normalEmail = (email: string) => email.trim().toLowerCase();

function check(o: Record<string, unknown>, by: ParticipationTarget["by"]): Problem | undefined {
  if (by === "email") {
    if (typeof o.email !== "string" || !EMAIL.test(o.email.trim()))
      return { field: "email", message: `must be an email address, got ${JSON.stringify(o.email)}` };
  } else if (!Number.isSafeInteger(o.vid) || (o.vid as number) <= 0) {
    return {
      field: "vid",
      message: `must be a contact id (a positive whole number), got ${JSON.stringify(o.vid)}`,
    };
  }
  if (!Number.isSafeInteger(o.interactionDateTime) || (o.interactionDateTime as number) < 0)
    return { field: "interactionDateTime", message: "must be milliseconds since the epoch (a whole number)" };
  const props = (o.properties ?? {}) as Record<string, unknown>;
  for (const field of ["joinedAt", "leftAt"]) {
    if (props[field] !== undefined && !isDateTime(props[field]))
      return {
        field: `properties.${field}`,
        message: `must be an RFC 3339 date-time like 2026-04-15T16:00:00Z, got ${JSON.stringify(props[field])}`,
      };
  }
  if (
    typeof props.joinedAt === "string" &&
    typeof props.leftAt === "string" &&
    Date.parse(props.leftAt) < Date.parse(props.joinedAt)
  )
    return { field: "properties.leftAt", message: "is before properties.joinedAt" };
  return undefined;
}

/** The operation for one event, state and kind of contact key. */
export function participationOperation(target: ParticipationTarget): BulkOperation {
  const { event, state, by } = target;
  if (typeof state !== "string" || !/^[a-z_]+$/i.test(state))
    throw new TypeError(
      `state must be a subscriber state such as "register", "attend" or "cancel", got ${JSON.stringify(state)}`,
    );
  const enc = encodeURIComponent;
  const action = by === "email" ? "email-create" : "create";
  let suffix: string;
  let query: Record<string, string> | undefined;
  if ("objectId" in event && typeof event.objectId === "string" && event.objectId !== "") {
    suffix = `/${enc(event.objectId)}/attendance/${enc(state)}/${action}`;
  } else if ("externalEventId" in event && event.externalEventId && event.externalAccountId) {
    suffix = `/attendance/${enc(event.externalEventId)}/${enc(state)}/${action}`;
    query = { externalAccountId: event.externalAccountId };
  } else {
    throw new TypeError(
      "event must be { externalAccountId, externalEventId } or { objectId }, each a non-empty string",
    );
  }
  const key =
    by === "email"
      ? (o: Record<string, unknown>) => normalEmail(String(o.email))
      : (o: Record<string, unknown>) => String(o.vid);
  return {
    suffix,
    query,
    key,
    keyLabel: by === "email" ? "email (case-insensitive)" : "contact id",
    keyField: by === "email" ? "email" : "vid",
    answerKey: key,
    recordKey: (r) =>
      by === "email"
        ? typeof r.email === "string"
          ? normalEmail(r.email)
          : undefined
        : r.vid === undefined
          ? undefined
          : String(r.vid),
    normalizeKey: by === "email" ? normalEmail : undefined,
    errorContext: by === "email" ? ["email", "emails"] : ["vid", "vids", "contactId", "contactIds"],
    idempotent: false,
    check: (o) => check(o, by),
  } as BulkOperation;
}

/**
 * Records many contacts' participation in one event: `register`, `attend` (with
 * `properties.joinedAt` / `leftAt`), `cancel`, by email (with `contactProperties` for contacts
 * HubSpot has to create) or by contact id. Typed by the client's own attendance operations.
 */
export async function bulkRecordParticipation<P extends {}, B extends ParticipationTarget["by"]>(
  client: Client<P>,
  target: ParticipationTarget & { by: B },
  inputs: readonly ParticipationInput<P, B>[],
  options: BulkOptions = {},
): Promise<BulkResult<ParticipationInput<P, B>, ParticipationRecord<P, B>>> {
  return runBulk(client, participationOperation(target), inputs, options);
}
