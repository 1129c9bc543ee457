/**
 * Why this file exists: HubSpot's semantics for each Marketing Events operation, keyed by method
 * and the path after the version prefix, so every version with the same operation gets the same
 * behaviour. The handlers live in one module per resource (handlers/); an operation a spec adds
 * without a handler answers its spec's example (or 501), so a new version is served at once.
 */
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";
import { ATTENDANCE_HANDLERS } from "./handlers/attendance.js";
import { BATCH_HANDLERS } from "./handlers/batch.js";
import type { Handler, OperationContext, OperationReply } from "./handlers/common.js";
import { EVENT_HANDLERS } from "./handlers/events.js";
import { IDENTIFIER_HANDLERS } from "./handlers/identifiers.js";
import { LIST_HANDLERS } from "./handlers/lists.js";
import { PARTICIPATION_HANDLERS } from "./handlers/participations.js";
import { SETTINGS_HANDLERS } from "./handlers/settings.js";
import { STATUS_HANDLERS } from "./handlers/status.js";
import type { Route } from "./router.js";

export type { AppSettings, OperationContext, OperationReply } from "./handlers/common.js";

/** Every operation the mock has behaviour for, as `METHOD /path-after-the-version-prefix`. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...EVENT_HANDLERS,
  ...BATCH_HANDLERS,
  ...STATUS_HANDLERS,
  ...ATTENDANCE_HANDLERS,
  ...PARTICIPATION_HANDLERS,
  ...LIST_HANDLERS,
  ...SETTINGS_HANDLERS,
  ...IDENTIFIER_HANDLERS,
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
