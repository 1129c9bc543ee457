/** `pnpm demo`, the README's main job, run as a user runs it (small counts, non-TTY output). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/specs.js";

const run = promisify(execFile);

describe("demo", () => {
  it("runs the attendance sync against the faulty mock and verifies the counters it reads back", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, "scripts/demo.mjs"), "--events", "6", "--contacts", "900", "--seed", "3"],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(/Mock HubSpot on http:\/\/127\.0\.0\.1:\d+ \(faults on/);
    expect(stdout).toMatch(/registrations: 900\/900 done/);
    const rows = stdout.split("\n").filter((l) => /^webinar-\d+ /.test(l));
    expect(rows).toHaveLength(6);
    const ROW =
      /^webinar-\d+\s+(\d+)(?: \(\+(\d+)\?\))?\s+(\d+)\s+(\d+)(?: \(\+(\d+)\?\))?\s+(\d+)\s+(\d+)\s+ok$/;
    for (const row of rows) {
      const m = ROW.exec(row.trim());
      expect(m, row).not.toBeNull();
      const [, regOk, regMaybe, regCounter, attOk, attMaybe, attCounter] = m!.map((x) => Number(x ?? 0));
      expect(regCounter).toBeGreaterThanOrEqual(regOk!);
      expect(regCounter).toBeLessThanOrEqual(regOk! + regMaybe!);
      expect(attCounter).toBeGreaterThanOrEqual(attOk!);
      expect(attCounter).toBeLessThanOrEqual(attOk! + attMaybe!);
    }
    const totals =
      /inputs (\d+): succeeded (\d+), failed (\d+) \((\d+) with unknown outcome\), not attempted (\d+)/.exec(
        stdout,
      );
    expect(totals).not.toBeNull();
    const [, inputs, succeeded, failed, , notAttempted] = totals!.map(Number);
    expect(succeeded! + failed! + notAttempted!).toBe(inputs);
    expect(stdout).toContain("sync verified");
    expect(stdout).not.toContain("demo-token");
  });

  it("refuses bad arguments and --live without a token, with exit code 2", async () => {
    for (const [args, message] of [
      [["--contacts", "many"], '--contacts must be a whole number >= 0, got "many"'],
      [["--events", "0"], '--events must be a whole number >= 1, got "0"'],
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
