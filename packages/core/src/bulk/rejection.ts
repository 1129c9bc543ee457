/**
 * Why this file exists: HubSpot validates a batch as a whole. One bad input (a date without
 * seconds, 30 February) makes it answer 400 for all of them, naming the culprit as
 * `inputs[42].startDateTime`. Finding the named inputs lets the runner fail exactly those and
 * resend the others at once, instead of failing a hundred inputs for one.
 */
import { HubSpotApiError } from "../errors.js";
import { BulkItemError } from "./types.js";

const NAMED = /inputs\[(\d+)\](?:\.([A-Za-z0-9_$.[\]]+))?/g;

export interface NamedInput {
  /** Position of the input in the batch that was sent. */
  position: number;
  /** The field after `inputs[i].`, when HubSpot named one. */
  field: string | undefined;
  message: string;
}

/**
 * The inputs a whole-batch validation error names, or undefined when it names none (or one
 * outside the batch, which means the answer cannot be trusted to describe this batch).
 */
export function inputsNamed(error: HubSpotApiError, batchSize: number): NamedInput[] | undefined {
  if (error.status !== 400 && error.status !== 422) return undefined;
  const named = new Map<number, NamedInput>();
  const scan = (text: unknown, message: string) => {
    if (typeof text !== "string") return true;
    for (const match of text.matchAll(NAMED)) {
      const position = Number(match[1]);
      if (!Number.isSafeInteger(position) || position >= batchSize) return false;
      if (!named.has(position)) named.set(position, { position, field: match[2], message });
    }
    return true;
  };
  for (const detail of error.errors) {
    const message = typeof detail?.message === "string" ? detail.message : error.message;
    if (!scan(detail?.in, message) || !scan(detail?.message, message)) return undefined;
  }
  if (!scan(error.message, error.message)) return undefined;
  return named.size > 0 ? [...named.values()].sort((a, b) => a.position - b.position) : undefined;
}

/**
 * Splits a batch HubSpot refused for the inputs it names: those inputs with their error, and
 * the rest (applied by nobody, so safe to resend at once). Undefined when it names none.
 */
export function splitNamed<T>(
  batch: T[],
  failure: unknown,
  uncertain: boolean,
): { blamed: { item: T; error: BulkItemError }[]; rest: T[] } | undefined {
  if (!(failure instanceof HubSpotApiError)) return undefined;
  const named = inputsNamed(failure, batch.length);
  if (!named) return undefined;
  const blamed = named.map((n) => ({
    item: batch[n.position]!,
    error: new BulkItemError(n.message, "rejected", {
      field: n.field,
      category: failure.category,
      status: failure.status,
      outcomeUnknown: uncertain,
      cause: failure,
    }),
  }));
  const positions = new Set(named.map((n) => n.position));
  return { blamed, rest: batch.filter((_, position) => !positions.has(position)) };
}
