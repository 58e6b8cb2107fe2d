/**
 * The SQLite `Store`: Tongxin's embedded default, on Node's built-in `node:sqlite` through this
 * package's own `SqliteClient`. One file (or `:memory:`) holds any number of districts; every row
 * carries its district id.
 *
 * The store uses one connection, so writes from this process are serialised and `append` is safe
 * among fibers; several processes writing the same file wait for each other up to the busy timeout
 * (`capabilities.concurrentWriters` is `false`).
 *
 * @since 0.1.0
 */
import { Store, StoreError } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import { mapSqlError, openMessage, toStoreError } from "./internal/errors.js"
import * as Migrations from "./internal/migrations.js"
import { isPersistent, makeService } from "./internal/service.js"
import * as SqliteClient from "./SqliteClient.js"

/**
 * Options of {@link layer} and {@link layerClient}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Path of the database file (created if missing), or `":memory:"` for a store that lives as long as the layer. */
  readonly filename: string
  /** How long a statement waits for another process's lock before failing, in milliseconds (default 5,000). */
  readonly busyTimeout?: number
  /** Prepared statements kept per connection, keyed by SQL text (default 256). */
  readonly prepareCacheSize?: number
}

/**
 * The store over an existing SQLite `SqlClient`: turns on foreign keys, applies the migrations that
 * have not run yet (a no-op when the schema is current) and builds the service. Use it when your
 * app already has a `SqliteClient` and wants the store in the same database.
 *
 * @example
 * import { Store } from "@tongxin/core"
 * import { SqliteClient, SqliteStore } from "@tongxin/store-sqlite"
 * import * as Layer from "effect/Layer"
 *
 * const StoreLive = Layer.effect(Store.Store, SqliteStore.make).pipe(
 *   Layer.provide(SqliteClient.layer({ filename: "app.db" })),
 * )
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Store.Service, StoreError.StoreError, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  // Foreign keys are set per connection; a client opened elsewhere may have them off.
  yield* sql.unsafe("PRAGMA foreign_keys = ON")
  const persistent = yield* isPersistent(sql)
  yield* migrate
  return makeService(sql, { concurrentWriters: false, persistent })
}).pipe(mapSqlError("open", false))

/**
 * The store in a SQLite file, or in memory for `":memory:"`. Building the layer opens the database
 * (WAL journal for files, foreign keys on, a busy timeout) and applies the migrations; closing it
 * closes the database.
 *
 * @example
 * import { Store } from "@tongxin/core"
 * import { SqliteStore } from "@tongxin/store-sqlite"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* Store.Store
 *   return yield* store.listDistricts()
 * })
 *
 * Effect.runPromise(Effect.provide(program, SqliteStore.layer({ filename: "tongxin.db" })))
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Store.Store, StoreError.StoreError> =>
  layerFromClient.pipe(Layer.provide(layerClient(options)))

/**
 * The store over the `SqlClient` in context: {@link make} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromClient: Layer.Layer<Store.Store, StoreError.StoreError, SqlClient.SqlClient> = Layer.effect(
  Store.Store,
  make,
)

/**
 * The SQLite connection as {@link layer} opens it, for apps that also run their own queries on it:
 * provide it to {@link layerFromClient} and to your code.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  options: Options,
): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, StoreError.StoreError> =>
  Layer.effectContext(
    Effect.gen(function* () {
      const busyTimeout = options.busyTimeout ?? 5_000
      if (!Number.isSafeInteger(busyTimeout) || busyTimeout < 0) {
        return yield* new StoreError.StoreError({
          operation: "open",
          message: `busyTimeout must be a whole number of milliseconds, 0 or more (got ${busyTimeout})`,
        })
      }
      const client = yield* SqliteClient.make({
        filename: options.filename,
        busyTimeout,
        prepareCacheSize: options.prepareCacheSize ?? 256,
      }).pipe(
        // Say which file could not be opened, and why.
        Effect.mapError(
          (e) => new StoreError.StoreError({ operation: "open", message: openMessage(options.filename, e), cause: e }),
        ),
      )
      return Context.make(SqliteClient.SqliteClient, client).pipe(Context.add(SqlClient.SqlClient, client))
    }),
  ).pipe(Layer.provide(Reactivity.layer))

// Migration failures become StoreErrors that name the migration.
const migrate: Effect.Effect<void, StoreError.StoreError, SqlClient.SqlClient> = Migrations.migrate.pipe(
  Effect.catchDefect((defect) => Effect.fail(migrationFailure(defect))),
  Effect.catch((e) => Effect.fail(migrationFailure(e))),
  Effect.asVoid,
)

const migrationFailure = (e: unknown): StoreError.StoreError => {
  if (e instanceof StoreError.StoreError) return e
  const m = e as { readonly _tag?: unknown; readonly message?: string; readonly cause?: unknown }
  if (m._tag === "MigrationError") {
    const detail = m.cause === undefined ? "" : `: ${toStoreError("migrate", m.cause, true).message}`
    return new StoreError.StoreError({
      operation: "migrate",
      message: `${m.message ?? "migration failed"}${detail}`,
      cause: e,
    })
  }
  return toStoreError("migrate", e, true)
}
