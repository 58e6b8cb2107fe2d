// The consumer `pnpm release:rehearse` runs against each `effect` version it installs (the lowest the
// peer range allows, and the latest): an app that uses its own `effect` with Tongxin's packages, as
// installed by name from the registry. Parses the Qingshan district, checks coverage, scores it with
// the rubric `@tongxin/core` ships, keeps it in SQLite through `Store.Store` provided by
// `SqliteStore.layer` and run by the app's `Effect.runPromise` (so a second copy of `effect` would
// show), and renders the report. Prints one `RESULT {json}` line.
import { Coverage, District, Period, Plugin, Progress, Scoring, Store } from "@tongxin/core"
import { Report } from "@tongxin/report"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import assert from "node:assert/strict"
import { readFileSync, realpathSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

const require = createRequire(import.meta.url)

// One copy of effect: the app's and the one each of our packages resolves are the same files.
const effectOf = (from) => realpathSync(dirname(createRequire(from).resolve("effect/package.json")))
const appEffect = effectOf(import.meta.url)
const effectVersion = JSON.parse(readFileSync(join(appEffect, "package.json"), "utf8")).version
for (const name of ["@tongxin/core", "@tongxin/store-sqlite", "@tongxin/report"]) {
  const dir = dirname(require.resolve(`${name}/package.json`))
  const theirs = effectOf(join(realpathSync(dir), "package.json"))
  assert.equal(theirs, appEffect, `${name} resolves effect at ${theirs}, the app at ${appEffect}`)
}

// Plugins are checked against the published version, not the repository's unreleased 0.0.0.
const coreManifest = JSON.parse(readFileSync(require.resolve("@tongxin/core/package.json"), "utf8"))
assert.equal(Plugin.coreVersion, coreManifest.version)
assert.notEqual(Plugin.coreVersion, "0.0.0")

const parsed = District.parse(JSON.parse(readFileSync(new URL("./qingshan.json", import.meta.url), "utf8")))
if (parsed._tag === "Failure") throw new Error(`qingshan.json: ${parsed.failure.issues.length} problems`)
const data = parsed.success
const period = Period.year(2025)
const coverage = Coverage.check(data, { rules: Coverage.builtins, period })
const rubric = Scoring.parseRubric(
  JSON.parse(readFileSync(require.resolve("@tongxin/core/rubrics/qingshan.json"), "utf8")),
)
if (rubric._tag === "Failure") throw rubric.failure
const evaluation = Scoring.evaluate(rubric.success, data, { period })

const dbFile = new URL("./consumer.db", import.meta.url).pathname
rmSync(dbFile, { force: true })
const program = Effect.gen(function* () {
  const store = yield* Store.Store
  const summary = yield* store.importDistrict(data)
  return { summary, stored: Option.getOrUndefined(yield* store.loadDistrict(summary.district)) }
})
const { summary, stored } = await Effect.runPromise(
  program.pipe(Effect.provide(SqliteStore.layer({ filename: dbFile }))),
)
assert.ok(stored !== undefined, "the district was not stored")
assert.equal(stored.members.length, data.members.length)

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

console.log(
  `RESULT ${JSON.stringify({
    effect: effectVersion,
    members: data.members.length,
    imported: summary.counts.members,
    coverage: coverage.overall,
    grades: evaluation.distribution.map((d) => [d.grade, d.count]),
    reportKB: Math.round(html.length / 1024),
  })}`,
)
