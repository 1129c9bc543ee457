/**
 * Why this file exists: HubSpot takes at most 100 inputs per call, and its answers name each
 * input by one key only (an upsert's externalEventId, a contact's email). Batches are cut so that
 * no two inputs in one batch share that key, which keeps every answer matchable.
 */
import type { Indexed } from "./validate.js";
import type { BulkOperation } from "./operations.js";

/**
 * Cuts batches from a source of items, in the order it gives them: an item whose key is already
 * in the batch waits, first in line, for the next one.
 */
export class BatchCutter<T extends Indexed<unknown>> {
  private carry: T[] = [];

  constructor(
    private readonly op: BulkOperation,
    private readonly maxBatchSize: number,
    /** The next item; undefined to skip one, null when there are no more. */
    private readonly source: () => T | undefined | null,
  ) {}

  /** The next batch; undefined when the source and the waiting items are used up. */
  next(): T[] | undefined {
    const batch: T[] = [];
    const ids = new Set<string>();
    const waiting: T[] = [];
    const place = (item: T) => {
      const id = this.op.answerKey(item.input as Record<string, unknown>);
      if (batch.length >= this.maxBatchSize || ids.has(id)) waiting.push(item);
      else {
        ids.add(id);
        batch.push(item);
      }
    };
    for (const item of this.carry) place(item);
    // Stop reading ahead once enough items wait for a batch of their own (many sharing one key).
    while (batch.length < this.maxBatchSize && waiting.length < this.maxBatchSize) {
      const item = this.source();
      if (item === null) break;
      if (item) place(item);
    }
    this.carry = waiting;
    return batch.length > 0 ? batch : undefined;
  }

  /** Removes and returns the items waiting for a batch. */
  takeWaiting(): T[] {
    const waiting = this.carry;
    this.carry = [];
    return waiting;
  }
}

/** Cuts items into batches, in order, none over the size and none with a key twice. */
export function makeBatches<T extends Indexed<unknown>>(
  op: BulkOperation,
  items: T[],
  maxBatchSize: number,
): T[][] {
  let next = 0;
  const cutter = new BatchCutter<T>(op, maxBatchSize, () => (next < items.length ? items[next++]! : null));
  const batches: T[][] = [];
  for (let batch = cutter.next(); batch; batch = cutter.next()) batches.push(batch);
  return batches;
}
