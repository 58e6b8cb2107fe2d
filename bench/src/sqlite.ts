// The same district data in an in-memory SQLite database, with the indexes a SQL user would create:
// the baseline of the aggregation benchmarks.
import type { District } from "@tongxin/core"
import { performance } from "node:perf_hooks"
import { DatabaseSync } from "node:sqlite"

// Loads the data into an in-memory SQLite database with the indexes a SQL user would create.
// Loading is not timed against Tongxin: a SQL user would already have the rows in the database.
export const load = (data: District.DistrictData, log = true): DatabaseSync => {
  const t0 = performance.now()
  const db = new DatabaseSync(":memory:")
  db.exec("PRAGMA journal_mode = OFF")
  db.exec("PRAGMA synchronous = OFF")
  db.exec(`
    CREATE TABLE units (id TEXT PRIMARY KEY, kind TEXT, tier TEXT, parent_id TEXT);
    CREATE TABLE platforms (id TEXT PRIMARY KEY, unit_id TEXT, active_from TEXT, active_to TEXT);
    CREATE TABLE members (id TEXT PRIMARY KEY, level TEXT);
    CREATE TABLE activities (id TEXT PRIMARY KEY, type TEXT, date TEXT);
    CREATE TABLE attendance (activity_id TEXT, member_id TEXT, status TEXT);
    CREATE TABLE submissions (id TEXT PRIMARY KEY, kind TEXT, date TEXT);
    CREATE TABLE submission_authors (submission_id TEXT, member_id TEXT, position INTEGER);`)
  const tier = new Map(data.district.unitKinds.map((k) => [k.id as string, k.tier]))
  const insert = () => {
    db.exec("BEGIN")
    const u = db.prepare("INSERT INTO units VALUES (?, ?, ?, ?)")
    for (const x of data.units) u.run(x.id, x.kind, tier.get(x.kind) ?? null, x.parentId ?? null)
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
      x.authors.forEach((author, i) => {
        sa.run(x.id, author, i)
      })
    }
    db.exec("COMMIT")
  }
  insert()
  db.exec(`
    CREATE INDEX platforms_unit ON platforms (unit_id);
    CREATE INDEX activities_date ON activities (date);
    CREATE INDEX attendance_activity ON attendance (activity_id);
    CREATE INDEX attendance_member ON attendance (member_id);
    CREATE INDEX submissions_date ON submissions (date);
    CREATE INDEX authors_submission ON submission_authors (submission_id);
    ANALYZE;`)
  if (log)
    console.log(
      `  loaded into SQLite with indexes in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed against Tongxin)`,
    )
  return db
}

// The same rules as SQL over those tables, as a SQL user would write them (parameters @start, @end).
/** Communities/villages and streets without a platform active in the period (platform-coverage). */
export const platformGapsSql = `
    SELECT u.id FROM units u
    WHERE u.tier IN ('township', 'village')
      AND NOT EXISTS (SELECT 1 FROM platforms p WHERE p.unit_id = u.id
                      AND (p.active_from IS NULL OR p.active_from <= @end)
                      AND (p.active_to IS NULL OR p.active_to >= @start))`
/** How many communities/villages and streets platform-coverage checks. */
export const grassrootsTotalSql = `SELECT COUNT(*) AS n FROM units WHERE tier IN ('township', 'village')`
/** Members below the minimums: 3 attended activities, 1 proposal or 1 social-conditions report. */
export const memberMinimumsSql = `
    WITH att AS (
      SELECT a.member_id, COUNT(*) AS n FROM attendance a JOIN activities x ON x.id = a.activity_id
      WHERE x.date BETWEEN @start AND @end AND a.status IN ('present', 'late', 'partial')
      GROUP BY a.member_id),
    sub AS (
      SELECT sa.member_id, SUM(s.kind = 'proposal') AS p, SUM(s.kind = 'social-conditions') AS r
      FROM submission_authors sa JOIN submissions s ON s.id = sa.submission_id
      WHERE s.date BETWEEN @start AND @end GROUP BY sa.member_id)
    SELECT m.id FROM members m LEFT JOIN att ON att.member_id = m.id LEFT JOIN sub ON sub.member_id = m.id
    WHERE COALESCE(att.n, 0) < 3 OR (COALESCE(sub.p, 0) < 1 AND COALESCE(sub.r, 0) < 1)`
/** The scoring benchmark's rubric (see scoring.ts) as SQL: one capped total per member. */
export const scoringSql = `
    WITH n AS (SELECT submission_id, COUNT(*) AS k FROM submission_authors GROUP BY submission_id),
    att AS (
      SELECT a.member_id,
        SUM(CASE WHEN x.type IN ('liaison-meeting', 'training') AND a.status IN ('present', 'late') THEN 2 ELSE 0 END) AS meetings,
        SUM(CASE WHEN x.type IN ('consultation', 'research', 'inspection') AND a.status IN ('present', 'late') THEN 3 ELSE 0 END) AS consult,
        SUM(CASE WHEN a.status = 'unexcused' THEN -2 ELSE 0 END) AS absent
      FROM attendance a JOIN activities x ON x.id = a.activity_id
      WHERE x.date BETWEEN @start AND @end GROUP BY a.member_id),
    sub AS (
      SELECT sa.member_id,
        SUM(CASE WHEN s.kind = 'proposal' THEN 10.0 * (CASE WHEN n.k = 1 THEN 1 WHEN sa.position = 0 THEN 0.5 ELSE 0.5 / (n.k - 1) END) ELSE 0 END) AS proposals,
        SUM(CASE WHEN s.kind = 'social-conditions' THEN 5.0 / n.k ELSE 0 END) AS reports
      FROM submission_authors sa JOIN submissions s ON s.id = sa.submission_id JOIN n ON n.submission_id = sa.submission_id
      WHERE s.date BETWEEN @start AND @end GROUP BY sa.member_id)
    SELECT m.id AS id,
      MIN(COALESCE(att.meetings, 0), 20) + MIN(COALESCE(att.consult, 0), 30) + MIN(COALESCE(sub.proposals, 0), 25)
        + MIN(COALESCE(sub.reports, 0), 15) + MAX(COALESCE(att.absent, 0), -10) AS total
    FROM members m LEFT JOIN att ON att.member_id = m.id LEFT JOIN sub ON sub.member_id = m.id`
