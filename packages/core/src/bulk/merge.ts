/**
 * Why this file exists: HubSpot answers a batch with results and per-item errors in no
 * guaranteed order. This matches them back to the inputs by key (externalEventId, or objectId),
 * never by position, so every input of a batch ends up in exactly one outcome.
 */
import { HubSpotApiError } from "../errors.js";
import { HubSpotNetworkError } from "../network-error.js";
import { BulkItemError, type BulkKind, type Failed, type Succeeded } from "./types.js";
import type { Indexed } from "./validate.js";

interface StandardErrorLike {
  category?: string;
  message?: string;
  context?: Record<string, string[]>;
}

const idField = (kind: BulkKind) => (kind === "update" ? "objectId" : "externalEventId");

/** What an input and its record share besides ids (dates compared as instants). */
function signature(o: Record<string, unknown>): string {
  const time = (v: unknown) =>
    typeof v === "string" && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : (v ?? null);
  return JSON.stringify([
    o.eventName ?? null,
    o.eventOrganizer ?? null,
    o.eventType ?? null,
    o.eventUrl ?? null,
    time(o.startDateTime),
    time(o.endDateTime),
  ]);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Outcomes of a batch HubSpot answered with 2xx (200 or 207). `uncertain`: an earlier attempt
 * of this request may have been applied, so a rejection now does not prove it was not.
 */
export function mergeAnswer<I, R>(
  kind: BulkKind,
  batch: Indexed<I>[],
  status: number,
  body: unknown,
  uncertain = false,
) {
  const succeeded: Succeeded<I, R>[] = [];
  const failed: Failed<I>[] = [];
  const field = idField(kind);
  const pending = new Map(
    batch.map((item) => [String((item.input as Record<string, unknown>)[field]), item]),
  );
  const answer = (body ?? {}) as { results?: Record<string, unknown>[]; errors?: StandardErrorLike[] };

  const unmatched: Record<string, unknown>[] = [];
  for (const record of answer.results ?? []) {
    // Upsert records carry the input's externalEventId as `id`; update records carry objectId.
    const id = String(kind === "update" ? record.objectId : (record.externalEventId ?? record.id));
    const item = pending.get(id);
    if (!item) {
      unmatched.push(record);
      continue;
    }
    pending.delete(id);
    succeeded.push({ index: item.index, input: item.input, record: record as R });
  }
  for (const err of answer.errors ?? []) {
    for (const id of err.context?.[field] ?? []) {
      const item = pending.get(String(id));
      if (!item) continue;
      pending.delete(String(id));
      failed.push({
        index: item.index,
        input: item.input,
        error: new BulkItemError(err.message ?? "HubSpot rejected this input", "rejected", {
          field,
          category: err.category,
          status,
          outcomeUnknown: uncertain,
        }),
      });
    }
  }
  // Records whose id names no input: match by content where exactly one input fits.
  for (const [key, records] of groupBy(unmatched, signature)) {
    const candidates = [...pending.entries()].filter(
      ([, item]) => signature(item.input as Record<string, unknown>) === key,
    );
    if (records.length !== 1 || candidates.length !== 1) continue;
    const [id, item] = candidates[0]!;
    pending.delete(id);
    succeeded.push({ index: item.index, input: item.input, record: records[0] as R });
  }
  for (const item of pending.values()) {
    failed.push({
      index: item.index,
      input: item.input,
      error: new BulkItemError(`HubSpot answered ${status} without mentioning this input`, "unconfirmed", {
        status,
        outcomeUnknown: true,
      }),
    });
  }
  return { succeeded, failed };
}

/** Outcomes of a batch whose request failed as a whole (error answer, network, abort). */
export function failBatch<I>(batch: Indexed<I>[], error: unknown, uncertain = false): Failed<I>[] {
  let itemError: BulkItemError;
  if (error instanceof HubSpotNetworkError) {
    itemError = new BulkItemError(error.message, "request-failed", {
      outcomeUnknown: error.outcomeUnknown || uncertain,
      cause: error,
    });
  } else if (error instanceof HubSpotApiError) {
    itemError = new BulkItemError(error.message, "request-failed", {
      status: error.status,
      category: error.category,
      outcomeUnknown: error.outcomeUnknown || uncertain,
      cause: error,
    });
  } else if ((error as { name?: string })?.name === "AbortError") {
    itemError = new BulkItemError("aborted while the request was in flight", "aborted", {
      outcomeUnknown: true,
      cause: error,
    });
  } else {
    itemError = new BulkItemError(error instanceof Error ? error.message : String(error), "request-failed", {
      outcomeUnknown: true,
      cause: error,
    });
  }
  return batch.map((item) => ({ index: item.index, input: item.input, error: itemError }));
}
