/**
 * Proven by a real install: every publishable package is packed (`pnpm pack`), checked for what
 * the tarball holds, installed with npm into a project outside the workspace, type-checked
 * under node16 (ESM and CJS) and bundler resolution, and run as ESM and as CJS against the
 * installed mock server. Every README's TypeScript examples compile against the installed
 * packages, the mock README's vitest suite runs there, and `npx mkt-events-mock` starts the
 * installed mock.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TS_SNIPPETS } from "./helpers/readme.js";
import { ROOT } from "./helpers/specs.js";

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules/.bin/tsc");
/** How a consumer project compiles (strict, Node 16 module resolution). */
const CONSUMER_TSC = [
  "--strict",
  "--target",
  "es2022",
  "--module",
  "node16",
  "--moduleResolution",
  "node16",
  "--types",
  "node",
];
const rootPkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
// The pnpm running this test (pnpm sets npm_execpath for scripts), or else the pinned one through
// npx, as the READMEs run it (`npx vitest run test/install.test.ts` on a machine without pnpm).
const execpath = process.env.npm_execpath ?? "";
const pnpm = /pnpm/.test(execpath)
  ? execpath.endsWith("js")
    ? [process.execPath, execpath]
    : [execpath]
  : ["npx", "-y", rootPkg.packageManager];
let project: string;
let packs: string;
const tarballs = new Map<string, string>();
/**
 * Core's exports that the client packages leave out: its generic client factories (each client
 * has its own `createClient`, typed for its version), and `undiciSender`, which only core's
 * `node` entry has (a client re-exporting it would break in browsers).
 */
const CORE_ONLY = ["createHubSpotClient", "makeCreateHubSpotClient", "undiciSender"];
/** The versioned client packages among the packed ones. */
const clients = () => [...tarballs.keys()].filter((n) => !/-(core|mock)$/.test(n));
/** Each README TypeScript block as a file of the consumer project (ESM: examples use top-level await). */
const snippetFile = (file: string, n: number) => `readme/${file.replace(/[^\w]+/g, "_")}-${n}.mts`;
/** npx as a user runs it, but never from the registry: the command must come from the install. */
const npxEnv = { ...process.env, npm_config_offline: "true", npm_config_yes: "false" };

