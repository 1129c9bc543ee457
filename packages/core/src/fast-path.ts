/**
 * Why this file exists: calls made without middleware can skip openapi-fetch's WHATWG `Request`
 * (see light-request.ts). openapi-fetch takes the `Request` class per call, so the client's
 * methods pass `LightRequest` while no middleware is registered (`use`/`eject` are counted) and
 * the call brings none of its own; everything else gets openapi-fetch's default.
 */
import type { Client } from "openapi-fetch";
import { LightRequest } from "./light-request.js";
import { realResponse } from "./light-response.js";
import { attemptsOf, recordAttempts } from "./unwrap.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Init = { middleware?: unknown[]; Request?: unknown } | undefined;

export function useLightRequests<C extends Client<any>>(client: C): C {
  let middleware = 0;
  const c = client as unknown as Record<string, (...args: any[]) => any>;
  const use = c.use!.bind(client);
  const eject = c.eject!.bind(client);
  c.use = (...m: unknown[]) => {
    use(...m);
    middleware += m.filter(Boolean).length;
  };
  c.eject = (...m: unknown[]) => {
    eject(...m);
    middleware = Math.max(0, middleware - m.filter(Boolean).length);
  };
  const light = (init: Init) =>
    middleware === 0 && !init?.middleware?.length && init?.Request === undefined
      ? { ...init, Request: LightRequest }
      : init;
  for (const name of METHODS) {
    const original = c[name]!.bind(client);
    c[name] = (url: unknown, init?: Init) => original(url, light(init));
  }
  const request = c.request!.bind(client);
  c.request = (method: unknown, url: unknown, init?: Init) => request(method, url, light(init));
  return client;
}

/**
 * A call with middleware (it was given a real `Request`) gets a real `Response`: middleware may
 * rebuild, stream or check the answer in ways only the real class supports.
 */
export function settleForMiddleware(request: Request, response: Response): Response {
  if (request instanceof LightRequest) return response;
  const real = realResponse(response);
  if (real !== response) recordAttempts(real, attemptsOf(response));
  return real;
}
