/**
 * A small `SqlClient` (`effect/sql`) for SQLite on Node's built-in `node:sqlite` (`DatabaseSync`):
 * no native build, Node >= 22.19.
 *
 * One connection serves the whole client: statements and transactions take turns on a semaphore,
 * so a transaction never sees another fiber's statements, and transactions run one after another.
 * Prepared statements are cached by SQL text. Opening sets the journal to WAL (files only), turns
 * foreign keys on and sets a busy timeout, so several processes can share one file.
 *
 * ```ts
 * import { SqliteClient } from "@tongxin/store-sqlite"
 * import * as Effect from "effect/Effect"
 * import * as SqlClient from "effect/sql/SqlClient"
 *
 * const program = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   return yield* sql<{ readonly n: number }>`SELECT 1 AS n`
 * })
 *
 * Effect.runPromise(Effect.provide(program, SqliteClient.layer({ filename: "app.db" })))
 * ```
 *
 * @since 0.1.0
 */
import type { NonEmptyReadonlyArray } from "effect/Array"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Pull from "effect/Pull"
import * as Reactivity from "effect/reactivity/Reactivity"
import type * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"
import * as SqlClient from "effect/sql/SqlClient"
import type { Connection } from "effect/sql/SqlConnection"
import { classifySqliteError, SqlError, UnknownError } from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"
import * as Stream from "effect/Stream"
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite"

/**
 * @since 0.1.0
 * @category type IDs
 */
export const TypeId: TypeId = "~@tongxin/store-sqlite/SqliteClient"

/**
 * @since 0.1.0
 * @category type IDs
 */
export type TypeId = "~@tongxin/store-sqlite/SqliteClient"

/**
 * The SQLite client: a `SqlClient` that also keeps the options it was opened with.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteClient extends SqlClient.SqlClient {
  readonly [TypeId]: TypeId
  readonly config: SqliteClientConfig
  /** Not supported by SQLite. */
  readonly updateValues: never
}

/**
 * The SQLite client as a service; {@link layer} provides it together with `SqlClient`.
 *
 * @since 0.1.0
 * @category services
 */
export const SqliteClient = Context.Service<SqliteClient>("@tongxin/store-sqlite/SqliteClient")

/**
 * How to open the database.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteClientConfig {
  /** Path of the database file (created if missing), or `":memory:"`. */
  readonly filename: string
  /** Open the file read-only (default `false`). */
  readonly readonly?: boolean | undefined
  /** How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`, in milliseconds (default 5,000). */
  readonly busyTimeout?: number | undefined
  /** Prepared statements kept, keyed by SQL text; the least recently used is dropped first (default 256). */
  readonly prepareCacheSize?: number | undefined
  /** Keep SQLite's rollback journal instead of WAL (a memory database never uses WAL). */
  readonly disableWAL?: boolean | undefined
  readonly spanAttributes?: Record<string, unknown> | undefined
  readonly transformResultNames?: ((str: string) => string) | undefined
  readonly transformQueryNames?: ((str: string) => string) | undefined
}

