/**
 * Why this file exists: HubSpot's batch operations on events: upsert by external ids, update by
 * objectId (207 with a per-item error for each unknown objectId), delete by objectId and by
 * (appId, externalAccountId, externalEventId), where events of other apps are left alone.
 */
import { toPublic, toV2 } from "../views.js";
import { batchTooLarge, envelope, itemError, type Handler } from "./common.js";

type Input = Record<string, unknown>;

export const BATCH_HANDLERS: Record<string, Handler> = {
  "POST /events/upsert": (ctx) => {
    const tooLarge = batchTooLarge(ctx);
    if (tooLarge) return tooLarge;
    const results = [];
    const errors = [];
    for (const input of ctx.body.inputs as Input[]) {
      if (ctx.itemFails()) {
        errors.push(
          itemError("INTERNAL_ERROR", `Could not upsert marketing event ${String(input.externalEventId)}`, {
            externalAccountId: [String(input.externalAccountId)],
            externalEventId: [String(input.externalEventId)],
          }),
        );
        continue;
      }
      results.push(toPublic(ctx.portal.events.upsert(input, ctx.now), ctx.appInfo));
    }
    return {
      status: 200,
      body: { ...envelope(ctx), results, ...(errors.length ? { errors, numErrors: errors.length } : {}) },
      wrote: results.length > 0,
    };
  },

  "POST /batch/update": (ctx) => {
    const tooLarge = batchTooLarge(ctx);
    if (tooLarge) return tooLarge;
    const results = [];
    const errors = [];
    for (const input of ctx.body.inputs as Input[]) {
      const objectId = String(input.objectId);
      if (ctx.itemFails()) {
        errors.push(
          itemError("INTERNAL_ERROR", `Could not update marketing event ${objectId}`, {
            objectId: [objectId],
          }),
        );
        continue;
      }
      const updated = ctx.portal.events.update(input, ctx.now);
      if (updated) results.push(toV2(updated, ctx.appInfo));
      else
        errors.push(
          itemError("OBJECT_NOT_FOUND", `No marketing event with objectId ${objectId}`, {
            objectId: [objectId],
          }),
        );
    }
    const body = {
      ...envelope(ctx),
      results,
      ...(errors.length ? { errors, numErrors: errors.length } : {}),
    };
    return { status: errors.length ? 207 : 200, body, wrote: results.length > 0 };
  },

  // The spec declares 204 only: objectIds that match no event are skipped silently.
  "POST /batch/archive": (ctx) => {
    const tooLarge = batchTooLarge(ctx);
    if (tooLarge) return tooLarge;
    let deleted = 0;
    for (const input of ctx.body.inputs as Input[]) {
      if (ctx.portal.deleteEvent(String(input.objectId))) deleted++;
    }
    return { status: 204, wrote: deleted > 0 };
  },

  "POST /events/delete": (ctx) => {
    const tooLarge = batchTooLarge(ctx);
    if (tooLarge) return tooLarge;
    let deleted = 0;
    for (const input of ctx.body.inputs as Input[]) {
      if (String(input.appId) !== ctx.appInfo.id) continue; // another app's events stay
      const event = ctx.portal.events.findByKey(
        String(input.externalAccountId),
        String(input.externalEventId),
      );
      if (event && ctx.portal.deleteEvent(event.objectId)) deleted++;
    }
    return { status: 204, wrote: deleted > 0 };
  },
};
