/**
 * Why this file exists: rate-limit windows and latency must be testable without sleeping. The
 * mock uses the same Clock as the clients (from the core package), so one ManualClock or
 * VirtualClock can drive both sides of a test.
 */
export { systemClock, ManualClock, VirtualClock, type Clock } from "@org/mkt-events-core";
