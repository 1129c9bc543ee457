#!/usr/bin/env node
/**
 * `mkt-events-mock [--port 4010] [--host 127.0.0.1] [--token T ...] [--seed N] [--fault-429 0.1 ...]`
 * Runs the mock until interrupted.
 */
import { parseArgs } from "node:util";
import { startMockServer, type MockServerOptions } from "./server.js";

const usage = `usage: mkt-events-mock [options]
  --port N                  port (default 4010; 0 picks a free one)
  --host H                  interface (default 127.0.0.1)
  --token T                 accepted bearer token (repeatable; default: any)
  --expired-token T         token answered 401 EXPIRED_AUTHENTICATION (repeatable)
  --oauth-token T           an OAuth token: no daily limit or daily headers (repeatable)
  --developer-api-key K     accepted hapikey for the app settings (repeatable; default: any)
  --rate-limit N            requests per window per token (default 100; 0 turns limits off)
  --rate-interval-ms N      window length (default 10000)
  --daily-limit N           requests per day per token (default 500000)
  --max-batch-size N        inputs per batch call (default 100)
  --max-body-bytes N        request body limit (default 1048576)
  --seed N                  fault seed (default 1)
  --fault-429 F  --fault-5xx F  --fault-reset F  --fault-lost-response F
  --fault-latency F --fault-latency-ms N  --fault-item-error F   fractions from 0 to 1`;

function fail(message: string): never {
  console.error(`mkt-events-mock: ${message}\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | string[] | boolean | undefined>;
try {
  values = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string", multiple: true },
      "expired-token": { type: "string", multiple: true },
      "oauth-token": { type: "string", multiple: true },
      "developer-api-key": { type: "string", multiple: true },
      "rate-limit": { type: "string" },
      "rate-interval-ms": { type: "string" },
      "daily-limit": { type: "string" },
      "max-batch-size": { type: "string" },
      "max-body-bytes": { type: "string" },
      seed: { type: "string" },
      "fault-429": { type: "string" },
      "fault-5xx": { type: "string" },
      "fault-reset": { type: "string" },
      "fault-lost-response": { type: "string" },
      "fault-latency": { type: "string" },
      "fault-latency-ms": { type: "string" },
      "fault-item-error": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const num = (name: string): number | undefined => {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw === "" || !Number.isFinite(n)) fail(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  return n;
};

const rateLimit = num("rate-limit");
const options: MockServerOptions = {
  host: String(values.host),
  port: num("port") ?? 4010,
  ...(values.token ? { tokens: values.token as string[] } : {}),
  ...(values["expired-token"] ? { expiredTokens: values["expired-token"] as string[] } : {}),
  ...(values["oauth-token"] ? { oauthTokens: values["oauth-token"] as string[] } : {}),
  ...(values["developer-api-key"] ? { developerApiKeys: values["developer-api-key"] as string[] } : {}),
  rateLimit:
    rateLimit === 0
      ? false
      : {
          ...(rateLimit !== undefined ? { max: rateLimit } : {}),
          ...(num("rate-interval-ms") !== undefined ? { intervalMs: num("rate-interval-ms") } : {}),
          ...(num("daily-limit") !== undefined ? { dailyMax: num("daily-limit") } : {}),
        },
  ...(num("max-batch-size") !== undefined ? { maxBatchSize: num("max-batch-size") } : {}),
  ...(num("max-body-bytes") !== undefined ? { maxBodyBytes: num("max-body-bytes") } : {}),
  faults: Object.fromEntries(
    Object.entries({
      seed: num("seed"),
      rate429: num("fault-429"),
      rate5xx: num("fault-5xx"),
      resetRate: num("fault-reset"),
      lostResponseRate: num("fault-lost-response"),
      latencyRate: num("fault-latency"),
      latencyMs: num("fault-latency-ms"),
      itemErrorRate: num("fault-item-error"),
    }).filter(([, v]) => v !== undefined),
  ),
};

try {
  const mock = await startMockServer(options);
  console.log(`mkt-events-mock listening on ${mock.url} (versions: ${mock.versions.join(", ")})`);
  const stop = () => {
    mock.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (e) {
  fail((e as Error).message);
}
