/**
 * The conformance kit for Tongxin storage adapters: `storeConformance(name, layer, options)`
 * registers vitest suites that check an adapter against the in-memory reference store.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export { storeConformance } from "./Conformance.js"
/** @since 0.1.0 */
export { type GroupName, groups, type Options } from "./Options.js"
/**
 * Also at `@tongxin/store-testkit/fixtures`, which does not load vitest (for benchmarks and scripts).
 *
 * @since 0.1.0
 */
export * as Fixtures from "./Fixtures.js"
