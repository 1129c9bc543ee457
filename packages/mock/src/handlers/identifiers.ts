/**
 * Why this file exists: finding events by external event id: search (the calling app's events
 * whose externalEventId is `q`) and identifiers (every event in the account with that
 * externalEventId, with its objectId and app). No match is an empty answer, not a 404.
 */
import type { Handler } from "./common.js";

export const IDENTIFIER_HANDLERS: Record<string, Handler> = {
  "GET /events/search": (ctx) => {
    const q = ctx.query.get("q") ?? "";
    const results = ctx.portal.events.withExternalEventId(q).map((e) => ({
      appId: Number(ctx.appInfo.id),
      externalAccountId: e.externalAccountId,
      externalEventId: e.externalEventId,
      objectId: e.objectId,
    }));
    return { status: 200, body: { results }, wrote: false };
  },

  "GET /{externalEventId}/identifiers": (ctx) => {
    const results = ctx.portal.events.withExternalEventId(ctx.params.externalEventId ?? "").map((e) => ({
      objectId: e.objectId,
      externalEventId: e.externalEventId,
      externalAccountId: e.externalAccountId,
      marketingEventName: e.eventName,
      appInfo: { ...ctx.appInfo },
    }));
    return { status: 200, body: { total: results.length, results }, wrote: false };
  },
};
