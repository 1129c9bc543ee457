/**
 * Why this file exists: the request pipeline of the mock, in HubSpot's order: authenticate,
 * rate-limit per token, route, read and check the body, inject faults, run the operation,
 * answer. Every answer is logged (without the token) for tests to inspect.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "./clock.js";
import { FaultPlan, type FaultKind, type FaultOptions } from "./faults.js";
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";
import { runOperation } from "./operations.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { Router, type Route } from "./router.js";
import { EventStore } from "./store.js";
import { specs as bundledSpecs } from "./generated/specs.js";

export interface MockServerOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** OpenAPI documents by version. Default: every spec in the repository's specs/ (bundled). */
  specs?: Record<string, unknown>;
  /** Accepted bearer tokens. Default: any non-empty token. */
  tokens?: string[];
  /** Tokens answered with 401 EXPIRED_AUTHENTICATION. */
  expiredTokens?: string[];
  /** HubSpot-style limits per token, or `false` for none. Default 100 per 10 s, 500 000 a day. */
  rateLimit?: RateLimitOptions | false;
  /** Maximum inputs per batch call. Default 100. */
  maxBatchSize?: number;
  /** Maximum request body size in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Request log entries kept (oldest dropped first); counters keep counting. Default 100 000. */
  maxLogEntries?: number;
  /** Seeded fault injection. Default: none. */
  faults?: FaultOptions;
  /** Time source (rate-limit windows, latency, timestamps). Default: the system clock. */
  clock?: Clock;
  /** `appInfo` reported on updated events. */
  appInfo?: { id: string; name: string };
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  /** API version and operation (`POST /events/upsert`), when the path matched one. */
  version?: string;
  operation?: string;
  status: number | "reset";
  fault?: FaultKind;
  /** sha256 prefix of the bearer token, never the token itself. */
  credential?: string;
  /** Number of batch inputs, for batch operations. */
  inputs?: number;
  /** Batch items failed by fault injection (counted in `counters.faults["item-error"]`). */
  itemErrors?: number;
}

export interface MockCounters {
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  /** Requests per fault kind; `item-error` counts failed batch items. */
  faults: Record<FaultKind, number>;
}

export interface MockState {
  events: EventStore;
  requests: RequestLogEntry[];
  counters: MockCounters;
  /** Answers of the mock that broke its own spec (a mock bug); tests expect this empty. */
  responseViolations: string[];
}

