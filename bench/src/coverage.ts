// Coverage at national size: every built-in rule over one national-size dataset, and the
// platform-coverage and member-minimum rules against the same computation as SQL in SQLite
// (node:sqlite, indexed, in memory) on the same data. Both sides must find the same gaps.
import { Coverage, CoverageRules, Period } from "@tongxin/core"
import { performance } from "node:perf_hooks"
import { measure, peakRssMb, report } from "./measure.js"
import { grassrootsTotalSql, load, memberMinimumsSql, platformGapsSql } from "./sqlite.js"
import { generate, sizesAt } from "./national.js"

const period = Period.year(2025)

export const run = (scale: number) => {
  const sizes = sizesAt(scale)
  const t0 = performance.now()
  const data = generate(sizes)
  const genMs = performance.now() - t0
  const attendance = data.activities.reduce((n, a) => n + a.attendance.length, 0)
  const records =
    data.units.length +
    data.platforms.length +
    data.members.length +
    data.activities.length +
    attendance +
    data.submissions.length
  console.log(
    `\nCoverage at scale ${scale}: ${sizes.streets.toLocaleString()} streets, ${sizes.grassroots.toLocaleString()} communities/villages, ` +
      `${data.members.length.toLocaleString()} members, ${data.activities.length.toLocaleString()} activities, ${attendance.toLocaleString()} attendance rows, ` +
      `${data.submissions.length.toLocaleString()} submissions (generated in ${(genMs / 1000).toFixed(1)} s, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`,
  )
  const runs = scale >= 0.5 ? 3 : 5
  const all = measure(
    "Coverage.check, all 9 built-in rules",
    () => Coverage.check(data, { rules: Coverage.builtins, period }),
    runs,
  )
  console.log(
    `  all built-ins: ${all.medianMs.toFixed(0)} ms = ${((all.medianMs * 1e6) / records).toFixed(0)} ns per record (${records.toLocaleString()} records)`,
  )

  const platformOurs = measure(
    "Tongxin platform-coverage",
    () => Coverage.check(data, { rules: [CoverageRules.platformCoverage], period }),
    runs,
  )
  const minimumsOurs = measure(
    "Tongxin member-minimums",
    () => Coverage.check(data, { rules: [CoverageRules.memberMinimums], period }),
    runs,
  )

  const db = load(data)
  const platformSql = db.prepare(platformGapsSql)
  const unitTotal = db.prepare(grassrootsTotalSql)
  const minimumsSql = db.prepare(memberMinimumsSql)
  const params = { start: period.start, end: period.end }
  const platformBySql = measure(
    "SQLite platform-coverage",
    () => ({ gaps: platformSql.all(params), total: unitTotal.get() }),
    runs,
  )
  const minimumsBySql = measure("SQLite member-minimums", () => minimumsSql.all(params), runs)

  // Same answers, or the comparison means nothing.
  const ours = Coverage.check(data, { rules: [CoverageRules.platformCoverage, CoverageRules.memberMinimums], period })
  const sqlPlatformGaps = platformSql.all(params).length
  const sqlMinimumGaps = minimumsSql.all(params).length
  if (ours.results[0]!.gaps.length !== sqlPlatformGaps || ours.results[1]!.gaps.length !== sqlMinimumGaps) {
    throw new Error(
      `results differ: platform gaps ${ours.results[0]!.gaps.length} vs SQL ${sqlPlatformGaps}, minimum gaps ${ours.results[1]!.gaps.length} vs SQL ${sqlMinimumGaps}`,
    )
  }
  console.log(
    `  same gaps both ways: ${sqlPlatformGaps.toLocaleString()} platform gaps, ${sqlMinimumGaps.toLocaleString()} members below minimums`,
  )
  report("  platform-coverage", [platformOurs, platformBySql], platformBySql)
  report("  member-minimums", [minimumsOurs, minimumsBySql], minimumsBySql)
  console.log(`  peak RSS so far ${peakRssMb()} MiB`)
  db.close()
  return { all, platformOurs, platformBySql, minimumsOurs, minimumsBySql, records }
}
