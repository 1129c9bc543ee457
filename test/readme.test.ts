/**
 * The READMEs as a new user reads them on a machine with Node.js and npm only: what their
 * examples cover, and that every command they show can run there as written. (Their TypeScript
 * examples are compiled against the packed packages in test/install.test.ts.)
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { README_FILES, TS_SNIPPETS, codeBlocks } from "./helpers/readme.js";
import { ROOT, VERSIONS } from "./helpers/specs.js";

const rootPkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
/** The pnpm the repository pins, run through npx: the one way the READMEs invoke pnpm. */
const PNPM = `npx -y ${rootPkg.packageManager}`;

/** A command that runs on a machine with Node.js and npm only (no pnpm on PATH). */
const runsWithNodeAndNpm = (command: string) =>
  command.startsWith(`${PNPM} `) ||
  /^npm install /.test(command) ||
  /^npx mkt-events-mock( |$)/.test(command) ||
  /^node [\w/.-]+\.mjs( |$)/.test(command);

/** Commands of a README: each line of its `sh` blocks (comments and `&&` chains split) and each inline code span that starts like a command. */
function commandsOf(file: string, text: string): string[] {
  const blockLines = codeBlocks(file, "sh")
    .flatMap((block) => block.split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line && !line.startsWith("#"));
  const inline = [...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)]
    .map((m) => m[1] ?? "")
    .filter((span) =>
      /^(?:pnpm|npm|npx|yarn|node|corepack|turbo|vitest|tsc) \S|^mkt-events-mock -/.test(span),
    );
  return [...blockLines, ...inline].flatMap((c) => c.split(/\s+&&\s+/));
}

describe("README", () => {
  it("covers every README a user reads: the repository's, bench/'s, and every package's", () => {
    expect(README_FILES).toEqual(
      expect.arrayContaining([
        "README.md",
        "bench/README.md",
        "packages/core/README.md",
        "packages/mock/README.md",
        ...VERSIONS.map((v) => `packages/mkt-events-${v}/README.md`),
      ]),
    );
  });

  it("has TypeScript usage snippets for both versions and for the mock in a vitest suite", () => {
    const of = (file: string) => TS_SNIPPETS.filter((s) => s.file === file).map((s) => s.code);
    expect(of("README.md").some((s) => s.includes('"@org/mkt-events-2026-03"'))).toBe(true);
    expect(of("README.md").some((s) => s.includes('"@org/mkt-events-v3"'))).toBe(true);
    expect(
      of("packages/mock/README.md").some((s) => s.includes('from "vitest"') && s.includes("startMockServer")),
    ).toBe(true);
    for (const v of VERSIONS) {
      expect(of(`packages/mkt-events-${v}/README.md`).join("\n")).toContain(`"@org/mkt-events-${v}"`);
    }
  });

  it("imports the shared runtime's names from the client packages, never from core directly, outside core's own README", () => {
    for (const { file, code } of TS_SNIPPETS) {
      if (file === "packages/core/README.md") continue;
      expect(code, file).not.toMatch(/from "@org\/mkt-events-core"/);
    }
    const imported = TS_SNIPPETS.map((s) => s.code).join("\n");
    for (const name of [
      "RateLimiterRegistry",
      "HUBSPOT_RATE_LIMITS",
      "BulkProgress",
      "HubSpotClientOptions",
    ]) {
      expect(imported).toMatch(new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "@org/mkt-events-`));
    }
  });

  it.each(README_FILES)("%s: every command runs with Node.js and npm only, as written", async (file) => {
    const text = await readFile(join(ROOT, file), "utf8");
    const commands = commandsOf(file, text);
    expect(commands.filter((c) => !runsWithNodeAndNpm(c))).toEqual([]);
  });

  it("finds the commands it checks, and rejects a bare pnpm or npm run", () => {
    const readme = codeBlocks("README.md", "sh").join("\n");
    expect(readme).toContain(`${PNPM} run build`);
    expect(commandsOf("README.md", "Run `pnpm run generate`, then `npm run demo`.")).toEqual(
      expect.arrayContaining(["pnpm run generate", "npm run demo"]),
    );
    expect(runsWithNodeAndNpm("pnpm run generate")).toBe(false);
    expect(runsWithNodeAndNpm("npm run demo")).toBe(false);
    expect(runsWithNodeAndNpm("npx -y pnpm@9.0.0 install")).toBe(false);
    expect(runsWithNodeAndNpm(`${PNPM} install`)).toBe(true);
  });

  it("Quick start's test command is exactly what .ci/run and the GitHub CI workflow run", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const quick = readme.slice(readme.indexOf("## Quick start"));
    const testCommand = /^(npx -y pnpm@[\d.]+ install && npx -y pnpm@[\d.]+ test)$/m.exec(quick)?.[1];
    expect(testCommand).toBe(`${PNPM} install && ${PNPM} test`);
    const ciRun = await readFile(join(ROOT, ".ci/run"), "utf8");
    expect(ciRun.split("\n")).toContain(testCommand);
    const workflow = await readFile(join(ROOT, ".github/workflows/ci.yml"), "utf8");
    const steps = [...workflow.matchAll(/^\s+- run: (.+)$/gm)].map((m) =>
      m[1]?.replace(" --frozen-lockfile", ""),
    );
    expect(steps.join(" && ")).toBe(testCommand);
  });
});
