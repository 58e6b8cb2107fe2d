import { createRequire } from "node:module"
import { rmSync } from "node:fs"
const require = createRequire(import.meta.url)
const Database = require(require.resolve("better-sqlite3", { paths: [require("path").dirname(require.resolve("@effect/sql-sqlite-node/package.json", { paths: [process.cwd() + "/.."] }))] }))
const N_ACT = 20000, PER = 50
const rows = []
const statuses = ["present", "excused", "unexcused", "late", "partial"]
for (let a = 0; a < N_ACT; a++) {
  const id = "act-" + String((a * 7919) % N_ACT).padStart(6, "0")
  for (let s = 0; s < PER; s++) rows.push([id, s, "m-" + ((a + s * 13) % 5000), statuses[s % 5], s % 5 === 4 ? 1 : null, s % 7 === 0 ? "oral" : null])
}
const schema = (rowid) => `CREATE TABLE attendance (district_id TEXT NOT NULL REFERENCES districts(id), activity_id TEXT NOT NULL, seq INTEGER NOT NULL, member_id TEXT NOT NULL, status TEXT NOT NULL, half_days INTEGER, speech TEXT, PRIMARY KEY (district_id, activity_id, seq))${rowid ? "" : " WITHOUT ROWID"}`
const open = (file, rowid) => {
  if (file !== ":memory:") { rmSync(file, { force: true }); rmSync(file + "-wal", { force: true }); rmSync(file + "-shm", { force: true }) }
  const db = new Database(file)
  if (file !== ":memory:") db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")
  db.exec("CREATE TABLE districts (id TEXT PRIMARY KEY NOT NULL, info TEXT)")
  db.exec(schema(rowid))
  db.prepare("INSERT INTO districts VALUES ('d1', '{}')").run()
  return db
}
const single = (file, rowid, sorted) => {
  const db = open(file, rowid)
  const data = sorted ? [...rows].sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]) : rows
  const t = performance.now()
  const st = db.prepare("INSERT INTO attendance VALUES (?, ?, ?, ?, ?, ?, ?)")
  db.transaction(() => { for (const r of data) st.run("d1", r[0], r[1], r[2], r[3], r[4], r[5]) })()
  const ms = performance.now() - t
  db.close()
  return ms
}
const multi = (file, rowid, per, sorted) => {
  const db = open(file, rowid)
  const data = sorted ? [...rows].sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]) : rows
  const t = performance.now()
  const text = (n) => "INSERT INTO attendance VALUES " + Array(n).fill("(?,?,?,?,?,?,?)").join(",")
  const cache = new Map()
  const prep = (n) => { let s = cache.get(n); if (!s) cache.set(n, s = db.prepare(text(n))); return s }
  db.transaction(() => {
    for (let i = 0; i < data.length; i += per) {
      const n = Math.min(per, data.length - i)
      const params = new Array(n * 7)
      for (let j = 0; j < n; j++) { const r = data[i + j]; const o = j * 7; params[o] = "d1"; params[o + 1] = r[0]; params[o + 2] = r[1]; params[o + 3] = r[2]; params[o + 4] = r[3]; params[o + 5] = r[4]; params[o + 6] = r[5] }
      prep(n).run(...params)
    }
  })()
  const ms = performance.now() - t
  db.close()
  return ms
}
const f = "/tmp/rawbench.db"
for (const file of [f, ":memory:"]) for (const rowid of [false, true]) {
  console.log(file, rowid ? "rowid" : "without rowid")
  console.log("  single unsorted", single(file, rowid, false).toFixed(0))
  console.log("  single sorted  ", single(file, rowid, true).toFixed(0))
  for (const per of [100, 500, 1000, 4680]) console.log("  multi", per, "unsorted", multi(file, rowid, per, false).toFixed(0), "sorted", multi(file, rowid, per, true).toFixed(0))
}
