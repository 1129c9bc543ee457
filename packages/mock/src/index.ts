export {
  startMockServer,
  type MockCounters,
  type MockServer,
  type MockServerOptions,
  type MockState,
  type RequestLogEntry,
  type RequestWarning,
} from "./server.js";
export { ManualClock, VirtualClock, systemClock, type Clock } from "./clock.js";
export type { FaultKind, FaultOptions } from "./faults.js";
export type { RateLimitOptions } from "./rate-limit.js";
export type { EventStore, StoredEvent, CustomProperty } from "./store.js";
export { specs } from "./generated/specs.js";
export type { Portal, ListAssociations, ListInfo } from "./portal.js";
export type { Contact, ContactStore } from "./contacts.js";
export type {
  Participation,
  ParticipationStore,
  AttendanceState,
  SubscriberState,
} from "./participations.js";
export type { AppSettings } from "./operations.js";
