import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqliteStore } from "@tongxin/store-sqlite"
import { storeConformance } from "@tongxin/store-testkit"
import { afterAll } from "vitest"

storeConformance("sqlite (:memory:)", SqliteStore.layer({ filename: ":memory:" }), {
  capabilities: { concurrentWriters: false, persistent: false },
})

// The same suite on a file in WAL mode: what users get by default.
const dir = mkdtempSync(join(tmpdir(), "tongxin-sqlite-conformance-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

storeConformance("sqlite (file, WAL)", SqliteStore.layer({ filename: join(dir, "store.db") }), {
  capabilities: { concurrentWriters: false, persistent: true },
})
