/**
 * Why this file exists: the request pipeline of the mock, in HubSpot's order: route,
 * authenticate as the operation's security says, rate-limit per credential, read and check the
 * body, inject faults, run the operation on the token's portal, answer. Every answer is logged
 * (without the credential) for tests to inspect.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { listen } from "./listen.js";
import { systemClock } from "./clock.js";
import { FaultPlan, type FaultKind } from "./faults.js";

export type { MockCounters, RequestLogEntry, RequestWarning } from "./request-log.js";
import { hubspotError, rateLimitReply, type ErrorReply } from "./hubspot-errors.js";
import { readJsonBody } from "./read-body.js";
import { runOperation } from "./operations.js";
import { authenticate, credentialId, type AuthOptions } from "./authenticate.js";
import type { MockServer, MockState } from "./mock-state.js";
import { Portals } from "./portal.js";
import { positiveInt, type MockServerOptions } from "./options.js";

export type { MockServerOptions } from "./options.js";
export type { MockServer, MockState } from "./mock-state.js";
import { RateLimiter } from "./rate-limit.js";
import { Router, noRouteReply, type Route } from "./router.js";
import { emptyCounters, recordRequest, unknownFieldWarnings, type RequestLogEntry } from "./request-log.js";
import { specs as bundledSpecs } from "./generated/specs.js";

/** Starts the mock on 127.0.0.1 (by default) and resolves once it is listening. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock = options.clock ?? systemClock;
  const specs = (options.specs ?? bundledSpecs) as Record<string, any>;
  if (Object.keys(specs).length === 0) throw new Error("startMockServer: no specs to serve");
  const router = new Router(specs);
  const maxBatchSize = positiveInt("maxBatchSize", options.maxBatchSize, 100);
  const maxBodyBytes = positiveInt("maxBodyBytes", options.maxBodyBytes, 1024 * 1024);
  const maxLogEntries = positiveInt("maxLogEntries", options.maxLogEntries, 100_000);
  const auth: AuthOptions = {
    tokens: options.tokens ? new Set(options.tokens) : undefined,
    expired: new Set(options.expiredTokens ?? []),
    developerApiKeys: options.developerApiKeys ? new Set(options.developerApiKeys) : undefined,
    tokenKind:
      options.tokenKind ?? ((token) => (options.oauthTokens?.includes(token) ? "oauth" : "private-app")),
  };
  const portals = new Portals(options.portals);
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? {}, clock);
  const faults = new FaultPlan(options.faults);
  const appInfo = options.appInfo ?? { id: "4211853", name: "mkt-events-mock" };
  const state: MockState = {
    events: portals.get().events,
    portal: (id) => portals.get(id),
    settings: new Map(),
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

    const log = (status: RequestLogEntry["status"]) => recordRequest(state, entry, status, maxLogEntries);
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

    // 1. Routing: the operation says which credentials it takes.
    const match = router.match(entry.method, url.pathname);
    const security = match.kind === "found" ? match.route.security : [{ kind: "bearer" as const }];

    // 2. Authentication.
    const credential = authenticate(req.headers.authorization, url.searchParams, security, auth);
    if ("status" in credential) return sendError(credential);
    entry.credential = credentialId(credential.secret);

    // 3. Rate limits, per credential; daily limits (and their headers) for private apps only.
    if (limiter) {
      const decision = limiter.take(credential.secret, credential.kind === "private-app");
      headers = decision.headers;
      if (!decision.ok) return sendError(rateLimitReply(decision.policyName, decision.retryAfterMs));
    }

    if (match.kind !== "found") return sendError(noRouteReply(match, entry.method, url.pathname));
    route = match.route;
    entry.version = route.version;
    entry.operation = `${route.method} ${route.suffix}`;
    const opKey = `${route.version} ${entry.operation}`;
    state.counters.byOperation[opKey] = (state.counters.byOperation[opKey] ?? 0) + 1;

    // 4. Parameters, then the body: type, size, JSON.
    const paramProblems = route.checkParams(match.params, url.searchParams);
    if (paramProblems.length > 0) {
      return sendError(
        hubspotError(400, "VALIDATION_ERROR", `Invalid input: ${paramProblems.join("; ")}`, {
          errors: paramProblems.map((message) => ({ message, in: message.split(" ")[2] ?? "" })),
        }),
      );
    }
    let body: unknown;
    if (route.checkBody) {
      const read = await readJsonBody(req, { maxBodyBytes, required: route.bodyRequired });
      if ("status" in read) return sendError(read);
      body = read.body;
    }
    if (Array.isArray((body as { inputs?: unknown })?.inputs))
      entry.inputs = (body as { inputs: unknown[] }).inputs.length;
    // Fields the spec does not declare pass JSON Schema (and, as far as HubSpot documents, HubSpot)
    // but are dropped: a typo such as `startDatetime` is logged as a warning with its pointer.
    const unknown = body === undefined ? [] : (route.findUnknownFields?.(body) ?? []);
    if (unknown.length > 0) entry.warnings = unknownFieldWarnings(unknown);

    // 5. Faults that stop the request before anything is applied.
    const fault = faults.beforeHandling();
    if (fault === "reset") return reset("reset");
    if (fault === "429") {
      entry.fault = "429";
      // Like HubSpot's own 429 (see the limiter), a request turned away is not counted.
      limiter?.refund(credential.secret, credential.kind === "private-app");
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
      portal: credential.kind === "developer-api-key" ? portals.get() : portals.forToken(credential.secret),
      settings: state.settings,
      params: match.params,
      query: url.searchParams,
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

  const host = options.host ?? "127.0.0.1";
  const { server, port } = await listen(handle, host, options.port ?? 0);
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    versions: router.versions,
    state,
    reset() {
      portals.clear();
      state.settings.clear();
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
