/**
 * Why this file exists: HubSpot's semantics for each Marketing Events operation, keyed by the
 * path after the version prefix, so every version with the same operation gets the same
 * behaviour. Operations without a handler answer their spec's example (or 501).
 */
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";
import type { Route } from "./router.js";
import { OPTIONAL_FIELDS, type EventStore, type StoredEvent } from "./store.js";

export interface OperationContext {
  store: EventStore;
  now: string;
  body: any;
  maxBatchSize: number;
  /** Decides, per batch item, whether a fault makes it fail. */
  itemFails(): boolean;
  appInfo: { id: string; name: string };
}

export interface OperationReply {
  status: number;
  body?: unknown;
  /** True when the operation changed the store (a lost-response fault applies only then). */
  wrote: boolean;
}

const optional = (e: StoredEvent) => {
  const out: Record<string, unknown> = {};
  for (const k of OPTIONAL_FIELDS) {
    if (e[k] !== undefined) out[k] = e[k];
  }
  return out;
};

/** `MarketingEventDefaultResponse` (create). */
const toDefault = (e: StoredEvent) => ({
  objectId: e.objectId,
  eventName: e.eventName,
  eventOrganizer: e.eventOrganizer ?? "",
  customProperties: e.customProperties,
  ...optional(e),
});

/** `MarketingEventPublicDefaultResponse` (upsert): `id` is the input's externalEventId. */
const toPublic = (e: StoredEvent) => ({
  id: e.externalEventId,
  objectId: e.objectId,
  eventName: e.eventName,
  eventOrganizer: e.eventOrganizer ?? "",
  customProperties: e.customProperties,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  ...optional(e),
});

/** `MarketingEventPublicDefaultResponseV2` (batch/update). */
const toV2 = (e: StoredEvent, appInfo: { id: string; name: string }) => ({
  objectId: e.objectId,
  eventName: e.eventName,
  ...(e.eventOrganizer !== undefined ? { eventOrganizer: e.eventOrganizer } : {}),
  customProperties: e.customProperties,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  appInfo,
  ...optional(e),
});

const itemError = (category: string, message: string, context: Record<string, string[]>) => ({
  status: "error",
  category,
  message,
  context,
  errors: [] as unknown[],
  links: {} as Record<string, string>,
});

const envelope = (ctx: OperationContext) => ({
  status: "COMPLETE",
  requestedAt: ctx.now,
  startedAt: ctx.now,
  completedAt: ctx.now,
  links: {},
});

function batchTooLarge(ctx: OperationContext): ErrorReply | undefined {
  const n = Array.isArray(ctx.body?.inputs) ? ctx.body.inputs.length : 0;
  if (n > ctx.maxBatchSize) {
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
  return undefined;
}

type Handler = (ctx: OperationContext) => OperationReply | ErrorReply;

const HANDLERS: Record<string, Handler> = {
  "POST /events": (ctx) => {
    const created = ctx.store.create(ctx.body, ctx.now);
    if (!created) {
      return hubspotError(
        409,
        "CONFLICT",
        `A marketing event with externalAccountId ${ctx.body.externalAccountId} and externalEventId ${ctx.body.externalEventId} already exists`,
      );
    }
    return { status: 200, body: toDefault(created), wrote: true };
  },

  "POST /events/upsert": (ctx) => {
    const tooLarge = batchTooLarge(ctx);
    if (tooLarge) return tooLarge;
    const results = [];
    const errors = [];
    for (const input of ctx.body.inputs as Record<string, unknown>[]) {
      if (ctx.itemFails()) {
        errors.push(
          itemError("INTERNAL_ERROR", `Could not upsert marketing event ${String(input.externalEventId)}`, {
            externalAccountId: [String(input.externalAccountId)],
            externalEventId: [String(input.externalEventId)],
          }),
        );
        continue;
      }
      results.push(toPublic(ctx.store.upsert(input, ctx.now)));
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
    for (const input of ctx.body.inputs as Record<string, unknown>[]) {
      const objectId = String(input.objectId);
      if (ctx.itemFails()) {
        errors.push(
          itemError("INTERNAL_ERROR", `Could not update marketing event ${objectId}`, {
            objectId: [objectId],
          }),
        );
        continue;
      }
      const updated = ctx.store.update(input, ctx.now);
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
};

/** Runs the operation a route names, or answers its documented example. */
export function runOperation(route: Route, ctx: OperationContext): OperationReply | ErrorReply {
  const handler = HANDLERS[`${route.method} ${route.suffix}`];
  if (handler) return handler(ctx);
  for (const [status, response] of Object.entries<any>(route.operation.responses ?? {})) {
    if (!/^2\d\d$/.test(status)) continue;
    const content = response?.content ?? {};
    const media = content["application/json"] ?? Object.values<any>(content)[0];
    if (media?.example !== undefined || !media)
      return { status: Number(status), body: media?.example, wrote: false };
  }
  return hubspotError(
    501,
    "NOT_IMPLEMENTED",
    `The mock has no behaviour for ${route.method} ${route.path} and its spec gives no example`,
  );
}
