/**
 * Why this file exists: the account of every input of a bulk run. Each input ends in exactly one
 * of succeeded, failed or notAttempted, in one place, so no path through the runner can lose or
 * double one. Uncertainty is sticky: once any attempt may have reached HubSpot, an input can only
 * end succeeded, or failed with `outcomeUnknown: true`; `notAttempted` means never sent.
 */
import {
  BulkItemError,
  type BulkProgress,
  type BulkResult,
  type Failed,
  type NotAttempted,
} from "./types.js";
import type { Indexed } from "./validate.js";

/** One valid input on its way through the run. */
export interface Item<I> extends Indexed<I> {
  /** Requests that carried it so far (a request HubSpot refused as a whole is taken back). */
  sends: number;
  /** Resends after its whole request failed, and after HubSpot failed it on its own. */
  requestResends: number;
  /** Resends after a rolling 429 (HubSpot applied nothing; counted apart, with more room). */
  rateLimited: number;
  itemResends: number;
  /** Some attempt may have applied it: it can no longer be reported as not applied. */
  uncertain: boolean;
  /** Its latest failure, reported if the run stops before it is sent again. */
  last?: BulkItemError | undefined;
}

export type StopReason = NotAttempted<unknown>["reason"];

const STOP_TEXT: Record<StopReason, string> = {
  aborted: "the run was aborted",
  "daily-limit": "HubSpot's daily limit was reached",
  "host-unreachable": "the host refused connections",
  "limiter-unavailable": "the shared rate-limit store could not be reached",
  "auth-failed": "HubSpot refused the credentials",
  "auth-config": "the auth option failed",
};

/** The same error, marked as possibly applied by an earlier attempt. */
function unknownOutcome(error: BulkItemError): BulkItemError {
  if (error.outcomeUnknown) return error;
  return new BulkItemError(`${error.message} (an earlier attempt may have applied it)`, error.kind, {
    ...error.details,
    outcomeUnknown: true,
  });
}

export class Ledger<I, R> {
  readonly result: BulkResult<I, R>;
  private lastProgress = "";

  constructor(
    total: number,
    private readonly onProgress: ((progress: BulkProgress) => void) | undefined,
    private readonly keepSucceeded = true,
  ) {
    this.result = {
      succeeded: [],
      succeededCount: 0,
      failed: [],
      notAttempted: [],
      total,
      requests: 0,
      retries: 0,
      elapsedMs: 0,
    };
  }

  /** An input the check refused: failed, never sent. */
  invalid(failed: Failed<I>): void {
    this.result.failed.push(failed);
  }

  succeed(item: Item<I>, record: R): void {
    this.result.succeededCount++;
    if (this.keepSucceeded) this.result.succeeded.push({ index: item.index, input: item.input, record });
  }

  /** Notes a failure's uncertainty on the item; returns the error as it must be reported. */
  note(item: Item<I>, error: BulkItemError): BulkItemError {
    item.uncertain ||= error.outcomeUnknown;
    item.last = item.uncertain ? unknownOutcome(error) : error;
    return item.last;
  }

  fail(item: Item<I>, error: BulkItemError): void {
    this.result.failed.push({ index: item.index, input: item.input, error: this.note(item, error) });
  }

  /** The run stopped before this item was (re)sent. */
  unsent(item: Item<I>, reason: StopReason): void {
    if (item.sends === 0 && !item.uncertain) {
      this.result.notAttempted.push({ index: item.index, input: item.input, reason });
      return;
    }
    const last =
      item.last ??
      new BulkItemError("sent, but the run stopped before its outcome was known", "unconfirmed", {
        outcomeUnknown: true,
      });
    this.fail(
      item,
      new BulkItemError(`${last.message}; not resent: ${STOP_TEXT[reason]}`, last.kind, last.details),
    );
  }

  /** Reports progress when it changed since the last report (errors thrown by the callback are ignored). */
  progress(): void {
    if (!this.onProgress) return;
    const r = this.result;
    const p: BulkProgress = {
      total: r.total,
      done: r.succeededCount + r.failed.length + r.notAttempted.length,
      succeeded: r.succeededCount,
      failed: r.failed.length,
      retries: r.retries,
      requests: r.requests,
    };
    const key = `${p.done},${p.succeeded},${p.failed},${p.retries},${p.requests}`;
    if (key === this.lastProgress) return;
    this.lastProgress = key;
    try {
      this.onProgress(p);
    } catch {
      // A failing progress callback must not cost the caller the account of its inputs.
    }
  }

  finish(startedAt: number): BulkResult<I, R> {
    const r = this.result;
    for (const list of [r.succeeded, r.failed, r.notAttempted]) list.sort((a, b) => a.index - b.index);
    r.elapsedMs = Date.now() - startedAt;
    this.progress();
    return r;
  }
}

/** Lets idle workers wait until a batch in flight ends (it may hand back inputs to resend). */
export class Changes {
  private waiting: Promise<void> | undefined;
  private wake = () => {};

  next(): Promise<void> {
    return (this.waiting ??= new Promise<void>((resolve) => (this.wake = resolve)));
  }

  notify(): void {
    const wake = this.wake;
    this.waiting = undefined;
    this.wake = () => {};
    wake();
  }
}
