// The tsup build every library package shares: ESM + CJS for Node 22.19+, and declarations from tsc
// (dist/types/**/*.d.ts + .d.cts) rather than tsup's bundled dts, which drops the value side of
// names that are both a value and a type in `export * as` namespaces (see emit-declarations.ts).
import { defineConfig } from "tsup"
import { emitDeclarations } from "./emit-declarations.js"

export const library = (entry: Record<string, string>) =>
  defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: false,
    onSuccess: () => emitDeclarations(entry),
    sourcemap: true,
    clean: true,
    target: "node22",
    // tsup 9 strips `node:` by default; `node:sqlite` has no bare-name alias, so keep every prefix.
    removeNodeProtocol: false,
    treeshake: true,
  })
