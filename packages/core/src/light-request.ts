/**
 * Why this file exists: openapi-fetch builds a WHATWG `Request` for every call, and in Node that
 * object (with its body stream and signal) costs more CPU than sending the request with undici.
 * The transport only needs the URL, method, headers, body bytes and signal, so calls made
 * without middleware use this plain carrier instead (openapi-fetch's `Request` option). With
 * middleware, which may inspect, clone or replace the request, calls use the real `Request`.
 */

const encoder = new TextEncoder();

export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  /** openapi-fetch built these headers for this call alone (see RequestLike.ownHeaders). */
  readonly ownHeaders = true;
  private readonly payload: BodyInit | null | undefined;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? undefined;
    this.payload = init.body;
  }

  /** Non-null when the request has a body (as `Request.body` is). */
  get body(): BodyInit | null {
    return this.payload ?? null;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const p = this.payload;
    if (p === null || p === undefined) return new ArrayBuffer(0);
    if (typeof p === "string") return encoder.encode(p).buffer as ArrayBuffer;
    return new Response(p).arrayBuffer();
  }

  /** A real Request with the same parts, for code that needs one. */
  toRequest(): Request {
    return new Request(this.url, {
      method: this.method,
      headers: this.headers,
      ...(this.payload === null || this.payload === undefined ? {} : { body: this.payload }),
      ...(this.signal ? { signal: this.signal } : {}),
    });
  }
}
