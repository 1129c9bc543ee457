// A mock HubSpot in its own process, for benchmarks that measure the client's memory and CPU
// alone: starts it with the options given as JSON in argv[2] and sends its URL to the parent.
import { startMockServer } from "@org/mkt-events-mock";

const mock = await startMockServer(JSON.parse(process.argv[2] ?? "{}"));
process.send?.(mock.url);
process.on("disconnect", () => void mock.close().then(() => process.exit(0)));
process.on("SIGTERM", () => void mock.close().then(() => process.exit(0)));
