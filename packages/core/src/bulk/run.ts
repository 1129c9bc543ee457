/**
 * Why this file exists: every bulk helper (events, deletes, participation) writes thousands of
 * inputs through any version's client: validate, cut into batches, send them with bounded
 * concurrency through
 * the client's transport (limits, retries), resend what failed for a transient reason in the
 * next batch with room, stop early on what retrying cannot fix, and account for every input
 * exactly once (the ledger).
 */
import type { Client } from "openapi-fetch";
import { clientInfo } from "../client-registry.js";
import { errorFromResponse } from "../errors.js";
import { attemptsOf } from "../unwrap.js";
import { makeBatches } from "./batches.js";
import { Changes, Ledger, type Item, type StopReason } from "./ledger.js";
import { failBatch, mergeAnswer } from "./merge.js";
import { splitNamed } from "./rejection.js";
import { stopFor, worthRetrying } from "./failure-policy.js";
import type { BulkOperation } from "./operations.js";
import type { BulkItemError, BulkOptions, BulkResult } from "./types.js";
import { BulkValidationError, validateInputs } from "./validate.js";

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

/** The engine every bulk helper runs: `op` says what differs per HubSpot operation. */
export async function runBulk<I, R>(
  client: object,
  op: BulkOperation,
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
  const { valid, invalid } = validateInputs(op, inputs, {
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
  const queue = makeBatches(op, items, maxBatchSize);
  let pool: Item<I>[] = []; // failed for a transient reason, waiting for a batch with room
  let stop: StopReason | undefined;
  const path = `${info.basePath}${op.suffix}`;

  const retryLater = (item: Item<I>, error: BulkItemError) => {
    if (!stop && item.sends <= itemRetries && worthRetrying(error, op.idempotent)) {
      ledger.note(item, error);
      pool.push(item);
      if (pool.length >= maxBatchSize) flushPool();
    } else ledger.fail(item, error);
  };
  const flushPool = () => {
    queue.push(...makeBatches(op, pool, maxBatchSize));
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
          ...(op.query ? { params: { query: op.query } } : {}),
          fetch,
          ...(options.signal ? { signal: options.signal } : {}),
        } as never,
      )) as { response: Response; data?: unknown; error?: unknown };
      const { response } = res;
      if (response.ok) {
        const merged = mergeAnswer<I, R>(op, batch, response.status, res.data, uncertain);
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
    if (
      !uncertain &&
      (reason === "auth-config" || reason === "host-unreachable" || reason === "limiter-unavailable")
    ) {
      // The request never left this machine or never reached the host: nothing was sent.
      for (const item of batch) {
        item.sends--;
        ledger.unsent(item, reason);
      }
      return;
    }
    const split = splitNamed(batch, failure, uncertain);
    if (split) {
      // HubSpot refused the batch for the inputs it names and applied none: resend the rest now.
      for (const { item, error } of split.blamed) ledger.fail(item, error);
      for (const item of split.rest) item.sends--;
      if (split.rest.length > 0) queue.unshift(split.rest);
      return;
    }
    for (const f of failBatch(batch, failure, uncertain)) retryLater(byIndex.get(f.index)!, f.error);
  };

  let inFlight = 0;
  const changes = new Changes();
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) stop ??= "aborted";
      if (stop) return;
      if (queue.length === 0 && pool.length > 0) flushPool();
      const batch = queue.shift();
      if (!batch) {
        if (inFlight === 0) return;
        await changes.next(); // a batch in flight may hand back inputs to resend
        continue;
      }
      inFlight++;
      try {
        await sendBatch(batch);
      } finally {
        inFlight--;
        ledger.progress();
        changes.notify();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  for (const batch of queue) for (const item of batch) ledger.unsent(item, stop ?? "aborted");
  for (const item of pool) ledger.unsent(item, stop ?? "aborted");
  return ledger.finish(started);
}
