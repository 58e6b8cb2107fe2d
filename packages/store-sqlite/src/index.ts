/**
 * `@tongxin/store-sqlite`: the SQLite storage adapter for Tongxin, the embedded default.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export * as SqliteStore from "./SqliteStore.js"
