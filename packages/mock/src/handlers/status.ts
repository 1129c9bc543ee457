/**
 * Why this file exists: HubSpot's event status operations: cancel sets `eventCancelled`,
 * complete sets `eventCompleted` with the actual start and end; both are reflected in every
 * later read (and a completed event's registrants who did not attend become no-shows).
 */
import { toDefault } from "../views.js";
import { eventByExternalIds, type Handler } from "./common.js";

export const STATUS_HANDLERS: Record<string, Handler> = {
  "POST /events/{externalEventId}/cancel": (ctx) => {
    const found = eventByExternalIds(ctx);
    if (!("event" in found)) return found;
    const updated = ctx.portal.events.update({ eventCancelled: true }, ctx.now, found.event.objectId)!;
    return { status: 200, body: toDefault(updated, ctx.appInfo), wrote: true };
  },

  "POST /events/{externalEventId}/complete": (ctx) => {
    const found = eventByExternalIds(ctx);
    if (!("event" in found)) return found;
    const { startDateTime, endDateTime } = ctx.body ?? {};
    const updated = ctx.portal.events.update(
      { eventCompleted: true, startDateTime, endDateTime },
      ctx.now,
      found.event.objectId,
    )!;
    return { status: 200, body: toDefault(updated, ctx.appInfo), wrote: true };
  },
};
