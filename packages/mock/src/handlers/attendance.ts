/**
 * Why this file exists: recording who registered for, attended or cancelled an event, by contact
 * id or by email (an unknown email creates the contact, with `contactProperties`), on an event
 * found by external ids or objectId. `joinedAt`/`leftAt` are kept for `attend`, and every record
 * moves the event's participation counters and breakdown. The `create` operations answer a batch
 * with per-item errors; the older `upsert` ones take existing contacts only (HubSpot creates none
 * there), answer 204, and refuse the whole batch when an input is bad.
 */
import type { ErrorReply } from "../hubspot-errors.js";
import type { SubscriberState } from "../participations.js";
import type { StoredEvent } from "../store.js";
import {
  badRequest,
  batchTooLarge,
  envelope,
  eventByExternalIds,
  eventByObjectId,
  itemError,
  type Handler,
  type OperationContext,
} from "./common.js";

const STATES: readonly SubscriberState[] = ["register", "attend", "cancel"];
const ATTEND_KEYS = new Set(["joinedAt", "leftAt"]);

type Found = { event: StoredEvent } | ErrorReply;

interface Outcome {
  results: { vid: number; email?: string }[];
  errors: ReturnType<typeof itemError>[];
}

/** Records the path's state for every input (by `vid` or by `email`). */
function record(
  ctx: OperationContext,
  found: Found,
  by: "vid" | "email",
  atomic: boolean,
): Outcome | ErrorReply {
  if (!("event" in found)) return found;
  const tooLarge = batchTooLarge(ctx);
  if (tooLarge) return tooLarge;
  const state = String(ctx.params.subscriberState ?? "").toLowerCase() as SubscriberState;
  if (!STATES.includes(state))
    return badRequest(
      `subscriberState must be one of ${STATES.join(", ")}, got ${JSON.stringify(ctx.params.subscriberState)}`,
      "subscriberState",
    );
  const { contacts, participations } = ctx.portal;
  const inputs = ctx.body.inputs as Record<string, any>[];
  const problem = (input: Record<string, any>): ReturnType<typeof itemError> | undefined => {
    const id = by === "vid" ? String(input.vid) : String(input.email);
    const extra = Object.keys(input.properties ?? {}).filter((k) => !ATTEND_KEYS.has(k));
    if (state === "attend" && extra.length > 0)
      return itemError("VALIDATION_ERROR", `properties ${extra.join(", ")} are not accepted for attend`, {
        [by]: [id],
      });
    if (by === "vid" && (input.vid === undefined || !contacts.get(Number(input.vid))))
      return itemError("OBJECT_NOT_FOUND", `No contact with id ${id}`, { vid: [id] });
    if (by === "email" && atomic && !contacts.findByEmail(id))
      return itemError("OBJECT_NOT_FOUND", `No contact with email ${id}`, { email: [id] });
    return undefined;
  };
  const out: Outcome = { results: [], errors: [] };
  if (atomic) {
    const errors = inputs.map(problem).filter((e) => e !== undefined);
    if (errors.length > 0)
      return badRequest(errors.map((e) => e.message).join("; "), by === "vid" ? "inputs[].vid" : "inputs[]");
  }
  for (const input of inputs) {
    const error = problem(input);
    if (error) {
      out.errors.push(error);
      continue;
    }
    const contact =
      by === "vid"
        ? contacts.get(Number(input.vid))!
        : contacts.ensure(String(input.email), input.contactProperties ?? {}).contact;
    participations.record(found.event.objectId, contact.vid, state, {
      occurredAt: Number(input.interactionDateTime),
      now: ctx.now,
      ...(state === "attend" && input.properties?.joinedAt !== undefined
        ? { joinedAt: String(input.properties.joinedAt) }
        : {}),
      ...(state === "attend" && input.properties?.leftAt !== undefined
        ? { leftAt: String(input.properties.leftAt) }
        : {}),
    });
    out.results.push(by === "vid" ? { vid: contact.vid } : { email: contact.email, vid: contact.vid });
  }
  return out;
}

const batchAnswer = (ctx: OperationContext, found: Found, by: "vid" | "email") => {
  const out = record(ctx, found, by, false);
  if (!("results" in out)) return out;
  const errors = out.errors.length ? { errors: out.errors, numErrors: out.errors.length } : {};
  return {
    status: 200,
    body: { ...envelope(ctx), results: out.results, ...errors },
    wrote: out.results.length > 0,
  };
};

const noContent = (ctx: OperationContext, found: Found, by: "vid" | "email") => {
  const out = record(ctx, found, by, true);
  if (!("results" in out)) return out;
  return { status: 204, wrote: out.results.length > 0 };
};

export const ATTENDANCE_HANDLERS: Record<string, Handler> = {
  "POST /attendance/{externalEventId}/{subscriberState}/create": (ctx) =>
    batchAnswer(ctx, eventByExternalIds(ctx), "vid"),
  "POST /attendance/{externalEventId}/{subscriberState}/email-create": (ctx) =>
    batchAnswer(ctx, eventByExternalIds(ctx), "email"),
  "POST /{objectId}/attendance/{subscriberState}/create": (ctx) =>
    batchAnswer(ctx, eventByObjectId(ctx), "vid"),
  "POST /{objectId}/attendance/{subscriberState}/email-create": (ctx) =>
    batchAnswer(ctx, eventByObjectId(ctx), "email"),
  "POST /events/{externalEventId}/{subscriberState}/upsert": (ctx) =>
    noContent(ctx, eventByExternalIds(ctx), "vid"),
  "POST /events/{externalEventId}/{subscriberState}/email-upsert": (ctx) =>
    noContent(ctx, eventByExternalIds(ctx), "email"),
};
