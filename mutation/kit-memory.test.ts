// The only test suite of the mutation run (`pnpm mutation`): the store conformance kit against the
// in-memory reference store, as packages/store-testkit/test/kit.test.ts registers it, without the
// broken-adapter child runs. fast-check's seed is fixed so that the dry run and every mutant run
// draw the same property and model-based cases (set TONGXIN_MUTATION_SEED to try another).
import { MemoryStore } from "@tongxin/core"
import { storeConformance } from "@tongxin/store-testkit"
import * as fc from "fast-check"

fc.configureGlobal({ seed: Number(process.env["TONGXIN_MUTATION_SEED"] ?? 20) })

storeConformance("memory", MemoryStore.layer, { capabilities: { concurrentWriters: false, persistent: false } })
