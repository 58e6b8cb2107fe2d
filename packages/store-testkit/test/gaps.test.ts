import { MemoryStore } from "@tongxin/core"
import { registerGaps } from "./gaps.js"

// The kit tests the mutation run proposes (see gaps.ts), against the reference model, until they
// move into src/suites/.
registerGaps("memory", MemoryStore.layer, { capabilities: { concurrentWriters: false, persistent: false } })
