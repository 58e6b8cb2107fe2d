// A PostgreSQL connection killed in the middle of an import (`pg_terminate_backend` from another
// session, at seeded random moments while the importing backend is busy): the import fails with a
// typed StoreError, the district is exactly as before — nothing half-written — and the same layer's
// pool serves the next call on a fresh connection.
import * as SqlClient from "effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import type { Ids } from "@tongxin/core"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import { createHash } from "node:crypto"
import { performance } from "node:perf_hooks"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { adapters, build, failure, mulberry32, open, type Open, run } from "./support.js"

const district = Fixtures.freshDistrictId("terminate")
const small = Fixtures.district(district)
const big = Fixtures.district(district, {
  activities: 6_000,
  attendancePerActivity: 50,
  members: 500,
  submissions: 1_000,
  outcomes: 100,
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("pg_terminate_backend in the middle of an import", () => {
  const applicationName = `tongxin-terminate-${Math.random().toString(36).slice(2, 8)}`
  let importer: Open
  let admin: SqlClient.SqlClient
  let secondAdmin: SqlClient.SqlClient
  let closeAdmin: () => Promise<void>
  beforeAll(async () => {
    importer = await open(adapters.postgres({ maxConnections: 2, applicationName }))
    const adminOpen = await openAdmin()
    admin = adminOpen.sql
    const second = await openAdmin()
    secondAdmin = second.sql
    closeAdmin = () => adminOpen.close().then(second.close)
  })
  afterAll(async () => {
    await importer.close()
    await closeAdmin()
  })

  const digest = async () =>
    createHash("sha256")
      .update(JSON.stringify(await run(importer.store.loadDistrict(district as Ids.DistrictId))))
      .digest("hex")

  it("typed StoreError, the district as before, and the pool recovers — at 6 random moments", async () => {
    await run(importer.store.importDistrict(small))
    const random = mulberry32(Number(process.env["TONGXIN_TERMINATE_SEED"] ?? 20251129))
    // How long the big import takes undisturbed sets the window; then put the small one back.
    const t0 = performance.now()
    await run(importer.store.importDistrict(big))
    const importMs = performance.now() - t0
    const bigDigest = await digest()
    await run(importer.store.importDistrict(small))
    const smallDigest = await digest()

    let killedMidImport = 0
    for (let attempt = 0; attempt < 20 && killedMidImport < 6; attempt++) {
      const before = await digest()
      const delay = Math.floor(random() * importMs * 0.9)
      const importing = failure(importer.store.importDistrict(big))
      await sleep(delay)
      // Kill whatever the importing backend is busy with right now (checks, deletes, inserts).
      const rows = await Effect.runPromise(
        admin<{ readonly n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE application_name = ${applicationName} AND state IN ('active', 'idle in transaction')`,
      )
      const error = await importing
      const label = `attempt ${attempt + 1}, killed ${delay} ms in`
      if (rows[0]!.n === 0 || error === undefined) {
        // The import had finished (or not yet reached the server): it must have landed whole.
        if (error === undefined) expect(await digest(), label).toBe(bigDigest)
        await run(importer.store.importDistrict(small))
        continue
      }
      killedMidImport++
      expect(error, label).toMatchObject({ _tag: "StoreError", operation: "importDistrict" })
      expect((error as { readonly message: string }).message, label).toMatch(/terminat|connection/i)
      // Nothing half-written: the district is byte for byte what it was; the pool has recovered.
      expect(await digest(), label).toBe(before)
      expect(before).toBe(smallDigest)
    }
    expect(killedMidImport, "kills that landed inside the import").toBe(6)
    // The same layer still works: a whole import goes through.
    await run(importer.store.importDistrict(big))
    expect(await digest()).toBe(bigDigest)
  })

  it("a read killed in the middle (blocked on a lock, then pg_terminate_backend) runs again and answers", async () => {
    await run(importer.store.importDistrict(small))
    const expected = await digest()
    for (let round = 0; round < 3; round++) {
      // The killer's own transaction locks the attendance table until the read has been killed.
      const release = Effect.runSync(Deferred.make<void>())
      const locked = Effect.runSync(Deferred.make<void>())
      const holder = Effect.runFork(
        admin.withTransaction(
          Effect.gen(function* () {
            yield* admin`LOCK TABLE tongxin_attendance IN ACCESS EXCLUSIVE MODE`
            yield* Deferred.succeed(locked, undefined)
            yield* Deferred.await(release)
          }),
        ),
      )
      await Effect.runPromise(Deferred.await(locked))
      const reading = digest()
      let killed = 0
      for (let waited = 0; killed === 0 && waited < 10_000; waited += 20) {
        await sleep(20)
        const rows = await Effect.runPromise(
          secondAdmin<{ readonly n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE application_name = ${applicationName} AND wait_event_type = 'Lock'`,
        )
        killed = rows[0]!.n
      }
      expect(killed, `round ${round + 1}: the read was waiting on the lock`).toBe(1)
      await Effect.runPromise(Deferred.succeed(release, undefined))
      await Effect.runPromise(Fiber.join(holder))
      expect(await reading, `round ${round + 1}`).toBe(expected)
    }
  })

  it("connections killed while they wait in the pool: the next reads and writes still succeed (10 rounds)", async () => {
    await run(importer.store.importDistrict(small))
    const expected = await digest()
    for (let round = 0; round < 10; round++) {
      // Fill the pool with two open connections, then kill them both while idle, and call at once:
      // the pool may hand out a connection whose death it has not noticed yet.
      await Promise.all([digest(), digest()])
      await Effect.runPromise(
        admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${applicationName}`,
      )
      const results = await Promise.all([
        digest(),
        run(importer.store.count(district as Ids.DistrictId, "members")),
        run(importer.store.putDistrict(small.district)),
        digest(),
      ])
      expect(results, `round ${round + 1}`).toEqual([expected, small.members.length, undefined, expected])
    }
  })
})

// A plain client on the test database for the killer.
const openAdmin = async () => {
  const { service, close } = await build(
    PgClient.layer({
      url: Redacted.make(inject("pg").url),
      maxConnections: 1,
      applicationName: "tongxin-reliability-killer",
    }),
    SqlClient.SqlClient,
  )
  return { sql: service, close }
}
