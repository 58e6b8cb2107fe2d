// Runs the kit against one broken adapter, named by TONGXIN_BROKEN_ADAPTER. Only ../kit.test.ts runs
// this file (in a child vitest), and it expects failures.
import { storeConformance } from "@tongxin/store-testkit"
import * as fc from "fast-check"
import { adapters, type BrokenAdapter } from "./adapters.js"

// A fixed seed, so which tests catch which adapter does not change from run to run.
fc.configureGlobal({ seed: 20250615 })
const name = process.env["TONGXIN_BROKEN_ADAPTER"] as BrokenAdapter
storeConformance(`broken (${name})`, adapters[name], { numRuns: 15 })
