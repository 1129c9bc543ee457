// A mock HubSpot in its own process, for benchmarks that measure the client alone (its CPU and
// memory are not the server's): run as a child with the options given as JSON in argv[2], it
// starts the mock and sends its URL to the parent. `startMockProcess` is the parent's side.
import { fork } from "node:child_process";
import { startMockServer } from "@org/mkt-events-mock";

export async function startMockProcess(options) {
  const child = fork(new URL(import.meta.url), [JSON.stringify(options)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    ...(process.env.MOCK_PROF ? { execArgv: ["--cpu-prof", `--cpu-prof-dir=${process.env.MOCK_PROF}`] } : {}),
  });
  const url = await new Promise((resolve) => child.once("message", resolve));
  return { url, stop: () => child.kill("SIGTERM") };
}

if (process.send && process.argv[2]) {
  const mock = await startMockServer(JSON.parse(process.argv[2]));
  process.send(mock.url);
  process.on("disconnect", () => void mock.close().then(() => process.exit(0)));
  process.on("SIGTERM", () => void mock.close().then(() => process.exit(0)));
}
