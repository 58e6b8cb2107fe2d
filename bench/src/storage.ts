// Storage: importing a district with 1,000,000 attendance rows through the adapters, against what a
// user would otherwise write by hand — raw `node:sqlite` prepared inserts in one transaction, and
// raw `pg` COPY — into the same tables; then
// streaming the activities back, against the raw drivers reading the same rows in the same batches.
import { type District, type Ids, Store, StoreInput } from "@tongxin/core"
import { PgStore } from "@tongxin/store-postgres"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { performance } from "node:perf_hooks"
import pg from "pg"
import { peakRssMb } from "./measure.js"
import * as Raw from "./raw.js"

interface Row {
  readonly label: string
  readonly ms: number
  readonly rows: number
}

const time = async <A>(f: () => Promise<A>): Promise<readonly [A, number]> => {
  const t0 = performance.now()
  const a = await f()
  return [a, performance.now() - t0]
}

const line = (r: Row, baseline: Row) =>
  console.log(
    `  ${r.label.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(r.rows / (r.ms / 1000))
      .toLocaleString("en")
      .padStart(11)} rows/s  ${(r.ms / baseline.ms).toFixed(2)}×${r === baseline ? " (baseline)" : ""}`,
  )

// Builds the store, runs `f` with it, and closes it.
const withStore = <A, E>(layer: Layer.Layer<Store.Store, E>, f: (store: Store.Service) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(
    Effect.scoped(Effect.flatMap(Layer.build(layer), (ctx) => f(Context.get(ctx, Store.Store)))) as Effect.Effect<A>,
  )

const streamActivities = (store: Store.Service, d: Ids.DistrictId) =>
  Stream.runFold(
    store.stream(d, "activities", { batchSize: 1_000 }),
    () => 0,
    (n: number, a) => n + a.attendance.length,
  )

interface SyncReader {
  readonly prepare: (sql: string) => {
    readonly all: (...params: Array<string>) => Array<unknown>
    readonly iterate: (...params: Array<string>) => Iterable<unknown>
  }
}

// A raw reader's own join: the activities of one batch with their attendance rows attached, as
// the stores return them; the count of rows attached.
const attach = (
  acts: ReadonlyArray<{ readonly key: string; readonly doc: string }>,
  rows: Iterable<Record<string, unknown>>,
): number => {
  const byId = new Map(acts.map((a) => [a.key, { ...JSON.parse(a.doc), attendance: [] as Array<unknown> }]))
  for (const r of rows) {
    byId.get(r["activity_id"] as string)!.attendance.push({
      memberId: r["member_id"],
      status: r["status"],
      ...(r["half_days"] === null ? {} : { halfDays: r["half_days"] }),
      ...(r["speech"] === null ? {} : { speech: r["speech"] }),
    })
  }
  let n = 0
  for (const a of byId.values()) n += a.attendance.length
  return n
}

// What a user writes by hand to read the activities back in keyset batches with their attendance.
const rawStream = (db: SyncReader, d: string): number => {
  const page = db.prepare(
    "SELECT key, doc FROM tongxin_items WHERE district_id = ? AND collection = 'activities' AND key > ? ORDER BY key LIMIT 1000",
  )
  const rows = db.prepare(
    "SELECT activity_id, seq, member_id, status, half_days, speech FROM tongxin_attendance WHERE district_id = ? AND activity_id >= ? AND activity_id <= ? ORDER BY activity_id, seq",
  )
  let n = 0
  for (let after = ""; ; ) {
    const acts = page.all(d, after) as Array<{ key: string; doc: string }>
    if (acts.length === 0) break
    n += attach(acts, rows.iterate(d, acts[0]!.key, acts.at(-1)!.key) as Iterable<Record<string, unknown>>)
    after = acts.at(-1)!.key
  }
  return n
}

const sqlite = async (data: District.DistrictData, attendance: number) => {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-bench-"))
  try {
    const d = data.district.id
    // Adapter: the whole import, checks included.
    const adapterFile = join(dir, "adapter.db")
    const [, adapterMs] = await time(() =>
      withStore(SqliteStore.layer({ filename: adapterFile }), (s) => s.importDistrict(data)),
    )
    const [, checkMs] = await time(() => Effect.runPromise(StoreInput.districtData("importDistrict", data)))
    // Raw: the same tables (created by the adapter's migration), the same rows, prepared single-row
    // inserts in one transaction on `node:sqlite`, which the adapter itself runs on (better-sqlite3,
    // the baseline before, cannot be built for Node 24 here: no headers offline).
    const rawFile = join(dir, "raw.db")
    await withStore(SqliteStore.layer({ filename: rawFile }), () => Effect.void)
    const [, rawMs] = await time(async () => {
      const db = new DatabaseSync(rawFile)
      db.exec("PRAGMA journal_mode = WAL")
      db.exec("PRAGMA foreign_keys = ON")
      Raw.sqliteImport(db, data)
      db.close()
    })
    // Streaming the activities back with their attendance, from the adapter's file.
    const [rawStreamed, rawStreamMs] = await time(async () => {
      const db = new DatabaseSync(adapterFile, { readOnly: true })
      const n = rawStream(db, d)
      db.close()
      return n
    })
    const [streamed, streamMs] = await time(() =>
      withStore(SqliteStore.layer({ filename: adapterFile }), (s) => streamActivities(s, d)),
    )
    if (streamed !== attendance || rawStreamed !== attendance)
      throw new Error(`streamed ${streamed} / ${rawStreamed} of ${attendance} attendance rows`)
    console.log(`\nSQLite (file, WAL): import a district with ${attendance.toLocaleString("en")} attendance rows`)
    const raw = { label: "raw node:sqlite, prepared inserts, one transaction", ms: rawMs, rows: attendance }
    line(raw, raw)
    line({ label: "SqliteStore.importDistrict (checks included)", ms: adapterMs, rows: attendance }, raw)
    console.log(`    of which the checks (shape, integrity, sizes): ${(checkMs / 1000).toFixed(2)} s`)
    console.log(`SQLite: stream the activities back with their attendance (batches of 1,000)`)
    const baselineS = { label: "raw node:sqlite, same keyset batches", ms: rawStreamMs, rows: attendance }
    line(baselineS, baselineS)
    line({ label: "SqliteStore.stream", ms: streamMs, rows: attendance }, baselineS)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const postgres = async (data: District.DistrictData, attendance: number, url: string) => {
  await Raw.withThrowawayDatabase(async (dbUrl) => {
    const d = data.district.id
    const layer = PgStore.layer({ url: dbUrl })
    const [, adapterMs] = await time(() => withStore(layer, (s) => s.importDistrict(data)))
    // Raw COPY into the same tables, under another district id, in one transaction.
    const raw = `${d}-raw`
    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 })
    // Dropping the database at the end closes whatever is still connected; that is expected.
    pool.on("error", () => undefined)
    const client = await pool.connect()
    const [, rawMs] = await time(() => Raw.pgImport(client, data, raw))
    const [streamed, streamMs] = await time(() => withStore(layer, (s) => streamActivities(s, d)))
    const [rawStreamed, rawStreamMs] = await time(async () => {
      let n = 0
      for (let after = ""; ; ) {
        const acts = (
          await client.query(
            "SELECT key, doc FROM tongxin_items WHERE district_id = $1 AND collection = 'activities' AND key > $2 ORDER BY key LIMIT 1000",
            [d, after],
          )
        ).rows as Array<{ key: string; doc: string }>
        if (acts.length === 0) break
        const rows = await client.query(
          "SELECT activity_id, seq, member_id, status, half_days, speech FROM tongxin_attendance WHERE district_id = $1 AND activity_id >= $2 AND activity_id <= $3 ORDER BY activity_id, seq",
          [d, acts[0]!.key, acts.at(-1)!.key],
        )
        n += attach(acts, rows.rows as Array<Record<string, unknown>>)
        after = acts.at(-1)!.key
      }
      return n
    })
    client.release()
    await pool.end()
    if (streamed !== attendance || rawStreamed !== attendance)
      throw new Error(`streamed ${streamed} / ${rawStreamed} of ${attendance} attendance rows`)
    console.log(
      `\nPostgreSQL (${new URL(url).host}): import a district with ${attendance.toLocaleString("en")} attendance rows`,
    )
    const rawRow = { label: "raw pg COPY, one transaction", ms: rawMs, rows: attendance }
    line(rawRow, rawRow)
    line({ label: "PgStore.importDistrict (checks included)", ms: adapterMs, rows: attendance }, rawRow)
    console.log(`PostgreSQL: stream the activities back with their attendance (batches of 1,000)`)
    const rawS = { label: "raw pg, same keyset batches", ms: rawStreamMs, rows: attendance }
    line(rawS, rawS)
    line({ label: "PgStore.stream", ms: streamMs, rows: attendance }, rawS)
  }, url)
}

/** `scale` 1 is 1,000,000 attendance rows (20,000 activities × 50). */
export const run = async (scale: number) => {
  const activities = Math.max(1, Math.round(20_000 * scale))
  const data = Fixtures.district("bench" as Ids.DistrictId, {
    activities,
    attendancePerActivity: 50,
    members: 2_000,
    streets: 10,
    communitiesPerStreet: 10,
    submissions: 2_000,
    outcomes: 200,
  })
  const attendance = activities * 50
  await sqlite(data, attendance)
  const url = Raw.pgUrl
  const reachable = await Raw.pgReachable(url)
  if (reachable) await postgres(data, attendance, url)
  else console.log(`\nPostgreSQL: no server at ${url} (set TONGXIN_PG_URL); skipped`)
  console.log(`  peak RSS so far ${peakRssMb()} MiB`)
}
