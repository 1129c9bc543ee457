/**
 * Why this file exists: one marketing event at a time, as HubSpot serves it: create (409 for a
 * taken key), upsert, read, patch and delete by external ids or by objectId (404 with HubSpot's
 * error body for an unknown event), and the account's events listed a page at a time.
 */
import { hubspotError } from "../hubspot-errors.js";
import { toDefault, toPublic, toRead, toReadV2, toV2 } from "../views.js";
import { countersOf, eventByExternalIds, eventByObjectId, page, type Handler } from "./common.js";

export const EVENT_HANDLERS: Record<string, Handler> = {
  "POST /events": (ctx) => {
    const created = ctx.portal.events.create(ctx.body, ctx.now);
    if (!created) {
      return hubspotError(
        409,
        "CONFLICT",
        `A marketing event with externalAccountId ${ctx.body.externalAccountId} and externalEventId ${ctx.body.externalEventId} already exists`,
      );
    }
    return { status: 200, body: toDefault(created, ctx.appInfo), wrote: true };
  },

  "PUT /events/{externalEventId}": (ctx) => {
    const input = { ...ctx.body, externalEventId: ctx.params.externalEventId };
    const event = ctx.portal.events.upsert(input, ctx.now);
    return { status: 200, body: toPublic(event, ctx.appInfo), wrote: true };
  },

  "GET /events/{externalEventId}": (ctx) => {
    const found = eventByExternalIds(ctx);
    if (!("event" in found)) return found;
    return {
      status: 200,
      body: toRead(found.event, ctx.appInfo, countersOf(ctx, found.event)),
      wrote: false,
    };
  },

  "PATCH /events/{externalEventId}": (ctx) => {
    const found = eventByExternalIds(ctx);
    if (!("event" in found)) return found;
    const updated = ctx.portal.events.update(ctx.body, ctx.now, found.event.objectId)!;
    return { status: 200, body: toPublic(updated, ctx.appInfo), wrote: true };
  },

  "DELETE /events/{externalEventId}": (ctx) => {
    const found = eventByExternalIds(ctx);
    if (!("event" in found)) return found;
    ctx.portal.deleteEvent(found.event.objectId);
    return { status: 204, wrote: true };
  },

  "GET /{objectId}": (ctx) => {
    const found = eventByObjectId(ctx);
    if (!("event" in found)) return found;
    const e = found.event;
    return { status: 200, body: toReadV2(e, ctx.appInfo, countersOf(ctx, e), ctx.now), wrote: false };
  },

  "PATCH /{objectId}": (ctx) => {
    const found = eventByObjectId(ctx);
    if (!("event" in found)) return found;
    const updated = ctx.portal.events.update(ctx.body, ctx.now, found.event.objectId)!;
    return { status: 200, body: toV2(updated, ctx.appInfo), wrote: true };
  },

  "DELETE /{objectId}": (ctx) => {
    const found = eventByObjectId(ctx);
    if (!("event" in found)) return found;
    ctx.portal.deleteEvent(found.event.objectId);
    return { status: 204, wrote: true };
  },

  // Every event of the account, in objectId order; `after` is the last objectId of a page.
  "GET /": (ctx) => {
    const result = page(
      ctx,
      (after) => ctx.portal.events.list(after),
      (e) => e.objectId,
      {
        fallback: 10,
        max: 100,
        clamp: true,
      },
    );
    if (!("results" in result)) return result;
    const results = result.results.map((e) => toReadV2(e, ctx.appInfo, countersOf(ctx, e), ctx.now));
    return { status: 200, body: { ...result, results }, wrote: false };
  },
};
