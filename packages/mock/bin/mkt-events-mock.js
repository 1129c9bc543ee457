#!/usr/bin/env node
// @ts-check
/**
 * The `mkt-events-mock` command (package.json `bin`), committed so that the command exists as
 * soon as a package manager links bins, before anything is built.
 *
 * - Installed from npm (no `src/`): runs the built `dist/bin.js`.
 * - In a checkout of the repository (`src/bin.ts` next to it): bundles `src/bin.ts`, and the
 *   workspace's `@org/mkt-events-core` sources, with the workspace's esbuild and runs that, so
 *   the command works right after `pnpm install` and always runs the current sources.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const source = join(pkgDir, "src/bin.ts");
const built = join(pkgDir, "dist/bin.js");

if (existsSync(source)) {
  await import(pathToFileURL(bundleFromSource()).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  console.error(`mkt-events-mock: ${built} is missing; this copy of @org/mkt-events-mock is not built.`);
  process.exit(1);
}

/** Bundles src/bin.ts into a temporary ESM file (removed on exit) and returns its path. */
function bundleFromSource() {
  const require = createRequire(join(pkgDir, "package.json"));
  /** @type {typeof import("esbuild")} */
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    console.error(
      "mkt-events-mock: running from the repository's sources needs its dev dependencies: run `npx -y pnpm@10.34.9 install` at the repository root.",
    );
    process.exit(1);
  }
  // The workspace's core, from its sources too (not its dist/, which may not be built yet).
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const coreName = Object.keys(pkg.dependencies ?? {}).find((name) => name.endsWith("/mkt-events-core"));
  const coreSource = coreName
    ? join(dirname(require.resolve(`${coreName}/package.json`)), "src/index.node.ts")
    : "";
  /** @type {import("esbuild").BuildResult<{ write: false }>} */
  let result;
  try {
    result = esbuild.buildSync({
      entryPoints: [source],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      write: false,
      logLevel: "error",
      // Bundled CommonJS dependencies (ajv) call require() for Node's built-in modules.
      banner: {
        js: 'import { createRequire as __mktCreateRequire } from "node:module"; const require = __mktCreateRequire(import.meta.url);',
      },
      alias: coreName && existsSync(coreSource) ? { [coreName]: coreSource } : {},
    });
  } catch {
    console.error(`mkt-events-mock: could not bundle ${source} (esbuild's errors above)`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), "mkt-events-mock-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "bin.mjs");
  writeFileSync(file, result.outputFiles[0]?.contents ?? "");
  return file;
}
