/**
 * Why this file exists: the transport resends requests, so it works on plain parts (URL, method,
 * headers, body bytes) and hands them to a Sender. On Node the sender is undici's `request`
 * (several times cheaper per call than the global fetch); elsewhere it is `fetch`.
 */

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The body bytes, kept so that every attempt sends the same bytes. */
  body?: Uint8Array | undefined;
  signal?: AbortSignal | undefined;
}

export type Sender = (request: OutgoingRequest) => Promise<Response>;

/** A fetch-compatible function, as openapi-fetch's `fetch` option takes. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Sends through a fetch-compatible function (the global fetch, or one a test passes). */
export function senderFromFetch(fetchImpl: FetchLike): Sender {
  return (req) =>
    fetchImpl(
      new Request(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body ? { body: req.body as BodyInit } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      }),
    );
}

/** The global fetch, looked up at call time so that test doubles installed later still apply. */
export const globalFetchSender: Sender = senderFromFetch((input) => globalThis.fetch(input));
