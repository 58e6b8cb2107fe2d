/**
 * `@tongxin/store-postgres`: the PostgreSQL adapter of the Tongxin `Store` port, for many districts
 * in one database.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export * as PgStore from "./PgStore.js"
