/**
 * A real HTTP server on 127.0.0.1 for client tests: records each request (method, path, headers,
 * parsed body) and answers with whatever the test's handler returns.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A handler answers with a Reply, or "reset" to destroy the connection without answering. */
export type Handler = (req: RecordedRequest) => Reply | "reset" | Promise<Reply | "reset">;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServer(initial: Handler = () => ({ status: 404 })): Promise<TestServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown = undefined;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = rawBody;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody,
        body,
      };
      requests.push(recorded);
      try {
        const reply = await handler(recorded);
        if (reply === "reset") {
          req.socket.destroy();
          return;
        }
        const payload = reply.body === undefined ? "" : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(payload ? { "content-type": "application/json" } : {}),
          ...reply.headers,
        });
        res.end(payload);
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`test handler threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
