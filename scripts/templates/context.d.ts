/** What every template receives; built once per spec by scripts/lib/render-package.mjs. */
export interface TemplateContext {
  /** e.g. `v3`, `2026-03` */
  version: string;
  /** e.g. `@org/mkt-events-v3` */
  packageName: string;
  /** e.g. `@org/mkt-events-core` */
  coreName: string;
  /** Kept from the existing package.json so changesets' bumps survive regeneration. */
  packageVersion: string;
  /** Version range of the core package, e.g. `workspace:^`. */
  coreRange: string;
  spec: { display: string; sha256: string };
  overlays: { display: string; sha256: string }[];
  generator: { name: string; version: string };
  /** The spec after overlays. */
  doc: any;
  /** Schema names that get a readable alias export, mapped to the alias. */
  schemaAliases: [schema: string, alias: string][];
  operations: { method: string; path: string; summary: string }[];
  /** Common prefix of the version's paths, e.g. `/marketing/v3/marketing-events`. */
  basePath: string;
}
