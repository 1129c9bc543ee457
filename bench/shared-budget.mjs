// One budget, four processes: 4 worker processes (child_process.fork) bulk-upsert with ONE token
// against ONE mock enforcing 100 requests per second, once with in-process limiters (each worker
// limits only itself) and once with the Redis store (@org/mkt-events-core/redis). Prints each
// run's aggregate requests/s against the budget, the mock's window 429s and the wall time; the
// last line is one JSON object for the Redis run. Figures are printed, not asserted.
// Needs redis-server on PATH (started here on a free port on 127.0.0.1, stopped by its PID).
import { fork, spawn } from "node:child_process";
import { createServer, createConnection } from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const LIMIT = { max: 100, intervalMs: 1000 };
const WORKERS = 4;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000); // all workers together
const BATCH = 100;
const CONCURRENCY = 4; // batches in flight per worker

async function worker({ store: kind, url, redisUrl, prefix, from, count }) {
  const { createClient, bulkUpsert, RateLimiterRegistry } = await import("@org/mkt-events-2026-03");
  let store;
  if (kind === "redis") {
    const { connectRedisStore } = await import("@org/mkt-events-core/redis");
    store = await connectRedisStore({ url: redisUrl, prefix });
  }
  const client = createClient({
    baseUrl: url,
    auth: "pat-bench-one-token", // the same token in every worker: one HubSpot budget
    limiters: new RateLimiterRegistry({ ...LIMIT, maxConcurrency: 16, ...(store ? { store } : {}) }),
  });
  const inputs = Array.from({ length: count }, (_, i) => ({
    externalAccountId: "bench",
    externalEventId: `evt-${from + i}`,
    eventName: `Event ${from + i}`,
    eventOrganizer: "Acme",
    customProperties: [{ name: "seq", value: String(from + i) }],
  }));
  process.send({ type: "ready" });
  await new Promise((resolve) => process.once("message", resolve));
  const result = await bulkUpsert(client, inputs, { concurrency: CONCURRENCY, maxBatchSize: BATCH });
  process.send({
    type: "done",
    requests: result.requests,
    retries: result.retries,
    succeeded: result.succeeded.length,
    failed: result.failed.length,
    notAttempted: result.notAttempted.length,
  });
  await store?.close();
  process.exit(0);
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pong = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (ok) => (socket.destroy(), resolve(ok));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => done(d.toString().startsWith("+PONG")));
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  process.once("exit", () => child.kill("SIGKILL")); // never left behind, whatever happens here
  let failure;
  child.once("error", (e) => (failure = e.message));
  child.once("exit", (code) => (failure ??= `exited with ${code}`));
  for (const deadline = Date.now() + 10_000; !(await pong(port));) {
    if (failure || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `redis-server could not start: ${failure ?? "no PONG in 10 s"} (apt-get install -y redis-server)`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => (child.once("exit", resolve), process.kill(child.pid, "SIGTERM"))),
  };
}

async function run(mock, store, redisUrl, round) {
  mock.reset();
  const per = Math.ceil(EVENTS / WORKERS);
  const children = Array.from({ length: WORKERS }, (_, w) =>
    fork(fileURLToPath(import.meta.url), [
      "--worker",
      JSON.stringify({ store, url: mock.url, redisUrl, prefix: `bench-${round}`, from: w * per, count: per }),
    ]),
  );
  const messages = (type) =>
    Promise.all(
      children.map((c) => new Promise((resolve) => c.on("message", (m) => m.type === type && resolve(m)))),
    );
  await messages("ready");
  await new Promise((r) => setTimeout(r, LIMIT.intervalMs)); // a fresh window for the run
  const t0 = performance.now();
  const done = messages("done");
  for (const c of children) c.send("go");
  const results = await done;
  const wall = (performance.now() - t0) / 1000;
  const { byStatus, requests } = mock.state.counters;
  const window429 = byStatus["429"] ?? 0; // the daily cap (500,000) is never reached here
  const accepted = requests - window429;
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  // The first window's requests may go at once; every further window admits LIMIT.max more.
  const minimum = (Math.ceil(accepted / LIMIT.max) - 1) * (LIMIT.intervalMs / 1000);
  const budget = LIMIT.max / (LIMIT.intervalMs / 1000);
  return {
    store,
    workers: WORKERS,
    events: per * WORKERS,
    requests,
    accepted,
    window429,
    retries: sum("retries"),
    succeeded: sum("succeeded"),
    failed: sum("failed"),
    notAttempted: sum("notAttempted"),
    wallSeconds: Number(wall.toFixed(2)),
    requestsPerSecond: Number((accepted / wall).toFixed(1)),
    budgetPerSecond: budget,
    minimumSeconds: minimum,
    // Aggregate accepted requests per second against the budget's requests per second.
    throughputRatio: Number((accepted / wall / budget).toFixed(3)),
    // Stricter: the least wall time the budget allows for these requests (the first window's
    // requests at once, then max per interval) against the wall time measured.
    minimumWallRatio: Number((minimum / wall).toFixed(3)),
  };
}

async function main() {
  const { startMockServer } = await import("@org/mkt-events-mock");
  const mock = await startMockServer({
    rateLimit: LIMIT,
    maxBodyBytes: 4 * 1024 * 1024,
    maxLogEntries: 1000,
  });
  const redis = await startRedis();
  try {
    console.log(
      `shared budget: ${WORKERS} worker processes, one token, ${EVENTS} events in batches of ${BATCH}, ` +
        `${CONCURRENCY} in flight per worker; the mock enforces ${LIMIT.max} requests per ${LIMIT.intervalMs} ms`,
    );
    const runs = [];
    for (const [round, store] of ["in-process", "redis"].entries()) {
      const r = await run(mock, store, redis.url, round);
      runs.push(r);
      console.log(
        `  ${store.padEnd(10)} ${r.requestsPerSecond} requests/s accepted vs a budget of ${r.budgetPerSecond}/s ` +
          `(throughput ratio ${r.throughputRatio.toFixed(3)}); window 429s ${r.window429} (of ${r.requests} requests), ` +
          `retries ${r.retries}; wall ${r.wallSeconds} s vs minimum ${r.minimumSeconds} s (${r.minimumWallRatio}); ` +
          `succeeded ${r.succeeded}, failed ${r.failed}, not attempted ${r.notAttempted}`,
      );
    }
    console.log(JSON.stringify(runs.find((r) => r.store === "redis")));
  } finally {
    await redis.stop();
    await mock.close();
  }
}

if (process.argv[2] === "--worker") await worker(JSON.parse(process.argv[3]));
else await main();
