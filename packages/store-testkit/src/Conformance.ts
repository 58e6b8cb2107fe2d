/**
 * `storeConformance`: the suite every `Store` adapter runs. Call it in a vitest test file with your
 * adapter's Layer; it registers one `describe` block per group.
 *
 * @example
 * // packages/store-sqlite/test/conformance.test.ts
 * import { storeConformance } from "@tongxin/store-testkit"
 * import { SqliteStore } from "@tongxin/store-sqlite"
 *
 * storeConformance("sqlite", SqliteStore.layer({ filename: ":memory:" }))
 *
 * @since 0.1.0
 */
import { describe, layer as withLayer } from "@effect/vitest"
import type { Store } from "@tongxin/core"
import type * as Layer from "effect/Layer"
import { type GroupName, groups, type Options } from "./Options.js"
import { badInput } from "./suites/badInput.js"
import { crud } from "./suites/crud.js"
import { events } from "./suites/events.js"
import { importTransactions } from "./suites/importTransactions.js"
import { modelBased } from "./suites/modelBased.js"
import { streaming } from "./suites/streaming.js"
import { tenants } from "./suites/tenants.js"
import { workflow } from "./suites/workflow.js"

/**
 * Registers the conformance suite for an adapter. Every test makes its own districts, so the
 * suites can share one database and run in any order. The layer is built once per group.
 *
 * @since 0.1.0
 * @category suites
 */
export const storeConformance = (name: string, layer: Layer.Layer<Store.Store, unknown>, options: Options = {}): void => {
  const disabled = new Set<GroupName>(options.disable ?? [])
  const timeout = options.timeout ?? 120_000
  const group = (g: GroupName, register: Parameters<ReturnType<typeof withLayer<Store.Store, unknown, true>>>[1]) => {
    if (!disabled.has(g)) withLayer(layer, { timeout, excludeTestServices: true })(g, register)
  }
  describe(`${name} store conformance`, { timeout }, () => {
    group("crud", (it) => crud(it, options, layer))
    group("import-transactions", (it) => importTransactions(it))
    group("events-concurrency", (it) => events(it, options, layer))
    group("streaming", (it) => streaming(it))
    group("tenant-isolation", (it) => tenants(it, options))
    group("bad-input", (it) => badInput(it))
    group("model-based", (it) => modelBased(it, options))
    group("workflow", (it) => workflow(it))
  })
}

export { groups }
