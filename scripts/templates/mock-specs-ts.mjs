// @ts-check
/** Template of `packages/mock/src/generated/specs.ts`: every spec (after overlays) the mock serves. */
import { tsHeader } from "./header.mjs";

/**
 * @param {{ specs: { version: string, display: string, sha256: string, doc: any }[], overlays: { display: string, sha256: string }[], generator: { name: string, version: string } }} ctx
 */
export function renderMockSpecs(ctx) {
  const entries = [...ctx.specs]
    .sort((a, b) => (a.version < b.version ? -1 : 1))
    .map((s) => `  ${JSON.stringify(s.version)}: ${JSON.stringify(s.doc)},`)
    .join("\n");
  return `${tsHeader(ctx)}
/** The Marketing Events specs in specs/ (with overlays applied), by API version. */
export const specs: Record<string, Record<string, unknown>> = {
${entries}
};
`;
}
