/**
 * Why this file exists: HubSpot answers the same event in several documented shapes (create,
 * upsert, read, read V2, update V2), with full `PropertyValue` objects in some and bare
 * `{ name, value }` wrappers in others, and participation counters on reads. Each shape is built
 * here, from one stored record, so every operation answers the fields its schema requires.
 */
import type { Counters } from "./participations.js";
import { OPTIONAL_FIELDS, type CustomProperty, type StoredEvent } from "./store.js";

export interface AppInfo {
  id: string;
  name: string;
}

const optional = (e: StoredEvent) => {
  const out: Record<string, unknown> = {};
  for (const k of OPTIONAL_FIELDS) {
    if (e[k] !== undefined) out[k] = e[k];
  }
  out.eventCancelled = e.eventCancelled === true;
  out.eventCompleted = e.eventCompleted === true;
  return out;
};

/**
 * HubSpot's `PropertyValue` for a custom property the app set: written by an integration (the
 * app), at the event's last update. The source fields are the mock's assumption of what HubSpot
 * records for an API write; the shape is the spec's, with every required field.
 */
export function propertyValue(p: CustomProperty, e: StoredEvent, app: AppInfo) {
  const timestamp = Date.parse(e.updatedAt);
  return {
    name: p.name,
    value: p.value,
    timestamp,
    persistenceTimestamp: timestamp,
    source: "INTEGRATION",
    sourceId: app.id,
    sourceLabel: app.name,
    sourceMetadata: "",
    sourceUpstreamDeployable: "",
    sourceVid: [] as number[],
    requestId: "",
    selectedByUser: false,
    selectedByUserTimestamp: 0,
    isEncrypted: false,
    isLargeValue: false,
    dataSensitivity: "none",
    unit: "",
    useTimestampAsPersistenceTimestamp: false,
  };
}

/** Completed, or its end lies in the past: registrants who did not attend are no-shows. */
export const isOver = (e: StoredEvent, now: string): boolean =>
  e.eventCompleted === true || (e.endDateTime !== undefined && Date.parse(e.endDateTime) < Date.parse(now));

/** `eventStatus` of the V2 read: CANCELLED, COMPLETED, or from the dates (an assumption). */
function eventStatus(e: StoredEvent, now: string): string {
  if (e.eventCancelled) return "CANCELLED";
  if (e.eventCompleted) return "COMPLETED";
  const t = Date.parse(now);
  if (e.endDateTime && Date.parse(e.endDateTime) < t) return "PAST";
  if (e.startDateTime && Date.parse(e.startDateTime) <= t) return "IN_PROGRESS";
  return "UPCOMING";
}

/** `MarketingEventDefaultResponse` (create, cancel, complete). */
export const toDefault = (e: StoredEvent, app: AppInfo) => ({
  objectId: e.objectId,
  eventName: e.eventName,
  eventOrganizer: e.eventOrganizer ?? "",
  customProperties: e.customProperties.map((p) => propertyValue(p, e, app)),
  ...optional(e),
});

/** `MarketingEventPublicDefaultResponse` (upsert, put, patch by external ids): `id` is the externalEventId. */
export const toPublic = (e: StoredEvent, app: AppInfo) => ({
  id: e.externalEventId,
  ...toDefault(e, app),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/** `MarketingEventPublicReadResponse` (read by external ids), with the participation counters. */
export const toRead = (e: StoredEvent, app: AppInfo, c: Counters) => ({
  ...toPublic(e, app),
  externalEventId: e.externalEventId,
  registrants: c.registered,
  attendees: c.attended,
  cancellations: c.cancelled,
  noShows: c.noShows,
});

/** `MarketingEventPublicDefaultResponseV2` (batch update, patch by objectId). */
export const toV2 = (e: StoredEvent, app: AppInfo) => ({
  objectId: e.objectId,
  eventName: e.eventName,
  ...(e.eventOrganizer !== undefined ? { eventOrganizer: e.eventOrganizer } : {}),
  customProperties: e.customProperties.map((p) => ({ name: p.name, value: p.value })),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  appInfo: { ...app },
  ...optional(e),
});

/** `MarketingEventPublicReadResponseV2` (read by objectId, list-all). */
export const toReadV2 = (e: StoredEvent, app: AppInfo, c: Counters, now: string) => ({
  ...toV2(e, app),
  externalEventId: e.externalEventId,
  registrants: c.registered,
  attendees: c.attended,
  cancellations: c.cancelled,
  noShows: c.noShows,
  eventStatus: eventStatus(e, now),
  eventStatusV2: eventStatus(e, now),
});
