import { defineConfig } from "tsup"

// Two builds: the library (ESM + CJS + types) and the executable (ESM only, keeping its
// `#!/usr/bin/env node` line). Neither cleans: `pnpm build` empties dist first, so the two never race.
// Both keep the `node:` prefix of built-in modules (tsup removes it by default, which breaks the
// prefix-only ones such as `node:sqlite`).
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: { compilerOptions: { composite: false, customConditions: [] } },
    sourcemap: true,
    clean: false,
    removeNodeProtocol: false,
    target: "node22",
    treeshake: true,
    // `import.meta.url` (the rubric `init` copies, the package version) also works in the CJS build.
    shims: true,
  },
  {
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    clean: false,
    removeNodeProtocol: false,
    target: "node22",
    platform: "node",
  },
])
