// Test configuration every package shares: workspace packages resolve to their TypeScript sources,
// so tests never need a build and always see the current code.
import { fileURLToPath } from "node:url"
import { defineProject, type UserWorkspaceConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export const alias = [
  { find: /^@tongxin\/core\/promise$/, replacement: source("./packages/core/src/promise/index.ts") },
  { find: /^@tongxin\/core\/testing$/, replacement: source("./packages/core/src/testing/index.ts") },
  { find: /^@tongxin\/core$/, replacement: source("./packages/core/src/index.ts") },
  { find: /^@tongxin\/report$/, replacement: source("./packages/report/src/index.ts") },
  { find: /^@tongxin\/cli$/, replacement: source("./packages/cli/src/index.ts") },
  { find: /^@tongxin\/store-testkit\/fixtures$/, replacement: source("./packages/store-testkit/src/Fixtures.ts") },
  { find: /^@tongxin\/store-testkit$/, replacement: source("./packages/store-testkit/src/index.ts") },
  { find: /^@tongxin\/store-sqlite$/, replacement: source("./packages/store-sqlite/src/index.ts") },
  { find: /^@tongxin\/store-postgres\/testing$/, replacement: source("./packages/store-postgres/src/Testing.ts") },
  { find: /^@tongxin\/store-postgres$/, replacement: source("./packages/store-postgres/src/index.ts") },
]

/** How long a test or hook may run before it counts as hung: 10 minutes. */
export const hangGuard = 600_000

export const project = (name: string, test: UserWorkspaceConfig["test"] = {}) =>
  defineProject({
    resolve: { alias },
    // Timeouts only catch hangs: tests are sized by count (runs, rows), never by a time budget a
    // loaded machine could miss.
    test: { name, include: ["test/**/*.test.ts"], testTimeout: hangGuard, hookTimeout: hangGuard, ...test },
  })
