/**
 * Why this file exists: on Node, undici's `request` over a keep-alive Agent costs a fraction of
 * the global fetch per call. This sender is used by the `node` export of the package only, so
 * browsers and edge runtimes keep the global fetch and never load undici.
 */
import { Agent, request, type Dispatcher } from "undici";
import { LightResponse } from "./light-response.js";
import type { Sender } from "./send.js";

let shared: Dispatcher | undefined;

/** One keep-alive pool per process unless a dispatcher is given. */
export function undiciSender(dispatcher?: Dispatcher): Sender {
  return async (req) => {
    const agent = dispatcher ?? (shared ??= new Agent({ keepAliveTimeout: 10_000, connections: 128 }));
    const headers: Record<string, string> = {};
    req.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const res = await request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body: req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength) : null,
      signal: req.signal,
      // undici's own timers end a silent attempt: no answer headers, or a stalled body.
      ...(req.timeoutMs ? { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs } : {}),
      dispatcher: agent,
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) out.append(key, v);
      else if (value !== undefined) out.set(key, value);
    }
    const noBody = res.statusCode === 204 || res.statusCode === 304 || req.method === "HEAD";
    const body = noBody ? (await res.body.dump(), null) : new Uint8Array(await res.body.arrayBuffer());
    // Response-compatible without building a body stream (see light-response.ts).
    return new LightResponse(body, { status: res.statusCode, headers: out }) as unknown as Response;
  };
}
