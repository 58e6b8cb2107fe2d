import { defineConfig } from "vitest/config"
import { alias } from "../../../../vitest.shared.js"

export default defineConfig({
  resolve: { alias },
  test: { include: ["**/*.broken.ts"], root: import.meta.dirname, testTimeout: 60_000 },
})