const consumer = (importLine: string) => `${importLine}

async function main(): Promise<void> {
  const mock = await startMockServer({ tokens: ["install-token"] });
  try {
    const client = createClient({ baseUrl: mock.url, auth: "install-token", retry: { retries: 2, minDelayMs: 10 } });
    const one = unwrap(
      await client.POST("/marketing/marketing-events/2026-03/events/upsert", {
        body: { inputs: [{ externalAccountId: "a", externalEventId: "e-1", eventName: "Launch", eventOrganizer: "Acme", customProperties: [{ name: "k", value: "v" }] }] },
      }),
    );
    const many = await bulkUpsert(
      client,
      Array.from({ length: 250 }, (_, n) => ({ externalAccountId: "a", externalEventId: \`bulk-\${n}\`, eventName: "n", eventOrganizer: "o", customProperties: [] })),
    );
    console.log(JSON.stringify({ status: one.status, succeeded: many.succeeded.length, stored: mock.state.events.size, version: API_VERSION }));
  } finally {
    await mock.close();
  }
}
void main();
`;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "mkt-events-install-"));
  packs = join(project, "packs");
  for (const dir of await readdir(join(ROOT, "packages"))) {
    const pkg = JSON.parse(await readFile(join(ROOT, "packages", dir, "package.json"), "utf8"));
    if (pkg.private) continue;
    const { stdout } = await run(pnpm[0]!, [...pnpm.slice(1), "pack", "--pack-destination", packs], {
      cwd: join(ROOT, "packages", dir),
    });
    tarballs.set(pkg.name, stdout.trim().split("\n").at(-1)!.trim());
  }
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=error",
      "@types/node@20.19.43",
      // For the mock README's example, a vitest suite.
      `vitest@${rootPkg.devDependencies.vitest}`,
      ...tarballs.values(),
    ],
    { cwd: project, timeout: 300_000 },
  );
  await writeFile(
    join(project, "esm.mts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } from "@org/mkt-events-2026-03";\nimport { startMockServer } from "@org/mkt-events-mock";',
    ),
  );
  await writeFile(
    join(project, "cjs.cts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } = require("@org/mkt-events-2026-03");\nimport { startMockServer } = require("@org/mkt-events-mock");',
    )
      .replace(
        'import { API_VERSION, bulkUpsert, createClient, unwrap } = require("@org/mkt-events-2026-03");',
        'import pkg = require("@org/mkt-events-2026-03");\nconst { API_VERSION, bulkUpsert, createClient, unwrap } = pkg;',
      )
      .replace(
        'import { startMockServer } = require("@org/mkt-events-mock");',
        'import mockPkg = require("@org/mkt-events-mock");\nconst { startMockServer } = mockPkg;',
      ),
  );
  await writeFile(
    join(project, "bundler.ts"),
    consumer(
      'import { API_VERSION, bulkUpsert, createClient, unwrap } from "@org/mkt-events-2026-03";\nimport { startMockServer } from "@org/mkt-events-mock";',
    ),
  );
  await mkdir(join(project, "readme"));
  for (const { file, n, code } of TS_SNIPPETS) {
    await writeFile(join(project, snippetFile(file, n)), `${code}\nexport {};\n`);
  }
}, 600_000);
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe("published packages", () => {
  it("every tarball holds dist, types, README, LICENSE and package.json, and nothing else", async () => {
    expect([...tarballs.keys()].sort()).toEqual([
      "@org/mkt-events-2026-03",
      "@org/mkt-events-2026-09",
      "@org/mkt-events-core",
      "@org/mkt-events-mock",
      "@org/mkt-events-v3",
    ]);
    for (const [name, file] of tarballs) {
      const { stdout } = await run("tar", ["-tzf", file]);
      const entries = stdout.trim().split("\n").sort();
      expect(entries, name).toEqual(
        expect.arrayContaining([
          "package/package.json",
          "package/README.md",
          "package/LICENSE",
          "package/dist/index.js",
          "package/dist/index.cjs",
          "package/dist/index.d.ts",
          "package/dist/index.d.cts",
        ]),
      );
      // The mock also ships its command's launcher (package.json bin).
      const bin = name === "@org/mkt-events-mock" ? ["package/bin/mkt-events-mock.js"] : [];
      expect(entries, name).toEqual(expect.arrayContaining(bin));
      const unexpected = entries.filter(
        (e) =>
          !bin.includes(e) &&
          !/^package\/(package\.json|README\.md|LICENSE|dist\/[\w.-]+\.(js|cjs|d\.ts|d\.cts))$/.test(e),
      );
      expect(unexpected, name).toEqual([]);
      const { stdout: manifest } = await run("tar", ["-xzOf", file, "package/package.json"]);
      expect(manifest, name).not.toContain("workspace:");
    }
  });

  it.each([
    ["node16, ESM", ["esm.mts", "--module", "node16", "--moduleResolution", "node16"]],
    ["node16, CJS", ["cjs.cts", "--module", "node16", "--moduleResolution", "node16"]],
    ["bundler", ["bundler.ts", "--module", "esnext", "--moduleResolution", "bundler"]],
  ])("type-checks a strict consumer under %s", async (_name, args) => {
    const [file, ...flags] = args as [string, ...string[]];
    await run(TSC, ["--noEmit", "--strict", "--target", "es2022", "--types", "node", ...flags, file], {
      cwd: project,
    }).catch((e) => {
      throw new Error(`tsc failed:\n${e.stdout}${e.stderr}`);
    });
  });

  it.each([
    ["ESM (import)", "esm.mts", "esm.mjs"],
    ["CJS (require)", "cjs.cts", "cjs.cjs"],
  ])("runs as %s against the installed mock", async (_name, source, output) => {
    await run(TSC, [...CONSUMER_TSC, "--outDir", "out", source], { cwd: project });
    const { stdout } = await run(process.execPath, [join("out", output)], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      status: "COMPLETE",
      succeeded: 250,
      stored: 251,
      version: "2026-03",
    });
  });

  it.each([
    [
      "ESM",
      "--input-type=module",
      'const core = await import("@org/mkt-events-core"); const pkg = await import(NAME);',
    ],
    [
      "CJS",
      "--input-type=commonjs",
      'const core = require("@org/mkt-events-core"); const pkg = require(NAME);',
    ],
  ])(
    "each client package exports every value of core's (but CORE_ONLY), its classes and constants the same objects (%s)",
    async (_kind, flag, load) => {
      for (const name of clients()) {
        const script = `(async () => { ${load.replace("NAME", JSON.stringify(name))}
        const names = Object.keys(core).filter((k) => k !== "default");
        console.log(JSON.stringify({
          count: names.length,
          missing: names.filter((k) => !${JSON.stringify(CORE_ONLY)}.includes(k) && !(k in pkg)),
          // Classes and constants are core's own objects (one HubSpotApiError for instanceof);
          // a function may be the client's wrapper of core's (bulkUpsert checks its version's schema).
          notShared: names.filter((k) => k in pkg && pkg[k] !== core[k] && (typeof core[k] !== "function" || /^[A-Z]/.test(k))),
          leaked: ${JSON.stringify(CORE_ONLY)}.filter((k) => k in pkg),
          createClient: typeof pkg.createClient,
        }));
      })();`;
        const { stdout } = await run(process.execPath, [flag, "-e", script], { cwd: project });
        const result = JSON.parse(stdout);
        expect(result.count, name).toBeGreaterThan(20);
        expect(result, name).toMatchObject({
          missing: [],
          notShared: [],
          leaked: [],
          createClient: "function",
        });
      }
    },
  );

  it("each client package exports every name of core's, values and types (but CORE_ONLY)", async () => {
    const file = join(project, "exports.mts");
    const specifiers = ["@org/mkt-events-core", ...clients()];
    await writeFile(
      file,
      specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join("\n"),
    );
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      types: ["node"],
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const exportsOf = source.statements.filter(ts.isImportDeclaration).map((decl) => {
      const symbol = checker.getSymbolAtLocation(decl.moduleSpecifier);
      expect(symbol, decl.moduleSpecifier.getText()).toBeDefined();
      return new Set(checker.getExportsOfModule(symbol!).map((s) => s.name));
    });
    const [core, ...packages] = exportsOf;
    expect(core!.size).toBeGreaterThan(50);
    for (const name of [
      "RateLimiterRegistry",
      "HUBSPOT_RATE_LIMITS",
      "BulkProgress",
      "HubSpotClientOptions",
    ]) {
      expect(core!.has(name), name).toBe(true);
    }
    packages.forEach((pkg, i) => {
      const missing = [...core!].filter((n) => !CORE_ONLY.includes(n) && !pkg.has(n));
      expect(missing, clients()[i]).toEqual([]);
      expect(
        CORE_ONLY.filter((n) => pkg.has(n)),
        clients()[i],
      ).toEqual([]);
    });
  });
});

