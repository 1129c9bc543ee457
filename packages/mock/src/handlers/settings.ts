/**
 * Why this file exists: an app's marketing event settings (the URL HubSpot calls for event
 * details), per appId. They belong to the app's developer account, not to a portal, and the
 * operations take the developer API key (`hapikey`), which the server checks before this runs.
 */
import { hubspotError } from "../hubspot-errors.js";
import type { Handler } from "./common.js";

export const SETTINGS_HANDLERS: Record<string, Handler> = {
  "GET /{appId}/settings": (ctx) => {
    const appId = Number(ctx.params.appId);
    const settings = ctx.settings.get(appId);
    if (!settings)
      return hubspotError(404, "OBJECT_NOT_FOUND", `No marketing event settings for app ${appId}`);
    return { status: 200, body: { ...settings }, wrote: false };
  },

  "POST /{appId}/settings": (ctx) => {
    const appId = Number(ctx.params.appId);
    const settings = { appId, eventDetailsUrl: String(ctx.body.eventDetailsUrl) };
    ctx.settings.set(appId, settings);
    return { status: 200, body: { ...settings }, wrote: true };
  },
};
