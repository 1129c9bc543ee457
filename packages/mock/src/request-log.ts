/**
 * Why this file exists: tests assert on what the mock saw. Every request leaves an entry (never
 * the token, only a hash prefix of it) in a bounded log, and counters that keep counting.
 */
import type { FaultKind } from "./faults.js";

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  /** API version and operation (`POST /events/upsert`), when the path matched one. */
  version?: string;
  operation?: string;
  status: number | "reset";
  fault?: FaultKind;
  /** sha256 prefix of the bearer token, never the token itself. */
  credential?: string;
  /** Number of batch inputs, for batch operations. */
  inputs?: number;
  /** Batch items failed by fault injection (counted in `counters.faults["item-error"]`). */
  itemErrors?: number;
  /**
   * What the mock accepted but you probably did not mean: fields of the request body that the
   * spec does not declare (`UNKNOWN_FIELD`, e.g. a misspelt `startDatetime`). They are not
   * stored; counted in `counters.warnings`.
   */
  warnings?: RequestWarning[];
}

export interface RequestWarning {
  code: "UNKNOWN_FIELD";
  /** JSON pointer of the field in the request body, e.g. `/inputs/0/startDatetime`. */
  pointer: string;
  /** e.g. `unknown field startDatetime in MarketingEventCreateRequestParams (did you mean startDateTime?)` */
  message: string;
}

export interface MockCounters {
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  /** Requests per fault kind; `item-error` counts failed batch items. */
  faults: Record<FaultKind, number>;
  /** Warnings in all requests (`RequestLogEntry.warnings`), also those dropped from the bounded log. */
  warnings: number;
}

export const emptyCounters = (): MockCounters => ({
  requests: 0,
  byStatus: {},
  byOperation: {},
  faults: { reset: 0, "429": 0, "5xx": 0, "lost-response": 0, latency: 0, "item-error": 0 },
  warnings: 0,
});

/** Appends an entry (dropping the oldest beyond `max`) and counts it. */
export function recordRequest(
  state: { requests: RequestLogEntry[]; counters: MockCounters },
  entry: RequestLogEntry,
  status: RequestLogEntry["status"],
  max: number,
): void {
  entry.status = status;
  state.requests.push(entry);
  if (state.requests.length > max) state.requests.splice(0, state.requests.length - max);
  state.counters.requests++;
  state.counters.byStatus[String(status)] = (state.counters.byStatus[String(status)] ?? 0) + 1;
  if (entry.fault) state.counters.faults[entry.fault]++;
  state.counters.warnings += entry.warnings?.length ?? 0;
}

/** Warnings for the fields of a request body its schema does not declare (they are not stored). */
export function unknownFieldWarnings(
  unknown: { pointer: string; field: string; schema?: string; suggestion?: string }[],
): RequestWarning[] {
  return unknown.map((u) => ({
    code: "UNKNOWN_FIELD" as const,
    pointer: u.pointer,
    message:
      `unknown field ${u.field}${u.schema ? ` in ${u.schema}` : ""}; it is not stored` +
      (u.suggestion ? ` (did you mean ${u.suggestion}?)` : ""),
  }));
}
