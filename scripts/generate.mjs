#!/usr/bin/env node
// @ts-check
/**
 * `pnpm run generate [--check] [--specs DIR] [--packages DIR] [--root DIR]`
 * Generates one typed client package per spec in specs/marketing-events/. With --check, writes
 * nothing and exits 1 naming every stale, missing or hand-edited generated file.
 */
import { parseArgs } from "node:util";
import { generate } from "./lib/generate.mjs";

const usage = "usage: generate [--check] [--specs DIR] [--packages DIR] [--root DIR]";
let args;
try {
  args = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      specs: { type: "string" },
      packages: { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (e) {
  console.error(`generate: ${e instanceof Error ? e.message : e}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const result = await generate({
  check: args.check,
  ...(args.specs ? { specsDir: args.specs } : {}),
  ...(args.packages ? { packagesDir: args.packages } : {}),
  ...(args.root ? { root: args.root } : {}),
});
if (!result.ok) {
  console.error(`generate${args.check ? " --check" : ""}: failed`);
  for (const m of result.messages) console.error(`  ${m}`);
  if (!args.check) console.error("  nothing was written");
  process.exit(1);
}
if (args.check) {
  console.log(`generate --check: ${result.versions.join(", ")} up to date`);
} else {
  for (const line of result.changed) console.log(`  ${line}`);
  console.log(
    `generate: ${result.versions.join(", ")}: ${result.changed.length ? `${result.changed.length} file(s) changed` : "already up to date"}`,
  );
}
