// The SqlClient over node:sqlite on its own: statements, transactions (rolled back, nested, run one
// at a time), typed errors, the prepared-statement cache, streams and the connection's set-up.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import * as Stream from "effect/Stream"
// The client alone, from its module: these tests need nothing from @tongxin/core.
import * as SqliteClient from "../src/SqliteClient.js"

const dir = mkdtempSync(join(tmpdir(), "tongxin-sqlite-client-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const memory = SqliteClient.layer({ filename: ":memory:" })

const withTable = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT`
  return sql
})

describe("SqliteClient", () => {
  it.effect("creates, inserts and selects, with bound parameters", () =>
    Effect.gen(function* () {
      const sql = yield* withTable
      const inserted = yield* sql`INSERT INTO t ${sql.insert([
        { id: 1, name: "一" },
        { id: 2, name: "x'); DROP TABLE t; --" },
      ])}`.raw
      expect(inserted).toMatchObject({ changes: 2 })
      const rows = yield* sql<{
        readonly id: number
        readonly name: string
      }>`SELECT id, name FROM t WHERE id IN ${sql.in([1, 2])} ORDER BY id`
      expect(rows.map((r) => [r.id, r.name])).toEqual([
        [1, "一"],
        [2, "x'); DROP TABLE t; --"],
      ])
      expect(yield* sql.unsafe("SELECT name FROM t WHERE id = ?", [1]).values).toEqual([["一"]])
      const returned = yield* sql<{ readonly id: number }>`UPDATE t SET name = name || '!' WHERE id = ${2} RETURNING id`
      expect(returned.map((r) => r.id)).toEqual([2])
      const written = yield* sql`DELETE FROM t WHERE id = ${1}`
      expect(written).toEqual([])
      // SafeIntegers reads integers as bigints, for values past 2^53.
      const big = yield* sql<{ readonly n: bigint }>`SELECT ${2n ** 60n} AS n`.pipe(
        Effect.provideService(SqlClient.SafeIntegers, true),
      )
      expect(big[0]?.n).toBe(2n ** 60n)
      expect((yield* sql<{ readonly n: number }>`SELECT 7 AS n`)[0]?.n).toBe(7)
    }).pipe(Effect.provide(memory)),
  )

  it.effect("a failed transaction rolls back; a nested one rolls back only its savepoint", () =>
    Effect.gen(function* () {
      const sql = yield* withTable
      const failed = yield* Effect.exit(
        sql.withTransaction(
          Effect.andThen(sql`INSERT INTO t (id, name) VALUES (1, 'a')`, Effect.fail("boom" as const)),
        ),
      )
      expect(failed).toEqual(Exit.fail("boom"))
      expect(yield* sql`SELECT * FROM t`).toEqual([])
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO t (id, name) VALUES (1, 'outer')`
          const inner = yield* Effect.exit(
            sql.withTransaction(
              Effect.andThen(sql`INSERT INTO t (id, name) VALUES (2, 'inner')`, Effect.fail("inner")),
            ),
          )
          expect(Exit.isFailure(inner)).toBe(true)
          yield* sql.withTransaction(sql`INSERT INTO t (id, name) VALUES (3, 'kept')`)
        }),
      )
      const names = yield* sql<{ readonly name: string }>`SELECT name FROM t ORDER BY id`
      expect(names.map((r) => r.name)).toEqual(["outer", "kept"])
    }).pipe(Effect.provide(memory)),
  )

  it.live("concurrent transactions run one after another", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE counter (n INTEGER NOT NULL) STRICT`
      yield* sql`INSERT INTO counter VALUES (0)`
      const log: Array<string> = []
      // Read, wait, write: without serialisation the increments would be lost.
      const increment = (i: number) =>
        sql.withTransaction(
          Effect.gen(function* () {
            log.push(`begin ${i}`)
            const [row] = yield* sql<{ readonly n: number }>`SELECT n FROM counter`
            yield* Effect.sleep("5 millis")
            yield* sql`UPDATE counter SET n = ${(row?.n ?? 0) + 1}`
            log.push(`end ${i}`)
          }),
        )
      // A plain statement waits for the open transaction too.
      yield* Effect.all([...Array.from({ length: 8 }, (_, i) => increment(i)), sql`SELECT n FROM counter`], {
        concurrency: "unbounded",
      })
      const [row] = yield* sql<{ readonly n: number }>`SELECT n FROM counter`
      expect(row?.n).toBe(8)
      for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]?.replace("begin", "end"))
    }).pipe(Effect.provide(memory)),
  )

  it.effect("a failing statement is a SqlError with its reason and SQLite code", () =>
    Effect.gen(function* () {
      const sql = yield* withTable
      yield* sql`INSERT INTO t (id, name) VALUES (1, 'a')`
      const unique = yield* Effect.flip(sql`INSERT INTO t (id, name) VALUES (2, 'a')`)
      expect(isSqlError(unique)).toBe(true)
      expect(unique.reason._tag).toBe("UniqueViolation")
      expect(SqliteClient.sqliteCode(unique)).toBe("SQLITE_CONSTRAINT_UNIQUE")
      expect(unique.message).toMatch(/^SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: t.name/)
      const syntax: SqlError = yield* Effect.flip(sql.unsafe("SELEC 1"))
      expect(syntax.reason._tag).toBe("UnknownError")
      expect(SqliteClient.sqliteCode(syntax)).toBe("SQLITE_ERROR")
      const strict = yield* Effect.flip(
        Effect.andThen(sql`CREATE TABLE typed (n INTEGER NOT NULL) STRICT`, sql`INSERT INTO typed VALUES (${"abc"})`),
      )
      expect(SqliteClient.sqliteCode(strict)).toBe("SQLITE_CONSTRAINT_DATATYPE")
      const foreignKey = yield* Effect.flip(
        Effect.andThen(
          sql`CREATE TABLE child (t_id INTEGER NOT NULL REFERENCES t (id)) STRICT`,
          sql`INSERT INTO child VALUES (99)`,
        ),
      )
      expect(SqliteClient.sqliteCode(foreignKey)).toBe("SQLITE_CONSTRAINT_FOREIGNKEY")
      // The connection is still usable, and nothing half-written stayed.
      expect(yield* sql`SELECT count(*) AS n FROM t`).toEqual([{ n: 1 }])
    }).pipe(Effect.provide(memory)),
  )

  it.effect("reuses prepared statements and evicts the least recently used", () =>
    Effect.gen(function* () {
      const sql = yield* withTable
      for (let i = 0; i < 20; i++)
        yield* sql.unsafe(`INSERT INTO t (id, name) VALUES (?, ?)`, [i, `n${i % 5 === 0 ? i : `-${i}`}`])
      for (let i = 0; i < 10; i++) yield* sql.unsafe(`SELECT ${i % 4} AS k, count(*) AS n FROM t`)
      expect(yield* sql`SELECT count(*) AS n FROM t`).toEqual([{ n: 20 }])
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:", prepareCacheSize: 2 }))),
  )

  it.effect("streams rows in batches", () =>
    Effect.gen(function* () {
      const sql = yield* withTable
      yield* sql`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) INSERT INTO t SELECT i, 'n' || i FROM s`
      const ids = yield* Stream.runCollect(
        Stream.map(sql<{ readonly id: number }>`SELECT id FROM t ORDER BY id`.stream, (r) => r.id),
      )
      expect(ids.length).toBe(1000)
      expect(ids[999]).toBe(1000)
      const first = yield* Stream.runCollect(
        Stream.take(sql<{ readonly id: number }>`SELECT id FROM t ORDER BY id`.stream, 3),
      )
      expect(first.map((r) => r.id)).toEqual([1, 2, 3])
    }).pipe(Effect.provide(memory)),
  )

  it.effect("opens files in WAL mode with foreign keys and the busy timeout", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const one = (text: string) =>
        Effect.map(sql.unsafe<Record<string, unknown>>(text), (rows) => Object.values(rows[0] ?? {})[0])
      expect({
        journal: yield* one("PRAGMA journal_mode"),
        foreignKeys: yield* one("PRAGMA foreign_keys"),
        busy: yield* one("PRAGMA busy_timeout"),
      }).toEqual({
        journal: "wal",
        foreignKeys: 1,
        busy: 1_234,
      })
      const client = yield* SqliteClient.SqliteClient
      expect(client.config.busyTimeout).toBe(1_234)
    }).pipe(Effect.provide(SqliteClient.layer({ filename: join(dir, "pragmas.db"), busyTimeout: 1_234 }))),
  )

  it.effect("a file that cannot be opened, or is not a database, fails with a SqlError", () =>
    Effect.gen(function* () {
      const open = (config: SqliteClient.SqliteClientConfig) => Effect.flip(Layer.build(SqliteClient.layer(config)))
      const missing = yield* open({ filename: join(dir, "no-folder", "x.db") })
      expect(missing.reason._tag).toBe("ConnectionError")
      expect(SqliteClient.sqliteCode(missing)).toBe("SQLITE_CANTOPEN")
      const text = join(dir, "text.db")
      writeFileSync(text, "not a database ".repeat(200))
      const notADb = yield* open({ filename: text })
      expect(SqliteClient.sqliteCode(notADb)).toBe("SQLITE_NOTADB")
      const badTimeout = yield* open({ filename: ":memory:", busyTimeout: -1 })
      expect(badTimeout.message).toMatch(/busyTimeout/)
    }),
  )
})
