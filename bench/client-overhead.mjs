// Calls per second and client CPU per call for one v3 batch upsert, at 1 and 16 calls in
// flight: our client against bare undici `request`, the global fetch, openapi-fetch on the
// global fetch, and @hubspot/api-client 13.5.0. Same loopback server (its own process), same run.
// Figures are printed, not asserted. Run: pnpm bench (after pnpm run build).
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Client as HubSpotClient } from "@hubspot/api-client";
import createOpenApiFetch from "openapi-fetch";
import { Agent, request } from "undici";
import { createClient } from "@org/mkt-events-v3";

const PATH = "/marketing/v3/marketing-events/events/upsert";
const N = Number(process.env.BENCH_CALLS ?? 3000);

const server = fork(new URL("./fixed-upsert-server.mjs", import.meta.url), {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const port = await new Promise((resolve) => server.once("message", resolve));
const base = `http://127.0.0.1:${port}`;
const input = {
  externalAccountId: "acct",
  externalEventId: "evt-1",
  eventName: "Bench",
  eventOrganizer: "Acme",
  customProperties: [{ name: "k", value: "v" }],
};
const body = { inputs: [input] };
const json = JSON.stringify(body);
const headers = { authorization: "Bearer bench-token", "content-type": "application/json" };

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 });
const ours = createClient({ baseUrl: base, auth: "bench-token", retry: false, rateLimit: false });
const ofetch = createOpenApiFetch({ baseUrl: base, headers });
const hubspot = new HubSpotClient({
  accessToken: "bench-token",
  basePath: base,
  numberOfApiCallRetries: 0,
  limiterOptions: { maxConcurrent: 64, minTime: 0 },
});

const contenders = {
  "bare undici request": async () => {
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
  "@org/mkt-events-v3 (undici)": async () => {
    const { error } = await ours.POST(PATH, { body });
    if (error) throw new Error("unexpected error");
  },
  "@hubspot/api-client 13.5.0": async () => {
    await hubspot.marketing.events.batchApi.upsert(body);
  },
};

async function measure(fn, inFlight, calls) {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < calls) await fn();
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: calls / (ms / 1000), cpuUs: (cpu.user + cpu.system) / calls };
}

const rows = [];
for (const inFlight of [1, 16]) {
  for (const [name, fn] of Object.entries(contenders)) {
    await measure(fn, inFlight, 300); // warm-up
    const r = await measure(fn, inFlight, N);
    rows.push({ inFlight, name, ...r });
  }
}
server.kill();
await agent.close();

const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`client overhead, ${N} calls each, loopback, Node ${process.version}`);
console.log(
  "in flight  client                           calls/s   CPU µs/call  vs @hubspot/api-client  vs bare undici",
);
for (const r of rows) {
  const hs = rows.find((x) => x.inFlight === r.inFlight && x.name.startsWith("@hubspot"));
  const un = rows.find((x) => x.inFlight === r.inFlight && x.name === "bare undici request");
  console.log(
    `${String(r.inFlight).padStart(9)}  ${r.name.padEnd(31)} ${fmt(r.perSecond).padStart(8)}  ${fmt(r.cpuUs).padStart(11)}  ${(fmt(r.perSecond / hs.perSecond, 2) + "x").padStart(22)}  ${(fmt(r.perSecond / un.perSecond, 2) + "x").padStart(14)}`,
  );
}
