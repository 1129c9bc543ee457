#!/usr/bin/env node
// @ts-check
/** `pnpm run lint:specs`: runs `redocly lint` (redocly.yaml) on every spec the generator uses. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { discover } from "./lib/generate.mjs";

const root = new URL("..", import.meta.url).pathname;
const { specs, problems } = await discover(join(root, "specs/marketing-events"), root);
if (problems.length > 0) {
  for (const p of problems) console.error(`lint:specs: ${p}`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const cli = join(require.resolve("@redocly/cli/package.json"), "..", "bin/cli.js");
const files = specs.map((s) => relative(root, s.file));
const run = spawnSync(process.execPath, [cli, "lint", "--config", "redocly.yaml", ...files], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
process.exit(run.status ?? 1);
