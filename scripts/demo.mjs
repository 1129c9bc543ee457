#!/usr/bin/env node
// @ts-check
/**
 * `npx -y pnpm@10.34.9 demo`: the sync a user runs, end to end. Starts the mock HubSpot on
 * 127.0.0.1 with faults on (429s, 5xx, resets, lost answers, latency), then through the 2026-09
 * client: upserts a few dozen webinars, records several thousand registrations and attendances
 * by email across them, reads the participation counters and breakdowns back, prints them beside
 * the counts sent, and exits 1 if they disagree.
 *
 *   npx -y pnpm@10.34.9 demo [--events 30] [--contacts 3000] [--seed 7]
 *   HUBSPOT_ACCESS_TOKEN=... npx -y pnpm@10.34.9 demo --live   # your portal (writes real data!)
 */
import { parseArgs } from "node:util";
import { startMockServer } from "@org/mkt-events-mock";
import {
  bulkRecordParticipation,
  bulkUpsert,
  collect,
  createClient,
  paginate,
  unwrap,
} from "@org/mkt-events-2026-09";

const usage = "usage: npx -y pnpm@10.34.9 demo [--events N] [--contacts N] [--seed N] [--live]";
let args;
try {
  args = parseArgs({
    options: {
      events: { type: "string", default: "30" },
      contacts: { type: "string", default: "3000" },
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
const int = (/** @type {string} */ name, /** @type {string | undefined} */ raw, min = 0) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`demo: --${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}\n${usage}`);
    process.exit(2);
  }
  return n;
};
const eventCount = int("events", args.events, 1);
const contactCount = int("contacts", args.contacts);
const seed = int("seed", args.seed);

let baseUrl;
let token;
let mock;
// The mock runs HubSpot's 100-request window over 1 s instead of 10 s, so the demo is quick.
const limit = args.live ? undefined : { max: 100, intervalMs: 1000 };
if (args.live) {
  token = process.env.HUBSPOT_ACCESS_TOKEN;
  if (!token) {
    console.error(
      "demo: --live needs HUBSPOT_ACCESS_TOKEN (a private app token with crm.objects.marketing_events.write)",
    );
    process.exit(2);
  }
  baseUrl = "https://api.hubapi.com";
  console.log(
    `Live: writing ${eventCount} marketing events and ${contactCount} contacts' participation to your portal.`,
  );
} else {
  token = "demo-token";
  mock = await startMockServer({
    tokens: [token],
    rateLimit: limit,
    faults: {
      seed,
      rate429: 0.05,
      rate5xx: 0.04,
      resetRate: 0.02,
      lostResponseRate: 0.01,
      latencyRate: 0.1,
      latencyMs: 30,
    },
  });
  baseUrl = mock.url;
  console.log(
    `Mock HubSpot on ${mock.url} (faults on: 429s, 5xx, resets, lost answers, latency; seed ${seed})`,
  );
}
const client = createClient({
  baseUrl,
  auth: token,
  retry: { retries: 8, minDelayMs: 100 },
  ...(limit ? { rateLimit: limit } : {}),
});

const tty = process.stdout.isTTY;
/** One progress line for several bulk runs of a phase. */
function phaseProgress(/** @type {string} */ label, /** @type {number} */ total) {
  const done = new Map();
  let lastDecile = -1;
  return (/** @type {number} */ run) => (/** @type {import("@org/mkt-events-2026-09").BulkProgress} */ p) => {
    done.set(run, p);
    const sum = (/** @type {"done" | "failed" | "retries"} */ k) =>
      [...done.values()].reduce((n, x) => n + x[k], 0);
    const line = `${label}: ${sum("done")}/${total} done, ${sum("failed")} failed, ${sum("retries")} retries`;
    if (tty) process.stdout.write(`\r${line}   ${sum("done") === total ? "\n" : ""}`);
    else if (Math.floor((sum("done") / Math.max(1, total)) * 4) !== lastDecile) {
      lastDecile = Math.floor((sum("done") / Math.max(1, total)) * 4);
      console.log(line);
    }
  };
}

// 1. The webinars.
const runId = Date.now().toString(36);
const account = "demo-account";
const events = Array.from({ length: eventCount }, (_, n) => ({
  externalAccountId: account,
  externalEventId: `webinar-${runId}-${n}`,
  eventName: `Product webinar #${n + 1}`,
  eventOrganizer: "mkt-events demo",
  eventType: "WEBINAR",
  startDateTime: new Date(Date.UTC(2026, 3, 1, 16) + n * 86_400_000).toISOString(),
  endDateTime: new Date(Date.UTC(2026, 3, 1, 17) + n * 86_400_000).toISOString(),
  customProperties: [],
}));
const upserted = await bulkUpsert(client, events, {
  onProgress: phaseProgress("webinars", events.length)(0),
});
const live = upserted.succeeded.map((s) => s.input);

// 2. Registrations, then attendances (about 60 % of registrants), per webinar, by email.
const contacts = (/** @type {number} */ e) =>
  Array.from({ length: contactCount }, (_, c) => c).filter((c) => c % Math.max(1, live.length) === e);
const attends = (/** @type {number} */ c) => (Math.imul(c + seed, 2654435761) >>> 0) % 10 < 6;
/** @type {{ event: typeof live[number], register: import("@org/mkt-events-2026-09").BulkResult<any, any>, attend: import("@org/mkt-events-2026-09").BulkResult<any, any> }[]} */
const recorded = [];
for (const state of /** @type {const} */ (["register", "attend"])) {
  const perEvent = live.map((event, e) => {
    const ids = contacts(e).filter((c) => state === "register" || attends(c));
    return { event, inputs: ids.map((c) => participation(c, event, state)) };
  });
  const progress = phaseProgress(
    state === "register" ? "registrations" : "attendances",
    perEvent.reduce((n, p) => n + p.inputs.length, 0),
  );
  const results = await pool(perEvent, 4, ({ event, inputs }, run) =>
    bulkRecordParticipation(
      client,
      { event: { externalAccountId: account, externalEventId: event.externalEventId }, state, by: "email" },
      inputs,
      { concurrency: 2, onProgress: progress(run) },
    ),
  );
  results.forEach((r, e) => {
    const entry = (recorded[e] ??= {
      event: /** @type {typeof live[number]} */ (live[e]),
      register: r,
      attend: r,
    });
    entry[state] = r;
  });
}

/** One contact's participation; joined and left times for attendances. */
function participation(
  /** @type {number} */ c,
  /** @type {typeof live[number]} */ event,
  /** @type {string} */ state,
) {
  const start = Date.parse(event.startDateTime ?? "");
  const joined = new Date(start + (c % 10) * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const left = new Date(start + 45 * 60_000 + (c % 15) * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    email: `contact-${c}@example.com`,
    interactionDateTime: state === "attend" ? Date.parse(joined) : start - 86_400_000,
    ...(state === "attend" ? { properties: { joinedAt: joined, leftAt: left } } : {}),
    contactProperties: { firstname: `Contact`, lastname: String(c) },
  };
}

/** Runs `work` over `items`, `width` at a time, keeping the order of results. */
async function pool(
  /** @type {any[]} */ items,
  /** @type {number} */ width,
  /** @type {(item: any, i: number) => Promise<any>} */ work,
) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i], i);
    }),
  );
  return out;
}

