// What faults cost a bulk upsert: 10,000 events through the mock answering 10 % 429, 5 % 5xx,
// 2 % connection resets and 1 % lost answers (applied, then the connection drops), against the
// same run with no faults, in interleaved rounds after a warm-up. Prints each round's wall times,
// the paired faulty/fault-free ratios (median, min, max) and checks that every input is accounted
// for. Figures are printed, not asserted.
//
// The mock enforces HubSpot's default window for a private app, 100 requests per 10 s (also the
// client's default), so a run lasts as long as it would against HubSpot: ~90 s fault-free.
// BENCH_WINDOW_MS=1000 runs the same against a window ten times as fast (100 per second), where
// a 429's 1 s Retry-After weighs ten times as much against the run.
import { performance } from "node:perf_hooks";
import { bulkUpsert } from "@org/mkt-events-core";
import { startMockServer } from "@org/mkt-events-mock";
import { createClient } from "@org/mkt-events-2026-03";

const COUNT = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FAULTS = { rate429: 0.1, rate5xx: 0.05, resetRate: 0.02, lostResponseRate: 0.01 };
// HubSpot's limits shape a real run: the mock enforces this window and the client paces to it.
const LIMIT = {
  max: Number(process.env.BENCH_WINDOW_MAX ?? 100),
  intervalMs: Number(process.env.BENCH_WINDOW_MS ?? 10_000),
};
const BATCH = Number(process.env.BENCH_BATCH ?? 10);

const inputs = Array.from({ length: COUNT }, (_, n) => ({
  externalAccountId: "bench",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  startDateTime: "2026-04-15T16:00:00Z",
  customProperties: [{ name: "seq", value: String(n) }],
}));

/** One bulk upsert against a fresh mock; returns wall seconds and the accounting. */
async function run(faulty, seed, count = COUNT) {
  const mock = await startMockServer({ rateLimit: LIMIT, faults: faulty ? { seed, ...FAULTS } : undefined });
  try {
    const client = createClient({
      baseUrl: mock.url,
      auth: "pat-na1-bench",
      retry: { retries: 10 },
      rateLimit: { ...LIMIT, maxConcurrency: 16 },
    });
    const t0 = performance.now();
    const result = await bulkUpsert(client, inputs.slice(0, count), { concurrency: 16, maxBatchSize: BATCH });
    const wall = (performance.now() - t0) / 1000;
    const accounted = result.succeeded.length + result.failed.length + result.notAttempted.length;
    if (accounted !== count) throw new Error(`accounted ${accounted} of ${count}`);
    return { wall, result, faults: mock.state.counters };
  } finally {
    await mock.close();
  }
}

// Warm-up (JIT, sockets, the mock's validators): one window's worth of requests each way.
await run(false, 0, LIMIT.max * BATCH);
await run(true, 999, LIMIT.max * BATCH);

const ratios = [];
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate which goes first, so drift in the machine's load falls on both equally.
  const order = round % 2 ? [false, true] : [true, false];
  const out = {};
  for (const faulty of order) out[faulty ? "faulty" : "clean"] = await run(faulty, round);
  const ratio = out.faulty.wall / out.clean.wall;
  ratios.push(ratio);
  const r = out.faulty.result;
  // What the window alone allows this faulty run: requests answered 429 were not counted by the
  // mock (nor by HubSpot); every other request was, 5xx, resets and lost answers included.
  const counted = r.requests - (out.faulty.faults.byStatus["429"] ?? 0);
  const windowFloor = (Math.ceil(counted / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
  console.log(
    `round ${round}: fault-free ${out.clean.wall.toFixed(3)} s, faulty ${out.faulty.wall.toFixed(3)} s ` +
      `(ratio ${ratio.toFixed(3)}; ${r.requests} requests, ${counted} counted by the window, so at least ` +
      `${windowFloor.toFixed(1)} s = ${(windowFloor / out.clean.wall).toFixed(2)}x; ${r.retries} retries, ` +
      `${r.succeeded.length} succeeded, ${r.failed.length} failed)`,
  );
}
const sorted = [...ratios].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  `bulk under faults: ${COUNT} events, window ${LIMIT.max} per ${LIMIT.intervalMs / 1000} s, faulty/fault-free wall time ratio median ${median.toFixed(3)} ` +
    `(min ${sorted[0].toFixed(3)}, max ${sorted.at(-1).toFixed(3)}, ${ROUNDS} paired rounds)`,
);
console.log(
  JSON.stringify({
    bench: "bulk-faults",
    events: COUNT,
    windowMs: LIMIT.intervalMs,
    rounds: ROUNDS,
    medianRatio: +median.toFixed(3),
  }),
);
