// Storage: importing a district with 1,000,000 attendance rows through the adapters, against what a
// user would otherwise write by hand — raw better-sqlite3 prepared inserts in one transaction, and
// raw `pg` COPY — into the same tables; then streaming the activities back, against the raw drivers
// reading the same rows in the same batches.
import { type District, type Ids, Store, StoreCollections, StoreInput } from "@tongxin/core"
import { PgStore } from "@tongxin/store-postgres"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import Database from "better-sqlite3"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { pipeline } from "node:stream/promises"
import { Readable } from "node:stream"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { peakRssMb } from "./measure.js"

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
    `  ${r.label.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(r.rows / (r.ms / 1000)).toLocaleString("en").padStart(11)} rows/s  ${(r.ms / baseline.ms).toFixed(2)}×${r === baseline ? " (baseline)" : ""}`,
  )

// The rows every adapter writes for a district: one per item (activities without attendance) and
// one per attendance row, with the same keys, filter columns and JSON.
interface ItemRow {
  readonly collection: string
  readonly key: string
  readonly json: string
  readonly f: ReadonlyArray<string | null>
  readonly day: string | null
}
const itemRows = (data: District.DistrictData): Array<ItemRow> => {
  const out: Array<ItemRow> = []
  for (const name of StoreCollections.districtDataNames) {
    const d = StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<Record<string, unknown>>
    for (const item of data[name] as ReadonlyArray<Record<string, unknown>>) {
      const doc = name === "activities" ? { ...item, attendance: undefined } : item
      const f = d.filterValues(item)
      out.push({ collection: name, key: d.key(item), json: JSON.stringify(doc), f: [f[0] ?? null, f[1] ?? null, f[2] ?? null], day: d.date?.(item) ?? null })
    }
  }
  return out
}