/**
 * Opens the database for the life of the scope and builds the client over it. Fails with a
 * `SqlError` (reason `ConnectionError` for a file that cannot be opened) when the file cannot be
 * opened or set up, e.g. when it is not a SQLite database.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  config: SqliteClientConfig,
): Effect.Effect<SqliteClient, SqlError, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const busyTimeout = config.busyTimeout ?? 5_000
    if (!Number.isSafeInteger(busyTimeout) || busyTimeout < 0) {
      const message = `busyTimeout must be a whole number of milliseconds, 0 or more (got ${busyTimeout})`
      return yield* new SqlError({ reason: new UnknownError({ cause: undefined, message, operation: "open" }) })
    }
    const db = yield* Effect.acquireRelease(
      Effect.try({
        try: () => {
          const db = new DatabaseSync(config.filename, { readOnly: config.readonly ?? false })
          try {
            // WAL lets readers in other processes work while this one writes; a memory database has no journal file.
            if (config.disableWAL !== true && config.filename !== ":memory:" && config.readonly !== true)
              db.exec("PRAGMA journal_mode = WAL")
            db.exec("PRAGMA foreign_keys = ON")
            db.exec(`PRAGMA busy_timeout = ${busyTimeout}`)
          } catch (e) {
            db.close()
            throw e
          }
          return db
        },
        catch: (cause) => sqlError(cause, "open"),
      }),
      (db) => Effect.sync(() => db.isOpen && db.close()),
    )
    const connection = makeConnection(db, config.prepareCacheSize ?? 256)
    const semaphore = yield* Semaphore.make(1)
    const acquirers = SqlClient.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore,
      isTransaction: () => db.isTransaction,
    })
    const client = yield* SqlClient.make({
      ...acquirers,
      driver: "node-sqlite",
      compiler: Statement.makeCompilerSqlite(config.transformQueryNames),
      prepareTransactionControls: true,
      releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`,
      spanAttributes: [
        ...(config.spanAttributes ? Object.entries(config.spanAttributes) : []),
        ["db.system.name", "sqlite"],
      ],
      transformRows: config.transformResultNames
        ? Statement.defaultTransforms(config.transformResultNames).array
        : undefined,
    })
    return Object.assign(client as SqliteClient, { [TypeId]: TypeId, config })
  })

/**
 * The client as a layer: `SqliteClient` and `SqlClient`; the database closes with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<SqliteClient | SqlClient.SqlClient, SqlError> =>
  Layer.effectContext(
    Effect.map(make(config), (client) =>
      Context.make(SqliteClient, client).pipe(Context.add(SqlClient.SqlClient, client)),
    ),
  ).pipe(Layer.provide(Reactivity.layer))

/**
 * SQLite's name for the result code behind a failure (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`,
 * …), from a `SqlError`, its reason, or the error `node:sqlite` threw; `undefined` when the
 * failure did not come from SQLite (e.g. a value that cannot be bound).
 *
 * @since 0.1.0
 * @category errors
 */
export const sqliteCode = (error: unknown): string | undefined => {
  let e = error
  // SqlError -> its reason -> the native error.
  for (let i = 0; i < 3 && isObject(e) && typeof e.errcode !== "number" && "cause" in e; i++) e = e.cause
  const code = isObject(e) ? e.errcode : undefined
  if (typeof code !== "number") return undefined
  const primary = primaryCodes[(code & 0xff) - 1]
  if (primary === undefined) return undefined
  const extended = code > 0xff && primary === "CONSTRAINT" ? constraintCodes[(code >> 8) - 1] : undefined
  return `SQLITE_${primary}${extended === undefined ? "" : `_${extended}`}`
}

// ---------------------------------------------------------------------------------------------
// The connection

interface Cached {
  readonly statement: StatementSync
  readonly reader: boolean
  arrays: boolean
  bigInts: boolean
}

type Rows = ReadonlyArray<object>

