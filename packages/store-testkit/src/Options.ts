/**
 * Options of `storeConformance`.
 *
 * @since 0.1.0
 */
import type { Store } from "@tongxin/core"

/**
 * The groups of the conformance suite, each a `describe` block that can be disabled by name.
 *
 * @since 0.1.0
 * @category groups
 */
export const groups = [
  "crud",
  "import-transactions",
  "events-concurrency",
  "streaming",
  "tenant-isolation",
  "bad-input",
  "model-based",
  "workflow",
] as const

/**
 * @since 0.1.0
 * @category groups
 */
export type GroupName = (typeof groups)[number]

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * What the adapter declares it can do. The suite checks the declaration against
   * `store.capabilities`, and runs the tests a capability enables: `concurrentWriters` builds a
   * second instance of the layer on the same database and writes through both at once.
   */
  readonly capabilities?: Partial<Store.Capabilities>
  /** Groups to leave out, e.g. `["model-based"]` while an adapter is young. Say why in a comment. */
  readonly disable?: ReadonlyArray<GroupName>
  /**
   * Runs of each property (default 25): the model-based group generates this many command
   * sequences, the tenant-isolation property half as many (at least 5). fast-check's `numRuns`.
   */
  readonly numRuns?: number
  /**
   * Timeout per test in milliseconds (default 120,000; the model-based test gets twice as long), and
   * for building and releasing the layer of each group.
   */
  readonly timeout?: number
}
