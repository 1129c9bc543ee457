/** The `mkt-events-mock` command, as built (dist/bin.js), started as its own process. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { V3, call, event } from "./helpers.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

describe("mkt-events-mock", () => {
  it("listens on 127.0.0.1, serves requests, and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [bin, "--port", "0", "--token", "cli-token", "--max-batch-size", "2"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let out = "";
      child.stdout.setEncoding("utf8");
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line; output: ${out}`)), 10_000);
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+) \(versions: (.+)\)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            expect(m[2]).toContain("v3");
            resolve(m[1]);
          }
        });
      });
      expect(
        (await call(url, "POST", `${V3}/events/upsert`, { token: "cli-token", body: { inputs: [event(1)] } }))
          .status,
      ).toBe(200);
      expect(
        (await call(url, "POST", `${V3}/events/upsert`, { token: "other", body: { inputs: [event(1)] } }))
          .status,
      ).toBe(401);
      const tooMany = await call(url, "POST", `${V3}/events/upsert`, {
        token: "cli-token",
        body: { inputs: [event(1), event(2), event(3)] },
      });
      expect(tooMany.status).toBe(400);
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it.each([
    [["--port", "abc"], "--port must be a number"],
    [["--fault-429", "3"], "faults.rate429 must be a number from 0 to 1, got 3"],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("%j exits 2 with a clear message", async (args, message) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("usage: mkt-events-mock");
  });
});
