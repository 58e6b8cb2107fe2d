// Tests that need a real PostgreSQL server: several connections busy at once, and a backend killed
// from another connection. PGlite is one session behind one socket queue (see server.ts), so these
// run only when TONGXIN_PG_URL names a server (CI sets it).
import { describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import type { Ids, Store } from "@tongxin/core"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { bigDistrict } from "./big.js"
import { database, freshLayer, options, qingshan, storeOf } from "./support.js"
import { PgStore } from "../src/index.js"

const onServer = Boolean(process.env["TONGXIN_PG_URL"])

describe("PgStore on a real server", () => {
  it.scopedLive.runIf(onServer)(
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
                Effect.catchAll((e) => {
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
        console.log(`${writers * perWriter} appends by ${writers} writers in ${seconds.toFixed(1)} s, ${failures.length} version conflicts retried`)

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

  it.scopedLive.runIf(onServer)(
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
        const importing = yield* Effect.fork(store.importDistrict(big))
        let killed = 0
        const deadline = Date.now() + 60_000
        while (killed === 0 && Date.now() < deadline) {
          const rows = yield* admin<{ readonly n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE application_name = ${applicationName} AND state = 'active' AND query LIKE '%INSERT INTO tongxin_attendance%'`
          killed = rows[0]?.n ?? 0
          if (killed === 0) yield* Effect.sleep("10 millis")
        }
        expect(killed).toBe(1)
        const exit = yield* Fiber.await(importing)
        expect(Exit.isFailure(exit)).toBe(true)
        const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
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
})

// A plain client on the test database, for the killer, open for the rest of the test.
const storeOfAdmin = () =>
  Effect.map(
    Layer.build(PgClient.layer({ url: Redacted.make(database().url), maxConnections: 1, applicationName: "tongxin-test-killer" })),
    (context) => Context.get(context, SqlClient.SqlClient),
  )
