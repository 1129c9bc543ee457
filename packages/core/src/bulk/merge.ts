/**
 * Why this file exists: HubSpot answers a batch with results and per-item errors in no
 * guaranteed order. This matches them back to the inputs by the key the operation's answers use
 * (externalEventId, objectId, email, contact id), never by position, so every input of a batch
 * ends up in exactly one outcome.
 */
import { HubSpotApiError } from "../errors.js";
import { HubSpotNetworkError } from "../network-error.js";
import type { BulkOperation, StandardErrorLike } from "./operations.js";
import { BulkItemError, type Failed, type Succeeded } from "./types.js";
import type { Indexed } from "./validate.js";

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
  op: BulkOperation,
  batch: Indexed<I>[],
  status: number,
  body: unknown,
  uncertain = false,
) {
  const succeeded: Succeeded<I, R>[] = [];
  const failed: Failed<I>[] = [];
  const pending = new Map(batch.map((item) => [op.answerKey(item.input as Record<string, unknown>), item]));
  if (op.noDetail) {
    // HubSpot answers such a batch without per-input detail: a 2xx says all were applied.
    for (const item of batch)
      succeeded.push({ index: item.index, input: item.input, record: undefined as R });
    return { succeeded, failed };
  }
  const answer = (body ?? {}) as { results?: Record<string, unknown>[]; errors?: StandardErrorLike[] };

  const unmatched: Record<string, unknown>[] = [];
  for (const record of answer.results ?? []) {
    const id = op.recordKey?.(record);
    const item = id === undefined ? undefined : pending.get(id);
    if (!item) {
      unmatched.push(record);
      continue;
    }
    pending.delete(id!);
    succeeded.push({ index: item.index, input: item.input, record: record as R });
  }
  for (const err of answer.errors ?? []) {
    for (const id of op.errorContext.flatMap((field) => err.context?.[field] ?? [])) {
      const item = pending.get(op.normalizeKey?.(String(id)) ?? String(id));
      if (!item) continue;
      pending.delete(op.normalizeKey?.(String(id)) ?? String(id));
      failed.push({
        index: item.index,
        input: item.input,
        error: new BulkItemError(err.message ?? "HubSpot rejected this input", "rejected", {
          field: op.keyField,
          category: err.category,
          status,
          outcomeUnknown: uncertain,
        }),
      });
    }
  }
  // Upsert records whose id names no input: match by content where exactly one input fits.
  for (const [key, records] of op.matchByContent ? groupBy(unmatched, signature) : []) {
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
