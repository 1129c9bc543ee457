/**
 * Why this file exists: `bulkUpsert` and `bulkUpdate` write thousands of marketing events through
 * any version's client: validate, cut into batches, send them with bounded concurrency through
 * the client's transport (limits, retries), resend what failed for a transient reason in the
 * next batch with room, stop early on what retrying cannot fix, and account for every input
 * exactly once (the ledger).
 */
import type { Client } from "openapi-fetch";
import { HubSpotAuthConfigError } from "../auth.js";
import { clientInfo } from "../client-registry.js";
import { errorFromResponse, HubSpotApiError } from "../errors.js";
import { HubSpotNetworkError } from "../network-error.js";
import { attemptsOf } from "../unwrap.js";
import { makeBatches } from "./batches.js";
import { Ledger, type Item, type StopReason } from "./ledger.js";
import { failBatch, mergeAnswer } from "./merge.js";
import { inputsNamed } from "./rejection.js";
import {
  BulkItemError,
  type BulkKind,
  type BulkOptions,
  type BulkResult,
  type UpdateInput,
  type UpdateRecord,
  type UpsertInput,
  type UpsertRecord,
} from "./types.js";
import { BulkValidationError, validateInputs } from "./validate.js";

const SUFFIX: Record<BulkKind, string> = { upsert: "/events/upsert", update: "/batch/update" };

/** Per-item categories that say "try again later" rather than "this input is wrong". */
const TRANSIENT = new Set(["INTERNAL_ERROR", "RATE_LIMITS", "SERVICE_UNAVAILABLE", "TIMEOUT"]);

/** Whether a failed item may succeed if sent again. */
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

/** What a whole-request failure means for the run: stop it (and why), or go on. */
function stopFor(error: unknown): StopReason | undefined {
  if (error instanceof HubSpotAuthConfigError) return "auth-config";
  if (error instanceof HubSpotNetworkError) return error.outcomeUnknown ? undefined : "host-unreachable";
  if (error instanceof HubSpotApiError) {
    if (error.policyName === "DAILY") return "daily-limit";
    if (error.status === 401 || error.status === 403) return "auth-failed";
  }
  return undefined;
}

function checkOptions(options: BulkOptions) {
  const whole = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new RangeError(`${name} must be a whole number >= ${min}, got ${value}`);
    return value;
  };
  return {
    maxBatchSize: whole("maxBatchSize", options.maxBatchSize ?? 100, 1),
    concurrency: whole("concurrency", options.concurrency ?? 4, 1),
    itemRetries: whole("itemRetries", options.itemRetries ?? 2, 0),
  };
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
  const { maxBatchSize, concurrency, itemRetries } = checkOptions(options);
  if (!Array.isArray(inputs))
    throw new TypeError(`inputs must be an array, got ${inputs === null ? "null" : typeof inputs}`);
  const { valid, invalid } = validateInputs(kind, inputs, {
    check: options.inputSchema,
    allowUnknownFields: options.allowUnknownFields ?? false,
  });
  if (options.failFast && invalid.length > 0) throw new BulkValidationError(invalid);
  // A configuration mistake (empty token, a provider that throws) is one error, before any send.
  if (valid.length > 0) await info.auth?.getToken(options.signal);

  const ledger = new Ledger<I, R>(inputs.length, invalid, options.onProgress);
  const result = ledger.result;
  ledger.progress();

  const items: Item<I>[] = valid.map((v) => ({ ...v, sends: 0, uncertain: false }));
  const queue = makeBatches(kind, items, maxBatchSize);
  let pool: Item<I>[] = []; // failed for a transient reason, waiting for a batch with room
  let stop: StopReason | undefined;
  const path = `${info.basePath}${SUFFIX[kind]}`;

  const retryLater = (item: Item<I>, error: BulkItemError) => {
    if (!stop && item.sends <= itemRetries && worthRetrying(error)) {
      ledger.note(item, error);
      pool.push(item);
      if (pool.length >= maxBatchSize) flushPool();
    } else ledger.fail(item, error);
  };
  const flushPool = () => {
    queue.push(...makeBatches(kind, pool, maxBatchSize));
    pool = [];
  };

  const sendBatch = async (batch: Item<I>[]) => {
    let uncertain = false;
    for (const item of batch) item.sends++;
    const byIndex = new Map(batch.map((item) => [item.index, item]));
    const fetch = (request: Request) =>
      info.transport(request, {
        onRequest: () => void result.requests++,
        onRetry: (retry) => {
          result.retries++;
          uncertain ||= retry.mayHaveApplied;
        },
      });
    let failure: unknown;
    try {
      const res = (await (client as Client<Record<string, never>>).request(
        "post" as never,
        path as never,
        {
          body: { inputs: batch.map((b) => b.input) },
          fetch,
          ...(options.signal ? { signal: options.signal } : {}),
        } as never,
      )) as { response: Response; data?: unknown; error?: unknown };
      const { response } = res;
      if (response.ok) {
        const merged = mergeAnswer<I, R>(kind, batch, response.status, res.data, uncertain);
        for (const s of merged.succeeded) ledger.succeed(byIndex.get(s.index)!, s.record);
        for (const f of merged.failed) retryLater(byIndex.get(f.index)!, f.error);
        return;
      }
      failure = errorFromResponse({
        status: response.status,
        url: response.url || undefined,
        body: res.error,
        attempts: attemptsOf(response),
      });
    } catch (error) {
      failure = error;
    }
    const reason = stopFor(failure);
    if (reason) stop ??= reason;
    if (!uncertain && (reason === "auth-config" || reason === "host-unreachable")) {
      // The request never left this machine or never reached the host: nothing was sent.
      for (const item of batch) {
        item.sends--;
        ledger.unsent(item, reason);
      }
      return;
    }
    const named = failure instanceof HubSpotApiError ? inputsNamed(failure, batch.length) : undefined;
    if (named && failure instanceof HubSpotApiError) {
      // HubSpot refused the batch for the inputs it names and applied none: resend the rest now.
      for (const n of named) {
        const error = new BulkItemError(n.message, "rejected", {
          field: n.field,
          category: failure.category,
          status: failure.status,
          outcomeUnknown: uncertain,
          cause: failure,
        });
        ledger.fail(batch[n.position]!, error);
      }
      const blamed = new Set(named.map((n) => n.position));
      const rest = batch.filter((_, position) => !blamed.has(position));
      for (const item of rest) item.sends--;
      if (rest.length > 0) queue.unshift(rest);
      return;
    }
    for (const f of failBatch(batch, failure, uncertain)) retryLater(byIndex.get(f.index)!, f.error);
  };

  let inFlight = 0;
  let changed: Promise<void> = Promise.resolve();
  let signalChange = () => {};
  const nextChange = () => {
    changed = new Promise((resolve) => (signalChange = resolve));
  };
  nextChange();

  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) stop ??= "aborted";
      if (stop) return;
      if (queue.length === 0 && pool.length > 0) flushPool();
      const batch = queue.shift();
      if (!batch) {
        if (inFlight === 0) return;
        await changed; // a batch in flight may hand back inputs to resend
        continue;
      }
      inFlight++;
      try {
        await sendBatch(batch);
      } finally {
        inFlight--;
        ledger.progress();
        const wake = signalChange;
        nextChange();
        wake();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  for (const batch of queue) for (const item of batch) ledger.unsent(item, stop ?? "aborted");
  for (const item of pool) ledger.unsent(item, stop ?? "aborted");
  return ledger.finish(started);
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
