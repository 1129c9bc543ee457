/** The READMEs' TypeScript snippets are what users copy: each must compile under strict settings. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, VERSIONS } from "./helpers/specs.js";
import { typecheckFile } from "./helpers/workspace.js";

const snippetsOf = async (file: string) =>
  [...(await readFile(join(ROOT, file), "utf8")).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

const readmes = {
  "README.md": await snippetsOf("README.md"),
  "packages/mock/README.md": await snippetsOf("packages/mock/README.md"),
  "packages/core/README.md": await snippetsOf("packages/core/README.md"),
  // The generated README of every versioned package.
  ...Object.fromEntries(
    await Promise.all(
      VERSIONS.map(
        async (v) =>
          [
            `packages/mkt-events-${v}/README.md`,
            await snippetsOf(`packages/mkt-events-${v}/README.md`),
          ] as const,
      ),
    ),
  ),
};

describe("README", () => {
  it("has TypeScript usage snippets for both versions and for the mock in a vitest suite", () => {
    expect(readmes["README.md"].some((s) => s.includes('"@org/mkt-events-2026-03"'))).toBe(true);
    expect(readmes["README.md"].some((s) => s.includes('"@org/mkt-events-v3"'))).toBe(true);
    expect(
      readmes["packages/mock/README.md"].some(
        (s) => s.includes('from "vitest"') && s.includes("startMockServer"),
      ),
    ).toBe(true);
  });

  it("Quick start's test command is exactly what .ci/run and the GitHub CI workflow run", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const quick = readme.slice(readme.indexOf("## Quick start"));
    const testCommand = /^(npx -y pnpm@[\d.]+ install && npx -y pnpm@[\d.]+ test)$/m.exec(quick)?.[1];
    expect(testCommand).toBeDefined();
    const ciRun = await readFile(join(ROOT, ".ci/run"), "utf8");
    expect(ciRun.split("\n")).toContain(testCommand);
    const workflow = await readFile(join(ROOT, ".github/workflows/ci.yml"), "utf8");
    const steps = [...workflow.matchAll(/^\s+- run: (.+)$/gm)].map((m) =>
      m[1]?.replace(" --frozen-lockfile", ""),
    );
    expect(steps.join(" && ")).toBe(testCommand);
  });

  const cases = Object.entries(readmes).flatMap(([file, snippets]) =>
    snippets.map((code, n) => [file, n + 1, code] as const),
  );
  it.each(cases)("%s snippet %i compiles", async (file, n, code) => {
    const dir = join(ROOT, ".tmp/readme");
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${file.replace(/[^\w]+/g, "_")}-${n}.ts`);
    await writeFile(path, `${code}\nexport {};\n`);
    await typecheckFile(path);
  });
});
