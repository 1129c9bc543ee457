/**
 * Why this file exists: bulk operations are generic over the API version. These types read the
 * input and record shapes of the upsert, batch/update and create operations out of any
 * version's generated `paths`, so one function is fully typed for v3, 2026-03 and later.
 */
import type { Client } from "openapi-fetch";

type JsonBody<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type PostOf<P, K extends keyof P> = P[K] extends { post: infer Op } ? Op : never;

export type PathsOf<C> = C extends Client<infer P> ? P : never;

export type UpsertPath<P> = Extract<keyof P, `${string}/events/upsert`>;
export type UpdatePath<P> = Extract<keyof P, `${string}/batch/update`>;
export type DeletePath<P> = Extract<keyof P, `${string}/events/delete`>;
export type ArchivePath<P> = Extract<keyof P, `${string}/batch/archive`>;

type ItemOf<T> = T extends { inputs: (infer I)[] } ? I : never;
type ResultOf<T> = T extends { results: (infer R)[] } ? R : never;

/** One input of the version's `POST .../events/upsert`. */
export type UpsertInput<P> = ItemOf<JsonBody<PostOf<P, UpsertPath<P>>>>;
/** One result record of the version's upsert. */
export type UpsertRecord<P> = ResultOf<Ok<PostOf<P, UpsertPath<P>>>>;
/** One input of the version's `POST .../batch/update`. */
export type UpdateInput<P> = ItemOf<JsonBody<PostOf<P, UpdatePath<P>>>>;
/** One result record of the version's batch/update. */
export type UpdateRecord<P> = ResultOf<Ok<PostOf<P, UpdatePath<P>>>>;
type EmailCreatePath<P> = Extract<
  keyof P,
  `${string}/attendance/{externalEventId}/{subscriberState}/email-create`
>;
type ContactCreatePath<P> = Extract<
  keyof P,
  `${string}/attendance/{externalEventId}/{subscriberState}/create`
>;
type CreatePathBy<P, B> = B extends "email" ? EmailCreatePath<P> : ContactCreatePath<P>;
/** One contact of the version's attendance operation: by email, or by contact id (`vid`). */
export type ParticipationInput<P, B> = ItemOf<JsonBody<PostOf<P, CreatePathBy<P, B>>>>;
/** One result record of the version's attendance operation. */
export type ParticipationRecord<P, B> = ResultOf<Ok<PostOf<P, CreatePathBy<P, B>>>>;
/** One input of the version's `POST .../events/delete` (by external ids). */
export type DeleteInput<P> = ItemOf<JsonBody<PostOf<P, DeletePath<P>>>>;
/** One input of the version's `POST .../batch/archive` (by objectId). */
export type ArchiveInput<P> = ItemOf<JsonBody<PostOf<P, ArchivePath<P>>>>;

/** Why an input failed, and whether HubSpot may nonetheless have applied it. */
export class BulkItemError extends Error {
  override name = "BulkItemError";
  constructor(
    message: string,
    readonly kind: "invalid-input" | "rejected" | "request-failed" | "unconfirmed" | "aborted",
    readonly details: {
      /** The input field at fault (pre-validation and per-item errors). */
      field?: string | undefined;
      category?: string | undefined;
      status?: number | undefined;
      /** True when the request may have reached HubSpot: resending could apply it twice. */
      outcomeUnknown: boolean;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  get outcomeUnknown(): boolean {
    return this.details.outcomeUnknown;
  }
}

export interface Succeeded<I, R> {
  index: number;
  input: I;
  record: R;
}

export interface Failed<I> {
  index: number;
  input: I;
  error: BulkItemError;
}

export interface NotAttempted<I> {
  index: number;
  input: I;
  /**
   * Why the run stopped before sending it: `aborted` (the signal), `daily-limit` (a DAILY 429),
   * `host-unreachable` (connections refused several times in a row), `limiter-unavailable` (the
   * shared rate-limit store, e.g. Redis, could not be reached: nothing is sent without it),
   * `auth-failed` (HubSpot answered 401/403), `auth-config` (the auth option failed mid-run).
   */
  reason:
    "aborted" | "daily-limit" | "host-unreachable" | "limiter-unavailable" | "auth-failed" | "auth-config";
}

export interface BulkProgress {
  total: number;
  /** succeeded + failed + notAttempted so far. */
  done: number;
  succeeded: number;
  failed: number;
  retries: number;
  requests: number;
}

/** The spec's request schema for one input, compiled (Ajv standalone code, as the versioned packages ship). */
export interface InputSchemaCheck {
  (input: unknown): boolean;
  errors?:
    | { instancePath: string; keyword: string; message?: string; params: Record<string, any> }[]
    | null
    | undefined;
}

export interface BulkOptions {
  /**
   * Send fields the spec does not declare (they are reported as `invalid-input` by default: a
   * misspelt optional field would otherwise be dropped without a word). Default false.
   */
  allowUnknownFields?: boolean;
  /**
   * The spec's request schema for one input. The versioned packages' bulk helpers pass their
   * own; set it only when calling the shared package's helpers directly.
   */
  inputSchema?: InputSchemaCheck;
  /** Inputs per request. Default 100 (HubSpot's limit). */
  maxBatchSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Stops scheduling batches; inputs not yet sent are reported as `notAttempted`. */
  signal?: AbortSignal;
  /**
   * How many more times an input HubSpot's answer failed on its own for a transient reason (a
   * per-item INTERNAL_ERROR, an input the answer did not mention) is sent again. A request that
   * failed as a whole (429, 5xx, 408, lost on the way) is resent as the client's `retry` option
   * says; either way the inputs go into a later batch (after HubSpot's Retry-After, or a
   * backoff) instead of holding a worker. An input HubSpot may already have applied is resent
   * only where applying it twice is harmless (upsert, update, deletes). Default 2; 0 turns
   * per-item resends off.
   */
  itemRetries?: number;
  /** Throw before sending anything when pre-validation finds a bad input. Default false. */
  failFast?: boolean;
  /**
   * Keep each succeeded input with HubSpot's record of it in `result.succeeded`. Default true.
   * With `false`, `succeeded` stays empty (`succeededCount` still counts them) and the run's
   * memory stays flat however many inputs it has: for large syncs that only need the failures.
   */
  keepSucceeded?: boolean;
  /**
   * Called when the counts change (after a batch, and once at the end); each state is reported
   * once. Errors it throws are ignored: they must not lose inputs.
   */
  onProgress?: (progress: BulkProgress) => void;
}

export interface BulkResult<I, R> {
  /** Empty when the run was given `keepSucceeded: false`; `succeededCount` counts them either way. */
  succeeded: Succeeded<I, R>[];
  succeededCount: number;
  failed: Failed<I>[];
  notAttempted: NotAttempted<I>[];
  total: number;
  requests: number;
  retries: number;
  elapsedMs: number;
}
