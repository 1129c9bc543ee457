/**
 * Why this file exists: a mock used by other people's test suites meets every kind of broken
 * request. The body is read with a size limit (413, also when sent chunked), its type checked,
 * and bad JSON reported with the line and column where parsing stopped, each as HubSpot's 4xx
 * error, never a crash.
 */
import type { IncomingMessage } from "node:http";
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/** Where JSON.parse gave up, as " at line L, column C" (Node 20 does not always say). */
function jsonErrorLocation(text: string, err: unknown): string {
  const stated = /position (\d+)/.exec(String((err as Error).message));
  let offset = stated ? Number(stated[1]) : undefined;
  if (offset === undefined) {
    // The shortest prefix that fails for a reason other than ending early ends at the bad character.
    const bad = (length: number) => {
      try {
        JSON.parse(text.slice(0, length));
        return false;
      } catch (e) {
        const message = (e as Error).message;
        const at = /position (\d+)/.exec(message);
        const endedEarly = /end of JSON input/i.test(message) || (at !== null && Number(at[1]) >= length);
        return !endedEarly;
      }
    };
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bad(mid)) hi = mid;
      else lo = mid + 1;
    }
    offset = Math.max(0, lo - 1);
  }
  const before = text.slice(0, offset).split("\n");
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Reads a JSON request body, or says (as HubSpot would) why it cannot be used. */
export async function readJsonBody(
  req: IncomingMessage,
  opts: { maxBodyBytes: number; required: boolean },
): Promise<{ body: unknown } | ErrorReply> {
  const type = req.headers["content-type"] ?? "";
  if (!JSON_TYPE.test(type)) {
    return hubspotError(
      415,
      "VALIDATION_ERROR",
      `Content-Type must be application/json, got ${type ? JSON.stringify(type) : "none"}`,
    );
  }
  const tooLarge = (): ErrorReply => ({
    ...hubspotError(413, "VALIDATION_ERROR", `Request body exceeds the limit of ${opts.maxBodyBytes} bytes`),
    headers: { Connection: "close" },
  });
  // An oversized body is still read to its end (up to a cap) before the 413 is sent: a client
  // still writing (a chunked body, or one that ignores an early answer) would otherwise meet a
  // closed socket (EPIPE, ECONNRESET) instead of the answer.
  const drainCap = Math.max(16 * opts.maxBodyBytes, 16 * 1024 * 1024);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > drainCap) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainCap) return tooLarge();
    if (size <= opts.maxBodyBytes) chunks.push(chunk);
  }
  if (size > opts.maxBodyBytes || declared > opts.maxBodyBytes) return tooLarge();
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") {
    if (!opts.required) return { body: undefined };
    return hubspotError(400, "VALIDATION_ERROR", "A request body is required", {
      errors: [{ message: "body is required", in: "body" }],
    });
  }
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    return hubspotError(
      400,
      "VALIDATION_ERROR",
      `Invalid input JSON${jsonErrorLocation(text, e)}: ${(e as Error).message}`,
    );
  }
}
