/**
 * Why this file exists: `bulkUpsert` and `bulkUpdate` write thousands of marketing events through
 * any version's client: validate, cut into batches, send them with bounded concurrency through
 * the client's transport (limits, retries), and account for every input exactly once.
 */
import type { Client } from "openapi-fetch";
import { clientInfo } from "../client-registry.js";
import { errorFromResponse, HubSpotApiError } from "../errors.js";
import { HubSpotNetworkError } from "../network-error.js";
import { attemptsOf } from "../unwrap.js";
import { makeBatches } from "./batches.js";
import { failBatch, mergeAnswer } from "./merge.js";
import {
  BulkItemError,
  type BulkKind,
  type Failed,
  type BulkOptions,
  type BulkResult,
  type NotAttempted,
  type UpdateInput,
  type UpdateRecord,
  type UpsertInput,
  type UpsertRecord,
} from "./types.js";
import { BulkValidationError, validateInputs, type Indexed } from "./validate.js";

const SUFFIX: Record<BulkKind, string> = { upsert: "/events/upsert", update: "/batch/update" };

/** Per-item categories that say "try again later" rather than "this input is wrong". */
const TRANSIENT = new Set(["INTERNAL_ERROR", "RATE_LIMITS", "SERVICE_UNAVAILABLE", "TIMEOUT"]);

/** Whether a failed item may succeed if sent again (a later round resends it). */
function worthRetrying(error: BulkItemError): boolean {
  if (error.kind === "unconfirmed") return true;
  if (error.kind === "rejected") return TRANSIENT.has(error.details.category ?? "");
  if (error.kind !== "request-failed") return false;
  const cause = error.details.cause;
  if (cause instanceof HubSpotNetworkError) return true;
  if (cause instanceof HubSpotApiError) {
    return (
      (cause.status === 429 && cause.policyName !== "DAILY") || cause.status >= 500 || cause.status === 408
    );
  }
  return false;
}

async function runBulk<I, R>(
  client: object,
  kind: BulkKind,
  inputs: readonly I[],
  options: BulkOptions,
): Promise<BulkResult<I, R>> {
  const started = Date.now();
  const info = clientInfo(client);
  if (!info.basePath)
    throw new TypeError(
      "this client does not know its API's base path; create it with a versioned package's createClient()",
    );
  const maxBatchSize = options.maxBatchSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)
    throw new RangeError(`maxBatchSize must be a whole number >= 1, got ${maxBatchSize}`);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  const itemRetries = options.itemRetries ?? 2;
  if (!Number.isInteger(itemRetries) || itemRetries < 0)
    throw new RangeError(`itemRetries must be a whole number >= 0, got ${itemRetries}`);

  if (!Array.isArray(inputs))
    throw new TypeError(`inputs must be an array, got ${inputs === null ? "null" : typeof inputs}`);
  const { valid, invalid } = validateInputs(kind, inputs);
  if (options.failFast && invalid.length > 0) throw new BulkValidationError(invalid);
  const result: BulkResult<I, R> = {
    succeeded: [],
    failed: [...invalid],
    notAttempted: [],
    total: inputs.length,
    requests: 0,
    retries: 0,
    elapsedMs: 0,
  };
  const progress = () => {
    try {
      options.onProgress?.({
        total: result.total,
        done: result.succeeded.length + result.failed.length + result.notAttempted.length,
        succeeded: result.succeeded.length,
        failed: result.failed.length,
        retries: result.retries,
        requests: result.requests,
      });
    } catch {
      // A failing progress callback must not cost the caller the account of its inputs.
    }
  };
  progress();

  let queue = makeBatches(kind, valid, maxBatchSize);
  /** Failures of the current round; the retryable ones go round again (upsert and update are idempotent). */
  let roundFailed: Failed<I>[] = [];
  let stopReason: NotAttempted<I>["reason"] | undefined;
  const path = `${info.basePath}${SUFFIX[kind]}`;
  const sendBatch = async (batch: Indexed<I>[]) => {
    let uncertain = false;
    const fetch = (request: Request) =>
      info.transport(request, {
        onRequest: () => void result.requests++,
        onRetry: (retry) => {
          result.retries++;
          uncertain ||= retry.mayHaveApplied;
        },
      });
    try {
      const res = await (client as Client<Record<string, never>>).request(
        "post" as never,
        path as never,
        {
          body: { inputs: batch.map((b) => b.input) },
          fetch,
          ...(options.signal ? { signal: options.signal } : {}),
        } as never,
      );
      const { response } = res as { response: Response; data?: unknown; error?: unknown };
      if (response.ok) {
        const merged = mergeAnswer<I, R>(
          kind,
          batch,
          response.status,
          (res as { data?: unknown }).data,
          uncertain,
        );
        result.succeeded.push(...merged.succeeded);
        roundFailed.push(...merged.failed);
      } else {
        const error = errorFromResponse({
          status: response.status,
          url: response.url || undefined,
          body: (res as { error?: unknown }).error,
          attempts: attemptsOf(response),
        });
        if (error.policyName === "DAILY") stopReason ??= "daily-limit";
        roundFailed.push(...failBatch(batch, error, uncertain));
      }
    } catch (error) {
      roundFailed.push(...failBatch(batch, error, uncertain));
    }
    progress();
  };

  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) stopReason ??= "aborted";
      if (stopReason) return;
      const batch = queue.shift();
      if (!batch) return;
      await sendBatch(batch);
    }
  };
  for (let round = 0; ; round++) {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
    const again = round < itemRetries && !stopReason ? roundFailed.filter((f) => worthRetrying(f.error)) : [];
    result.failed.push(...roundFailed.filter((f) => !again.includes(f)));
    roundFailed = [];
    if (again.length === 0 || queue.length > 0) break;
    queue = makeBatches(kind, again, maxBatchSize);
  }
  for (const batch of queue) {
    for (const item of batch)
      result.notAttempted.push({ index: item.index, input: item.input, reason: stopReason ?? "aborted" });
  }
  progress();
  for (const list of [result.succeeded, result.failed, result.notAttempted])
    list.sort((a, b) => a.index - b.index);
  result.elapsedMs = Date.now() - started;
  return result;
}

/**
 * Creates or updates many marketing events, keyed by (externalAccountId, externalEventId), in
 * batches through `POST .../events/upsert`. Works with any version's client, typed by it.
 */
export function bulkUpsert<P extends {}>(
  client: Client<P>,
  inputs: readonly UpsertInput<P>[],
  options: BulkOptions = {},
): Promise<BulkResult<UpsertInput<P>, UpsertRecord<P>>> {
  return runBulk(client, "upsert", inputs, options);
}

/**
 * Creates many marketing events. HubSpot has no batch create, so this goes through the keyed
 * upsert, which is safe to retry: an event that already exists is updated, not duplicated.
 */
export const bulkCreate = bulkUpsert;

/** Updates many marketing events by objectId, in batches through `POST .../batch/update`. */
export function bulkUpdate<P extends {}>(
  client: Client<P>,
  inputs: readonly UpdateInput<P>[],
  options: BulkOptions = {},
): Promise<BulkResult<UpdateInput<P>, UpdateRecord<P>>> {
  return runBulk(client, "update", inputs, options);
}
