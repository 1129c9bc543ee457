/**
 * Why this file exists: HubSpot takes at most 100 inputs per call, and its answers name each
 * input by one key only (an upsert's externalEventId, a contact's email). Batches are cut so that
 * no two inputs in one batch share that key, which keeps every answer matchable.
 */
import type { Indexed } from "./validate.js";
import type { BulkOperation } from "./operations.js";

export function makeBatches<T extends Indexed<unknown>>(
  op: BulkOperation,
  items: T[],
  maxBatchSize: number,
): T[][] {
  const batches: { items: T[]; ids: Set<string> }[] = [];
  const idOf = (item: T) => op.answerKey(item.input as Record<string, unknown>);
  let open = 0; // batches before this one are full
  for (const item of items) {
    const id = idOf(item);
    let target = batches.slice(open).find((b) => b.items.length < maxBatchSize && !b.ids.has(id));
    if (!target) {
      target = { items: [], ids: new Set() };
      batches.push(target);
    }
    target.items.push(item);
    target.ids.add(id);
    while (open < batches.length && (batches[open]?.items.length ?? 0) >= maxBatchSize) open++;
  }
  return batches.map((b) => b.items);
}
