// Bundle size of an app that imports one client plus the shared package (esbuild, browser
// platform, minified), raw and gzipped. Figures are printed, not asserted.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
await mkdir(join(root, ".tmp"), { recursive: true });
const dir = await mkdtemp(join(root, ".tmp", "bundle-"));
const apps = {
  "createClient + unwrap": `import { createClient, unwrap } from "@org/mkt-events-2026-03";
const c = createClient({ auth: "t" });
console.log(unwrap(await c.POST("/marketing/marketing-events/2026-03/events/upsert", { body: { inputs: [] } })));`,
  "createClient + bulkUpsert": `import { createClient, bulkUpsert } from "@org/mkt-events-2026-03";
console.log(await bulkUpsert(createClient({ auth: "t" }), []));`,
};
try {
  for (const [name, code] of Object.entries(apps)) {
    const entry = join(dir, `${name.replace(/\W+/g, "-")}.mjs`);
    await writeFile(entry, code);
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      absWorkingDir: root,
    });
    const bytes = out.outputFiles[0].contents;
    console.log(
      `${name.padEnd(28)} ${(bytes.length / 1024).toFixed(1)} KiB min, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB min+gzip`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
