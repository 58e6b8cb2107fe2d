/**
 * `@tongxin/core/promise`: Tongxin for apps that use `async`/`await` and not Effect.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export * as Tongxin from "./Tongxin.js"
