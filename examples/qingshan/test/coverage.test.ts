import { Coverage, CoverageRules, District, Period } from "@tongxin/core"
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { datasetPath } from "../src/dataset.js"

const data = Result.getOrThrow(District.parse(JSON.parse(readFileSync(datasetPath, "utf8"))))
const period = Period.year(2025)

describe("coverage of the Qingshan dataset", () => {
  it("has platforms in 10 of 10 streets and 119 of 119 communities/villages", () => {
    const report = Coverage.check(data, {
      rules: [
        { ...CoverageRules.platformCoverage.with({ tiers: ["township"] }), id: "streets" },
        { ...CoverageRules.platformCoverage.with({ tiers: ["village"] }), id: "communities" },
      ],
      period,
    })
    expect(report.results.map((r) => [r.id, r.covered, r.total])).toEqual([
      ["streets", 10, 10],
      ["communities", 119, 119],
    ])
  })

  it("shows the honest gap before assignment: no member is placed yet", () => {
    const report = Coverage.check(data, { rules: Coverage.builtins, period })
    const placement = report.results.find((r) => r.id === "member-placement")!
    expect([placement.covered, placement.total]).toEqual([0, 233])
    expect(new Set(placement.gaps.map((g) => g.reason))).toEqual(new Set(["unplaced"]))
    // Every street's liaison committee meets quarterly.
    expect(report.results.find((r) => r.id === "activity-cadence")!.covered).toBe(10)
  })

  it("is 100% once every member is placed in their home street's committee and leaders are assigned", () => {
    const streetOf = new Map(data.units.map((u) => [u.id, u.parentId ?? u.id]))
    const committees = data.committees.map((c) => ({
      ...c,
      memberIds: data.members.filter((m) => streetOf.get(m.residenceUnitId!) === c.streetId).map((m) => m.id),
    }))
    const placed = Coverage.check({ ...data, committees }, { rules: [CoverageRules.memberPlacement], period })
    expect(placed.results[0]!.covered).toBe(233)
  })
})
