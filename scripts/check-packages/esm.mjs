// ESM consumer, run with plain `node` in the temporary project: every package through its `import`
// condition. Parses the Qingshan district, checks coverage, scores it with the packaged rubric,
// stores it in SQLite and reads it back, renders the report. Prints results and one
// `RESULT {json}` line that check-packages compares with the CommonJS run.
import { Coverage, District, Labels, Member, Period, Plugin, Progress, Scoring } from "@tongxin/core"
import { Tongxin } from "@tongxin/core/promise"
import * as Testing from "@tongxin/core/testing"
import { Report } from "@tongxin/report"
import { PgStore } from "@tongxin/store-postgres"
import * as PgTesting from "@tongxin/store-postgres/testing"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import assert from "node:assert/strict"
import { readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

// Plugins are checked against the version in the installed package.json, inlined at build time.
assert.equal(Plugin.coreVersion, require("@tongxin/core/package.json").version)

// Labelled enums are values (their `.values`) as well as types.
assert.ok(Progress.Rate.values.includes("completion") && Progress.Rate.is("completion"))
assert.ok(Member.MemberLevel.values.includes("district") && Member.MemberLevel.label("district", "en").length > 0)

// 1. Parse the district.
const parsed = District.parse(JSON.parse(readFileSync(new URL("./data/qingshan.json", import.meta.url), "utf8")))
if (parsed._tag === "Failure") {
  for (const issue of parsed.failure.issues) console.error(`  ${issue.message}`)
  throw new Error(`qingshan.json: ${parsed.failure.issues.length} problems`)
}
const data = parsed.success
console.log(
  `district ${data.district.name}: ${data.units.length} units, ${data.members.length} members, ${data.activities.length} activities`,
)

// 2. Coverage.
const period = Period.year(2025)
const coverage = Coverage.check(data, { rules: Coverage.builtins, period })
assert.equal(coverage.results.length, Coverage.builtins.length)
for (const r of coverage.results) console.log(`  coverage ${Labels.pick(r.labels)}: ${r.covered}/${r.total}`)

// 3. Scoring with the rubric the package ships (`@tongxin/core/rubrics/*`).
const rubric = Scoring.parseRubric(
  JSON.parse(readFileSync(require.resolve("@tongxin/core/rubrics/qingshan.json"), "utf8")),
)
if (rubric._tag === "Failure") throw rubric.failure
const evaluation = Scoring.evaluate(rubric.success, data, { period })
assert.ok(evaluation.scores.length > 0)
assert.equal(
  evaluation.distribution.reduce((n, d) => n + d.count, 0),
  evaluation.scores.length,
)
for (const d of evaluation.distribution) console.log(`  grade ${Labels.pick(d.labels)}: ${d.count}`)

// 4. SQLite through the promise API: import the district, read it back, same coverage.
const dbFile = new URL("./esm.db", import.meta.url).pathname
rmSync(dbFile, { force: true })
const tongxin = Tongxin.open(SqliteStore.layer({ filename: dbFile }))
let stored
try {
  const summary = await tongxin.store.importDistrict(data)
  stored = await tongxin.loadDistrict(data.district.id)
  console.log(`sqlite ${dbFile}: imported ${summary.counts.members} members, ${summary.attendance} attendance rows`)
} finally {
  await tongxin.close()
}
assert.ok(stored !== undefined, "the district was not stored")
assert.equal(stored.members.length, data.members.length)
assert.deepEqual(Coverage.check(stored, { rules: Coverage.builtins, period }).overall, coverage.overall)

// 5. The report.
const html = Report.render({
  district: data.district,
  units: data.units,
  generatedAt: "2025-12-31",
  coverage,
  evaluation,
  streetRates: Progress.rates(data, { by: "street" }),
  committees: Report.committeeSizes(data),
})
assert.match(html, /<svg/)
console.log(`report: ${Math.round(html.length / 1024)} KB`)

// The other entry points load.
assert.equal(typeof PgStore.layer, "function")
assert.equal(typeof PgTesting.startTestDatabase, "function")
assert.ok(Object.keys(Testing).length > 0 && Object.keys(Fixtures).length > 0)

console.log(
  `RESULT ${JSON.stringify({
    members: data.members.length,
    coverage: coverage.overall,
    distribution: evaluation.distribution.map((d) => [d.grade, d.count]),
    rates: Progress.Rate.values,
    levels: Member.MemberLevel.values,
    stored: stored.members.length,
    coreVersion: Plugin.coreVersion,
  })}`,
)
