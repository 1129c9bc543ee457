import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defineContractSuite, type ClientModule } from "./helpers/contract-suite.js";
import { ROOT, VERSIONS, loadPatchedSpec } from "./helpers/specs.js";

// Every version in specs/ gets the same suite, run against its built package (dist/, ESM).
for (const version of VERSIONS) {
  const doc = await loadPatchedSpec(version);
  const entry = pathToFileURL(join(ROOT, `packages/mkt-events-${version}/dist/index.js`)).href;
  defineContractSuite(version, doc, () => import(entry) as Promise<ClientModule>);
}
