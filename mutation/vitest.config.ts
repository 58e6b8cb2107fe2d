// Vitest config of the mutation run (mutation/stryker.config.mjs): only kit-memory.test.ts, with the
// workspace packages resolved to their sources as in every package's tests.
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { defineConfig } from "vitest/config"
import { alias, hangGuard } from "../vitest.shared.js"

// fast-check is a dependency of the kit, not of the root: resolve the kit's copy (its ES module
// entry), so that the seed set in the test file reaches the copy the kit's properties use.
const kit = createRequire(new URL("../packages/store-testkit/package.json", import.meta.url))
const fastCheck = join(dirname(kit.resolve("fast-check/package.json")), "lib/fast-check.js")

export default defineConfig({
  resolve: { alias: [{ find: /^fast-check$/, replacement: fastCheck }, ...alias] },
  test: {
    root: import.meta.dirname,
    include: ["kit-memory.test.ts"],
    testTimeout: hangGuard,
    hookTimeout: hangGuard,
  },
})
