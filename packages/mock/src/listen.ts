/**
 * Why this file exists: the HTTP server around the mock's pipeline: a handler that throws
 * answers 500 in HubSpot's error shape (or drops a half-sent answer) instead of crashing the
 * process, and start resolves only once the port is bound.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hubspotError } from "./hubspot-errors.js";

export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  host: string,
  requestedPort: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify(hubspotError(500, "INTERNAL_ERROR", `mock failure: ${(e as Error).message}`).body),
        );
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
