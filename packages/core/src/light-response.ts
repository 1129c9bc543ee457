/**
 * Why this file exists: on Node, a WHATWG `Response` per answer (a body stream made from bytes
 * already read, then read back by `json()`) costs more CPU than the HTTP exchange it carries. The
 * undici sender answers with this instead: the same interface, `instanceof Response` included,
 * over the body bytes in hand. A real stream (and a real `Response` behind it) is made only when
 * something asks for `body`; a call with middleware gets a real `Response` (see `toResponse`).
 */

export interface LightResponseInit {
  status: number;
  statusText?: string | undefined;
  headers: Headers;
}

export class LightResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  #bytes: Uint8Array | null;
  #used = false;
  /** Made when `body` is asked for; from then on it holds the body. */
  #real: Response | undefined;

  /** `bytes`: the whole body, or null when the answer has none (204, 304, HEAD). */
  constructor(bytes: Uint8Array | null, init: LightResponseInit) {
    this.#bytes = bytes;
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.headers = init.headers;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }
  get url(): string {
    return "";
  }
  get redirected(): boolean {
    return false;
  }
  get type(): ResponseType {
    return "default";
  }
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes === null) return null;
    return this.#materialize().body;
  }
  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : this.#used;
  }

  /** A real `Response` with the same status, headers and (unread) body. */
  toResponse(): Response {
    if (this.#real) return this.#real;
    return new Response(this.#take() as BodyInit | null, this.#init());
  }

  async text(): Promise<string> {
    if (this.#real) return this.#real.text();
    const bytes = this.#take();
    if (bytes === null) return "";
    // UTF-8, without a byte order mark, as Response.text() decodes (Buffer's decoder is faster).
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString("utf8");
  }
  async json(): Promise<any> {
    if (this.#real) return this.#real.json();
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    if (this.#real) return new Uint8Array(await this.#real.arrayBuffer());
    return (this.#take() ?? new Uint8Array(0)).slice();
  }
  async blob(): Promise<Blob> {
    const type = this.headers.get("content-type") ?? "";
    return new Blob([(await this.bytes()) as Uint8Array<ArrayBuffer>], type ? { type } : {});
  }
  async formData(): Promise<FormData> {
    return this.#materialize().formData();
  }
  clone(): Response {
    if (this.#real) return this.#real.clone();
    if (this.#used) throw new TypeError("Response.clone: Body has already been consumed.");
    const copy = new LightResponse(this.#bytes, this.#init());
    return copy as unknown as Response;
  }

  get [Symbol.toStringTag](): string {
    return "Response";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): object {
    const { status, statusText, headers, ok, url } = this;
    return { status, statusText, headers, ok, url, bodyUsed: this.bodyUsed };
  }

  #init(): LightResponseInit & ResponseInit {
    return { status: this.status, statusText: this.statusText, headers: this.headers };
  }
  #take(): Uint8Array | null {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes;
  }
  #materialize(): Response {
    if (!this.#real && this.#used) {
      // Already read: a spent body, as a real Response has after reading (no throw from `body`).
      const spent = new Response("");
      void spent.arrayBuffer();
      this.#real = spent;
    }
    return (this.#real ??= new Response(this.#take() as BodyInit | null, this.#init()));
  }
}
// `instanceof Response` holds; every member of Response.prototype is defined above.
Object.setPrototypeOf(LightResponse.prototype, Response.prototype);

/** A real `Response` for code that may need one (middleware); others pass through as they are. */
export function realResponse(response: Response): Response {
  return response instanceof LightResponse ? response.toResponse() : response;
}
