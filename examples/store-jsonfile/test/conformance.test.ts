import { afterAll } from "@effect/vitest"
import { storeConformance } from "@tongxin/store-testkit"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { JsonFileStore } from "../src/index.js"

// Every group builds the layer on the same fresh directory; the kit's tests make their own districts.
const directory = mkdtempSync(join(tmpdir(), "tongxin-jsonfile-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

storeConformance("json-file", JsonFileStore.layer({ directory }), {
  capabilities: { persistent: true, concurrentWriters: false },
})
