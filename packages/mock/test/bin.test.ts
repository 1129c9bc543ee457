/**
 * The `mkt-events-mock` command started as its own process: through the committed launcher that
 * package.json's `bin` names (in this checkout it runs the sources, so it works before any
 * build), and as built (dist/bin.js, what the launcher runs once installed from npm; the
 * installed tarball's command is tested in test/install.test.ts).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { V3, call, event } from "./helpers.js";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const launcher = join(pkgDir, "bin/mkt-events-mock.js");
const built = join(pkgDir, "dist/bin.js");

/** Starts the command with args; resolves with its exit code and output. */
async function runToExit(bin: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
  const [code] = await once(child, "exit");
  return { code, out, err };
}

describe("package.json bin", () => {
  it("names the committed launcher, which the published files include", async () => {
    const pkg = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8"));
    expect(pkg.bin).toEqual({ "mkt-events-mock": "./bin/mkt-events-mock.js" });
    expect(pkg.files).toContain("bin");
    expect((await stat(launcher)).mode & 0o111).not.toBe(0);
    expect((await readFile(launcher, "utf8")).startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("the launcher in a checkout that was never built", () => {
  // A copy of the package with bin/, src/ and its node_modules but no dist/, inside the
  // workspace so esbuild and @org/mkt-events-core (whose sources it uses) resolve as in a clone.
  let copy: string;
  beforeAll(async () => {
    await mkdir(join(pkgDir, "../../.tmp"), { recursive: true });
    copy = await mkdtemp(join(pkgDir, "../../.tmp/mock-unbuilt-"));
    for (const entry of ["bin", "src", "package.json"]) {
      await cp(join(pkgDir, entry), join(copy, entry), { recursive: true });
    }
    await symlink(join(pkgDir, "node_modules"), join(copy, "node_modules"));
  });
  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it("prints the usage with --help", async () => {
    const { code, out } = await runToExit(join(copy, "bin/mkt-events-mock.js"), ["--help"]);
    expect(code).toBe(0);
    expect(out).toContain("usage: mkt-events-mock");
    await expect(stat(join(copy, "dist"))).rejects.toThrow(/ENOENT/);
  });

  it("serves requests", async () => {
    await serves(join(copy, "bin/mkt-events-mock.js"));
  });
});

describe.each([
  ["the launcher", launcher],
  ["dist/bin.js", built],
])("mkt-events-mock (%s)", (_name, bin) => {
  it("listens on 127.0.0.1, serves requests, and stops on SIGTERM", async () => {
    await serves(bin);
  });

  it.each([
    [["--port", "abc"], "--port must be a number"],
    [["--fault-429", "3"], "faults.rate429 must be a number from 0 to 1, got 3"],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("%j exits 2 with a clear message", async (args, message) => {
    const { code, err } = await runToExit(bin, args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("usage: mkt-events-mock");
  });
});

/** Starts the command on a free port, checks that it serves and checks tokens, then stops it. */
async function serves(bin: string): Promise<void> {
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
}
