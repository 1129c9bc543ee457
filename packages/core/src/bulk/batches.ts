/**
 * Why this file exists: HubSpot takes at most 100 inputs per call, and its upsert answers name
 * each event only by externalEventId. Batches are cut so that no two inputs in one batch share
 * an externalEventId (from different accounts), which keeps every answer matchable.
 */
import type { Indexed } from "./validate.js";
import type { BulkKind } from "./types.js";

export function makeBatches<T extends Indexed<unknown>>(
  kind: BulkKind,
  items: T[],
  maxBatchSize: number,
): T[][] {
  const batches: { items: T[]; ids: Set<string> }[] = [];
  const idOf = (item: T) =>
    String((item.input as Record<string, unknown>)[kind === "update" ? "objectId" : "externalEventId"]);
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
