/**
 * A plain TypeScript app embedding Tongxin with async/await only — no Effect code: check a district
 * file, keep it in SQLite, run a consultation case, then check coverage and score members with the
 * plain rule functions.
 *
 * Run: `pnpm --filter @tongxin/example-embed-plain-ts start -- <district.json> <store.db>`
 */
import { Coverage, DistrictSource, Issue, Labels, Period, Scoring } from "@tongxin/core"
import { Tongxin } from "@tongxin/core/promise"
import { SqliteStore } from "@tongxin/store-sqlite"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

export const main = async (districtFile: string, storeFile: string): Promise<number> => {
  // 1. Read and check the district file: every problem with its line, in both languages.
  const parsed = DistrictSource.parseText(readFileSync(districtFile, "utf8"), { filename: districtFile })
  if (parsed._tag === "Failure") {
    for (const issue of parsed.failure.issues) console.error(Issue.format(issue, "zh-CN"))
    return 1
  }
  const data = parsed.success

  // 2. Keep it in SQLite and run a case through the standard consultation workflow.
  const tongxin = Tongxin.open(SqliteStore.layer({ filename: storeFile }))
  try {
    const summary = await tongxin.store.importDistrict(data)
    console.log(`imported ${summary.counts.members} members and ${summary.attendance} attendance rows`)
    const caseId = "embed-demo-case" as never
    if ((await tongxin.store.readCase(data.district.id, caseId)).length === 0) {
      await tongxin.openCase(
        data.district.id,
        {
          id: caseId,
          topic: "小区加装电梯",
          source: "residents",
          workflow: { id: "consultation", version: 1 },
          openedOn: "2025-06-02" as never,
        },
        { id: "office", roles: ["office"] },
      )
    }
    try {
      const { state } = await tongxin.dispatch(
        data.district.id,
        caseId,
        { type: "approve", payload: { note: "同意" } },
        { id: "chair", roles: ["chairmansMeeting"] },
      )
      console.log(`case ${caseId}: ${state.stage} (version ${state.version})`)
    } catch (error) {
      // Typed errors: `_tag` says what happened, `message` says it in words.
      const e = error as { readonly _tag?: string; readonly message: string }
      if (e._tag !== "CommandRefused") throw error
      console.log(`case ${caseId}: ${e.message}`)
    }

    // 3. The rules are plain functions over the district the store gives back.
    const stored = await tongxin.loadDistrict(data.district.id)
    if (stored === undefined) throw new Error("the district was not stored")
    const period = Period.year(2025)
    const coverage = Coverage.check(stored, { rules: Coverage.builtins, period })
    for (const r of coverage.results) console.log(`${Labels.pick(r.labels)}: ${r.covered}/${r.total}`)
    const rubricFile = createRequire(import.meta.url).resolve("@tongxin/core/rubrics/qingshan.json")
    const rubric = Scoring.parseRubric(JSON.parse(readFileSync(rubricFile, "utf8")))
    if (rubric._tag === "Failure") throw rubric.failure
    const evaluation = Scoring.evaluate(rubric.success, stored, { period })
    for (const d of evaluation.distribution) console.log(`${Labels.pick(d.labels)}: ${d.count}`)
    return 0
  } finally {
    await tongxin.close()
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const [file, store] = process.argv.slice(2).filter((a) => a !== "--")
  if (file === undefined || store === undefined) {
    console.error("usage: start -- <district.json|yaml> <store.db>")
    process.exitCode = 2
  } else process.exitCode = await main(file, store)
}
