/**
 * Why this file exists: the bulk helpers for marketing events themselves: upsert (and create,
 * which is the keyed upsert), update by objectId, and the two batch deletes. Each is the shared
 * engine (run.ts) with its operation's description (operations.ts), typed by the client.
 */
import type { Client } from "openapi-fetch";
import { ARCHIVE_BY_OBJECT_ID, DELETE_BY_EXTERNAL_IDS, UPDATE, UPSERT } from "./operations.js";
import { runBulk } from "./run.js";
import type {
  ArchiveInput,
  BulkOptions,
  BulkResult,
  DeleteInput,
  UpdateInput,
  UpdateRecord,
  UpsertInput,
  UpsertRecord,
} from "./types.js";

/**
 * Creates or updates many marketing events, keyed by (externalAccountId, externalEventId), in
 * batches through `POST .../events/upsert`. Works with any version's client, typed by it.
 */
export function bulkUpsert<P extends {}>(
  client: Client<P>,
  inputs: readonly UpsertInput<P>[],
  options: BulkOptions = {},
): Promise<BulkResult<UpsertInput<P>, UpsertRecord<P>>> {
  return runBulk(client, UPSERT, inputs, options);
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
  return runBulk(client, UPDATE, inputs, options);
}

/**
 * Deletes many marketing events by (externalAccountId, externalEventId) through
 * `POST .../events/delete`. HubSpot answers a batch with 204 and no per-event detail, so each
 * input of an answered batch is reported succeeded (with no record).
 */
export function bulkDelete<P extends {}>(
  client: Client<P>,
  inputs: readonly DeleteInput<P>[],
  options: BulkOptions = {},
): Promise<BulkResult<DeleteInput<P>, undefined>> {
  return runBulk(client, DELETE_BY_EXTERNAL_IDS, inputs, options);
}

/** Deletes many marketing events by objectId through `POST .../batch/archive` (204 per batch). */
export function bulkArchive<P extends {}>(
  client: Client<P>,
  inputs: readonly ArchiveInput<P>[],
  options: BulkOptions = {},
): Promise<BulkResult<ArchiveInput<P>, undefined>> {
  return runBulk(client, ARCHIVE_BY_OBJECT_ID, inputs, options);
}
