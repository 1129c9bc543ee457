/** `pnpm demo`, the README's main job, run as a user runs it (small counts, non-TTY output). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/specs.js";

const run = promisify(execFile);

describe("demo", () => {
  it("upserts through 2026-03 and updates through v3 against the faulty mock, accounting for every input", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, "scripts/demo.mjs"), "--count", "400", "--update", "150", "--seed", "3"],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(/Mock HubSpot on http:\/\/127\.0\.0\.1:\d+ \(faults on/);
    expect(stdout).toMatch(/upsert \(2026-03\): 400\/400 done/);
    const row = (name: string) => {
      const line = stdout.split("\n").find((l) => l.startsWith(name)) ?? "";
      const [inputs, succeeded, failed, notAttempted] = line
        .slice(name.length)
        .trim()
        .split(/\s+/)
        .map(Number);
      return { inputs, succeeded, failed, notAttempted };
    };
    const up = row("upsert via 2026-03");
    const upd = row("update via v3");
    expect(up.inputs).toBe(400);
    expect(up.succeeded! + up.failed! + up.notAttempted!).toBe(400);
    expect(up.succeeded).toBeGreaterThan(350);
    expect(upd.inputs).toBe(150);
    expect(upd.succeeded! + upd.failed! + upd.notAttempted!).toBe(150);
    expect(stdout).toMatch(/^failed upserts: /m);
    expect(stdout).not.toContain("demo-token");
  });

  it("refuses bad arguments and --live without a token, with exit code 2", async () => {
    for (const [args, message] of [
      [["--count", "many"], '--count must be a whole number >= 0, got "many"'],
      [["--live"], "--live needs HUBSPOT_ACCESS_TOKEN"],
    ] as const) {
      const e = await run(process.execPath, [join(ROOT, "scripts/demo.mjs"), ...args], {
        cwd: ROOT,
        env: { ...process.env, HUBSPOT_ACCESS_TOKEN: "" },
      }).then(
        () => undefined,
        (x: { code: number; stderr: string }) => x,
      );
      expect(e?.code).toBe(2);
      expect(e?.stderr).toContain(message);
    }
  });
});
