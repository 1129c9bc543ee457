// Attendance sync at scale: bulkRecordParticipation of 100,000 contacts (by email, state
// "attend", one webinar) against the mock enforcing 100 requests per second, in its own process.
// Prints the wall time against the minimum that limit allows (goal: at most 1.05x) and the
// client's peak heap above the inputs themselves, for 25,000 and 100,000 contacts (goal: about
// the same, i.e. flat in the input count). Figures are printed, not asserted.
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { bulkRecordParticipation, bulkUpsert, createClient } from "@org/mkt-events-2026-09";

const LIMIT = { max: 100, intervalMs: 1000 };
const SIZES = (process.env.BENCH_CONTACTS ?? "25000,100000").split(",").map(Number);

async function mockProcess() {
  const child = fork(new URL("./mock-process.mjs", import.meta.url), [JSON.stringify({ rateLimit: LIMIT })], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise((resolve) => child.once("message", resolve));
  return { url, stop: () => child.kill() };
}

const heap = () => process.memoryUsage().heapUsed;
async function run(count) {
  const mock = await mockProcess();
  try {
    const client = createClient({
      baseUrl: mock.url,
      auth: "pat-na1-bench",
      rateLimit: { ...LIMIT, maxConcurrency: 16 },
    });
    const event = { externalAccountId: "bench", externalEventId: "webinar-1" };
    await bulkUpsert(client, [
      { ...event, eventName: "Bench webinar", eventOrganizer: "Acme", customProperties: [] },
    ]);
    // Let the window empty so the measured run starts with a full budget.
    await new Promise((r) => setTimeout(r, LIMIT.intervalMs + 50));
    global.gc?.();
    const before = heap();
    const inputs = Array.from({ length: count }, (_, n) => ({
      email: `contact-${n}@example.com`,
      interactionDateTime: 1_776_268_800_000,
      properties: { joinedAt: "2026-04-15T16:00:00Z", leftAt: "2026-04-15T16:45:00Z" },
    }));
    global.gc?.();
    const inputsBytes = heap() - before;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, heap())), 20);
    const t0 = performance.now();
    const result = await bulkRecordParticipation(client, { event, state: "attend", by: "email" }, inputs, {
      concurrency: 16,
    });
    const wall = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, heap());
    const requests = Math.ceil(count / 100);
    // The first window's requests go at once; every further window admits LIMIT.max more.
    const minimum = (Math.ceil(requests / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
    return { count, wall, minimum, result, overInputs: peak - before - inputsBytes, inputsBytes };
  } finally {
    mock.stop();
  }
}

const rows = [];
for (const count of SIZES) {
  const r = await run(count);
  rows.push(r);
  console.log(
    `attendance: ${r.count} contacts in ${r.result.requests} requests: wall ${r.wall.toFixed(2)} s vs minimum ${r.minimum.toFixed(2)} s ` +
      `(ratio ${(r.wall / r.minimum).toFixed(3)}); succeeded ${r.result.succeeded.length}, failed ${r.result.failed.length}, ` +
      `retries ${r.result.retries}; inputs ${(r.inputsBytes / 2 ** 20).toFixed(1)} MiB, peak heap above them ${(r.overInputs / 2 ** 20).toFixed(1)} MiB`,
  );
}
const last = rows.at(-1);
console.log(
  JSON.stringify({
    bench: "attendance",
    contacts: last.count,
    ratio: +(last.wall / last.minimum).toFixed(3),
    peakAboveInputsMiB: rows.map((r) => +(r.overInputs / 2 ** 20).toFixed(1)),
  }),
);
