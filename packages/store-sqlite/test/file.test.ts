// What only a file database shows: data outlives the layer, migrations run once, and the connection
// is set up as documented (WAL, foreign keys, busy timeout).
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Worker } from "node:worker_threads"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { type Ids, Store } from "@tongxin/core"
import { SqliteClient, SqliteStore } from "@tongxin/store-sqlite"
import { Fixtures } from "@tongxin/store-testkit"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as SqlClient from "effect/sql/SqlClient"

const dir = mkdtempSync(join(tmpdir(), "tongxin-sqlite-file-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Another process holding the write lock for `ms`: a worker thread with its own node:sqlite
// connection (the store's waits are synchronous, so the holder must run on another thread).
// Another thread takes the database's write lock and holds it for `ms`. Resolves once the lock is
// taken, with the release: an effect that waits for it and gives the time it happened (so a test
// can check that a write waited without assuming how long anything takes), or stops the thread.
const holdWriteLock = (filename: string, ms: number) =>
  Effect.callback<{ readonly released: Effect.Effect<number>; readonly stop: Effect.Effect<void> }>((resume) => {
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads")
       const { DatabaseSync } = require("node:sqlite")
       const db = new DatabaseSync(workerData.filename)
       db.exec("BEGIN IMMEDIATE")
       parentPort.postMessage("locked")
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms)
       db.exec("COMMIT")
       parentPort.postMessage(Date.now())
       db.close()`,
      { eval: true, workerData: { filename, ms } },
    )
    const released = Effect.callback<number>((resumeReleased) => {
      worker.on("message", (m) => typeof m === "number" && resumeReleased(Effect.succeed(m)))
    })
    const stop = Effect.promise(() => worker.terminate()).pipe(Effect.asVoid)
    worker.once("message", () => resume(Effect.succeed({ released, stop })))
    worker.once("error", (e) => resume(Effect.die(e)))
  })

const withStore = <A, E>(filename: string, f: (store: Store.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(Store.Store, f).pipe(Effect.provide(SqliteStore.layer({ filename })))

describe("SQLite file store", () => {
  it.effect("keeps data across two layer builds, and the second build migrates nothing", () =>
    Effect.gen(function* () {
      const filename = join(dir, "persist.db")
      const d = Fixtures.freshDistrictId("persist")
      const data = Fixtures.district(d)
      const written = yield* withStore(filename, (store) =>
        Effect.gen(function* () {
          expect(store.capabilities).toEqual({ concurrentWriters: false, persistent: true })
          yield* store.importDistrict(data)
          yield* store.append(d, "k1" as Ids.CaseId, 0, [{ type: "opened", data: { n: 1 } }])
          yield* store.saveEvaluation(d, { rubricId: "r", period: "2025", computedAt: "t", results: [1, 2] })
          return yield* store.loadDistrict(d)
        }),
      )
      const read = yield* withStore(filename, (store) =>
        Effect.all({
          load: store.loadDistrict(d),
          events: store.readAll(d),
          evaluation: store.getEvaluation(d, "r", "2025"),
          version: store.append(d, "k1" as Ids.CaseId, 1, [{ type: "next", data: null }]),
        }),
      )
      expect(Option.getOrThrow(read.load)).toEqual(Option.getOrThrow(written))
      expect(read.events.map((e) => [e.position, e.type])).toEqual([[1, "opened"]])
      expect(Option.getOrThrow(read.evaluation).results).toEqual([1, 2])
      expect(read.version).toBe(2)

      // The Migrator recorded the schema once; building again added nothing.
      const migrations = yield* Effect.flatMap(
        SqlClient.SqlClient,
        (sql) => sql<{ migration_id: number; name: string }>`SELECT migration_id, name FROM tongxin_migrations`,
      ).pipe(Effect.provide(SqliteClient.layer({ filename })))
      expect(migrations.map((m) => [m.migration_id, m.name])).toEqual([[1, "initial"]])
      // The tables carry the PostgreSQL adapter's names.
      const tables = yield* Effect.flatMap(
        SqlClient.SqlClient,
        (sql) => sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`,
      ).pipe(Effect.provide(SqliteClient.layer({ filename })))
      expect(tables.map((t) => t.name)).toEqual([
        "tongxin_assignment_runs",
        "tongxin_attendance",
        "tongxin_districts",
        "tongxin_evaluations",
        "tongxin_events",
        "tongxin_items",
        "tongxin_migrations",
        "tongxin_placements",
        "tongxin_progress",
      ])
    }),
  )

  it.effect("opens files in WAL mode with foreign keys and a busy timeout", () =>
    Effect.gen(function* () {
      const filename = join(dir, "pragmas.db")
      const pragmas = yield* Effect.gen(function* () {
        yield* Store.Store
        const sql = yield* SqlClient.SqlClient
        const one = (text: string) =>
          Effect.map(sql.unsafe<Record<string, unknown>>(text), (rows) => Object.values(rows[0]!)[0])
        return {
          journal: yield* one("PRAGMA journal_mode"),
          foreignKeys: yield* one("PRAGMA foreign_keys"),
          busyTimeout: yield* one("PRAGMA busy_timeout"),
        }
      }).pipe(
        Effect.provide(
          SqliteStore.layerFromClient.pipe(
            Layer.provideMerge(SqliteStore.layerClient({ filename, busyTimeout: 2_500 })),
          ),
        ),
      )
      expect(pragmas).toEqual({ journal: "wal", foreignKeys: 1, busyTimeout: 2_500 })
    }),
  )

  it.effect("a memory store is not persistent", () =>
    Effect.map(
      withStore(":memory:", (store) => Effect.succeed(store.capabilities)),
      (capabilities) => expect(capabilities).toEqual({ concurrentWriters: false, persistent: false }),
    ),
  )

  it.effect("make reuses an app's own SqliteClient", () =>
    Effect.gen(function* () {
      const filename = join(dir, "own-client.db")
      const d = Fixtures.freshDistrictId("own")
      const count = yield* Effect.gen(function* () {
        const store = yield* SqliteStore.make
        yield* store.putDistrict(Fixtures.districtInfo(d))
        const sql = yield* SqlClient.SqlClient
        const rows = yield* sql<{ n: number }>`SELECT count(*) AS n FROM tongxin_districts`
        return rows[0]!.n
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))
      expect(count).toBe(1)
    }),
  )

  it.effect("a database that cannot be opened is a StoreError that names the file", () =>
    Effect.gen(function* () {
      const filename = join(dir, "no-such-folder", "x.db")
      const error = yield* Effect.flip(withStore(filename, () => Effect.void))
      expect(error._tag).toBe("StoreError")
      expect(error.message).toContain(filename)
    }),
  )

  it.effect("a file that is not a database is a StoreError", () =>
    Effect.gen(function* () {
      const filename = join(dir, "text.db")
      const { writeFileSync } = yield* Effect.promise(() => import("node:fs"))
      writeFileSync(
        filename,
        "this is not a database, just some text that is long enough to have a header. ".repeat(20),
      )
      const error = yield* Effect.flip(withStore(filename, () => Effect.void))
      expect(error._tag).toBe("StoreError")
      expect(error.message).toMatch(/SQLITE_NOTADB/)
    }),
  )

  it.effect("a write waits for another connection's lock up to the busy timeout", () =>
    Effect.gen(function* () {
      const filename = join(dir, "busy.db")
      const d = Fixtures.freshDistrictId("busy")
      // Held for far less than the timeout: the append waits for the release, then succeeds.
      const first = yield* Effect.gen(function* () {
        const store = yield* Store.Store
        yield* store.putDistrict(Fixtures.districtInfo(d))
        const lock = yield* holdWriteLock(filename, 300)
        const version = yield* store.append(d, "k" as Ids.CaseId, 0, [{ type: "opened", data: null }])
        const done = Date.now()
        return { version, done, released: yield* lock.released }
      }).pipe(Effect.provide(SqliteStore.layer({ filename, busyTimeout: 120_000 })))
      expect(first.version).toBe(1)
      expect(first.done, "the append finished only after the lock was released").toBeGreaterThanOrEqual(first.released)
      // Held until the write gave up: a StoreError that says what happened, and nothing written.
      const second = yield* Effect.gen(function* () {
        const store = yield* Store.Store
        const lock = yield* holdWriteLock(filename, 600_000)
        const error = yield* Effect.flip(store.append(d, "k" as Ids.CaseId, 1, [{ type: "next", data: null }]))
        yield* lock.stop
        return { error, events: (yield* store.readCase(d, "k" as Ids.CaseId)).length }
      }).pipe(Effect.provide(SqliteStore.layer({ filename, busyTimeout: 200 })))
      expect(second.error._tag).toBe("StoreError")
      expect(second.error.message).toMatch(/SQLITE_BUSY.*busy timeout.*nothing was written/)
      expect(second.events).toBe(1)
    }),
  )
})
