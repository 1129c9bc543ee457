#!/usr/bin/env node
// @ts-check
/**
 * `npx -y pnpm@10.34.9 demo`: the product end to end. Starts the mock HubSpot on 127.0.0.1 with faults on,
 * bulk-upserts 5,000 generated events through the 2026-03 client, bulk-updates 1,000 of them
 * through the v3 client, and prints what happened to every input.
 *
 *   npx -y pnpm@10.34.9 demo [--count 5000] [--update 1000] [--seed 7]
 *   HUBSPOT_ACCESS_TOKEN=... npx -y pnpm@10.34.9 demo --live   # real portal at api.hubapi.com (writes real events!)
 */
import { parseArgs } from "node:util";
import { bulkUpdate, bulkUpsert, RateLimiterRegistry } from "@org/mkt-events-core";
import { startMockServer } from "@org/mkt-events-mock";
import { createClient as create2026 } from "@org/mkt-events-2026-03";
import { createClient as createV3 } from "@org/mkt-events-v3";

const usage = "usage: npx -y pnpm@10.34.9 demo [--count N] [--update N] [--seed N] [--live]";
let args;
try {
  args = parseArgs({
    options: {
      count: { type: "string", default: "5000" },
      update: { type: "string", default: "1000" },
      seed: { type: "string", default: "7" },
      live: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (e) {
  console.error(`demo: ${e instanceof Error ? e.message : e}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const int = (/** @type {string} */ name, /** @type {string | undefined} */ raw) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`demo: --${name} must be a whole number >= 0, got ${JSON.stringify(raw)}\n${usage}`);
    process.exit(2);
  }
  return n;
};
const count = int("count", args.count);
const updateCount = Math.min(count, int("update", args.update));
const seed = int("seed", args.seed);

let baseUrl;
let token;
let mock;
if (args.live) {
  token = process.env.HUBSPOT_ACCESS_TOKEN;
  if (!token) {
    console.error(
      "demo: --live needs HUBSPOT_ACCESS_TOKEN (a private app token with crm.objects.marketing_events.write)",
    );
    process.exit(2);
  }
  baseUrl = "https://api.hubapi.com";
  console.log(`Live: writing ${count} marketing events to your HubSpot portal.`);
} else {
  token = "demo-token";
  mock = await startMockServer({
    tokens: [token],
    faults: {
      seed,
      rate429: 0.08,
      rate5xx: 0.05,
      resetRate: 0.02,
      lostResponseRate: 0.02,
      latencyRate: 0.1,
      latencyMs: 40,
      itemErrorRate: 0.01,
    },
  });
  baseUrl = mock.url;
  console.log(
    `Mock HubSpot on ${mock.url} (faults on: 429s, 5xx, resets, lost responses, latency, item errors; seed ${seed})`,
  );
}

// Both clients use the same token, so they share its rate limiter.
const limiters = new RateLimiterRegistry({ max: 100, intervalMs: 10_000, maxConcurrency: 8 });
const client2026 = create2026({ baseUrl, auth: token, limiters, retry: { retries: 8, minDelayMs: 200 } });
const clientV3 = createV3({ baseUrl, auth: token, limiters, retry: { retries: 8, minDelayMs: 200 } });

const tty = process.stdout.isTTY;
/** @param {string} label */
function progressPrinter(label) {
  let lastPlain = -1;
  return (/** @type {import("@org/mkt-events-core").BulkProgress} */ p) => {
    const share = p.total === 0 ? 1 : p.done / p.total;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stdout.write(
        `\r${label.padEnd(22)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(p.done).padStart(5)}/${p.total}  ok ${p.succeeded}  failed ${p.failed}  requests ${p.requests}  retries ${p.retries}   `,
      );
      if (p.done === p.total) process.stdout.write("\n");
    } else {
      const decile = Math.floor(share * 10);
      if (decile !== lastPlain) {
        lastPlain = decile;
        console.log(
          `${label}: ${p.done}/${p.total} done, ${p.succeeded} ok, ${p.failed} failed, ${p.requests} requests, ${p.retries} retries`,
        );
      }
    }
  };
}

const runId = Date.now().toString(36);
const events = Array.from({ length: count }, (_, n) => ({
  externalAccountId: "demo-account",
  externalEventId: `demo-${runId}-${n}`,
  eventName: `Demo webinar #${n}`,
  eventOrganizer: "mkt-events demo",
  eventType: "WEBINAR",
  startDateTime: new Date(Date.UTC(2026, 3, 1) + n * 3_600_000).toISOString(),
  endDateTime: new Date(Date.UTC(2026, 3, 1) + n * 3_600_000 + 1_800_000).toISOString(),
  customProperties: [],
}));

const upserted = await bulkUpsert(client2026, events, {
  concurrency: 6,
  onProgress: progressPrinter("upsert (2026-03)"),
});
const updates = upserted.succeeded.slice(0, updateCount).map((s) => ({
  objectId: String(s.record.objectId ?? ""),
  eventName: `${s.input.eventName} (rescheduled)`,
  eventCancelled: false,
  customProperties: [],
}));
const updated = await bulkUpdate(clientV3, updates, {
  concurrency: 6,
  onProgress: progressPrinter("update (v3)"),
});

/** @param {import("@org/mkt-events-core").BulkResult<unknown, unknown>} r */
function reasons(r) {
  const counts = new Map();
  for (const f of r.failed) {
    const key = `${f.error.kind}${f.error.details.category ? ` ${f.error.details.category}` : ""}${f.error.outcomeUnknown ? " (outcome unknown)" : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} ${k}`).join("; ") || "-";
}
const rows = [
  ["phase", "inputs", "succeeded", "failed", "not attempted", "requests", "retries", "elapsed"],
  ...[
    ["upsert via 2026-03", upserted],
    ["update via v3", updated],
  ].map(([name, r]) => {
    const res = /** @type {import("@org/mkt-events-core").BulkResult<unknown, unknown>} */ (r);
    return [
      String(name),
      res.total,
      res.succeeded.length,
      res.failed.length,
      res.notAttempted.length,
      res.requests,
      res.retries,
      `${(res.elapsedMs / 1000).toFixed(1)} s`,
    ].map(String);
  }),
];
const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log("");
for (const [n, row] of rows.entries()) {
  console.log(
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "),
  );
  if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
console.log("");
console.log(`failed upserts: ${reasons(upserted)}`);
console.log(`failed updates: ${reasons(updated)}`);
for (const r of [upserted, updated]) {
  if (r.succeeded.length + r.failed.length + r.notAttempted.length !== r.total) {
    console.error("demo: inputs were not all accounted for");
    process.exitCode = 1;
  }
}
if (mock) {
  console.log(
    `mock store: ${mock.state.events.size} events; faults injected: ${JSON.stringify(mock.state.counters.faults)}`,
  );
  await mock.close();
}
