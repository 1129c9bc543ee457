// Per-call cost: calls per second and client CPU per call for one v3 batch upsert, at 1 and 16
// calls in flight, for what a user would pick instead of our client, each as its users create it:
// bare undici `request`, the global fetch, openapi-fetch on the global fetch, and
// @hubspot/api-client 13.5.0 as `new Client({ accessToken, basePath })` makes it (no limiter: its
// default), plus that client with its Bottleneck limiter switched on (labelled as such). Ours runs
// with its limiter off (`rateLimit: false`) and with its default limiter given an open budget.
// The server runs in its own process, so CPU figures are the client's alone. Rounds are
// interleaved (every contender once per round, order rotating) after a warm-up; ratios are paired
// per round and reported as median (min–max). Figures are printed, not asserted.
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Client as HubSpotClient } from "@hubspot/api-client";
import createOpenApiFetch from "openapi-fetch";
import { Agent, request } from "undici";
import { createClient } from "@org/mkt-events-v3";

const PATH = "/marketing/v3/marketing-events/events/upsert";
const MS = Number(process.env.BENCH_MS ?? 400); // per contender, per round
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const server = fork(new URL("./fixed-upsert-server.mjs", import.meta.url), {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const port = await new Promise((resolve) => server.once("message", resolve));
const base = `http://127.0.0.1:${port}`;
const body = {
  inputs: [
    {
      externalAccountId: "acct",
      externalEventId: "evt-1",
      eventName: "Bench",
      eventOrganizer: "Acme",
      customProperties: [{ name: "k", value: "v" }],
    },
  ],
};
const json = JSON.stringify(body);
const headers = { authorization: "Bearer bench-token", "content-type": "application/json" };

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 });
const oursNoLimiter = createClient({ baseUrl: base, auth: "bench-token", retry: false, rateLimit: false });
const oursOpenLimiter = createClient({
  baseUrl: base,
  auth: "bench-token",
  retry: false,
  rateLimit: { max: 1_000_000_000, intervalMs: 1000, maxConcurrency: 64 },
});
const ofetch = createOpenApiFetch({ baseUrl: base, headers });
const hubspotDefault = new HubSpotClient({ accessToken: "bench-token", basePath: base });
const hubspotLimiter = new HubSpotClient({
  accessToken: "bench-token",
  basePath: base,
  limiterOptions: { maxConcurrent: 64, minTime: 0 },
});

const OURS = "@org/mkt-events-v3, rateLimit: false";
const OURS_LIMITED = "@org/mkt-events-v3, default limiter (open budget)";
const HUBSPOT = "@hubspot/api-client (default: no limiter)";
const UNDICI = "bare undici request";
const contenders = {
  [UNDICI]: async () => {
    const res = await request(`${base}${PATH}`, { method: "POST", headers, body: json, dispatcher: agent });
    await res.body.json();
  },
  "global fetch": async () => {
    const res = await fetch(`${base}${PATH}`, { method: "POST", headers, body: json });
    await res.json();
  },
  "openapi-fetch on global fetch": async () => {
    const { error } = await ofetch.POST(PATH, { body });
    if (error) throw new Error("unexpected error");
  },
  [OURS]: async () => {
    const { error } = await oursNoLimiter.POST(PATH, { body });
    if (error) throw new Error("unexpected error");
  },
  [OURS_LIMITED]: async () => {
    const { error } = await oursOpenLimiter.POST(PATH, { body });
    if (error) throw new Error("unexpected error");
  },
  [HUBSPOT]: async () => {
    await hubspotDefault.marketing.events.batchApi.upsert(body);
  },
  "@hubspot/api-client, limiter on (limiterOptions)": async () => {
    await hubspotLimiter.marketing.events.batchApi.upsert(body);
  },
};
const names = Object.keys(contenders);

/**
 * Runs `fn` with `inFlight` calls at a time for about `ms` milliseconds (and at least 20 calls):
 * fast and slow contenders get the same time, so a pause of the process (GC, JIT) weighs the
 * same on each instead of being most of a fast contender's short run.
 */
async function measure(fn, inFlight, ms) {
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (calls < 20 || performance.now() < end) {
        calls++;
        await fn();
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: calls / (elapsed / 1000), cpuUs: (cpu.user + cpu.system) / calls };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) =>
  `${median(xs).toFixed(2)}x (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const summary = {};

console.log(
  `client overhead: ${ROUNDS} interleaved rounds x ${MS} ms per contender, loopback, Node ${process.version}`,
);
for (const inFlight of [1, 16]) {
  for (const fn of Object.values(contenders)) await measure(fn, inFlight, MS / 2); // warm-up
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) runs[name].push(await measure(contenders[name], inFlight, MS));
  }
  console.log(`\n${inFlight} in flight`);
  console.log(
    "client                                              calls/s  CPU µs/call  vs @hubspot/api-client  vs bare undici",
  );
  for (const name of names) {
    const perRound = (other) => runs[name].map((r, i) => r.perSecond / runs[other][i].perSecond);
    console.log(
      `${name.padEnd(50)} ${fmt(median(runs[name].map((r) => r.perSecond))).padStart(8)}  ${fmt(median(runs[name].map((r) => r.cpuUs))).padStart(11)}  ${spread(perRound(HUBSPOT)).padStart(22)}  ${spread(perRound(UNDICI)).padStart(14)}`,
    );
    if (name === OURS || name === OURS_LIMITED)
      summary[`${name} @${inFlight}`] = {
        vsHubspot: +median(perRound(HUBSPOT)).toFixed(2),
        vsUndici: +median(perRound(UNDICI)).toFixed(2),
      };
  }
}
server.kill();
await agent.close();
console.log(JSON.stringify({ bench: "client-overhead", rounds: ROUNDS, ms: MS, ratios: summary }));