// 3. Read the numbers back and compare them with what was sent.
const ok = (/** @type {import("@org/mkt-events-2026-09").BulkResult<any, any>} */ r) => r.succeeded.length;
const maybe = (/** @type {import("@org/mkt-events-2026-09").BulkResult<any, any>} */ r) =>
  r.failed.filter((f) => f.error.outcomeUnknown).length;
let mismatches = 0;
const rows = [["webinar", "registered", "counter", "attended", "counter", "breakdown", "check"]];
for (const { event, register, attend } of recorded) {
  const path = { externalAccountId: account, externalEventId: event.externalEventId };
  const counters = unwrap(
    await client.GET(
      "/marketing/marketing-events/2026-09/participations/{externalAccountId}/{externalEventId}",
      { params: { path } },
    ),
  );
  const breakdown = await collect(
    paginate(
      client,
      "/marketing/marketing-events/2026-09/participations/{externalAccountId}/{externalEventId}/breakdown",
      {
        params: { path, query: { limit: 100 } },
      },
    ),
  );
  const within = (/** @type {number} */ n, /** @type {any} */ r) => n >= ok(r) && n <= ok(r) + maybe(r);
  const good =
    within(counters.registered, register) &&
    within(counters.attended, attend) &&
    breakdown.length >= counters.registered;
  if (!good) mismatches++;
  const sent = (/** @type {any} */ r) => `${ok(r)}${maybe(r) ? ` (+${maybe(r)}?)` : ""}`;
  rows.push([
    event.externalEventId.replace(`-${runId}`, ""),
    sent(register),
    String(counters.registered),
    sent(attend),
    String(counters.attended),
    String(breakdown.length),
    good ? "ok" : "MISMATCH",
  ]);
}
const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log("");
for (const [n, row] of rows.entries()) {
  console.log(
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "),
  );
  if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
const all = [upserted, ...recorded.flatMap((r) => [r.register, r.attend])];
const total = (/** @type {(r: any) => number} */ f) => all.reduce((n, r) => n + f(r), 0);
console.log("");
console.log(
  `inputs ${total((r) => r.total)}: succeeded ${total((r) => r.succeeded.length)}, failed ${total((r) => r.failed.length)} ` +
    `(${total(maybe)} with unknown outcome), not attempted ${total((r) => r.notAttempted.length)}; ` +
    `requests ${total((r) => r.requests)}, retries ${total((r) => r.retries)}`,
);
const unaccounted = all.filter(
  (r) => r.succeeded.length + r.failed.length + r.notAttempted.length !== r.total,
).length;
if (unaccounted > 0) console.error(`demo: ${unaccounted} bulk run(s) did not account for every input`);
if (mismatches > 0)
  console.error(`demo: ${mismatches} webinar(s) whose counters disagree with what was recorded`);
console.log(
  mismatches === 0 && unaccounted === 0
    ? `sync verified: every counter matches what was recorded (a "(+n?)" is a recording whose answer was lost; the counter may include it)`
    : "sync NOT verified",
);
if (mock) {
  console.log(`faults injected by the mock: ${JSON.stringify(mock.state.counters.faults)}`);
  await mock.close();
}
process.exitCode = mismatches === 0 && unaccounted === 0 ? 0 : 1;
