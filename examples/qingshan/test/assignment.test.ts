import { Assignment, AssignmentBuilders, Coverage, CoverageRules, District, Period } from "@tongxin/core"
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { datasetPath } from "../src/dataset.js"

const data = Result.getOrThrow(District.parse(JSON.parse(readFileSync(datasetPath, "utf8"))))

describe("assigning the Qingshan dataset", () => {
  const problem = AssignmentBuilders.membersToCommittees(data)
  const solution = Result.getOrThrow(Assignment.solve(problem))
  const placed = AssignmentBuilders.applyCommittees(data, solution)

  it("places all 233 members in 10 balanced committees with at least 3 party members each, provably optimally", () => {
    expect(Assignment.verify(problem, solution)).toEqual([])
    const sizes = placed.committees.map((c) => c.memberIds.length)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(233)
    for (const n of sizes) expect(n).toBeGreaterThanOrEqual(21)
    for (const n of sizes) expect(n).toBeLessThanOrEqual(26)
    const party = new Set(data.members.filter((m) => m.partyMember).map((m) => m.id as string))
    for (const c of placed.committees) expect(c.memberIds.filter((m) => party.has(m)).length).toBeGreaterThanOrEqual(3)
    expect(District.validate(placed)).toEqual([])
  })

  it("closes the placement and party-organisation gaps", () => {
    const report = Coverage.check(placed, {
      rules: [CoverageRules.memberPlacement, CoverageRules.partyBranches, CoverageRules.partyMembership],
      period: Period.year(2025),
    })
    for (const r of report.results) expect([r.id, r.covered]).toEqual([r.id, r.total])
  })

  it("explains a placement: its cost terms and the cheapest alternative", () => {
    const moved = solution.placements.find((p) => p.cost > 0)!
    const why = Assignment.explain(problem, solution, moved.agent)!
    expect(why.terms.reduce((n, t) => n + t.cost, 0)).toBe(moved.cost)
    expect(why.alternative!.target).not.toBe(moved.target)
    expect(why.alternative!.extraCost).toBeGreaterThanOrEqual(0)
  })

  it("gives every street exactly one guiding leader, leaders balanced", () => {
    const p = AssignmentBuilders.leadersToStreets(data)
    const s = Result.getOrThrow(Assignment.solve(p))
    expect(Assignment.verify(p, s)).toEqual([])
    const guided = AssignmentBuilders.applyGuidance(data, s)
    expect(new Set(guided.guidance.map((g) => g.streetId)).size).toBe(10)
    const perLeader = new Map<string, number>()
    for (const g of guided.guidance) perLeader.set(g.memberId, (perLeader.get(g.memberId) ?? 0) + 1)
    for (const n of perLeader.values()) expect([1, 2]).toContain(n)
    expect(District.validate(guided)).toEqual([])
  })

  it("spreads special committees over streets and conveners over platforms", () => {
    const sc = AssignmentBuilders.specialCommitteesToStreets(data)
    const scSolution = Result.getOrThrow(Assignment.solve(sc))
    const contacted = AssignmentBuilders.applySpecialCommittees(data, scSolution)
    expect(contacted.specialCommittees.flatMap((s) => s.streetIds)).toHaveLength(10)
    const cv = AssignmentBuilders.convenersToPlatforms(data, { maxPerMember: 2 })
    const cvSolution = Result.getOrThrow(Assignment.solve(cv))
    expect(Assignment.verify(cv, cvSolution)).toEqual([])
    const convened = AssignmentBuilders.applyConveners(contacted, cvSolution)
    expect(convened.platforms.every((p) => p.conveners.length === 1)).toBe(true)
    expect(District.validate(convened)).toEqual([])
  })
})
