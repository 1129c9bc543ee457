/**
 * Every README a user reads (the repository's, bench/'s and each package's, the generated client
 * READMEs included) and the code blocks in them, for the README tests (test/readme.test.ts:
 * commands) and the install test (test/install.test.ts: TypeScript against the packed packages).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./specs.js";

/** Paths of every README, relative to the repository root. */
export const README_FILES: string[] = [
  "README.md",
  "bench/README.md",
  ...readdirSync(join(ROOT, "packages"))
    .sort()
    .map((dir) => `packages/${dir}/README.md`)
    .filter((file) => existsSync(join(ROOT, file))),
];

/** The bodies of the fenced code blocks of one language (`ts`, `sh`) in a README. */
export function codeBlocks(file: string, lang: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1] ?? "");
}

/** Every TypeScript block of every README, numbered per file from 1. */
export const TS_SNIPPETS: { file: string; n: number; code: string }[] = README_FILES.flatMap((file) =>
  codeBlocks(file, "ts").map((code, i) => ({ file, n: i + 1, code })),
);
