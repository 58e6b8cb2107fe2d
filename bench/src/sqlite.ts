// The same district data in an in-memory SQLite database, with the indexes a SQL user would create:
// the baseline of the aggregation benchmarks.
import type { District } from "@tongxin/core"
import Database from "better-sqlite3"
import { performance } from "node:perf_hooks"

// Loads the data into an in-memory SQLite database with the indexes a SQL user would create.
// Loading is not timed against Tongxin: a SQL user would already have the rows in the database.
export const load = (data: District.DistrictData): Database.Database => {
  const t0 = performance.now()
  const db = new Database(":memory:")
  db.pragma("journal_mode = OFF")
  db.pragma("synchronous = OFF")
  db.exec(`
    CREATE TABLE units (id TEXT PRIMARY KEY, kind TEXT, tier TEXT, parent_id TEXT);
    CREATE TABLE platforms (id TEXT PRIMARY KEY, unit_id TEXT, active_from TEXT, active_to TEXT);
    CREATE TABLE members (id TEXT PRIMARY KEY, level TEXT);
    CREATE TABLE activities (id TEXT PRIMARY KEY, type TEXT, date TEXT);
    CREATE TABLE attendance (activity_id TEXT, member_id TEXT, status TEXT);
    CREATE TABLE submissions (id TEXT PRIMARY KEY, kind TEXT, date TEXT);
    CREATE TABLE submission_authors (submission_id TEXT, member_id TEXT, position INTEGER);`)
  const tier = new Map(data.district.unitKinds.map((k) => [k.id as string, k.tier]))
  const insert = db.transaction(() => {
    const u = db.prepare("INSERT INTO units VALUES (?, ?, ?, ?)")
    for (const x of data.units) u.run(x.id, x.kind, tier.get(x.kind), x.parentId ?? null)
    const p = db.prepare("INSERT INTO platforms VALUES (?, ?, ?, ?)")
    for (const x of data.platforms) p.run(x.id, x.unitId, x.activeFrom ?? null, x.activeTo ?? null)
    const m = db.prepare("INSERT INTO members VALUES (?, ?)")
    for (const x of data.members) m.run(x.id, x.level)
    const a = db.prepare("INSERT INTO activities VALUES (?, ?, ?)")
    const r = db.prepare("INSERT INTO attendance VALUES (?, ?, ?)")
    for (const x of data.activities) {
      a.run(x.id, x.type, x.date)
      for (const row of x.attendance) r.run(x.id, row.memberId, row.status)
    }
    const s = db.prepare("INSERT INTO submissions VALUES (?, ?, ?)")
    const sa = db.prepare("INSERT INTO submission_authors VALUES (?, ?, ?)")
    for (const x of data.submissions) {
      s.run(x.id, x.kind, x.date)
      x.authors.forEach((author, i) => sa.run(x.id, author, i))
    }
  })
  insert()
  db.exec(`
    CREATE INDEX platforms_unit ON platforms (unit_id);
    CREATE INDEX activities_date ON activities (date);
    CREATE INDEX attendance_activity ON attendance (activity_id);
    CREATE INDEX attendance_member ON attendance (member_id);
    CREATE INDEX submissions_date ON submissions (date);
    CREATE INDEX authors_submission ON submission_authors (submission_id);
    ANALYZE;`)
  console.log(`  loaded into SQLite with indexes in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed against Tongxin)`)
  return db
}
