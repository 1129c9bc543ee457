// Attendance sync at scale: bulkRecordParticipation of 100,000 contacts (by email, state
// "attend", one webinar) against the mock enforcing 100 requests per second, in its own process.
// Prints the wall time against the minimum that limit allows (goal: at most 1.05x) and the
// client's peak heap above the inputs themselves, for 25,000 and 100,000 contacts (goal: about
// the same, i.e. flat in the input count). Figures are printed, not asserted.
import { performance } from "node:perf_hooks";
import { bulkRecordParticipation, bulkUpsert, createClient } from "@org/mkt-events-2026-09";
import { startMockProcess } from "./mock-process.mjs";

const LIMIT = { max: 100, intervalMs: 1000 };
const SIZES = (process.env.BENCH_CONTACTS ?? "25000,100000").split(",").map(Number);

const heap = () => process.memoryUsage().heapUsed;
const gc = () => globalThis.gc?.();

/**
 * One run of `count` contacts. `limit`: the mock and client enforce LIMIT (the timing run);
 * otherwise nothing is paced and, when run with --expose-gc, a collection before each heap sample
 * makes the figure the live heap (the memory run).
 */
async function run(count, limit) {
  const mock = await startMockProcess({ rateLimit: limit ? LIMIT : false });
  try {
    const client = createClient({
      baseUrl: mock.url,
      auth: "pat-na1-bench",
      rateLimit: limit ? { ...LIMIT, maxConcurrency: 16 } : false,
    });
    const event = { externalAccountId: "bench", externalEventId: "webinar-1" };
    await bulkUpsert(client, [
      { ...event, eventName: "Bench webinar", eventOrganizer: "Acme", customProperties: [] },
    ]);
    // Let the window empty so the measured run starts with a full budget.
    if (limit) await new Promise((r) => setTimeout(r, LIMIT.intervalMs + 50));
    gc();
    const before = heap();
    const inputs = Array.from({ length: count }, (_, n) => ({
      email: `contact-${n}@example.com`,
      interactionDateTime: 1_776_268_800_000,
      properties: { joinedAt: "2026-04-15T16:00:00Z", leftAt: "2026-04-15T16:45:00Z" },
    }));
    gc();
    const inputsBytes = heap() - before;
    let peak = 0;
    const sample = () => {
      if (!limit) gc();
      peak = Math.max(peak, heap());
    };
    const sampler = setInterval(sample, limit ? 20 : 100);
    const t0 = performance.now();
    // keepSucceeded: false, as a large sync that needs only its failures runs it.
    const result = await bulkRecordParticipation(client, { event, state: "attend", by: "email" }, inputs, {
      concurrency: 16,
      keepSucceeded: false,
    });
    const wall = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    sample();
    const requests = Math.ceil(count / 100);
    // The first window's requests go at once; every further window admits LIMIT.max more.
    const minimum = (Math.ceil(requests / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
    return { count, wall, minimum, result, overInputs: peak - before - inputsBytes, inputsBytes };
  } finally {
    mock.stop();
  }
}

const MiB = (bytes) => (bytes / 2 ** 20).toFixed(1);
const rows = [];
for (const count of SIZES) {
  const r = await run(count, true);
  const m = await run(count, false);
  rows.push({ ...r, live: m.overInputs });
  console.log(
    `attendance: ${r.count} contacts in ${r.result.requests} requests: wall ${r.wall.toFixed(2)} s vs minimum ${r.minimum.toFixed(2)} s ` +
      `(ratio ${(r.wall / r.minimum).toFixed(3)}); succeeded ${r.result.succeededCount}, failed ${r.result.failed.length}, ` +
      `retries ${r.result.retries}; inputs ${MiB(r.inputsBytes)} MiB; above them: peak heap ${MiB(r.overInputs)} MiB ` +
      `(garbage included), peak live heap ${globalThis.gc ? `${MiB(m.overInputs)} MiB` : "n/a (run with --expose-gc)"}`,
  );
}
const last = rows.at(-1);
console.log(
  JSON.stringify({
    bench: "attendance",
    contacts: last.count,
    ratio: +(last.wall / last.minimum).toFixed(3),
    peakAboveInputsMiB: rows.map((r) => +MiB(r.overInputs)),
    liveAboveInputsMiB: rows.map((r) => +MiB(r.live)),
  }),
);
