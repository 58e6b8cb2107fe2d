/**
 * A PostgreSQL database for tests, for this package and for apps and plugins that test on
 * `PgStore`: start one per test run (e.g. in a vitest `globalSetup`) with `startTestDatabase`, and
 * build stores on it with `freshLayer`.
 *
 * - `TONGXIN_PG_URL` set (CI: postgres://postgres@127.0.0.1:5432/test): a throwaway database
 *   `tongxin_test_<random>` is created on that server and dropped by `stop`, whatever the tests did.
 * - otherwise: an in-memory PGlite behind PGLiteSocketServer on a free port of 127.0.0.1, so tests
 *   pass on a machine without PostgreSQL. This needs the optional peer dependencies
 *   `@electric-sql/pglite` and `@electric-sql/pglite-socket`.
 *
 * @since 0.1.0
 */
//
// How many connections PGlite takes: PGLiteSocketServer accepts up to `maxConnections` sockets
// (default 1), but PGlite is ONE PostgreSQL session in single-user mode. The server queues protocol
// messages from all sockets into that session one message at a time, pinning to one socket only
// while a transaction is open. So two connections that are busy at once share one session: the
// extended protocol's unnamed portal (and, with `prepare: false`, unnamed statement) of one is
// overwritten by the other between Parse, Bind and Execute (electric-sql/pglite#1046), and a
// connection waiting while another holds a transaction open blocks for good. Hence a pool of ONE
// connection per store in PGlite mode (`pgliteMaxConnections`); the server accepts a few more
// sockets so that a layer that is closing and the next one starting do not get "Too many
// connections". Tests that need several connections at once run only against a real server.
//
// @effect/sql-pg 4 works with PGLiteSocketServer as it is: the server answers its SSLRequest (sent
// only with `ssl` or `sslmode`) with "N", accepts the startup packet without a password, and ignores
// `application_name`. The statements each connection prepares by name (random per connection, so
// they never collide) stay in the one session after the socket closes, at most 100 per connection.
import * as PgClient from "@effect/sql-pg/PgClient"
import { Store, type StoreError } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as SqlClient from "effect/sql/SqlClient"
import * as PgStore from "./PgStore.js"

/**
 * Pool size of a store in PGlite mode: PGlite is one session (see above).
 *
 * @since 0.1.0
 * @category constants
 */
export const pgliteMaxConnections = 1

/**
 * Pool size of a store against a real server.
 *
 * @since 0.1.0
 * @category constants
 */
export const postgresMaxConnections = 10

/**
 * A database for one test run.
 *
 * @since 0.1.0
 * @category models
 */
export interface TestDatabase {
  readonly mode: "postgres" | "pglite"
  readonly url: string
  readonly maxConnections: number
  readonly stop: () => Promise<void>
}

/**
 * Starts the test database: a throwaway database on TONGXIN_PG_URL's server, or PGlite.
 *
 * @since 0.1.0
 * @category constructors
 */
export const startTestDatabase = async (): Promise<TestDatabase> => {
  const server = process.env["TONGXIN_PG_URL"]
  return server !== undefined && server !== "" ? createThrowawayDatabase(server) : startPglite()
}

const onServer = <A, E>(url: string, f: (sql: SqlClient.SqlClient) => Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(
    Effect.flatMap(SqlClient.SqlClient, f).pipe(
      Effect.provide(
        PgClient.layer({ url: Redacted.make(url), maxConnections: 1, applicationName: "tongxin-test-setup" }),
      ),
    ),
  )

const createThrowawayDatabase = async (serverUrl: string): Promise<TestDatabase> => {
  const name = `tongxin_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  // Identifiers cannot be parameters; sql(name) quotes it, and the name is ours anyway.
  await onServer(serverUrl, (sql) => sql`CREATE DATABASE ${sql(name)}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    mode: "postgres",
    url: url.toString(),
    maxConnections: postgresMaxConnections,
    stop: () =>
      onServer(serverUrl, (sql) => sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`).then(() => undefined),
  }
}

const startPglite = async (): Promise<TestDatabase> => {
  const { PGlite } = await import("@electric-sql/pglite")
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket")
  const db = await PGlite.create()
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 })
  await server.start()
  const url = `postgres://postgres@${server.getServerConn()}/postgres`
  return {
    mode: "pglite",
    url,
    maxConnections: pgliteMaxConnections,
    stop: async () => {
      await server.stop()
      await db.close()
    },
  }
}

const tables = [
  "tongxin_placements",
  "tongxin_assignment_runs",
  "tongxin_attendance",
  "tongxin_items",
  "tongxin_events",
  "tongxin_progress",
  "tongxin_evaluations",
  "tongxin_districts",
]

/**
 * A store on a test database that starts empty: the tables are emptied when the layer is built, so
 * each test sees a fresh store, as with `MemoryStore.layer`. Build these one after another, not at
 * the same time (run test files one at a time).
 *
 * @since 0.1.0
 * @category layers
 */
export const freshLayer = (
  database: Pick<TestDatabase, "url" | "maxConnections">,
): Layer.Layer<Store.Store, StoreError.StoreError> =>
  Layer.effect(
    Store.Store,
    Effect.gen(function* () {
      const store = yield* PgStore.make
      const sql = yield* SqlClient.SqlClient
      yield* Effect.orDie(sql`TRUNCATE ${sql.literal(tables.join(", "))}`)
      return store
    }),
  ).pipe(
    Layer.provide(PgStore.layerClient({ url: Redacted.make(database.url), maxConnections: database.maxConnections })),
  )