// Builds the store, runs `f` with it, and closes it.
const withStore = <A, E>(layer: Layer.Layer<Store.Store, E>, f: (store: Store.Service) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(Effect.scoped(Effect.flatMap(Layer.build(layer), (ctx) => f(Context.get(ctx, Store.Store)))) as Effect.Effect<A>)

const streamActivities = (store: Store.Service, d: Ids.DistrictId) =>
  Stream.runFold(store.stream(d, "activities", { batchSize: 1_000 }), 0, (n, a) => n + a.attendance.length)

const sqlite = async (data: District.DistrictData, attendance: number) => {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-bench-"))
  try {
    const d = data.district.id
    // Adapter: the whole import, checks included.
    const adapterFile = join(dir, "adapter.db")
    const [, adapterMs] = await time(() => withStore(SqliteStore.layer({ filename: adapterFile }), (s) => s.importDistrict(data)))
    const [, checkMs] = await time(() => Effect.runPromise(StoreInput.districtData("importDistrict", data)))
    // Raw: the same tables (created by the adapter's migration), the same rows, prepared single-row
    // inserts in one transaction.
    const rawFile = join(dir, "raw.db")
    await withStore(SqliteStore.layer({ filename: rawFile }), () => Effect.void)
    const [, rawMs] = await time(async () => {
      const db = new Database(rawFile)
      db.pragma("journal_mode = WAL")
      db.pragma("foreign_keys = ON")
      const district = db.prepare("INSERT INTO districts (id, info_json) VALUES (?, ?)")
      const item = db.prepare("INSERT INTO items (district_id, collection, key, json, f1, f2, f3, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      const row = db.prepare("INSERT INTO attendance (district_id, activity_id, seq, member_id, status, half_days, speech) VALUES (?, ?, ?, ?, ?, ?, ?)")
      db.transaction(() => {
        district.run(d, JSON.stringify(data.district))
        for (const r of itemRows(data)) item.run(d, r.collection, r.key, r.json, r.f[0], r.f[1], r.f[2], r.day)
        for (const a of data.activities) a.attendance.forEach((x, i) => row.run(d, a.id, i, x.memberId, x.status, x.halfDays ?? null, x.speech ?? null))
      })()
      db.close()
    })
    // Streaming the activities back with their attendance.
    const [streamed, streamMs] = await time(() => withStore(SqliteStore.layer({ filename: adapterFile }), (s) => streamActivities(s, d)))
    const [rawStreamed, rawStreamMs] = await time(async () => {
      const db = new Database(adapterFile, { readonly: true })
      const page = db.prepare("SELECT key, json FROM items WHERE district_id = ? AND collection = 'activities' AND key > ? ORDER BY key LIMIT 1000")
      const rows = db.prepare("SELECT activity_id, seq, member_id, status, half_days, speech FROM attendance WHERE district_id = ? AND activity_id >= ? AND activity_id <= ? ORDER BY activity_id, seq")
      let n = 0
      for (let after = ""; ; ) {
        const acts = page.all(d, after) as Array<{ key: string; json: string }>
        if (acts.length === 0) break
        const byId = new Map(acts.map((a) => [a.key, { ...JSON.parse(a.json), attendance: [] as Array<unknown> }]))
        for (const r of rows.iterate(d, acts[0]!.key, acts.at(-1)!.key) as Iterable<Record<string, unknown>>) {
          byId.get(r["activity_id"] as string)!.attendance.push({ memberId: r["member_id"], status: r["status"], ...(r["half_days"] === null ? {} : { halfDays: r["half_days"] }), ...(r["speech"] === null ? {} : { speech: r["speech"] }) })
        }
        for (const a of byId.values()) n += a.attendance.length
        after = acts.at(-1)!.key
      }
      db.close()
      return n
    })
    if (streamed !== attendance || rawStreamed !== attendance) throw new Error(`streamed ${streamed} / ${rawStreamed} of ${attendance} attendance rows`)
    console.log(`\nSQLite (file, WAL): import a district with ${attendance.toLocaleString("en")} attendance rows`)
    const raw = { label: "raw better-sqlite3, prepared inserts, one transaction", ms: rawMs, rows: attendance }
    line(raw, raw)
    line({ label: "SqliteStore.importDistrict (checks included)", ms: adapterMs, rows: attendance }, raw)
    console.log(`    of which the checks (shape, integrity, sizes): ${(checkMs / 1000).toFixed(2)} s`)
    console.log(`SQLite: stream the activities back with their attendance (batches of 1,000)`)
    const rawS = { label: "raw better-sqlite3, same keyset batches", ms: rawStreamMs, rows: attendance }
    line(rawS, rawS)
    line({ label: "SqliteStore.stream", ms: streamMs, rows: attendance }, rawS)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// COPY's text format: tab-separated, backslash escapes, \N for null.
const copyText = (v: string | number | null): string =>
  v === null ? "\\N" : typeof v === "number" ? String(v) : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")

const copy = async (client: pg.PoolClient, table: string, columns: string, rows: Iterable<ReadonlyArray<string | number | null>>) => {
  const lines = function* () {
    let chunk = ""
    for (const r of rows) {
      chunk += `${r.map(copyText).join("\t")}\n`
      if (chunk.length > 1 << 16) {
        yield chunk
        chunk = ""
      }
    }
    if (chunk.length > 0) yield chunk
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)))
}

const postgres = async (data: District.DistrictData, attendance: number, url: string) => {
  const database = `tongxin_bench_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${database}`)
  const dbUrl = new URL(url)
  dbUrl.pathname = `/${database}`
  try {
    const d = data.district.id
    const layer = PgStore.layer({ url: dbUrl.toString() })
    const [, adapterMs] = await time(() => withStore(layer, (s) => s.importDistrict(data)))
    // Raw COPY into the same tables, under another district id, in one transaction.
    const raw = `${d}-raw`
    const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: 1 })
    // Dropping the database at the end closes whatever is still connected; that is expected.
    pool.on("error", () => undefined)
    const client = await pool.connect()
    const [, rawMs] = await time(async () => {
      await client.query("BEGIN")
      await client.query("INSERT INTO tongxin_districts (id, info) VALUES ($1, $2)", [raw, JSON.stringify({ ...data.district, id: raw })])
      await copy(client, "tongxin_items", "district_id, collection, key, doc, f1, f2, f3, day", (function* () {
        for (const r of itemRows(data)) yield [raw, r.collection, r.key, r.json, r.f[0]!, r.f[1]!, r.f[2]!, r.day]
      })())
      await copy(client, "tongxin_attendance", "district_id, activity_id, seq, member_id, status, half_days, speech", (function* () {
        for (const a of data.activities) {
          for (let i = 0; i < a.attendance.length; i++) {
            const x = a.attendance[i]!
            yield [raw, a.id, i, x.memberId, x.status, x.halfDays ?? null, x.speech ?? null]
          }
        }
      })())
      await client.query("COMMIT")
    })
    const [streamed, streamMs] = await time(() => withStore(layer, (s) => streamActivities(s, d)))
    const [rawStreamed, rawStreamMs] = await time(async () => {
      let n = 0
      for (let after = ""; ; ) {
        const acts = (await client.query("SELECT key, doc FROM tongxin_items WHERE district_id = $1 AND collection = 'activities' AND key > $2 ORDER BY key LIMIT 1000", [d, after])).rows as Array<{ key: string; doc: string }>
        if (acts.length === 0) break
        const byId = new Map(acts.map((a) => [a.key, { ...JSON.parse(a.doc), attendance: [] as Array<unknown> }]))
        const rows = await client.query(
          "SELECT activity_id, seq, member_id, status, half_days, speech FROM tongxin_attendance WHERE district_id = $1 AND activity_id >= $2 AND activity_id <= $3 ORDER BY activity_id, seq",
          [d, acts[0]!.key, acts.at(-1)!.key],
        )
        for (const r of rows.rows as Array<Record<string, unknown>>) {
          byId.get(r["activity_id"] as string)!.attendance.push({ memberId: r["member_id"], status: r["status"], ...(r["half_days"] === null ? {} : { halfDays: r["half_days"] }), ...(r["speech"] === null ? {} : { speech: r["speech"] }) })
        }
        for (const a of byId.values()) n += a.attendance.length
        after = acts.at(-1)!.key
      }
      return n
    })
    client.release()
    await pool.end()
    if (streamed !== attendance || rawStreamed !== attendance) throw new Error(`streamed ${streamed} / ${rawStreamed} of ${attendance} attendance rows`)
    console.log(`\nPostgreSQL (${new URL(url).host}): import a district with ${attendance.toLocaleString("en")} attendance rows`)
    const rawRow = { label: "raw pg COPY, one transaction", ms: rawMs, rows: attendance }
    line(rawRow, rawRow)
    line({ label: "PgStore.importDistrict (checks included)", ms: adapterMs, rows: attendance }, rawRow)
    console.log(`PostgreSQL: stream the activities back with their attendance (batches of 1,000)`)
    const rawS = { label: "raw pg, same keyset batches", ms: rawStreamMs, rows: attendance }
    line(rawS, rawS)
    line({ label: "PgStore.stream", ms: streamMs, rows: attendance }, rawS)
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  }
}

/** `scale` 1 is 1,000,000 attendance rows (20,000 activities × 50). */
export const run = async (scale: number) => {
  const activities = Math.max(1, Math.round(20_000 * scale))
  const data = Fixtures.district("bench" as Ids.DistrictId, { activities, attendancePerActivity: 50, members: 2_000, streets: 10, communitiesPerStreet: 10, submissions: 2_000, outcomes: 200 })
  const attendance = activities * 50
  await sqlite(data, attendance)
  const url = process.env["TONGXIN_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test"
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  )
  await probe.end().catch(() => undefined)
  if (reachable) await postgres(data, attendance, url)
  else console.log(`\nPostgreSQL: no server at ${url} (set TONGXIN_PG_URL); skipped`)
  console.log(`  peak RSS so far ${peakRssMb()} MiB`)
}
