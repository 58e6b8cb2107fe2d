/**
 * `@tongxin/store-sqlite`: the SQLite storage adapter for Tongxin, the embedded default, on Node's
 * built-in `node:sqlite`.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export * as SqliteClient from "./SqliteClient.js"
/** @since 0.1.0 */
export * as SqliteStore from "./SqliteStore.js"
