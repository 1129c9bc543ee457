/**
 * Scratch copies of specs/ and packages/ under <repo>/.tmp (git-ignored), so generator tests can
 * write, break and build packages while module resolution still finds the workspace's
 * node_modules (tsup, typescript, @org/mkt-events-core).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { ROOT, SPECS_DIR } from "./specs.js";

const run = promisify(execFile);

export interface Scratch {
  dir: string;
  specsDir: string;
  packagesDir: string;
  remove(): Promise<void>;
}

/** A scratch dir with a copy of specs/marketing-events (optionally) and an empty packages/. */
export async function makeScratch(copySpecs = true): Promise<Scratch> {
  await mkdir(join(ROOT, ".tmp"), { recursive: true });
  const dir = await mkdtemp(join(ROOT, ".tmp", "gen-"));
  const specsDir = join(dir, "specs");
  const packagesDir = join(dir, "packages");
  await mkdir(packagesDir, { recursive: true });
  if (copySpecs) await cp(SPECS_DIR, specsDir, { recursive: true });
  else await mkdir(specsDir, { recursive: true });
  return { dir, specsDir, packagesDir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** sha256 and mtime of every file below dir, keyed by relative path. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const hash = createHash("sha256")
          .update(await readFile(p))
          .digest("hex");
        out.set(relative(dir, p), `${hash} ${(await stat(p)).mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return out;
}

/** Runs `node scripts/generate.mjs ...args`; resolves with exit code and output, never throws. */
export async function runGenerateCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, "scripts/generate.mjs"), ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** Builds a generated package with its own tsup config and type-checks it with tsc. */
export async function buildPackage(dir: string): Promise<void> {
  const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
  await run(bin("tsup"), [], { cwd: dir });
  await run(bin("tsc"), ["-p", "tsconfig.json", "--noEmit"], { cwd: dir });
}

/** Type-checks a TypeScript file under strict settings; rejects with tsc's output on errors. */
export async function typecheckFile(file: string, extra: string[] = []): Promise<void> {
  const bin = join(ROOT, "node_modules/.bin/tsc");
  try {
    await run(
      bin,
      [
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
        "--skipLibCheck",
        "--types",
        "node",
        ...extra,
        file,
      ],
      { cwd: ROOT },
    );
  } catch (e: any) {
    throw new Error(`tsc failed for ${file}:\n${e.stdout}${e.stderr}`);
  }
}
