import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/generated/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
});
