/**
 * Why this file exists: what a test sees of a running mock: its address, the portals' stores,
 * app settings, the request log, counters and the mock's own spec violations, and how to reset
 * it between tests.
 */
import type { AppSettings } from "./operations.js";
import type { Portal } from "./portal.js";
import type { MockCounters, RequestLogEntry } from "./request-log.js";
import type { EventStore } from "./store.js";

export interface MockState {
  /** The default portal's events (every token not mapped by the `portals` option). */
  events: EventStore;
  /** A portal's stores (events, contacts, participations, lists); the default one without an id. */
  portal(id?: string): Portal;
  /** App settings by appId (developer-account data, shared by all portals). */
  settings: Map<number, AppSettings>;
  requests: RequestLogEntry[];
  counters: MockCounters;
  /** Answers of the mock that broke its own spec (a mock bug); tests expect this empty. */
  responseViolations: string[];
}

export interface MockServer {
  url: string;
  host: string;
  port: number;
  versions: string[];
  state: MockState;
  /** Empties the store, log, counters and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}
