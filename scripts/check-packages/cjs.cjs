// CommonJS consumer, run with plain `node`: every package through its `require` condition. Same
// district, rules and store as esm.mjs, but on Effect directly (the SQLite layer provided to an
// Effect program), and the same `RESULT {json}` line, which must equal the ESM run's.
"use strict"
const assert = require("node:assert/strict")
const { readFileSync, rmSync } = require("node:fs")
const { join } = require("node:path")
const { Coverage, District, Member, Period, Plugin, Progress, Scoring, Store, Activity } = require("@tongxin/core")
const { Tongxin } = require("@tongxin/core/promise")
const Testing = require("@tongxin/core/testing")
const { Report } = require("@tongxin/report")
const { PgStore } = require("@tongxin/store-postgres")
const PgTesting = require("@tongxin/store-postgres/testing")
const { SqliteStore } = require("@tongxin/store-sqlite")
const Fixtures = require("@tongxin/store-testkit/fixtures")
const Effect = require("effect/Effect")
const Option = require("effect/Option")

assert.equal(Plugin.coreVersion, require("@tongxin/core/package.json").version)
assert.ok(Progress.Rate.values.includes("completion") && Member.MemberLevel.values.includes("district"))
assert.ok(Activity.AttendanceStatus.values.length > 0)
assert.equal(typeof Tongxin.open, "function")
assert.equal(typeof Report.render, "function")
assert.equal(typeof PgStore.layer, "function")
assert.equal(typeof PgTesting.startTestDatabase, "function")
assert.ok(Object.keys(Testing).length > 0 && Object.keys(Fixtures).length > 0)

const main = async () => {
  const parsed = District.parse(JSON.parse(readFileSync(join(__dirname, "data/qingshan.json"), "utf8")))
  if (parsed._tag === "Failure") throw new Error(`qingshan.json: ${parsed.failure.issues.length} problems`)
  const data = parsed.success
  const period = Period.year(2025)
  const coverage = Coverage.check(data, { rules: Coverage.builtins, period })
  const rubric = Scoring.parseRubric(require("@tongxin/core/rubrics/qingshan.json"))
  if (rubric._tag === "Failure") throw rubric.failure
  const evaluation = Scoring.evaluate(rubric.success, data, { period })

  const dbFile = join(__dirname, "cjs.db")
  rmSync(dbFile, { force: true })
  const program = Effect.gen(function* () {
    const store = yield* Store.Store
    const summary = yield* store.importDistrict(data)
    const back = yield* store.loadDistrict(data.district.id)
    return { summary, back: Option.getOrThrow(back) }
  })
  const { summary, back } = await Effect.runPromise(
    Effect.scoped(Effect.provide(program, SqliteStore.layer({ filename: dbFile }))),
  )
  assert.equal(back.members.length, data.members.length)
  assert.deepEqual(Coverage.check(back, { rules: Coverage.builtins, period }).overall, coverage.overall)
  console.log(`sqlite ${dbFile}: imported ${summary.counts.members} members, read ${back.members.length} back`)

  const html = Report.render({ district: data.district, coverage, evaluation }, { locale: "en" })
  assert.match(html, /<svg/)

  console.log(
    `RESULT ${JSON.stringify({
      members: data.members.length,
      coverage: coverage.overall,
      distribution: evaluation.distribution.map((d) => [d.grade, d.count]),
      rates: Progress.Rate.values,
      levels: Member.MemberLevel.values,
      stored: back.members.length,
      coreVersion: Plugin.coreVersion,
    })}`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
