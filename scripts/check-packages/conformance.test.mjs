// Run by `vitest run` in the temporary project: @tongxin/store-testkit's main entry imports vitest,
// so it only loads inside a vitest run. Registers the conformance suite on the packed SQLite
// adapter, a few groups and few property runs, to prove the published suite works, not to test the
// adapter (the workspace's own tests do that).
import { SqliteStore } from "@tongxin/store-sqlite"
import { groups, storeConformance } from "@tongxin/store-testkit"

storeConformance("sqlite (packed)", SqliteStore.layer({ filename: ":memory:" }), {
  disable: groups.filter((g) => g !== "crud" && g !== "bad-input"),
  numRuns: 3,
})
