/**
 * The PostgreSQL `Store`: many districts in one database, every row keyed first by its district.
 * Built on `@effect/sql-pg` 4 (its own implementation of PostgreSQL's wire protocol, no `pg`
 * package); the tables are created on first start.
 *
 * ```ts
 * import { PgStore } from "@tongxin/store-postgres"
 * import { Config } from "effect"
 *
 * const StoreLive = PgStore.layerConfig({ url: Config.Redacted("TONGXIN_PG_URL") })
 * ```
 *
 * @since 0.1.0
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import type { District, Ids } from "@tongxin/core"
import { Store, StoreCollections as Collections, StoreError, StoreInput } from "@tongxin/core"
import type * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import type { Fragment } from "effect/sql/Statement"
import * as Stream from "effect/Stream"
import type { ConnectionOptions } from "node:tls"
import * as Bulk from "./internal/bulk.js"
import { detailOf, isStaleConnection, isUniqueViolation, storeError } from "./internal/errors.js"
import { migrations, migrationsTable } from "./internal/migrations.js"

/**
 * How to reach the database.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** A `postgres://user:password@host:port/database` url; pass it `Redacted` to keep the password out of logs. */
  readonly url: Redacted.Redacted<string> | string
  /**
   * Connections in the pool (default 10). Writers to one district queue on its row lock, so more
   * connections help many districts or readers, not one busy district.
   */
  readonly maxConnections?: number
  /** Connections kept open when idle (default 0). */
  readonly minConnections?: number
  /**
   * How long opening a connection may take, the first one when the layer starts included (default
   * 5 seconds). Waiting for a free connection of a full pool is not bounded by it: put a timeout
   * around your own calls if they must not queue.
   */
  readonly connectTimeout?: Duration.Input
  /** How long an unused connection stays open (default 10 seconds). */
  readonly idleTimeout?: Duration.Input
  /** TLS: `true`, or node's TLS options (certificates, `rejectUnauthorized`). */
  readonly ssl?: boolean | ConnectionOptions
  /** Shown in `pg_stat_activity.application_name` (default `tongxin`). */
  readonly applicationName?: string
  /**
   * Whether each connection keeps its statements prepared, by name, for the next call (default
   * `true`). Turn it off behind a pooler that does not keep named statements between transactions
   * (PgBouncer in transaction mode before 1.21).
   *
   * @since 0.2.0
   */
  readonly prepare?: boolean
}

// pg_advisory_xact_lock key for migrations: "tong" in ASCII.
const migrationLock = 0x746f6e67

