/**
 * Why this file exists: checking and batching 100,000 inputs before the first request delays a
 * rate-limited run by half a second and holds a second record of every input. The intake checks
 * inputs and cuts them into batches as workers ask for the next one, so the first request leaves
 * at once and only inputs on their way are tracked. Each input is still checked exactly once, in
 * input order (so the first of two inputs with one key is the one sent), and no two inputs in a
 * batch share the key HubSpot's answer names them by.
 */
import { BatchCutter } from "./batches.js";
import type { Item } from "./ledger.js";
import type { BulkOperation } from "./operations.js";
import type { Failed } from "./types.js";
import { checkInput, type SchemaOptions } from "./validate.js";

function newItem<I>(index: number, input: I): Item<I> {
  return { index, input, sends: 0, requestResends: 0, rateLimited: 0, itemResends: 0, uncertain: false };
}

export class Intake<I> {
  private cursor = 0;
  private readonly firstIndexOfKey = new Map<string, number>();
  private readonly cutter: BatchCutter<Item<I>>;

  constructor(
    private readonly op: BulkOperation,
    private readonly inputs: readonly I[],
    private readonly schema: SchemaOptions,
    maxBatchSize: number,
    /** Called with each input the check refuses, when it is reached. */
    private readonly onInvalid: (failed: Failed<I>) => void,
    /** Every input was already checked (and found valid) by the caller. */
    private readonly prechecked = false,
  ) {
    this.cutter = new BatchCutter(op, maxBatchSize, () => this.read());
  }

  /** The next batch of inputs never sent before; undefined when every input has been taken. */
  next(): Item<I>[] | undefined {
    return this.cutter.next();
  }

  /** Takes every input not taken yet (invalid ones still reported through `onInvalid`). */
  rest(): Item<I>[] {
    const left = this.cutter.takeWaiting();
    for (let item = this.read(); item !== null; item = this.read()) if (item) left.push(item);
    return left;
  }

  /** The next input as an item; undefined when it is invalid, null when there are no more. */
  private read(): Item<I> | undefined | null {
    if (this.cursor >= this.inputs.length) return null;
    const index = this.cursor++;
    const input = this.inputs[index] as I;
    if (this.prechecked) return newItem(index, input);
    const error = checkInput(this.op, input, index, this.schema, this.firstIndexOfKey);
    if (error) {
      this.onInvalid({ index, input, error });
      return undefined;
    }
    return newItem(index, input);
  }
}