describe("README examples against the installed packages", () => {
  // One tsc run for all examples (each file is its own module); each case reports its own errors.
  let compiled: Promise<string> | undefined;
  const compile = () =>
    (compiled ??= run(
      TSC,
      ["--noEmit", ...CONSUMER_TSC, ...TS_SNIPPETS.map(({ file, n }) => snippetFile(file, n))],
      { cwd: project },
    ).then(
      () => "",
      (e) => `${e.stdout}${e.stderr}`,
    ));

  it("finds examples in the repository README, the mock's, core's and every client's", () => {
    const files = new Set(TS_SNIPPETS.map((s) => s.file));
    for (const file of ["README.md", "packages/mock/README.md", "packages/core/README.md"]) {
      expect(files.has(file), file).toBe(true);
    }
    for (const name of clients()) {
      expect(files.has(`packages/${name.replace("@org/", "")}/README.md`), name).toBe(true);
    }
  });

  it.each(TS_SNIPPETS.map(({ file, n }) => [file, n] as const))("%s example %i compiles", async (file, n) => {
    const output = await compile();
    const mine = output
      .split(/\n(?=\S)/)
      .filter((diagnostic) => diagnostic.startsWith(`${snippetFile(file, n)}(`));
    expect(mine).toEqual([]);
    // An error tsc reports without a file (bad flags, a missing file) fails every case.
    expect(output.split(/\n(?=\S)/).filter((d) => d.trim() && !d.startsWith("readme/"))).toEqual([]);
  });

  it("the mock README's vitest suite passes against the installed mock and client", async () => {
    const suite = TS_SNIPPETS.find(
      (s) => s.file === "packages/mock/README.md" && s.code.includes('from "vitest"'),
    );
    expect(suite).toBeDefined();
    await writeFile(join(project, "mock-readme.test.mts"), suite!.code);
    const { stdout } = await run("npx", ["vitest", "run", "mock-readme.test.mts"], {
      cwd: project,
      env: { ...npxEnv, CI: "true", NO_COLOR: "1" },
      timeout: 120_000,
    }).catch((e) => {
      throw new Error(`vitest failed:\n${e.stdout}${e.stderr}`);
    });
    expect(stdout).toMatch(/Tests\s+1 passed/);
  });
});

describe("npx mkt-events-mock in a project that installed the package", () => {
  it("prints its usage with --help", async () => {
    const { stdout } = await run("npx", ["mkt-events-mock", "--help"], { cwd: project, env: npxEnv });
    expect(stdout).toContain("usage: mkt-events-mock");
    expect(stdout).toContain("--fault-5xx");
  });

  it("serves the installed mock until interrupted", async () => {
    // Its own process group, so the interrupt reaches node behind npx, as Ctrl-C does.
    const child = spawn("npx", ["mkt-events-mock", "--port", "0", "--token", "npx-token"], {
      cwd: project,
      env: npxEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8").on("data", (c: string) => (out += c));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line; output: ${out}`)), 30_000);
        child.once("exit", (code) => reject(new Error(`exited with ${code}; output: ${out}`)));
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          const m = /mkt-events-mock listening on (http:\/\/127\.0\.0\.1:\d+) \(versions: [^)]*\bv3\b/.exec(
            out,
          );
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const upsert = (token: string) =>
        fetch(`${url}/marketing/v3/marketing-events/events/upsert`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            inputs: [
              {
                externalAccountId: "a",
                externalEventId: "npx-1",
                eventName: "n",
                eventOrganizer: "o",
                customProperties: [],
              },
            ],
          }),
        });
      expect((await upsert("npx-token")).status).toBe(200);
      expect((await upsert("other-token")).status).toBe(401);
      const exited = once(child, "exit");
      process.kill(-child.pid!, "SIGINT");
      await exited;
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  });
});
