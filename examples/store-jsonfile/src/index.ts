/**
 * An example third-party `Store` adapter for Tongxin: one JSON file per district, written
 * atomically, built only from the public API of `@tongxin/core`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as JsonFileStore from "./JsonFileStore.js"
