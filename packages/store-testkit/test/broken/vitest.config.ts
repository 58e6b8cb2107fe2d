import { defineConfig } from "vitest/config"
import { alias, hangGuard } from "../../../../vitest.shared.js"

export default defineConfig({
  resolve: { alias },
  test: { include: ["**/*.broken.ts"], root: import.meta.dirname, testTimeout: hangGuard, hookTimeout: hangGuard },
})
