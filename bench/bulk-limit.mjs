// Bulk upsert of 100,000 events against the mock enforcing 100 requests per second: wall time
// against the minimum that limit allows. Figures are printed, not asserted.
import { performance } from "node:perf_hooks";
import { bulkUpsert } from "@org/mkt-events-core";
import { startMockServer } from "@org/mkt-events-mock";
import { createClient } from "@org/mkt-events-2026-03";

const COUNT = Number(process.env.BENCH_EVENTS ?? 100_000);
const LIMIT = { max: 100, intervalMs: 1000 };
const mock = await startMockServer({ rateLimit: LIMIT, maxBodyBytes: 4 * 1024 * 1024 });
const client = createClient({
  baseUrl: mock.url,
  auth: "bench",
  rateLimit: { ...LIMIT, maxConcurrency: 16 },
});
const inputs = Array.from({ length: COUNT }, (_, n) => ({
  externalAccountId: "bench",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  customProperties: [{ name: "seq", value: String(n) }],
}));

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await bulkUpsert(client, inputs, { concurrency: 16 });
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await mock.close();

const requests = Math.ceil(COUNT / 100);
// The first window's requests go at once; every further window admits LIMIT.max more.
const minimum = (Math.ceil(requests / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
console.log(
  `bulk upsert: ${COUNT} events in ${requests} requests, limit ${LIMIT.max} per ${LIMIT.intervalMs} ms`,
);
console.log(
  `  succeeded ${result.succeeded.length}, failed ${result.failed.length}, 429s answered ${mock.state.counters.byStatus["429"] ?? 0}, retries ${result.retries}`,
);
console.log(
  `  wall ${wall.toFixed(2)} s vs minimum ${minimum.toFixed(2)} s: ratio ${(wall / minimum).toFixed(3)}`,
);
console.log(`  CPU (client + in-process mock) ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
