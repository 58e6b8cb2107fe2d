/**
 * The conformance kit for Tongxin storage adapters: `storeConformance(name, layer, options)`
 * registers vitest suites that check an adapter against the in-memory reference store.
 * It runs on Effect 4 with vitest 5 and `@effect/vitest` 4 (peer dependencies), and on `fast-check` 4
 * for its properties.
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
