// Tests that need a real PostgreSQL server: several connections busy at once, backends killed from
// another connection, locks held by another session, and options as the server sees them. PGlite
// is one session behind one socket queue (see src/Testing.ts), so these run only when
// TONGXIN_PG_URL names a server (CI sets it).
import { describe, expect, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import type { Ids, Store } from "@tongxin/core"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as SqlClient from "effect/sql/SqlClient"
import { bigDistrict } from "./big.js"
import { database, freshLayer, options, qingshan, storeOf } from "./support.js"
import { PgStore } from "../src/index.js"

const onServer = Boolean(process.env["TONGXIN_PG_URL"])

describe("PgStore on a real server", () => {
  it.live.runIf(onServer)(
    "16 writers on their own connections append 500 events each to 20 cases: no lost or duplicate event, gap-free versions and positions (needs a real server: PGlite is one session)",
    () =>
      Effect.gen(function* () {
        const writers = 16
        const perWriter = 500
        const cases = Array.from({ length: 20 }, (_, i) => `case-${i}` as Ids.CaseId)
        const data = qingshan()
        const district = data.district.id
        // A fresh store, then one store (with its own pool of one connection) per writer, as if each
        // were its own process; they start at once, so they also race through the migration.
        const setup = yield* storeOf(freshLayer())
        yield* setup.putDistrict(data.district)
        const stores = yield* Effect.all(
          Array.from({ length: writers }, () => storeOf(PgStore.layer(options({ maxConnections: 1 })))),
          { concurrency: "unbounded" },
        )
        const failures: Array<string> = []
        const writer = (store: Store.Service, w: number) =>
          Effect.forEach(
            Array.from({ length: perWriter }, (_, i) => i),
            (i) => {
              const caseId = cases[(w * 7 + i) % cases.length]!
              const attempt: Effect.Effect<number, unknown> = Effect.gen(function* () {
                const version = (yield* store.readCase(district, caseId)).length
                return yield* store.append(district, caseId, version, [{ type: "written", data: { w, i } }])
              }).pipe(
                Effect.catch((e) => {
                  failures.push((e as { readonly _tag?: string })._tag ?? String(e))
                  return (e as { readonly _tag?: string })._tag === "VersionConflict" ? attempt : Effect.fail(e)
                }),
              )
              return attempt
            },
            { discard: true },
          )
        const started = performance.now()
        yield* Effect.all(
          stores.map((s, w) => writer(s, w)),
          { concurrency: "unbounded", discard: true },
        )
        const seconds = (performance.now() - started) / 1000
        console.log(
          `${writers * perWriter} appends by ${writers} writers in ${seconds.toFixed(1)} s, ${failures.length} version conflicts retried`,
        )

        expect(new Set(failures)).toEqual(failures.length === 0 ? new Set() : new Set(["VersionConflict"]))
        const all: Array<Store.StoredEvent> = []
        for (;;) {
          const batch = yield* setup.readAll(district, { after: all.length, limit: 10_000 })
          if (batch.length === 0) break
          all.push(...batch)
        }
        expect(all.length).toBe(writers * perWriter)
        expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1))
        const written = new Set(all.map((e) => JSON.stringify(e.data)))
        expect(written.size).toBe(writers * perWriter)
        let total = 0
        for (const c of cases) {
          const events = yield* setup.readCase(district, c)
          expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1))
          total += events.length
        }
        expect(total).toBe(writers * perWriter)
      }),
    300_000,
  )

  it.live.runIf(onServer)(
    "a connection killed with pg_terminate_backend in the middle of an import: typed StoreError, the previous data intact, and the pool recovers (needs a real server: PGlite has no backends to kill)",
    () =>
      Effect.gen(function* () {
        const data = qingshan()
        const district = data.district.id
        const applicationName = `tongxin-kill-${Math.random().toString(36).slice(2, 8)}`
        yield* storeOf(freshLayer())
        const store = yield* storeOf(PgStore.layer(options({ maxConnections: 2, applicationName })))
        yield* store.importDistrict(data)
        const before = yield* store.loadDistrict(district)

        // The killer watches from its own connection for the importing backend's bulk insert.
        const admin = yield* storeOfAdmin()
        const big = bigDistrict(data, 8_000, 50)
        const importing = yield* Effect.forkChild(store.importDistrict(big))
        let killed = 0
        const deadline = Date.now() + 60_000
        while (killed === 0 && Date.now() < deadline) {
          const rows = yield* admin<{
            readonly n: number
          }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE application_name = ${applicationName} AND state = 'active' AND query LIKE '%INSERT INTO tongxin_attendance%'`
          killed = rows[0]?.n ?? 0
          if (killed === 0) yield* Effect.sleep("10 millis")
        }
        expect(killed).toBe(1)
        const exit = yield* Fiber.await(importing)
        expect(Exit.isFailure(exit)).toBe(true)
        const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
        expect(error).toMatchObject({ _tag: "StoreError", operation: "importDistrict" })
        expect((error as { readonly message: string }).message).toMatch(/terminat|connection/i)

        // The next calls on the same layer get a new connection and see the data from before.
        expect(yield* store.loadDistrict(district)).toEqual(before)
        expect(yield* store.count(district, "activities")).toBe(data.activities.length)
        const summary = yield* store.importDistrict(bigDistrict(data, 100, 5))
        expect(summary.attendance).toBe(500)
      }),
    300_000,
  )

  it.live.runIf(onServer)(
    "a read whose connection is killed while it waits on a lock runs again and answers, snapshot or single statement (needs a real server)",
    () =>
      Effect.gen(function* () {
        const data = qingshan()
        const district = data.district.id
        const applicationName = `tongxin-read-${Math.random().toString(36).slice(2, 8)}`
        yield* storeOf(freshLayer())
        const store = yield* storeOf(PgStore.layer(options({ maxConnections: 2, applicationName })))
        yield* store.importDistrict(data)
        // A read-only snapshot (one transaction, several statements), and one statement (activities
        // with their attendance joined), in turn.
        const snapshotRead: Effect.Effect<unknown, unknown> = store.loadDistrict(district)
        const statementRead: Effect.Effect<unknown, unknown> = store.list(district, "activities", { limit: 50 })
        const expected = yield* Effect.all([snapshotRead, statementRead])
        const holder = yield* storeOfAdmin()
        const killer = yield* storeOfAdmin()
        for (let round = 0; round < 4; round++) {
          // The holder's transaction locks the attendance table until the read has been killed.
          const locked = yield* Deferred.make<void>()
          const release = yield* Deferred.make<void>()
          const holding = yield* Effect.forkChild(
            holder.withTransaction(
              Effect.gen(function* () {
                yield* holder`LOCK TABLE tongxin_attendance IN ACCESS EXCLUSIVE MODE`
                yield* Deferred.succeed(locked, undefined)
                yield* Deferred.await(release)
              }),
            ),
          )
          yield* Deferred.await(locked)
          const reading = yield* Effect.forkChild(round % 2 === 0 ? snapshotRead : statementRead)
          let killed = 0
          for (let waited = 0; killed === 0 && waited < 10_000; waited += 20) {
            yield* Effect.sleep("20 millis")
            const rows = yield* killer<{
              readonly n: number
            }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE application_name = ${applicationName} AND wait_event_type = 'Lock'`
            killed = rows[0]?.n ?? 0
          }
          expect(killed, `round ${round + 1}: the read was waiting on the lock`).toBe(1)
          yield* Deferred.succeed(release, undefined)
          yield* Fiber.join(holding)
          expect(yield* Fiber.join(reading), `round ${round + 1}`).toEqual(expected[round % 2])
        }
      }),
    120_000,
  )

  it.live.runIf(onServer)(
    "connections killed while they wait in the pool: the next reads and writes still succeed, 10 rounds (needs a real server)",
    () =>
      Effect.gen(function* () {
        const data = qingshan()
        const district = data.district.id
        const applicationName = `tongxin-idle-${Math.random().toString(36).slice(2, 8)}`
        yield* storeOf(freshLayer())
        const store = yield* storeOf(PgStore.layer(options({ maxConnections: 2, applicationName })))
        yield* store.importDistrict(data)
        const expected = yield* store.loadDistrict(district)
        const admin = yield* storeOfAdmin()
        for (let round = 0; round < 10; round++) {
          // Two open connections in the pool, both killed while idle; then calls at once: the pool may
          // hand out a connection whose death it has not noticed yet.
          yield* Effect.all([store.loadDistrict(district), store.loadDistrict(district)], { concurrency: 2 })
          yield* admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${applicationName}`
          const results = yield* Effect.all(
            [
              store.loadDistrict(district),
              store.count(district, "members"),
              store.putDistrict(data.district),
              store.loadDistrict(district),
            ],
            { concurrency: "unbounded" },
          )
          expect(results, `round ${round + 1}`).toEqual([expected, data.members.length, undefined, expected])
        }
      }),
    120_000,
  )

  it.live.runIf(onServer)(
    "the pool options reach the server: application_name, maxConnections, idleTimeout; a database that does not exist fails the layer with PostgreSQL's reason (needs a real server)",
    () =>
      Effect.gen(function* () {
        const applicationName = `tongxin-opts-${Math.random().toString(36).slice(2, 8)}`
        const admin = yield* storeOfAdmin()
        const connections = Effect.map(
          admin<{
            readonly n: number
          }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${applicationName}`,
          (rows) => rows[0]?.n ?? 0,
        )
        const client = yield* Effect.map(
          Layer.build(PgStore.layerClient(options({ maxConnections: 3, idleTimeout: "500 millis", applicationName }))),
          (context) => Context.get(context, SqlClient.SqlClient),
        )
        // Six sleepers on a pool of three: three connections at most, all named.
        yield* Effect.all(
          Array.from({ length: 6 }, () => client`SELECT pg_sleep(0.3)`),
          { concurrency: "unbounded", discard: true },
        ).pipe(Effect.forkChild)
        yield* Effect.sleep("150 millis")
        expect(yield* connections).toBe(3)
        // Idle connections close after idleTimeout (the pool keeps none: minConnections is 0).
        let open = 3
        for (let waited = 0; open > 0 && waited < 10_000; waited += 100) {
          yield* Effect.sleep("100 millis")
          open = yield* connections
        }
        expect(open).toBe(0)

        const url = new URL(database().url)
        url.pathname = "/tongxin_no_such_database"
        const result = yield* Effect.result(Layer.build(PgStore.layer({ url: url.toString() })))
        const error = Result.isFailure(result) ? result.failure : undefined
        expect(error).toMatchObject({ _tag: "StoreError", operation: "connect" })
        expect(error?.message).toContain("/tongxin_no_such_database")
        expect(error?.message).toMatch(/does not exist \(SQLSTATE 3D000\)/)
      }),
    60_000,
  )

  it.live.runIf(onServer)(
    "a statement_timeout set in the url's options cancels a read stuck on a lock: a StoreError that says so, not run again (needs a real server)",
    () =>
      Effect.gen(function* () {
        const data = qingshan()
        const district = data.district.id
        yield* storeOf(freshLayer())
        const url = new URL(database().url)
        url.searchParams.set("options", "-c statement_timeout=300")
        const store = yield* storeOf(PgStore.layer(options({ url: Redacted.make(url.toString()), maxConnections: 2 })))
        yield* store.importDistrict(data)
        const holder = yield* storeOfAdmin()
        const locked = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const holding = yield* Effect.forkChild(
          holder.withTransaction(
            Effect.gen(function* () {
              yield* holder`LOCK TABLE tongxin_items IN ACCESS EXCLUSIVE MODE`
              yield* Deferred.succeed(locked, undefined)
              yield* Deferred.await(release)
            }),
          ),
        )
        yield* Deferred.await(locked)
        const started = performance.now()
        const result = yield* Effect.result(store.count(district, "members"))
        const waited = performance.now() - started
        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(holding)
        const error = Result.isFailure(result) ? result.failure : undefined
        expect(error).toMatchObject({ _tag: "StoreError", operation: "count" })
        expect(error?.message).toContain("SQLSTATE 57014")
        expect(error?.message).toContain("statement_timeout")
        // Once: a cancelled statement is not a dead connection.
        expect(waited).toBeLessThan(900)
        expect(yield* store.count(district, "members")).toBe(data.members.length)
      }),
    60_000,
  )
})

// A plain client on the test database, for the killer, open for the rest of the test.
const storeOfAdmin = () =>
  Effect.map(
    Layer.build(
      PgClient.layer({ url: Redacted.make(database().url), maxConnections: 1, applicationName: "tongxin-test-killer" }),
    ),
    (context) => Context.get(context, SqlClient.SqlClient),
  )
