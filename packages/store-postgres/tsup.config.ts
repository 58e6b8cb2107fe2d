import { defineConfig } from "tsup"
import { emitDeclarations } from "../../scripts/emit-declarations.js"

const entry = { index: "src/index.ts", Testing: "src/Testing.ts" }

export default defineConfig({
  entry,
  format: ["esm", "cjs"],
  // Declarations come from tsc (dist/types/**/*.d.ts + .d.cts), not tsup's bundled dts, which drops
  // the value side of names that are both a value and a type in `export * as` namespaces: see
  // scripts/emit-declarations.ts.
  dts: false,
  onSuccess: () => emitDeclarations(entry),
  sourcemap: true,
  clean: true,
  target: "node20",
  treeshake: true,
})