/**
 * Creates the tables, or brings them up to date; safe to run from several processes at once (they
 * queue on an advisory lock) and a no-op when nothing changed. `make` runs it.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  StoreError.StoreError,
  SqlClient.SqlClient
> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return yield* sql.withTransaction(
    Effect.gen(function* () {
      yield* sql`SELECT pg_advisory_xact_lock(${migrationLock}::bigint)`
      // The Migrator would create it too, but a CREATE that fails aborts this transaction; this
      // one cannot fail. Same shape as the Migrator's (see "Partitioning by district" in the README).
      yield* sql`CREATE TABLE IF NOT EXISTS ${sql(migrationsTable)} (
          migration_id integer PRIMARY KEY,
          created_at timestamp with time zone NOT NULL DEFAULT now(),
          name text NOT NULL
        )`
      // The dialect-neutral Migrator: PgMigrator's adds a pg_dump step (and its requirements) we
      // never use.
      return yield* Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: migrationsTable })
    }),
  )
}).pipe(
  Effect.catch((e) => {
    if (isSqlError(e)) return Effect.fail(storeError("migrate", e, "write"))
    // A migration that failed is a MigrationError whose cause is the driver's failure.
    const cause: unknown = e.cause
    const why = isSqlError(cause) ? `: ${detailOf(cause)}` : ""
    return Effect.fail(
      new StoreError.StoreError({
        operation: "migrate",
        message: `migrate failed: ${e.message}${why}; the schema was left as it was`,
        cause: e,
      }),
    )
  }),
)

/**
 * The store over a `PgClient` the caller provides; creates or updates the tables first.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Store.Service, StoreError.StoreError, PgClient.PgClient> = Effect.gen(function* () {
  const sql = yield* PgClient.PgClient
  yield* Effect.provideService(migrate, SqlClient.SqlClient, sql)
  return makeService(sql)
})

/**
 * A store connected to the database at `options.url`. Building the layer connects and migrates;
 * it fails with `StoreError` when the database cannot be reached.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Store.Store, StoreError.StoreError> =>
  layerFromClient.pipe(Layer.provide(layerClient(options)))

/**
 * `layer` with options read from `Config`, e.g. `{ url: Config.Redacted("TONGXIN_PG_URL") }`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config: Config.Wrap<Options>,
): Layer.Layer<Store.Store, StoreError.StoreError | Config.ConfigError> =>
  Layer.unwrap(Effect.map(Config.unwrap(config), layer))

/**
 * The store over a `PgClient` you provide, e.g. one your app also runs its own queries on. A client
 * of your own needs `maxMessageSize` above the driver's 16 MiB default to read back evaluation
 * results of up to 32 MB (`layerClient` sets 1 GiB).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromClient: Layer.Layer<Store.Store, StoreError.StoreError, PgClient.PgClient> = Layer.effect(
  Store.Store,
  make,
)

/**
 * The connection pool as `layer` opens it (`PgClient` and `SqlClient`), for apps that share it:
 * `layerFromClient.pipe(Layer.provideMerge(PgStore.layerClient(options)))`. Building it opens one
 * connection (`SELECT 1`), so a wrong url fails here rather than at the first call.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  options: Options,
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, StoreError.StoreError> => {
  const url = typeof options.url === "string" ? Redacted.make(options.url) : options.url
  return PgClient.layerFrom(
    Effect.tap(PgClient.make(clientConfig(url, options)), (client) => client`SELECT 1`).pipe(
      Effect.mapError(
        (e) =>
          new StoreError.StoreError({
            operation: "connect",
            message: `could not connect to PostgreSQL at ${where(Redacted.value(url))}: ${causeText(e)}; check that the server runs and that the url's host, port, database, user and password are right`,
            cause: e,
          }),
      ),
    ),
  )
}

// The pool as the options ask for it. The driver's own defaults differ in places (idle connections
// close after 60 s; a message from the server may be at most 16 MiB): ours are what the README says,
// and a row may be as large as PostgreSQL allows (1 GB a field), since evaluation results alone may
// take 32 MB.
const clientConfig = (url: Redacted.Redacted<string>, options: Options): PgClient.PgPoolConfig => ({
  url,
  maxConnections: options.maxConnections ?? 10,
  minConnections: options.minConnections ?? 0,
  connectTimeout: options.connectTimeout ?? "5 seconds",
  idleTimeout: options.idleTimeout ?? "10 seconds",
  ssl: options.ssl,
  applicationName: options.applicationName ?? "tongxin",
  prepare: options.prepare ?? true,
  maxMessageSize: 1024 * 1024 * 1024,
})

// host:port/database of a url, without the password.
const where = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname || "/"}`
  } catch {
    return "the given url (it does not parse as a url)"
  }
}

// Why connecting failed, in the words of node (refused, not found, timed out) or of PostgreSQL
// (password, database); node reports a host with several addresses as an AggregateError.
const causeText = (e: SqlError): string => {
  const cause = e.reason.cause
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return cause.errors.map((x: unknown) => (x instanceof Error ? x.message : String(x))).join("; ")
  }
  return detailOf(e)
}
// ---------------------------------------------------------------------------------------------------
// The service

const filterColumns = ["f1", "f2", "f3"] as const

// NUL, or half of a surrogate pair: what PostgreSQL text cannot hold and the port's checks refuse.
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const storable = (value: unknown): boolean =>
  value === undefined || (typeof value === "string" && !unstorable.test(value))

// A cursor with NUL in it: no stored key holds NUL, so the keys after "ab\0…" are the keys after "ab".
const cursor = (after: string): string => {
  const nul = after.indexOf("\0")
  return nul < 0 ? after : after.slice(0, nul)
}

// Raised inside append's transaction when the unique (district, case, version) constraint caught a
// writer that read the same version; turned into VersionConflict once the transaction rolled back.
class LostRace {
  readonly _tag = "LostRace"
}

// How far a transaction got before it failed: acquiring its connection and BEGIN (nothing of it
// ran), its effect, or COMMIT (it may have been saved).
type Phase = "begin" | "body" | "commit"

// A database failure of one attempt at a transaction, with how far the attempt got.
class TransactionFailed {
  readonly _tag = "TransactionFailed"
  constructor(
    readonly error: SqlError,
    readonly phase: Phase,
  ) {}
}

// The database failure in the cause of a failed transaction, if that is what it is: a statement, the
// BEGIN or the COMMIT failed (a typed failure), or the ROLLBACK after a failure did (a defect, next
// to the failure). The statement's own failure says more than the ROLLBACK's, so it comes first.
// Interruptions and other defects are left alone.
const driverFailure = (cause: Cause.Cause<unknown>): SqlError | undefined => {
  let failed: SqlError | undefined
  let died: SqlError | undefined
  for (const reason of cause.reasons) {
    if (reason._tag === "Interrupt") return undefined
    if (reason._tag === "Die") {
      if (!isSqlError(reason.defect)) return undefined
      died ??= reason.defect
    } else if (isSqlError(reason.error)) {
      failed ??= reason.error
    }
  }
  return failed ?? died
}

interface ItemRow {
  readonly key: string
  readonly doc: string
  readonly attendance?: ReadonlyArray<readonly [string, string, number | null, string | null]> | null
}

interface EventRow {
  readonly case_id: string
  readonly version: number
  readonly position: number
  readonly type: string
  readonly data: string
  readonly meta: string
}

const makeService = (sql: PgClient.PgClient): Store.Service => {
  const empty = sql.literal("")

  // Whether the current fiber runs inside a transaction of this client.
  const inTransaction = Effect.map(Effect.serviceOption(sql.transactionService), Option.isSome)

  // Runs `effect` as one transaction (a savepoint inside an outer one); database failures become
  // StoreError, including a ROLLBACK that fails because the connection died (the client reports it
  // as a defect next to the failure that caused the rollback).
  // When a pooled connection turns out to be dead, what may run again depends on what the
  // transaction is: our own writes only when their BEGIN failed (nothing ran); read-only snapshots
  // whenever (they change nothing); a caller's effect in `transaction` never (it may have done
  // things outside this store). Twice at most, then the StoreError.
  const atomically = <A, E, R>(
    operation: string,
    effect: Effect.Effect<A, E, R>,
    kind: "write" | "read" | "caller" = "write",
  ): Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R> =>
    Effect.suspend(() => {
      // How far the attempt got: acquiring a connection and BEGIN, the effect, or COMMIT.
      let phase: Phase = "begin"
      const body = Effect.andThen(
        Effect.sync(() => {
          phase = "body"
        }),
        Effect.tap(effect, () =>
          Effect.sync(() => {
            phase = "commit"
          }),
        ),
      )
      const once = Effect.catchCause(
        Effect.suspend(() => {
          phase = "begin"
          return sql.withTransaction(body)
        }),
        (cause): Effect.Effect<never, E | SqlError | TransactionFailed> => {
          const error = driverFailure(cause)
          return error === undefined ? Effect.failCause(cause) : Effect.fail(new TransactionFailed(error, phase))
        },
      )
      const again = (e: unknown) =>
        e instanceof TransactionFailed &&
        kind !== "caller" &&
        isStaleConnection(e.error) &&
        (kind === "read" || e.phase === "begin")
      return Effect.flatMap(inTransaction, (inTx) =>
        inTx ? once : Effect.retry(once, { times: 2, while: again }),
      ).pipe(
        Effect.catchIf(
          (e): e is TransactionFailed => e instanceof TransactionFailed,
          (e) =>
            Effect.fail(
              storeError(operation, e.error, kind === "read" ? "read" : e.phase === "commit" ? "commit" : "write"),
            ),
        ),
      ) as Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R>
    })

  // Reads that take several statements see one snapshot: one transaction, begun read-only at
  // REPEATABLE READ in its BEGIN.
  const snapshot = <A, E, R>(
    operation: string,
    effect: Effect.Effect<A, E, R>,
  ): Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R> =>
    Effect.flatMap(inTransaction, (inTx) =>
      inTx
        ? read(operation, effect)
        : atomically(operation, effect, "read").pipe(
            Effect.provideService(SqlClient.BeginTransaction, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
          ),
    )

  // Reads outside a transaction run again (twice at most) when their pooled connection was dead.
  const read = <A, E, R>(
    operation: string,
    effect: Effect.Effect<A, E | SqlError, R>,
  ): Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R> =>
    Effect.mapError(
      Effect.flatMap(inTransaction, (inTx) =>
        inTx
          ? effect
          : Effect.retry(effect, { times: 2, while: (e: E | SqlError) => isSqlError(e) && isStaleConnection(e) }),
      ),
      (e) => (isSqlError(e) ? storeError(operation, e, "read") : e),
    ) as Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R>

  const notFound = (operation: string, entity: string, id: string) => new StoreError.NotFound({ operation, entity, id })

  // Reads by a value no write can have stored (NUL, a broken surrogate: writes refuse them) find
  // nothing, as in MemoryStore, without asking PostgreSQL, which cannot even take NUL as text.
  const unless = <A, E>(values: ReadonlyArray<unknown>, none: A, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    values.every(storable) ? effect : Effect.succeed(none)

  const requireDistrict = (operation: string, id: Ids.DistrictId) =>
    Effect.flatMap(sql`SELECT 1 FROM tongxin_districts WHERE id = ${id}`, (rows) =>
      rows.length === 0 ? Effect.fail(notFound(operation, "district", id)) : Effect.void,
    )

  // --- items --------------------------------------------------------------------------------------

  const descriptorOf = (name: Collections.Name) =>
    Collections.collections[name] as unknown as Collections.Descriptor<unknown>

  // Adds one item to the columns. Activities are stored without their attendance (kept as `[]` so
  // the key order of the document survives); the rows go to the attendance table.
  const pushItem = (
    columns: Bulk.ItemColumns,
    attendance: Bulk.AttendanceColumns | undefined,
    descriptor: Collections.Descriptor<unknown>,
    key: string,
    item: unknown,
    json: string | undefined,
  ) => {
    const filters = descriptor.filterValues(item)
    columns.key.push(key)
    columns.f1.push(filters[0] ?? null)
    columns.f2.push(filters[1] ?? null)
    columns.f3.push(filters[2] ?? null)
    columns.day.push(descriptor.date?.(item) ?? null)
    if (attendance !== undefined) {
      const activity = item as { readonly attendance: ReadonlyArray<Bulk.AttendanceEntry> }
      columns.doc.push(JSON.stringify({ ...activity, attendance: [] }))
      Bulk.pushAttendance(attendance, key, activity.attendance)
    } else {
      columns.doc.push(json ?? JSON.stringify(item))
    }
  }

  const insertItems = (district: string, collection: string, c: Bulk.ItemColumns, replace: boolean) =>
    Effect.forEach(
      Bulk.ranges(c.key.length, (i) => c.doc[i]!.length),
      ([s, e]) => {
        const insert = sql`INSERT INTO tongxin_items (district_id, collection, key, f1, f2, f3, day, doc)
          SELECT ${district}, ${collection}, * FROM unnest(
            ${Bulk.texts(c.key.slice(s, e))}::text[], ${Bulk.texts(c.f1.slice(s, e))}::text[], ${Bulk.texts(c.f2.slice(s, e))}::text[],
            ${Bulk.texts(c.f3.slice(s, e))}::text[], ${Bulk.texts(c.day.slice(s, e))}::text[], ${Bulk.texts(c.doc.slice(s, e))}::text[])`
        return replace
          ? sql`${insert} ON CONFLICT (district_id, collection, key) DO UPDATE
              SET f1 = excluded.f1, f2 = excluded.f2, f3 = excluded.f3, day = excluded.day, doc = excluded.doc`
          : insert
      },
      { discard: true },
    )

  const insertAttendance = (district: string, c: Bulk.AttendanceColumns) =>
    Effect.forEach(
      Bulk.ranges(c.activityId.length),
      ([s, e]) =>
        sql`INSERT INTO tongxin_attendance (district_id, activity_id, seq, member_id, status, half_days, speech)
          SELECT ${district}, * FROM unnest(
            ${Bulk.texts(c.activityId.slice(s, e))}::text[], ${Bulk.ints(c.seq.slice(s, e))}::int[], ${Bulk.texts(c.memberId.slice(s, e))}::text[],
            ${Bulk.texts(c.status.slice(s, e))}::text[], ${Bulk.ints(c.halfDays.slice(s, e))}::int[], ${Bulk.texts(c.speech.slice(s, e))}::text[])`,
      { discard: true },
    )

  const attendanceColumn = sql.literal(
    `, (SELECT json_agg(json_build_array(a.member_id, a.status, a.half_days, a.speech) ORDER BY a.seq)
        FROM tongxin_attendance a WHERE a.district_id = i.district_id AND a.activity_id = i.key) AS attendance`,
  )

  const whereQuery = (q: Omit<StoreInput.Query, "limit" | "after">): Fragment => {
    let clause: Fragment = empty
    for (const [index, value] of q.filters)
      clause = sql`${clause} AND i.${sql.literal(filterColumns[index]!)} = ${value}`
    if (q.from !== undefined) clause = sql`${clause} AND i.day >= ${q.from}`
    if (q.to !== undefined) clause = sql`${clause} AND i.day <= ${q.to}`
    return clause
  }

  const itemOf = (row: ItemRow): unknown => {
    const doc = JSON.parse(row.doc)
    if (row.attendance !== undefined) doc.attendance = Bulk.attendanceOf(row.attendance)
    return doc
  }

  // One page in key order; looks one row ahead to know whether there is a next page.
  const page = (
    district: string,
    name: Collections.Name,
    q: StoreInput.Query,
  ): Effect.Effect<Store.Page<unknown>, SqlError> =>
    unless(
      [district, ...q.filters.map(([, v]) => v)],
      { items: [] },
      pageOf(district, name, q.after === undefined ? q : { ...q, after: cursor(q.after) }),
    )

  const pageOf = (district: string, name: Collections.Name, q: StoreInput.Query) =>
    Effect.map(
      sql<ItemRow>`SELECT i.key, i.doc${name === "activities" ? attendanceColumn : empty}
        FROM tongxin_items i
        WHERE i.district_id = ${district} AND i.collection = ${name}${whereQuery(q)}${q.after !== undefined ? sql` AND i.key > ${q.after}` : empty}
        ORDER BY i.key
        LIMIT ${q.limit + 1}`,
      (rows): Store.Page<unknown> => {
        const n = Math.min(rows.length, q.limit)
        const items = new Array<unknown>(n)
        for (let i = 0; i < n; i++) items[i] = itemOf(rows[i]!)
        return rows.length > q.limit ? { items, next: rows[q.limit - 1]!.key } : { items }
      },
    )

  // --- events -------------------------------------------------------------------------------------

  const eventOf = (row: EventRow): Store.StoredEvent => ({
    caseId: row.case_id as Ids.CaseId,
    version: row.version,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data),
    meta: JSON.parse(row.meta),
  })

  const caseVersion = (district: string, caseId: string) =>
    Effect.map(
      sql<{ readonly version: number }>`SELECT COALESCE(max(version), 0)::int AS version FROM tongxin_events
        WHERE district_id = ${district} AND case_id = ${caseId}`,
      (rows) => rows[0]?.version ?? 0,
    )

  // The district as a document: three statements on one snapshot; attendance joined in memory.
  const loadDistrict = (district: string) =>
    snapshot(
      "loadDistrict",
      Effect.gen(function* () {
        const info = yield* sql<{ readonly info: string }>`SELECT info FROM tongxin_districts WHERE id = ${district}`
        if (info.length === 0) return Option.none()
        const items = yield* sql<{
          readonly collection: string
          readonly doc: string
        }>`SELECT collection, doc FROM tongxin_items
          WHERE district_id = ${district} AND collection = ANY(${Bulk.texts(Collections.districtDataNames)}::text[])
          ORDER BY collection, key`
        const rows = yield* sql`SELECT activity_id, member_id, status, half_days, speech FROM tongxin_attendance
          WHERE district_id = ${district} ORDER BY activity_id, seq`.values
        const byActivity = new Map<string, Array<Bulk.AttendanceEntry>>()
        for (const row of rows) {
          const [activityId, memberId, status, halfDays, speech] = row as readonly [
            string,
            string,
            string,
            number | null,
            string | null,
          ]
          let list = byActivity.get(activityId)
          if (list === undefined) byActivity.set(activityId, (list = []))
          list.push(Bulk.entry(memberId, status, halfDays, speech))
        }
        const data: Record<string, unknown> = { district: JSON.parse(info[0]!.info) }
        for (const name of Collections.districtDataNames) data[name] = []
        for (const row of items) {
          const doc = JSON.parse(row.doc)
          if (row.collection === "activities") doc.attendance = byActivity.get(doc.id) ?? []
          ;(data[row.collection] as Array<unknown>).push(doc)
        }
        return Option.some(data as unknown as District.DistrictData)
      }),
    )

  const service: Store.Service = {
    capabilities: { concurrentWriters: true, persistent: true },

    putDistrict: (info) =>
      Effect.flatMap(StoreInput.districtInfo("putDistrict", info), (checked) =>
        atomically(
          "putDistrict",
          sql`INSERT INTO tongxin_districts (id, info) VALUES (${checked.info.id}, ${checked.json})
            ON CONFLICT (id) DO UPDATE SET info = excluded.info`,
        ),
      ).pipe(Effect.asVoid),

    getDistrict: (district) =>
      read(
        "getDistrict",
        unless(
          [district],
          Option.none(),
          Effect.map(
            sql<{ readonly info: string }>`SELECT info FROM tongxin_districts WHERE id = ${district}`,
            (rows) => Option.map(Option.fromNullishOr(rows[0]), (r) => JSON.parse(r.info) as District.DistrictInfo),
          ),
        ),
      ),

    listDistricts: () =>
      read(
        "listDistricts",
        Effect.map(sql<{ readonly info: string }>`SELECT info FROM tongxin_districts ORDER BY id`, (rows) =>
          rows.map((r) => JSON.parse(r.info) as District.DistrictInfo),
        ),
      ),

    upsert: (district, name, items) =>
      Effect.gen(function* () {
        const id = yield* StoreInput.districtId("upsert", district)
        // Checked first, reported after NotFound: the order MemoryStore reports them in.
        const checked = yield* Effect.exit(StoreInput.items("upsert", name, items))
        return yield* atomically(
          "upsert",
          Effect.gen(function* () {
            yield* requireDistrict("upsert", id)
            const rows = yield* checked
            if (rows.length === 0) return 0
            const descriptor = descriptorOf(name)
            const columns = Bulk.itemColumns()
            const attendance = name === "activities" ? Bulk.attendanceColumns() : undefined
            for (const c of rows) pushItem(columns, attendance, descriptor, c.key, c.item, c.json)
            yield* insertItems(id, name, columns, true)
            if (attendance !== undefined) {
              yield* sql`DELETE FROM tongxin_attendance WHERE district_id = ${id} AND activity_id = ANY(${Bulk.texts(columns.key)}::text[])`
              yield* insertAttendance(id, attendance)
            }
            return rows.length
          }),
        )
      }),

    get: (district, name, key) =>
      Effect.gen(function* () {
        yield* StoreInput.collection("get", name)
        const k = yield* StoreInput.key("get", key)
        const rows = yield* read(
          "get",
          unless(
            [district],
            [],
            sql<ItemRow>`SELECT i.key, i.doc${name === "activities" ? attendanceColumn : empty} FROM tongxin_items i
              WHERE i.district_id = ${district} AND i.collection = ${name} AND i.key = ${k}`,
          ),
        )
        return Option.map(Option.fromNullishOr(rows[0]), itemOf) as Option.Option<never>
      }),

    remove: (district, name, keys) =>
      Effect.gen(function* () {
        yield* StoreInput.collection("remove", name)
        for (let i = 0; i < keys.length; i++) yield* StoreInput.key("remove", keys[i], `keys[${i}]`)
        if (keys.length === 0 || !storable(district)) return 0
        return yield* atomically(
          "remove",
          Effect.gen(function* () {
            const removed = yield* sql<{ readonly key: string }>`DELETE FROM tongxin_items
              WHERE district_id = ${district} AND collection = ${name} AND key = ANY(${Bulk.texts(keys)}::text[]) RETURNING key`
            if (name === "activities" && removed.length > 0) {
              yield* sql`DELETE FROM tongxin_attendance WHERE district_id = ${district} AND activity_id = ANY(${Bulk.texts(removed.map((r) => r.key))}::text[])`
            }
            return removed.length
          }),
        )
      }),

    list: (district, name, options) =>
      Effect.flatMap(StoreInput.query("list", name, options), (q) =>
        read("list", page(district, name, q)),
      ) as Effect.Effect<Store.Page<never>, StoreError.StoreError | StoreError.InvalidInput>,

    count: (district, name, options) =>
      Effect.flatMap(StoreInput.query("count", name, options), (q) =>
        read(
          "count",
          unless(
            [district, ...q.filters.map(([, v]) => v)],
            0,
            Effect.map(
              sql<{ readonly n: number }>`SELECT count(*)::int AS n FROM tongxin_items i
                WHERE i.district_id = ${district} AND i.collection = ${name}${whereQuery(q)}`,
              (rows) => rows[0]?.n ?? 0,
            ),
          ),
        ),
      ),

    stream: (district, name, options = {}) =>
      Stream.unwrap(
        Effect.map(StoreInput.streamQuery("stream", name, options), (q) =>
          Stream.paginate(undefined as string | undefined, (after) =>
            Effect.map(
              read("stream", page(district, name, after === undefined ? q : { ...q, after })),
              (p) => [p.items as ReadonlyArray<never>, Option.fromNullishOr(p.next)] as const,
            ),
          ),
        ),
      ),

    importDistrict: (data, options) =>
      Effect.gen(function* () {
        const checked = yield* StoreInput.districtData("importDistrict", data, options)
        const id = checked.district.id
        const info = JSON.stringify(checked.district)
        // Rows are built before the transaction opens, so it holds its locks only while writing.
        const tables: Array<readonly [Collections.Name, Bulk.ItemColumns]> = []
        const attendance = Bulk.attendanceColumns()
        const counts: Record<string, number> = {}
        let attendanceCount = 0
        for (const name of Collections.districtDataNames) {
          const descriptor = descriptorOf(name)
          const list = checked[name] as ReadonlyArray<unknown>
          // A later item with the same key replaces an earlier one, as in MemoryStore.
          const byKey = new Map<string, unknown>()
          for (const item of list) byKey.set(descriptor.key(item), item)
          const columns = Bulk.itemColumns()
          const activities = name === "activities" ? attendance : undefined
          for (const [key, item] of byKey) pushItem(columns, activities, descriptor, key, item, undefined)
          tables.push([name, columns])
          counts[name] = byKey.size
        }
        for (const a of checked.activities) attendanceCount += a.attendance.length
        yield* atomically(
          "importDistrict",
          Effect.gen(function* () {
            yield* sql`INSERT INTO tongxin_districts (id, info) VALUES (${id}, ${info})
              ON CONFLICT (id) DO UPDATE SET info = excluded.info`
            yield* sql`DELETE FROM tongxin_attendance WHERE district_id = ${id}`
            yield* sql`DELETE FROM tongxin_items WHERE district_id = ${id} AND collection = ANY(${Bulk.texts(Collections.districtDataNames)}::text[])`
            for (const [name, columns] of tables) yield* insertItems(id, name, columns, false)
            yield* insertAttendance(id, attendance)
          }),
        )
        return { district: id, counts: counts as Store.ImportSummary["counts"], attendance: attendanceCount }
      }),

    loadDistrict: (district) => (storable(district) ? loadDistrict(district) : Effect.succeed(Option.none())),

    saveAssignmentRun: (district, run) =>
      Effect.gen(function* () {
        const id = yield* StoreInput.districtId("saveAssignmentRun", district)
        const checked = yield* Effect.exit(StoreInput.assignmentRun("saveAssignmentRun", run))
        yield* atomically(
          "saveAssignmentRun",
          Effect.gen(function* () {
            yield* requireDistrict("saveAssignmentRun", id)
            const { placements, ...summary } = yield* checked
            yield* sql`DELETE FROM tongxin_assignment_runs WHERE district_id = ${id} AND id = ${summary.id}`
            yield* sql`INSERT INTO tongxin_assignment_runs (district_id, id, kind, created_at, objective, placement_count, doc)
              VALUES (${id}, ${summary.id}, ${summary.kind}, ${summary.createdAt}, ${summary.objective}, ${placements.length}, ${JSON.stringify(summary)})`
            yield* Effect.forEach(
              Bulk.ranges(placements.length),
              ([s, e]) => {
                const slice = placements.slice(s, e)
                return sql`INSERT INTO tongxin_placements (district_id, run_id, seq, agent, target)
                  SELECT ${id}, ${summary.id}, * FROM unnest(
                    ${Bulk.ints(slice.map((_, i) => s + i))}::int[], ${Bulk.texts(slice.map((p) => p.agent))}::text[], ${Bulk.texts(slice.map((p) => p.target))}::text[])`
              },
              { discard: true },
            )
          }),
        )
      }),

    getAssignmentRun: (district, id) =>
      read(
        "getAssignmentRun",
        unless(
          [district, id],
          Option.none(),
          Effect.map(
            sql<{
              readonly doc: string
              readonly placements: ReadonlyArray<readonly [string, string]> | null
            }>`SELECT r.doc,
                (SELECT json_agg(json_build_array(p.agent, p.target) ORDER BY p.seq) FROM tongxin_placements p
                  WHERE p.district_id = r.district_id AND p.run_id = r.id) AS placements
              FROM tongxin_assignment_runs r WHERE r.district_id = ${district} AND r.id = ${id}`,
            (rows) =>
              Option.map(
                Option.fromNullishOr(rows[0]),
                (row): Store.AssignmentRun => ({
                  ...JSON.parse(row.doc),
                  placements: (row.placements ?? []).map(([agent, target]) => ({ agent, target })),
                }),
              ),
          ),
        ),
      ),

    listAssignmentRuns: (district, options = {}) =>
      read(
        "listAssignmentRuns",
        unless(
          [district, options.kind],
          [],
          Effect.map(
            sql<{
              readonly doc: string
              readonly placement_count: number
            }>`SELECT doc, placement_count FROM tongxin_assignment_runs
              WHERE district_id = ${district}${options.kind !== undefined ? sql` AND kind = ${options.kind}` : empty}
              ORDER BY created_at, id`,
            (rows) =>
              rows.map(
                (r): Store.AssignmentRunSummary => ({ ...JSON.parse(r.doc), placementCount: r.placement_count }),
              ),
          ),
        ),
      ),

    appendProgress: (district, update) =>
      Effect.gen(function* () {
        const id = yield* StoreInput.districtId("appendProgress", district)
        const checked = yield* Effect.exit(StoreInput.progressUpdate("appendProgress", update))
        return yield* atomically(
          "appendProgress",
          Effect.gen(function* () {
            // Takes the district's row lock: updates of one district get their seq in commit order.
            const bumped = yield* sql<{
              readonly seq: number
            }>`UPDATE tongxin_districts SET last_progress = last_progress + 1
              WHERE id = ${id} RETURNING last_progress::float8 AS seq`
            if (bumped.length === 0) return yield* notFound("appendProgress", "district", id)
            const u = yield* checked
            const outcome = yield* sql<{ readonly doc: string }>`SELECT doc FROM tongxin_items
              WHERE district_id = ${id} AND collection = 'outcomes' AND key = ${u.outcomeId} FOR UPDATE`
            if (outcome.length === 0) return yield* notFound("appendProgress", "outcome", u.outcomeId)
            const stored: Store.StoredProgressUpdate = { ...u, seq: bumped[0]!.seq }
            yield* sql`INSERT INTO tongxin_progress (district_id, seq, outcome_id, doc)
              VALUES (${id}, ${stored.seq}, ${u.outcomeId}, ${JSON.stringify(stored)})`
            const doc = JSON.stringify({ ...JSON.parse(outcome[0]!.doc), progress: u.progress })
            yield* sql`UPDATE tongxin_items SET doc = ${doc} WHERE district_id = ${id} AND collection = 'outcomes' AND key = ${u.outcomeId}`
            return stored
          }),
        )
      }),

    listProgress: (district, outcomeId) =>
      read(
        "listProgress",
        unless(
          [district, outcomeId],
          [],
          Effect.map(
            sql<{
              readonly doc: string
            }>`SELECT doc FROM tongxin_progress WHERE district_id = ${district} AND outcome_id = ${outcomeId} ORDER BY seq`,
            (rows) => rows.map((r) => JSON.parse(r.doc) as Store.StoredProgressUpdate),
          ),
        ),
      ),

    saveEvaluation: (district, snapshot) =>
      Effect.gen(function* () {
        const id = yield* StoreInput.districtId("saveEvaluation", district)
        const checked = yield* Effect.exit(StoreInput.evaluationSnapshot("saveEvaluation", snapshot))
        yield* atomically(
          "saveEvaluation",
          Effect.gen(function* () {
            yield* requireDistrict("saveEvaluation", id)
            const { snapshot: s, resultsJson } = yield* checked
            yield* sql`INSERT INTO tongxin_evaluations (district_id, rubric_id, period, computed_at, results)
              VALUES (${id}, ${s.rubricId}, ${s.period}, ${s.computedAt}, ${resultsJson})
              ON CONFLICT (district_id, rubric_id, period) DO UPDATE SET computed_at = excluded.computed_at, results = excluded.results`
          }),
        )
      }),

    getEvaluation: (district, rubricId, period) =>
      read(
        "getEvaluation",
        unless(
          [district, rubricId, period],
          Option.none(),
          Effect.map(
            sql<{
              readonly computed_at: string
              readonly results: string
            }>`SELECT computed_at, results FROM tongxin_evaluations
              WHERE district_id = ${district} AND rubric_id = ${rubricId} AND period = ${period}`,
            (rows) =>
              Option.map(
                Option.fromNullishOr(rows[0]),
                (r): Store.EvaluationSnapshot => ({
                  rubricId,
                  period,
                  computedAt: r.computed_at,
                  results: JSON.parse(r.results),
                }),
              ),
          ),
        ),
      ),

    listEvaluations: (district) =>
      read(
        "listEvaluations",
        unless(
          [district],
          [],
          Effect.map(
            sql<{
              readonly rubric_id: string
              readonly period: string
              readonly computed_at: string
            }>`SELECT rubric_id, period, computed_at
              FROM tongxin_evaluations WHERE district_id = ${district} ORDER BY rubric_id, period`,
            (rows) =>
              rows.map(
                (r): Store.EvaluationSummary => ({
                  rubricId: r.rubric_id,
                  period: r.period,
                  computedAt: r.computed_at,
                }),
              ),
          ),
        ),
      ),

    append: (district, caseId, expectedVersion, events) =>
      Effect.gen(function* () {
        const checked = yield* StoreInput.events("append", caseId, expectedVersion, events)
        const id = yield* StoreInput.districtId("append", district)
        const conflict = (actual: number) =>
          new StoreError.VersionConflict({ district, caseId, expected: expectedVersion, actual })
        if (checked.length === 0) {
          const rows = yield* read(
            "append",
            sql<{ readonly version: number }>`SELECT COALESCE((SELECT max(version) FROM tongxin_events e
                WHERE e.district_id = d.id AND e.case_id = ${caseId}), 0)::int AS version
              FROM tongxin_districts d WHERE d.id = ${id}`,
          )
          if (rows.length === 0) return yield* notFound("append", "district", id)
          const actual = rows[0]!.version
          return actual === expectedVersion ? actual : yield* conflict(actual)
        }
        const n = checked.length
        return yield* atomically(
          "append",
          Effect.gen(function* () {
            // The district's row lock serialises appends to the district, so positions follow commit
            // order; the version is checked by a statement that starts after the lock is taken, so it
            // sees every committed append.
            const bumped = yield* sql<{
              readonly last: number
            }>`UPDATE tongxin_districts SET last_position = last_position + ${n}
              WHERE id = ${id} RETURNING last_position::float8 AS last`
            if (bumped.length === 0) return yield* notFound("append", "district", id)
            const first = bumped[0]!.last - n + 1
            const positions = checked.map((_, i) => first + i)
            const versions = checked.map((_, i) => expectedVersion + i + 1)
            // The first chunk inserts only if the case is still at the expected version: the check
            // and the insert take one round trip while the lock is held.
            const chunks = Bulk.ranges(n, (i) => checked[i]!.dataJson.length + checked[i]!.metaJson.length)
            for (let c = 0; c < chunks.length; c++) {
              const [s, e] = chunks[c]!
              const guard =
                c === 0
                  ? sql` WHERE (SELECT COALESCE(max(version), 0) FROM tongxin_events WHERE district_id = ${id} AND case_id = ${caseId}) = ${expectedVersion}`
                  : empty
              const inserted =
                yield* sql`INSERT INTO tongxin_events (district_id, position, case_id, version, type, data, meta)
                SELECT ${id}, p, ${caseId}, v, t, d, m FROM unnest(
                  ${Bulk.bigints(positions.slice(s, e))}::bigint[], ${Bulk.ints(versions.slice(s, e))}::int[],
                  ${Bulk.texts(checked.slice(s, e).map((x) => x.type))}::text[], ${Bulk.texts(checked.slice(s, e).map((x) => x.dataJson))}::text[],
                  ${Bulk.texts(checked.slice(s, e).map((x) => x.metaJson))}::text[]) AS u (p, v, t, d, m)${guard}
                RETURNING 1`.pipe(
                  Effect.catchIf(
                    (e) => isUniqueViolation(e, "tongxin_events_case_version"),
                    () => Effect.fail(new LostRace()),
                  ),
                )
              if (inserted.length === 0) return yield* conflict(yield* caseVersion(id, caseId))
            }
            return expectedVersion + n
          }),
        ).pipe(
          Effect.catchIf(
            (e): e is LostRace => e instanceof LostRace,
            () => Effect.flatMap(read("append", caseVersion(id, caseId)), (actual) => Effect.fail(conflict(actual))),
          ),
        )
      }),

    readCase: (district, caseId) =>
      read(
        "readCase",
        unless(
          [district, caseId],
          [],
          Effect.map(
            sql<EventRow>`SELECT case_id, version, position::float8 AS position, type, data, meta FROM tongxin_events
              WHERE district_id = ${district} AND case_id = ${caseId} ORDER BY version`,
            (rows) => rows.map(eventOf),
          ),
        ),
      ),

    readAll: (district, options) =>
      Effect.flatMap(StoreInput.readAllOptions("readAll", options), ({ after, limit }) =>
        read(
          "readAll",
          unless(
            [district],
            [],
            Effect.map(
              sql<EventRow>`SELECT case_id, version, position::float8 AS position, type, data, meta FROM tongxin_events
                WHERE district_id = ${district} AND position > ${after} ORDER BY position LIMIT ${limit}`,
              (rows) => rows.map(eventOf),
            ),
          ),
        ),
      ),

    // Nested, it is a savepoint: a failure undoes the inner transaction's writes only.
    transaction: (effect) => atomically("transaction", effect, "caller"),
  }
  return service
}
