// How long startMockServer takes to listen, and how fast it answers upserts over loopback.
// Figures are printed, not asserted. Run: pnpm bench (after pnpm run build).
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { startMockServer } from "@org/mkt-events-mock";

const starts = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  const mock = await startMockServer({ rateLimit: false });
  starts.push(performance.now() - t0);
  await mock.close();
}
starts.sort((a, b) => a - b);
console.log(`startMockServer: median ${starts[5].toFixed(1)} ms, max ${starts[9].toFixed(1)} ms (10 starts)`);

const mock = await startMockServer({ rateLimit: false });
const agent = new (await import("node:http")).Agent({ keepAlive: true, maxSockets: 16 });
const body = JSON.stringify({
  inputs: [
    {
      externalAccountId: "a",
      externalEventId: "e",
      eventName: "n",
      eventOrganizer: "o",
      customProperties: [],
    },
  ],
});
const one = () =>
  new Promise((resolve, reject) => {
    const req = request(
      `${mock.url}/marketing/v3/marketing-events/events/upsert`,
      { method: "POST", agent, headers: { authorization: "Bearer t", "content-type": "application/json" } },
      (res) => res.resume().on("end", resolve),
    );
    req.on("error", reject);
    req.end(body);
  });
const n = 4000;
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next++ < n) await one();
  }),
);
const ms = performance.now() - t0;
console.log(
  `upsert round trips, 16 in flight: ${(n / (ms / 1000)).toFixed(0)} req/s (${((ms * 1000) / n).toFixed(0)} µs each)`,
);
agent.destroy();
await mock.close();
