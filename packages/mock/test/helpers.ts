import { request } from "node:http";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One raw HTTP call (node:http, no retries, no keep-alive); rejects on a reset connection. */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: {
    token?: string | null;
    body?: unknown;
    raw?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? "test-token"}` }),
    ...(payload !== undefined ? { "content-type": "application/json" } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* keep text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const V3 = "/marketing/v3/marketing-events";
export const V2026 = "/marketing/marketing-events/2026-03";

export const event = (n: number | string, extra: Record<string, unknown> = {}) => ({
  externalAccountId: "acct-1",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  customProperties: [{ name: "platform", value: "zoom" }],
  ...extra,
});
