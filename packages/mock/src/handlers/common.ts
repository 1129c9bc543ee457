/**
 * Why this file exists: what every handler module shares: the context an operation runs in,
 * its reply, HubSpot's 404 for an unknown event, per-item errors, the batch envelope, the
 * batch-size limit and forward paging with `after` cursors.
 */
import { hubspotError, type ErrorReply } from "../hubspot-errors.js";
import type { Portal } from "../portal.js";
import type { StoredEvent } from "../store.js";
import { isOver, type AppInfo } from "../views.js";

export interface AppSettings {
  appId: number;
  eventDetailsUrl: string;
}

export interface OperationContext {
  portal: Portal;
  /** App settings by appId (they belong to the developer account, not a portal). */
  settings: Map<number, AppSettings>;
  params: Record<string, string>;
  query: URLSearchParams;
  now: string;
  body: any;
  maxBatchSize: number;
  /** Decides, per batch item, whether a fault makes it fail. */
  itemFails(): boolean;
  appInfo: AppInfo;
}

export interface OperationReply {
  status: number;
  body?: unknown;
  /** True when the operation changed the store (a lost-response fault applies only then). */
  wrote: boolean;
}

export type Handler = (ctx: OperationContext) => OperationReply | ErrorReply;

export const eventNotFound = (what: string): ErrorReply =>
  hubspotError(404, "OBJECT_NOT_FOUND", `Marketing event not found: ${what}`);

export const badRequest = (message: string, field?: string): ErrorReply =>
  hubspotError(400, "VALIDATION_ERROR", message, field ? { errors: [{ message, in: field }] } : {});

/** The event with the path's externalEventId and the query's externalAccountId (when given). */
export function eventByExternalIds(ctx: OperationContext): { event: StoredEvent } | ErrorReply {
  const externalEventId = ctx.params.externalEventId ?? "";
  const externalAccountId = ctx.params.externalAccountId ?? ctx.query.get("externalAccountId");
  const event =
    externalAccountId === null
      ? ctx.portal.events.withExternalEventId(externalEventId)[0]
      : ctx.portal.events.findByKey(externalAccountId, externalEventId);
  if (!event)
    return eventNotFound(
      `externalAccountId ${externalAccountId ?? "(any)"}, externalEventId ${externalEventId}`,
    );
  return { event };
}

/** The event with the objectId in the path parameter `name`. */
export function eventByObjectId(
  ctx: OperationContext,
  name = "objectId",
): { event: StoredEvent } | ErrorReply {
  const objectId = ctx.params[name] ?? "";
  const event = ctx.portal.events.get(objectId);
  return event ? { event } : eventNotFound(`objectId ${objectId}`);
}

export const countersOf = (ctx: OperationContext, e: StoredEvent) =>
  ctx.portal.participations.counters(e.objectId, isOver(e, ctx.now));

export const itemError = (category: string, message: string, context: Record<string, string[]>) => ({
  status: "error",
  category,
  message,
  context,
  errors: [] as unknown[],
  links: {} as Record<string, string>,
});

export const envelope = (ctx: OperationContext) => ({
  status: "COMPLETE",
  requestedAt: ctx.now,
  startedAt: ctx.now,
  completedAt: ctx.now,
  links: {},
});

export function batchTooLarge(ctx: OperationContext): ErrorReply | undefined {
  const n = Array.isArray(ctx.body?.inputs) ? ctx.body.inputs.length : 0;
  if (n <= ctx.maxBatchSize) return undefined;
  return hubspotError(
    400,
    "VALIDATION_ERROR",
    `Batch of ${n} inputs exceeds the maximum of ${ctx.maxBatchSize} per request`,
    {
      errors: [
        {
          message: `inputs has ${n} items; at most ${ctx.maxBatchSize} are allowed`,
          in: "inputs",
          code: "TOO_MANY_INPUTS",
        },
      ],
    },
  );
}

/**
 * One page of `items` (in cursor order) after the query's `after`: `cursor` gives an item's
 * cursor, so a page boundary stays put while records are added or deleted. `limit` defaults to
 * `fallback`; above `max` it is refused (`clamp`: cut to `max`).
 */
export function page<T>(
  ctx: OperationContext,
  items: (after: string | undefined) => T[],
  cursor: (item: T) => string,
  opts: { fallback: number; max: number; clamp?: boolean },
): { results: T[]; paging?: { next: { after: string; link: string } } } | ErrorReply {
  const after = ctx.query.get("after") ?? undefined;
  if (after !== undefined && !/^\d+$/.test(after))
    return badRequest(
      `after must be a paging cursor from paging.next.after, got ${JSON.stringify(after)}`,
      "after",
    );
  const rawLimit = ctx.query.get("limit");
  let limit = rawLimit === null ? opts.fallback : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    return badRequest(`limit must be at least 1, got ${rawLimit}`, "limit");
  if (limit > opts.max) {
    if (!opts.clamp) return badRequest(`limit must be at most ${opts.max}, got ${limit}`, "limit");
    limit = opts.max;
  }
  const rest = items(after);
  const results = rest.slice(0, limit);
  const last = results.at(-1);
  if (rest.length <= limit || last === undefined) return { results };
  const next = cursor(last);
  return { results, paging: { next: { after: next, link: `?after=${next}&limit=${limit}` } } };
}
