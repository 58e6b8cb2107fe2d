import { District, Period, Progress, Ranking, Scoring } from "@tongxin/core"
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { datasetPath } from "../src/dataset.js"

const data = Result.getOrThrow(District.parse(JSON.parse(readFileSync(datasetPath, "utf8"))))
const rubricPath = createRequire(import.meta.url).resolve("@tongxin/core/rubrics/qingshan.json")
const rubric = Result.getOrThrow(Scoring.parseRubric(JSON.parse(readFileSync(rubricPath, "utf8"))))

describe("scoring the Qingshan dataset", () => {
  const evaluation = Scoring.evaluate(rubric, data, { period: Period.year(2025) })

  it("scores all 233 members within the rubric's bounds, every grade band used sensibly", () => {
    expect(evaluation.scores).toHaveLength(233)
    expect(evaluation.distribution.reduce((n, d) => n + d.count, 0)).toBe(233)
    for (const s of evaluation.scores) {
      expect(s.total).toBeGreaterThanOrEqual(0)
      expect(s.total).toBeLessThanOrEqual(100)
      expect(s.rewards).toBeLessThanOrEqual(10)
      expect(s.deductions).toBeGreaterThanOrEqual(-20)
    }
    // A realistic spread: some excellent, most good or competent.
    const count = Object.fromEntries(evaluation.distribution.map((d) => [d.grade, d.count]))
    expect(count["excellent"]).toBeGreaterThan(0)
    expect(count["excellent"]!).toBeLessThan(count["competent"]!)
  })

  it("lowers the grade of members below the yearly minimums to basically competent at best", () => {
    for (const s of evaluation.scores.filter((x) => x.unmet.length > 0))
      expect(["basic", "unqualified"]).toContain(s.grade)
  })

  it("ranks Yejin first in gas-pipe renovation, at 76%", () => {
    const gas = Progress.rates(data, { by: "street", filter: (o) => o.title.endsWith("燃气管道老化更新改造") })
    const [first] = Ranking.rank(gas, { by: (g) => g.progress, id: (g) => g.key })
    expect(first!.item.key).toBe("street-yejin")
    expect(first!.value).toBeCloseTo(76, 9)
  })
})
