/** The README's TypeScript snippets are what users copy: each must compile under strict settings. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/specs.js";
import { typecheckFile } from "./helpers/workspace.js";

const readme = await readFile(join(ROOT, "README.md"), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

describe("README", () => {
  it("has TypeScript usage snippets for both versions", () => {
    expect(snippets.some((s) => s.includes('"@org/mkt-events-2026-03"'))).toBe(true);
    expect(snippets.some((s) => s.includes('"@org/mkt-events-v3"'))).toBe(true);
  });

  it.each(snippets.map((code, n) => [n + 1, code] as const))("snippet %i compiles", async (n, code) => {
    const dir = join(ROOT, ".tmp/readme");
    await mkdir(dir, { recursive: true });
    const file = join(dir, `snippet-${n}.ts`);
    await writeFile(file, `${code}\nexport {};\n`);
    await typecheckFile(file);
  });
});
