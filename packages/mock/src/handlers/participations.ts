/**
 * Why this file exists: HubSpot's participation reads: counters per event (registered, attended,
 * cancelled, no-shows) and breakdowns, one record per contact, per event or per contact, paged
 * with `after`/`limit` and filtered by `state` and `contactIdentifier` as HubSpot's parameters
 * allow. Both are computed from the same participation records, so they always agree.
 */
import type { Contact } from "../contacts.js";
import { attendanceState, type AttendanceState, type Participation } from "../participations.js";
import type { StoredEvent } from "../store.js";
import { isOver } from "../views.js";
import {
  badRequest,
  countersOf,
  eventByExternalIds,
  eventByObjectId,
  page,
  type Handler,
  type OperationContext,
} from "./common.js";

const STATES: readonly AttendanceState[] = ["REGISTERED", "ATTENDED", "CANCELLED", "NO_SHOW"];

/** ISO 8601 or milliseconds since the epoch, as HubSpot's examples give joinedAt/leftAt. */
const instant = (v: string | undefined): number =>
  v === undefined ? NaN : /^\d+$/.test(v) ? Number(v) : Date.parse(v);

function breakdownItem(
  p: Participation,
  event: StoredEvent,
  contact: Contact | undefined,
  ctx: OperationContext,
) {
  const seconds = Math.round((instant(p.leftAt) - instant(p.joinedAt)) / 1000);
  const length = (Date.parse(event.endDateTime ?? "") - Date.parse(event.startDateTime ?? "")) / 1000;
  const attended = Number.isFinite(seconds) && seconds >= 0;
  return {
    id: String(p.id),
    createdAt: p.createdAt,
    properties: {
      attendanceState: attendanceState(p, isOver(event, ctx.now)),
      occurredAt: p.occurredAt,
      ...(attended ? { attendanceDurationSeconds: seconds } : {}),
      ...(attended && length > 0 ? { attendancePercentage: ((100 * seconds) / length).toFixed(2) } : {}),
    },
    associations: {
      contact: {
        contactId: String(p.vid),
        email: contact?.email ?? "",
        ...(contact?.firstname !== undefined ? { firstname: contact.firstname } : {}),
        ...(contact?.lastname !== undefined ? { lastname: contact.lastname } : {}),
      },
      marketingEvent: {
        marketingEventId: event.objectId,
        name: event.eventName,
        externalAccountId: event.externalAccountId,
        externalEventId: event.externalEventId,
      },
    },
  };
}

/** The breakdown of some participations, filtered by the query's `state` (and contact), paged. */
function breakdown(ctx: OperationContext, filter: { objectId?: string; vid?: number }) {
  const state = ctx.query.get("state")?.toUpperCase();
  if (state !== undefined && !STATES.includes(state as AttendanceState))
    return badRequest(`state must be one of ${STATES.join(", ")}, got ${JSON.stringify(state)}`, "state");
  const { events, contacts, participations } = ctx.portal;
  const identifier = ctx.query.get("contactIdentifier");
  if (identifier !== null) {
    const contact = contacts.find(identifier);
    if (!contact) return { status: 200, body: { total: 0, results: [] }, wrote: false };
    filter = { ...filter, vid: contact.vid };
  }
  const matching = participations.list(filter).flatMap((p) => {
    const event = events.get(p.objectId);
    if (!event) return [];
    const item = breakdownItem(p, event, contacts.get(p.vid), ctx);
    return state === undefined || item.properties.attendanceState === state ? [{ p, item }] : [];
  });
  const paged = page(
    ctx,
    (after) => matching.filter(({ p }) => after === undefined || p.id > Number(after)),
    ({ p }) => String(p.id),
    { fallback: 10, max: 100 },
  );
  if (!("results" in paged)) return paged;
  const body = { ...paged, total: matching.length, results: paged.results.map(({ item }) => item) };
  return { status: 200, body, wrote: false };
}

const counters = (ctx: OperationContext, found: { event: StoredEvent }) => {
  const c = countersOf(ctx, found.event);
  return {
    status: 200,
    body: { registered: c.registered, attended: c.attended, cancelled: c.cancelled, noShows: c.noShows },
    wrote: false,
  };
};

export const PARTICIPATION_HANDLERS: Record<string, Handler> = {
  "GET /participations/{externalAccountId}/{externalEventId}": (ctx) => {
    const found = eventByExternalIds(ctx);
    return "event" in found ? counters(ctx, found) : found;
  },
  "GET /participations/{marketingEventId}": (ctx) => {
    const found = eventByObjectId(ctx, "marketingEventId");
    return "event" in found ? counters(ctx, found) : found;
  },
  "GET /participations/{externalAccountId}/{externalEventId}/breakdown": (ctx) => {
    const found = eventByExternalIds(ctx);
    return "event" in found ? breakdown(ctx, { objectId: found.event.objectId }) : found;
  },
  "GET /participations/{marketingEventId}/breakdown": (ctx) => {
    const found = eventByObjectId(ctx, "marketingEventId");
    return "event" in found ? breakdown(ctx, { objectId: found.event.objectId }) : found;
  },
  "GET /participations/contacts/{contactIdentifier}/breakdown": (ctx) => {
    const contact = ctx.portal.contacts.find(ctx.params.contactIdentifier ?? "");
    if (!contact) return { status: 200, body: { total: 0, results: [] }, wrote: false };
    return breakdown(ctx, { vid: contact.vid });
  },
};
