// What a user writes by hand with the raw drivers to put a district into the adapters' own tables
// (created by their migrations): the baselines of the storage and end-to-end benchmarks.
import { type District, StoreCollections } from "@tongxin/core"
import type { DatabaseSync } from "node:sqlite"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"

// The rows every adapter writes for a district: one per item (activities without attendance) and
// one per attendance row, with the same keys, filter columns and JSON.
interface ItemRow {
  readonly collection: string
  readonly key: string
  readonly json: string
  readonly f: readonly [string | null, string | null, string | null]
  readonly day: string | null
}
function* itemRows(data: District.DistrictData): Generator<ItemRow> {
  for (const name of StoreCollections.districtDataNames) {
    const d = StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<Record<string, unknown>>
    for (const item of data[name] as ReadonlyArray<Record<string, unknown>>) {
      const doc = name === "activities" ? { ...item, attendance: undefined } : item
      const f = d.filterValues(item)
      yield {
        collection: name,
        key: d.key(item),
        json: JSON.stringify(doc),
        f: [f[0] ?? null, f[1] ?? null, f[2] ?? null],
        day: d.date?.(item) ?? null,
      }
    }
  }
}

/** Prepared single-row inserts in one transaction, under `district` (default: the data's own id). */
export const sqliteImport = (db: DatabaseSync, data: District.DistrictData, district: string = data.district.id) => {
  const info = db.prepare("INSERT INTO tongxin_districts (id, info) VALUES (?, ?)")
  const item = db.prepare(
    "INSERT INTO tongxin_items (district_id, collection, key, doc, f1, f2, f3, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  )
  const row = db.prepare(
    "INSERT INTO tongxin_attendance (district_id, activity_id, seq, member_id, status, half_days, speech) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
  db.exec("BEGIN")
  try {
    info.run(district, JSON.stringify({ ...data.district, id: district }))
    for (const r of itemRows(data)) item.run(district, r.collection, r.key, r.json, r.f[0], r.f[1], r.f[2], r.day)
    for (const a of data.activities)
      a.attendance.forEach((x, i) => {
        row.run(district, a.id, i, x.memberId, x.status, x.halfDays ?? null, x.speech ?? null)
      })
    db.exec("COMMIT")
  } catch (error) {
    db.exec("ROLLBACK")
    throw error
  }
}

// COPY's text format: tab-separated, backslash escapes, \N for null.
const copyText = (v: string | number | null): string =>
  v === null
    ? "\\N"
    : typeof v === "number"
      ? String(v)
      : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")

const copy = async (
  client: pg.ClientBase,
  table: string,
  columns: string,
  rows: Iterable<ReadonlyArray<string | number | null>>,
) => {
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

/** `COPY` into the same tables in one transaction, under `district` (default: the data's own id). */
export const pgImport = async (
  client: pg.ClientBase,
  data: District.DistrictData,
  district: string = data.district.id,
) => {
  await client.query("BEGIN")
  await client.query("INSERT INTO tongxin_districts (id, info) VALUES ($1, $2)", [
    district,
    JSON.stringify({ ...data.district, id: district }),
  ])
  await copy(
    client,
    "tongxin_items",
    "district_id, collection, key, doc, f1, f2, f3, day",
    (function* () {
      for (const r of itemRows(data)) yield [district, r.collection, r.key, r.json, r.f[0]!, r.f[1]!, r.f[2]!, r.day]
    })(),
  )
  await copy(
    client,
    "tongxin_attendance",
    "district_id, activity_id, seq, member_id, status, half_days, speech",
    (function* () {
      for (const a of data.activities) {
        for (let i = 0; i < a.attendance.length; i++) {
          const x = a.attendance[i]!
          yield [district, a.id, i, x.memberId, x.status, x.halfDays ?? null, x.speech ?? null]
        }
      }
    })(),
  )
  await client.query("COMMIT")
}

/** The PostgreSQL server the benchmarks use, and whether it answers. */
export const pgUrl = process.env["TONGXIN_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test"

export const pgReachable = async (url = pgUrl): Promise<boolean> => {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  )
  await probe.end().catch(() => undefined)
  return reachable
}

/** Runs `f` with the URL of a fresh database on the server, dropped afterwards. */
export const withThrowawayDatabase = async <A>(f: (url: string) => Promise<A>, url = pgUrl): Promise<A> => {
  const database = `tongxin_bench_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${database}`)
  const dbUrl = new URL(url)
  dbUrl.pathname = `/${database}`
  try {
    return await f(dbUrl.toString())
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  }
}
