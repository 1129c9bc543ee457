// Bulk upsert of 100,000 events against the mock enforcing 100 requests per second (in its own
// process, as HubSpot is): wall time against the minimum that limit allows, per round. Figures
// are printed, not asserted. BENCH_EVENTS sets the count, BENCH_ROUNDS the rounds (3).
import { performance } from "node:perf_hooks";
import { bulkUpsert } from "@org/mkt-events-core";
import { createClient } from "@org/mkt-events-2026-03";
import { startMockProcess } from "./mock-process.mjs";

const COUNT = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LIMIT = { max: 100, intervalMs: 1000 };
const inputs = Array.from({ length: COUNT }, (_, n) => ({
  externalAccountId: "bench",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  customProperties: [{ name: "seq", value: String(n) }],
}));
const requests = Math.ceil(COUNT / 100);
// The first window's requests go at once; every further window admits LIMIT.max more.
const minimum = (Math.ceil(requests / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
console.log(
  `bulk upsert: ${COUNT} events in ${requests} requests, limit ${LIMIT.max} per ${LIMIT.intervalMs} ms, minimum ${minimum.toFixed(2)} s`,
);

// Warm-up (not reported): the first run of a process pays for compiling the client's code.
{
  const mock = await startMockProcess({ rateLimit: false });
  const client = createClient({ baseUrl: mock.url, auth: "bench", rateLimit: false });
  await bulkUpsert(client, inputs.slice(0, 10_000), { concurrency: 16 });
  mock.stop();
}

const ratios = [];
for (let round = 1; round <= ROUNDS; round++) {
  const mock = await startMockProcess({ rateLimit: LIMIT, maxBodyBytes: 4 * 1024 * 1024 });
  try {
    const client = createClient({
      baseUrl: mock.url,
      auth: "bench",
      rateLimit: { ...LIMIT, maxConcurrency: 16 },
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await bulkUpsert(client, inputs, { concurrency: 16 });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    ratios.push(wall / minimum);
    console.log(
      `  round ${round}: wall ${wall.toFixed(2)} s, ratio ${(wall / minimum).toFixed(3)}; succeeded ${result.succeeded.length}, ` +
        `failed ${result.failed.length}, retries ${result.retries}; client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
    );
  } finally {
    mock.stop();
  }
}
console.log(`  ratio max ${Math.max(...ratios).toFixed(3)} over ${ROUNDS} rounds`);
