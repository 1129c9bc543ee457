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
import { systemClock, type Clock } from "../clock.js";
import { errorFromResponse } from "../errors.js";
import { DEFAULT_RETRY, hintedDelay } from "../retry-policy.js";
import { attemptsOf } from "../unwrap.js";
import { makeBatches } from "./batches.js";
import { Changes, Ledger, type Item, type StopReason } from "./ledger.js";
import { ResendPool } from "./resend-pool.js";
import { failBatch, mergeAnswer } from "./merge.js";
import { splitNamed } from "./rejection.js";
import { stopFor, worthRetrying } from "./failure-policy.js";
import type { BulkOperation } from "./operations.js";
import type { BulkItemError, BulkOptions, BulkResult } from "./types.js";
import { BulkValidationError, validateInputs } from "./validate.js";
import { Intake } from "./intake.js";

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

/** Resolves when a batch ends or `waitMs` has passed, whichever comes first. */
async function nextEvent(changes: Changes, clock: Clock, waitMs: number | undefined, signal?: AbortSignal) {
  if (waitMs === undefined) return changes.next();
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([changes.next(), clock.sleep(waitMs, cancel.signal).catch(() => {})]);
  } finally {
    cancel.abort();
    signal?.removeEventListener("abort", onAbort);
  }
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
  const schema = { check: options.inputSchema, allowUnknownFields: options.allowUnknownFields ?? false };
  // failFast must see every input before sending; otherwise inputs are checked as batches are cut.
  const prechecked = options.failFast === true;
  if (prechecked) {
    const { invalid } = validateInputs(op, inputs, schema);
    if (invalid.length > 0) throw new BulkValidationError(invalid);
  }
  const ledger = new Ledger<I, R>(inputs.length, options.onProgress, options.keepSucceeded ?? true);
  const result = ledger.result;
  const intake = new Intake<I>(op, inputs, schema, maxBatchSize, (f) => ledger.invalid(f), prechecked);
  const queue: Item<I>[][] = []; // resends, ahead of inputs never sent
  const first = intake.next();
  if (first) {
    queue.push(first);
    // A configuration mistake (empty token, a provider that throws) is one error, before any send.
    await info.auth?.getToken(options.signal);
  }
  ledger.progress();

  const clock = info.clock ?? systemClock;
  const retry = { ...DEFAULT_RETRY, ...info.retry };
  const pool = new ResendPool<Item<I>>(clock); // failed for a transient reason, waiting out a delay
  let stop: StopReason | undefined;
  const path = `${info.basePath}${op.suffix}`;

  /**
   * A request that failed as a whole is resent up to the client's `retry.retries` times (what
   * its transport would have done, without holding a worker), and four times as often when
   * HubSpot only said "not now" (a rolling 429, which applied nothing: other processes may share
   * the budget); an input HubSpot's answer failed on its own, up to `itemRetries` times.
   */
  const retryLater = (item: Item<I>, error: BulkItemError, whole: boolean, delayMs = 0) => {
    const notNow = whole && error.details.status === 429;
    const budgetLeft = notNow
      ? item.rateLimited < 4 * retry.retries
      : whole
        ? item.requestResends < retry.retries
        : item.itemResends < itemRetries;
    if (!stop && budgetLeft && worthRetrying(error, op.idempotent)) {
      if (notNow) item.rateLimited++;
      else if (whole) item.requestResends++;
      else item.itemResends++;
      ledger.note(item, error);
      pool.add(item, delayMs);
    } else ledger.fail(item, error);
  };
  const flushPool = () => {
    const ready = pool.takeReady();
    // First in line: a resend left for the end of the run would stretch its tail.
    if (ready.length > 0) queue.unshift(...makeBatches(op, ready, maxBatchSize));
  };
  /**
   * How long a failed request's inputs wait before they go into a batch again: exactly
   * HubSpot's Retry-After on a 429, else the client's first backoff step (jittered). The limiter
   * paces the run, so the delay does not grow: a growing backoff would only leave the last
   * inputs of a run waiting while the budget sits unused.
   */
  const resendDelay = (response: Response | undefined) => {
    const hinted = response?.status === 429 ? hintedDelay(response.headers) : undefined;
    if (hinted !== undefined) return Math.min(retry.maxDelayMs, hinted);
    return Math.round(retry.minDelayMs / 2 + (Math.random() * retry.minDelayMs) / 2);
  };

  const sendBatch = async (batch: Item<I>[]) => {
    let uncertain = false;
    for (const item of batch) item.sends++;
    const byIndex = new Map(batch.map((item) => [item.index, item]));
    const fetch = (request: Request) =>
      info.transport(request, {
        handBack: true,
        onRequest: () => void result.requests++,
        onRetry: (retry) => {
          result.retries++;
          uncertain ||= retry.mayHaveApplied;
        },
      });
    let failure: unknown;
    let answer: Response | undefined;
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
      answer = response;
      if (response.ok) {
        const merged = mergeAnswer<I, R>(op, batch, response.status, res.data, uncertain);
        for (const s of merged.succeeded) ledger.succeed(byIndex.get(s.index)!, s.record);
        for (const f of merged.failed) retryLater(byIndex.get(f.index)!, f.error, false);
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
    const delay = resendDelay(answer);
    const failed = failBatch(batch, failure, uncertain);
    if (!stop && failed.some((f) => worthRetrying(f.error, op.idempotent))) result.retries++;
    for (const f of failed) retryLater(byIndex.get(f.index)!, f.error, true, delay);
  };

  let inFlight = 0;
  const changes = new Changes();
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) stop ??= "aborted";
      if (stop) return;
      flushPool();
      const batch = queue.shift() ?? intake.next();
      if (!batch) {
        const wait = pool.nextIn();
        if (inFlight === 0 && wait === undefined) return;
        // A batch in flight may hand back inputs to resend; a waiting input may become ready.
        await nextEvent(changes, clock, wait, options.signal);
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
  for (const item of intake.rest()) ledger.unsent(item, stop ?? "aborted");
  for (const item of pool.drain()) ledger.unsent(item, stop ?? "aborted");
  return ledger.finish(started);
}