type TransformRows = (<A extends object>(rows: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined

interface RunResult {
  readonly changes: number
  readonly lastInsertRowid: number | bigint
}

const isRows = (u: Rows | RunResult): u is Rows => Array.isArray(u)

const makeConnection = (db: DatabaseSync, cacheSize: number): Connection => {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, Cached>()
  const prepare = (sql: string, cached: boolean): Cached => {
    let entry = cached ? cache.get(sql) : undefined
    if (entry !== undefined) {
      cache.delete(sql)
      cache.set(sql, entry)
      return entry
    }
    const statement = db.prepare(sql)
    entry = { statement, reader: statement.columns().length > 0, arrays: false, bigInts: false }
    if (cached && cacheSize > 0) {
      const oldest = cache.size >= cacheSize ? cache.keys().next() : undefined
      if (oldest?.done === false) cache.delete(oldest.value)
      cache.set(sql, entry)
    }
    return entry
  }

  // A statement that returns columns gives its rows (as arrays when `arrays`); any other gives `{ changes, lastInsertRowid }`.
  const run = (sql: string, params: ReadonlyArray<unknown>, cached: boolean, arrays: boolean) =>
    Effect.withFiber<Rows | RunResult, SqlError>((fiber) => {
      const bigInts = fiber.getRef(SqlClient.SafeIntegers)
      try {
        const entry = prepare(sql, cached)
        const values = params as Array<SQLInputValue>
        if (!entry.reader) {
          const result = entry.statement.run(...values)
          return Effect.succeed({ changes: Number(result.changes), lastInsertRowid: result.lastInsertRowid })
        }
        // A statement keeps these settings: change them only when they differ from its last use.
        if (entry.arrays !== arrays) {
          entry.statement.setReturnArrays(arrays)
          entry.arrays = arrays
        }
        if (entry.bigInts !== bigInts) {
          entry.statement.setReadBigInts(bigInts)
          entry.bigInts = bigInts
        }
        return Effect.succeed(entry.statement.all(...values))
      } catch (cause) {
        return Effect.fail(sqlError(cause, "execute"))
      }
    })

  const rows = (effect: Effect.Effect<Rows | RunResult, SqlError>, transformRows: TransformRows) =>
    Effect.map(effect, (r) => (!isRows(r) ? [] : transformRows === undefined ? r : transformRows(r)))
  const values = (effect: Effect.Effect<Rows | RunResult, SqlError>) =>
    Effect.map(effect, (r) => (isRows(r) ? (r as ReadonlyArray<ReadonlyArray<unknown>>) : []))

  return {
    execute: (sql, params, transformRows) => rows(run(sql, params, true, false), transformRows),
    executeRaw: (sql, params) => run(sql, params, true, false),
    executeValues: (sql, params) => values(run(sql, params, true, true)),
    executeValuesUnprepared: (sql, params) => values(run(sql, params, false, true)),
    executeUnprepared: (sql, params, transformRows) => rows(run(sql, params, false, false), transformRows),
    // Rows are read as they are pulled, 256 at a time, from a statement of the stream's own.
    executeStream: (sql, params, transformRows) =>
      Stream.unwrap(
        Effect.map(
          Effect.acquireRelease(
            Effect.try({
              try: () => db.prepare(sql).iterate(...(params as Array<SQLInputValue>)),
              catch: (cause) => sqlError(cause, "stream"),
            }),
            (rows) => Effect.sync(() => rows.return?.()),
          ),
          (rows) =>
            Stream.fromPull(
              Effect.succeed(
                Effect.suspend((): Pull.Pull<NonEmptyReadonlyArray<object>, SqlError> => {
                  const batch: Array<object> = []
                  try {
                    for (let next = rows.next(); next.done !== true; next = rows.next()) {
                      batch.push(next.value as object)
                      if (batch.length === 256) break
                    }
                  } catch (cause) {
                    return Effect.fail(sqlError(cause, "stream"))
                  }
                  if (batch.length === 0) return Cause.done()
                  const out = transformRows === undefined ? batch : transformRows(batch)
                  return Effect.succeed(out as NonEmptyReadonlyArray<object>)
                }),
              ),
            ),
        ),
      ),
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null

// `node:sqlite` throws errors with `code: "ERR_SQLITE_ERROR"` and SQLite's result code in
// `errcode`; effect/sql classifies by `errno`, so the native error gets one.
const sqlError = (cause: unknown, operation: string): SqlError => {
  if (isObject(cause) && typeof cause.errcode === "number" && !("errno" in cause))
    Object.assign(cause, { errno: cause.errcode })
  const code = sqliteCode(cause)
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new SqlError({
    reason: classifySqliteError(cause, { message: code === undefined ? detail : `${code}: ${detail}`, operation }),
  })
}

// SQLite's primary result codes 1..28, and the extended codes of SQLITE_CONSTRAINT by (code >> 8).
const primaryCodes =
  "ERROR INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL CANTOPEN PROTOCOL EMPTY SCHEMA TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH FORMAT RANGE NOTADB NOTICE WARNING".split(
    " ",
  )
const constraintCodes =
  "CHECK COMMITHOOK FOREIGNKEY FUNCTION NOTNULL PRIMARYKEY TRIGGER UNIQUE VTAB ROWID PINNED DATATYPE".split(" ")
