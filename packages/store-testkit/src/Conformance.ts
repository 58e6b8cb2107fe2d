/**
 * `storeConformance`: the suite every `Store` adapter runs. Call it in a vitest test file with your
 * adapter's Layer; it registers one `describe` block per group.
 *
 * The kit runs on Effect 4: it needs `effect` 4.1+, `vitest` 5.1+ and `@effect/vitest` 4.0+ in the
 * adapter's dev dependencies (they are peer dependencies of the kit, so the adapter's tests and the
 * kit share one copy). Property and model-based tests use the `fast-check` 4 package, a dependency
 * of the kit: Effect 4 no longer ships it as `effect/FastCheck`.
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
import { describe, type Vitest, layer as withLayer } from "@effect/vitest"
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
 * suites can share one database and run in any order. The layer is built once per group (with
 * `@effect/vitest`'s `layer`, before the group's first test, and released after its last one),
 * with live services: tests see the real clock, not `TestClock`.
 *
 * A failing property or model-based test reports fast-check's counterexample, seed and path. To
 * replay a run, fix the seed in the adapter's test file with `fc.configureGlobal({ seed })` before
 * calling `storeConformance`; it must reach the kit's copy of `fast-check`, so depend on the same
 * version (4.11.0).
 *
 * @since 0.1.0
 * @category suites
 */
export const storeConformance = (
  name: string,
  layer: Layer.Layer<Store.Store, unknown>,
  options: Options = {},
): void => {
  const disabled = new Set<GroupName>(options.disable ?? [])
  const timeout = options.timeout ?? 120_000
  // Live services (`excludeTestServices`): adapters talk to real databases, with real clocks.
  const group = (g: GroupName, register: (it: Vitest.MethodsNonLive<Store.Store>) => void) => {
    if (!disabled.has(g)) withLayer(layer, { timeout, excludeTestServices: true })(g, register)
  }
  describe(`${name} store conformance`, { timeout }, () => {
    group("crud", (it) => crud(it, options, layer))
    group("import-transactions", (it) => importTransactions(it, options, layer))
    group("events-concurrency", (it) => events(it, options, layer))
    group("streaming", (it) => streaming(it))
    group("tenant-isolation", (it) => tenants(it, options))
    group("bad-input", (it) => badInput(it))
    group("model-based", (it) => modelBased(it, options))
    group("workflow", (it) => workflow(it))
  })
}

export { groups }
