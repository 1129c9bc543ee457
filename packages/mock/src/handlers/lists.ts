/**
 * Why this file exists: HubSpot associates contact lists (ILS list ids) with a marketing event,
 * addressed by external ids or by objectId: add and remove answer 204 (both idempotent), the
 * read answers the lists as `PublicList`s with a total. Unknown events get HubSpot's 404.
 */
import type { ListInfo } from "../portal.js";
import { eventByExternalIds, eventByObjectId, type Handler, type OperationContext } from "./common.js";

/** `PublicList`: a manual contact list (the mock keeps no list members). */
const publicList = (l: ListInfo) => ({
  listId: l.listId,
  listVersion: 1,
  name: l.name,
  objectTypeId: "0-1",
  processingStatus: "COMPLETE",
  processingType: "MANUAL",
  size: 0,
  createdAt: l.createdAt,
  updatedAt: l.createdAt,
});

type Found = ReturnType<typeof eventByObjectId>;

const read = (ctx: OperationContext, found: Found) => {
  if (!("event" in found)) return found;
  const results = ctx.portal.lists.of(found.event.objectId).map(publicList);
  return { status: 200, body: { total: results.length, results }, wrote: false };
};

const add = (ctx: OperationContext, found: Found) => {
  if (!("event" in found)) return found;
  ctx.portal.lists.add(found.event.objectId, ctx.params.listId ?? "", ctx.now);
  return { status: 204, wrote: true };
};

const remove = (ctx: OperationContext, found: Found) => {
  if (!("event" in found)) return found;
  return { status: 204, wrote: ctx.portal.lists.remove(found.event.objectId, ctx.params.listId ?? "") };
};

export const LIST_HANDLERS: Record<string, Handler> = {
  "GET /associations/{externalAccountId}/{externalEventId}/lists": (ctx) =>
    read(ctx, eventByExternalIds(ctx)),
  "PUT /associations/{externalAccountId}/{externalEventId}/lists/{listId}": (ctx) =>
    add(ctx, eventByExternalIds(ctx)),
  "DELETE /associations/{externalAccountId}/{externalEventId}/lists/{listId}": (ctx) =>
    remove(ctx, eventByExternalIds(ctx)),
  "GET /associations/{marketingEventId}/lists": (ctx) => read(ctx, eventByObjectId(ctx, "marketingEventId")),
  "PUT /associations/{marketingEventId}/lists/{listId}": (ctx) =>
    add(ctx, eventByObjectId(ctx, "marketingEventId")),
  "DELETE /associations/{marketingEventId}/lists/{listId}": (ctx) =>
    remove(ctx, eventByObjectId(ctx, "marketingEventId")),
};
