/**
 * Why this file exists: openapi-fetch never throws; `unwrap` turns its result into data or a typed
 * error, with the attempt count the transport recorded for the response.
 */
import { errorFromResponse } from "./errors.js";

/** The shape every openapi-fetch call resolves to. */
export interface FetchResultLike<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/**
 * Returns `data` of a successful call, or throws `HubSpotApiError` for a non-2xx answer.
 *
 * ```ts
 * const batch = unwrap(await client.POST("/marketing/v3/marketing-events/events/upsert", { body }));
 * ```
 */
export function unwrap<D, E>(result: FetchResultLike<D, E>): D {
  const { response } = result;
  if (!response.ok) {
    throw errorFromResponse({
      status: response.status,
      url: response.url || undefined,
      body: result.error,
      attempts: attemptsOf(response),
    });
  }
  return result.data as D;
}

const ATTEMPTS = new WeakMap<Response, number>();

/** Records how many sends a response took (the transport calls this). */
export function recordAttempts(response: Response, attempts: number): void {
  ATTEMPTS.set(response, attempts);
}

/** How many sends the transport made for this response (1 when it did not record it). */
export function attemptsOf(response: Response): number {
  return ATTEMPTS.get(response) ?? 1;
}
