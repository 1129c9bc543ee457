// @ts-check
/** Template of a versioned package's `package.json`, `tsconfig.json` and `tsup.config.ts`. */

/** @param {import("./context.js").TemplateContext} ctx */
export function renderPackageJson(ctx) {
  const pkg = {
    name: ctx.packageName,
    version: ctx.packageVersion,
    description: `Typed client for HubSpot's Marketing Events API ${ctx.version}, generated from its OpenAPI spec.`,
    keywords: ["hubspot", "marketing-events", "openapi", "openapi-fetch", "typescript"],
    license: "MIT",
    type: "module",
    sideEffects: false,
    engines: { node: ">=20" },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    files: ["dist", "README.md", "LICENSE"],
    publishConfig: { access: "public" },
    scripts: { build: "tsup", test: "publint --strict && attw --pack ." },
    dependencies: { [ctx.coreName]: ctx.coreRange },
    mktEvents: {
      generated: true,
      apiVersion: ctx.version,
      spec: ctx.spec.display,
      specSha256: ctx.spec.sha256,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function renderTsconfig() {
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      noEmit: true,
    },
    include: ["src"],
  };
  return `${JSON.stringify(tsconfig, null, 2)}\n`;
}

export function renderTsupConfig() {
  return `import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/generated/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
});
`;
}