export interface MockServer {
  url: string;
  host: string;
  port: number;
  versions: string[];
  state: MockState;
  /** Empties the store, log, counters and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

const emptyCounters = (): MockCounters => ({
  requests: 0,
  byStatus: {},
  byOperation: {},
  faults: { reset: 0, "429": 0, "5xx": 0, "lost-response": 0, latency: 0, "item-error": 0 },
});

function positiveInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `startMockServer: ${name} must be a whole number >= 1, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Where JSON.parse gave up, as " at line L, column C" (Node 20 does not always say). */
function jsonErrorLocation(text: string, err: unknown): string {
  const stated = /position (\d+)/.exec(String((err as Error).message));
  let offset = stated ? Number(stated[1]) : undefined;
  if (offset === undefined) {
    // The shortest prefix that fails for a reason other than ending early ends at the bad character.
    const bad = (length: number) => {
      try {
        JSON.parse(text.slice(0, length));
        return false;
      } catch (e) {
        const message = (e as Error).message;
        const at = /position (\d+)/.exec(message);
        const endedEarly = /end of JSON input/i.test(message) || (at !== null && Number(at[1]) >= length);
        return !endedEarly;
      }
    };
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bad(mid)) hi = mid;
      else lo = mid + 1;
    }
    offset = Math.max(0, lo - 1);
  }
  const before = text.slice(0, offset).split("\n");
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function rateLimitReply(policyName: "TEN_SECONDLY_ROLLING" | "DAILY", retryAfterMs: number): ErrorReply {
  const reply = hubspotError(
    429,
    "RATE_LIMITS",
    `You have reached your ${policyName === "DAILY" ? "daily" : "ten_secondly_rolling"} limit.`,
    { errorType: "RATE_LIMIT", policyName, groupName: "publicapi:marketing-events" },
  );
  reply.headers = { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return reply;
}

/** Starts the mock on 127.0.0.1 (by default) and resolves once it is listening. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock = options.clock ?? systemClock;
  const specs = (options.specs ?? bundledSpecs) as Record<string, any>;
  if (Object.keys(specs).length === 0) throw new Error("startMockServer: no specs to serve");
  const router = new Router(specs);
  const maxBatchSize = positiveInt("maxBatchSize", options.maxBatchSize, 100);
  const maxBodyBytes = positiveInt("maxBodyBytes", options.maxBodyBytes, 1024 * 1024);
  const maxLogEntries = positiveInt("maxLogEntries", options.maxLogEntries, 100_000);
  const tokens = options.tokens ? new Set(options.tokens) : undefined;
  const expired = new Set(options.expiredTokens ?? []);
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? {}, clock);
  const faults = new FaultPlan(options.faults);
  const appInfo = options.appInfo ?? { id: "4211853", name: "mkt-events-mock" };
  const state: MockState = {
    events: new EventStore(),
    requests: [],
    counters: emptyCounters(),
    responseViolations: [],
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://mock");
    const entry: RequestLogEntry = {
      at: new Date(clock.now()).toISOString(),
      method: req.method ?? "",
      path: url.pathname,
      status: 0,
    };
    let headers: Record<string, string> = {};
    let route: Route | undefined;

    const log = (status: RequestLogEntry["status"]) => {
      entry.status = status;
      state.requests.push(entry);
      if (state.requests.length > maxLogEntries)
        state.requests.splice(0, state.requests.length - maxLogEntries);
      state.counters.requests++;
      state.counters.byStatus[String(status)] = (state.counters.byStatus[String(status)] ?? 0) + 1;
      if (entry.fault) state.counters.faults[entry.fault]++;
    };
    const reset = (fault: FaultKind) => {
      entry.fault = fault;
      log("reset");
      req.socket.destroy();
    };
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      if (route && body !== undefined) {
        for (const v of route.checkResponse(status, body)) {
          state.responseViolations.push(`${route.method} ${route.path} ${status}: ${v.in}: ${v.message}`);
        }
      }
      const payload = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, {
        ...headers,
        ...extra,
        ...(payload ? { "Content-Type": "application/json;charset=utf-8" } : {}),
        "Content-Length": String(Buffer.byteLength(payload)),
      });
      res.end(payload);
      log(status);
    };
    const sendError = (reply: ErrorReply) => send(reply.status, reply.body, reply.headers);

    // 1. Authentication.
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer) {
      return sendError(
        hubspotError(
          401,
          "INVALID_AUTHENTICATION",
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens.",
        ),
      );
    }
    entry.credential = `sha256:${createHash("sha256").update(bearer).digest("hex").slice(0, 12)}`;
    if (expired.has(bearer)) {
      return sendError(
        hubspotError(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired."),
      );
    }
    if (tokens && !tokens.has(bearer)) {
      return sendError(
        hubspotError(401, "INVALID_AUTHENTICATION", "The access token is not valid for this portal."),
      );
    }

    // 2. Rate limits, per token.
    if (limiter) {
      const decision = limiter.take(bearer);
      headers = decision.headers;
      if (!decision.ok) return sendError(rateLimitReply(decision.policyName, decision.retryAfterMs));
    }

    // 3. Routing.
    const match = router.match(entry.method, url.pathname);
    if (match.kind === "not-found") {
      return sendError(
        hubspotError(404, "OBJECT_NOT_FOUND", `No operation at ${entry.method} ${url.pathname}`),
      );
    }
    if (match.kind === "method-not-allowed") {
      return sendError({
        ...hubspotError(
          405,
          "METHOD_NOT_ALLOWED",
          `${entry.method} is not supported on ${url.pathname}; use ${match.allowed.join(", ")}`,
        ),
        headers: { Allow: match.allowed.join(", ") },
      });
    }
    route = match.route;
    entry.version = route.version;
    entry.operation = `${route.method} ${route.suffix}`;
    const opKey = `${route.version} ${entry.operation}`;
    state.counters.byOperation[opKey] = (state.counters.byOperation[opKey] ?? 0) + 1;

    // 4. The body: type, size, JSON.
    let body: unknown;
    if (route.checkBody) {
      const type = req.headers["content-type"] ?? "";
      if (!JSON_TYPE.test(type)) {
        return sendError(
          hubspotError(
            415,
            "VALIDATION_ERROR",
            `Content-Type must be application/json, got ${type ? JSON.stringify(type) : "none"}`,
          ),
        );
      }
      const declared = Number(req.headers["content-length"] ?? 0);
      const tooLarge = () =>
        sendError({
          ...hubspotError(413, "VALIDATION_ERROR", `Request body exceeds the limit of ${maxBodyBytes} bytes`),
          headers: { Connection: "close" },
        });
      if (declared > maxBodyBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBodyBytes) return tooLarge();
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      if (text.trim() === "") {
        if (route.bodyRequired) {
          return sendError(
            hubspotError(400, "VALIDATION_ERROR", "A request body is required", {
              errors: [{ message: "body is required", in: "body" }],
            }),
          );
        }
      } else {
        try {
          body = JSON.parse(text);
        } catch (e) {
          return sendError(
            hubspotError(
              400,
              "VALIDATION_ERROR",
              `Invalid input JSON${jsonErrorLocation(text, e)}: ${(e as Error).message}`,
            ),
          );
        }
      }
    }
    if (Array.isArray((body as { inputs?: unknown })?.inputs))
      entry.inputs = (body as { inputs: unknown[] }).inputs.length;

    // 5. Faults that stop the request before anything is applied.
    const fault = faults.beforeHandling();
    if (fault === "reset") return reset("reset");
    if (fault === "429") {
      entry.fault = "429";
      return sendError(rateLimitReply("TEN_SECONDLY_ROLLING", 1000));
    }
    if (typeof fault === "number") {
      entry.fault = "5xx";
      return sendError(hubspotError(fault, "INTERNAL_ERROR", `Injected fault: HTTP ${fault}`));
    }
    const delay = faults.latency();
    if (delay > 0) {
      entry.fault = "latency";
      await clock.sleep(delay);
    }

    // 6. Validation against the spec.
    if (route.checkBody && body !== undefined) {
      const problems = route.checkBody(body);
      if (problems.length > 0) {
        return sendError(
          hubspotError(
            400,
            "VALIDATION_ERROR",
            `Invalid input: ${problems.map((p) => p.message).join("; ")}`,
            { errors: problems },
          ),
        );
      }
    }

    // 7. The operation.
    let itemFaults = 0;
    const reply = runOperation(route, {
      store: state.events,
      now: new Date(clock.now()).toISOString(),
      body,
      maxBatchSize,
      appInfo,
      itemFails: () => {
        const fails = faults.itemFails();
        if (fails) itemFaults++;
        return fails;
      },
    });
    if (itemFaults > 0) {
      entry.itemErrors = itemFaults;
      state.counters.faults["item-error"] += itemFaults;
    }
    if ("wrote" in reply && reply.wrote && faults.lostResponse()) return reset("lost-response");
    if ("wrote" in reply) return send(reply.status, reply.body);
    return sendError(reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify(hubspotError(500, "INTERNAL_ERROR", `mock failure: ${(e as Error).message}`).body),
        );
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    versions: router.versions,
    state,
    reset() {
      state.events.clear();
      state.requests.length = 0;
      state.counters = emptyCounters();
      state.responseViolations.length = 0;
      limiter?.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
