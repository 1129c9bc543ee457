// A loopback server answering every request with one fixed, valid upsert response, as fast as
// node:http allows: the client benchmarks measure clients, not the server.
import { createServer } from "node:http";

const now = new Date(0).toISOString();
const payload = JSON.stringify({
  status: "COMPLETE",
  startedAt: now,
  completedAt: now,
  results: [
    {
      id: "evt-1",
      objectId: "1",
      eventName: "Bench",
      eventOrganizer: "Acme",
      createdAt: now,
      updatedAt: now,
      customProperties: [{ name: "k", value: "v" }],
    },
  ],
});
const server = createServer((req, res) => {
  req.resume().on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
