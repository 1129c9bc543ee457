/**
 * Why this file exists: bulk operations take a client created by any versioned package and need
 * its transport (to count requests and retries) and its API's base path. Clients carry no such
 * fields, so this WeakMap remembers them without keeping clients alive.
 */
import type { TokenSource } from "./auth.js";
import type { Clock } from "./clock.js";
import type { RetryOptions } from "./retry-policy.js";
import type { Transport } from "./transport.js";

export interface ClientInfo {
  transport: Transport;
  /** The client's credentials, so bulk runs can check them once before sending anything. */
  auth?: TokenSource | undefined;
  /** The client's clock (bulk runs wait on it for inputs they resend later). */
  clock?: Clock | undefined;
  /** The client's retry options (`retries: 0` with `retry: false`): bulk runs resend by them. */
  retry?: Partial<RetryOptions> | undefined;
  apiVersion?: string;
  basePath?: string;
}

const INFO = new WeakMap<object, ClientInfo>();

export function registerClient(client: object, info: ClientInfo): void {
  INFO.set(client, info);
}

/** The info of a client made by `createClient`; throws a clear error for any other object. */
export function clientInfo(client: object): ClientInfo {
  const info = INFO.get(client);
  if (!info) {
    throw new TypeError("expected a client made by createClient() of an @org/mkt-events-* package");
  }
  return info;
}
