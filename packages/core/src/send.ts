/**
 * Why this file exists: the transport resends requests, so it works on plain parts (URL, method,
 * headers, body bytes) and hands them to a Sender. On Node the sender is undici's `request`
 * (several times cheaper per call than the global fetch); elsewhere it is `fetch`.
 */
import { attemptSignal } from "./attempt-signal.js";

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The body bytes, kept so that every attempt sends the same bytes. */
  body?: Uint8Array | undefined;
  /** The caller's signal (abort). */
  signal?: AbortSignal | undefined;
  /**
   * The attempt's timeout: a sender ends an attempt that gets no answer (or stalls in its body)
   * for this long with an error named `TimeoutError` or coded `ETIMEDOUT` / `UND_ERR_*_TIMEOUT`.
   */
  timeoutMs?: number | undefined;
}

export type Sender = (request: OutgoingRequest) => Promise<Response>;

/** A fetch-compatible function, as openapi-fetch's `fetch` option takes. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Sends through a fetch-compatible function (the global fetch, or one a test passes). */
export function senderFromFetch(fetchImpl: FetchLike): Sender {
  return async (req) => {
    const attempt = attemptSignal(req.signal, req.timeoutMs ?? 30_000);
    try {
      return await fetchOnce(fetchImpl, { ...req, signal: attempt.signal });
    } catch (error) {
      throw attempt.timedOut
        ? new DOMException(`no answer within ${req.timeoutMs} ms`, "TimeoutError")
        : error;
    } finally {
      attempt.done();
    }
  };
}

async function fetchOnce(fetchImpl: FetchLike, req: OutgoingRequest): Promise<Response> {
  const res = await fetchImpl(
    new Request(req.url, {
      method: req.method,
      headers: req.headers,
      redirect: "manual", // the transport follows redirects itself (plain-http and token checks)
      ...(req.body ? { body: req.body as BodyInit } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    }),
  );
  if (res.type === "opaqueredirect")
    throw new TypeError(
      `${req.method} ${new URL(req.url).pathname} was redirected; this runtime hides where to`,
    );
  // Read the body here, under the attempt's signal, so its timeout covers the whole answer.
  const noBody = res.status === 204 || res.status === 304 || req.method === "HEAD";
  const body = noBody ? null : await res.arrayBuffer();
  const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  if (res.url) Object.defineProperty(out, "url", { value: res.url });
  return out;
}

/** The global fetch, looked up at call time so that test doubles installed later still apply. */
export const globalFetchSender: Sender = senderFromFetch((input) => globalThis.fetch(input));
