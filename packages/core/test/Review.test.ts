// Cases found by reviewing the code, kept so they stay fixed.
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { Assignment, Coverage, CoverageRules, District, type Ids, Period, Scoring } from "../src/index.js"

const year = Period.year(2025)
const sectors = [{ id: "economy", labels: { "zh-CN": "经济界", en: "Economy" } }]

describe("Assignment.verify does not trust the certificate", () => {
  const problem = {
    agents: [{ id: "a" }],
    targets: [{ id: "x" }, { id: "y" }],
    pairs: [
      { agent: "a", target: "x", cost: 0 },
      { agent: "a", target: "y", cost: 100 },
    ],
    forbidden: [],
    locked: [],
    current: [],
    movePenalty: 0,
  }
  const wrong = { placements: [{ agent: "a", target: "y", cost: 100 }], objective: 100, iterations: 0 }

  it("rejects a missing or shifted certificate for a sub-optimal placement", () => {
    expect(
      Assignment.verify(problem, { ...wrong, certificate: { agents: [], targets: [], groups: {}, sink: 0 } }).map(
        (v) => v.kind,
      ),
    ).toContain("optimality")
    const shifted = { agents: [1e12], targets: [1e12, 1e12 + 100], groups: {}, sink: 1e12 + 100 }
    expect(Assignment.verify(problem, { ...wrong, certificate: shifted }).map((v) => v.kind)).toContain("optimality")
  })

  it("checks 200,000 agents without overflowing the stack", () => {
    const n = 200_000
    const big = {
      ...problem,
      agents: Array.from({ length: n }, (_, i) => ({ id: `a${i}` })),
      targets: [{ id: "x" }],
      pairs: Array.from({ length: n }, (_, i) => ({ agent: `a${i}`, target: "x", cost: 0 })),
    }
    const solution = {
      placements: big.agents.map((a) => ({ agent: a.id, target: "x", cost: 0 })),
      objective: 0,
      iterations: 0,
      certificate: { agents: new Array<number>(n).fill(0), targets: [0], groups: {}, sink: 0 },
    }
    expect(Assignment.verify(big, solution)).toEqual([])
  })
})

describe("district validation", () => {
  it("checks a unit's parent even when its kind is unknown", () => {
    const r = District.parse({
      district: { id: "d", name: "区", sectors },
      units: [{ id: "u1", kind: "bogus", name: "U", parentId: "nope" }],
    })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["units[0].kind", "unknown-unit-kind"],
      ["units[0].parentId", "unknown-reference"],
    ])
  })

  it("points messages at original positions when some items fail to decode", () => {
    const r = District.parse({
      district: { id: "d", name: "区", sectors },
      units: [
        { id: "bad", kind: "street" },
        { id: "s1", kind: "street", name: "一" },
        { id: "s1", kind: "street", name: "二" },
      ],
    })
    const dup = Result.isFailure(r) ? r.failure.issues.find((i) => i.code === "duplicate-id") : undefined
    expect(dup).toMatchObject({ path: "units[2].id", message: 'unit id "s1" is already used by units[1]' })
  })

  it("still reports integrity problems when the district section itself is broken", () => {
    const r = District.parse({
      district: { id: "d", name: "区", sectors: [{ id: "Bad Sector", labels: { "zh-CN": "x", en: "x" } }, ...sectors] },
      units: [{ id: "c1", kind: "community", name: "社区" }],
      members: [{ id: "m1", name: "甲", level: "district", sector: "economy", partyMember: false }],
    })
    const codes = Result.isFailure(r) ? r.failure.issues.map((i) => [i.path, i.code]) : []
    expect(codes).toContainEqual(["district.sectors[0].id", "invalid"])
    expect(codes).toContainEqual(["units[0].parentId", "missing-parent"])
    expect(codes.filter(([p]) => p === "members[0].sector")).toEqual([])
  })

  it("reports a duplicate id shared with an item that failed to decode", () => {
    const r = District.parse({
      district: { id: "d", name: "区", sectors },
      members: [
        { id: "m1", name: "甲", level: "county", sector: "economy", partyMember: false },
        { id: "m1", name: "乙", level: "district", sector: "economy", partyMember: false },
      ],
    })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["members[0].level", "invalid"],
      ["members[1].id", "duplicate-id"],
    ])
  })

  it("does not throw on a 200,000-unit cycle", () => {
    const n = 200_000
    const input = {
      district: {
        id: "d",
        name: "区",
        sectors,
        unitKinds: [{ id: "k", labels: { "zh-CN": "格", en: "Cell" }, tier: "other", parents: ["k"] }],
      },
      units: Array.from({ length: n }, (_, i) => ({
        id: `u${i}`,
        kind: "k",
        name: `格${i}`,
        parentId: `u${(i + 1) % n}`,
      })),
    }
    const r = District.parse(input)
    expect(Result.isFailure(r) && r.failure.issues.map((i) => i.code)).toEqual(["unit-cycle"])
  })
})

// A joint branch serving two committees: its activities belong to both streets.
const joint = (committeeIds: ReadonlyArray<string>): District.DistrictData =>
  Result.getOrThrow(
    District.parse({
      district: { id: "d", name: "区", sectors },
      units: [
        { id: "A", kind: "street", name: "甲街道" },
        { id: "B", kind: "street", name: "乙街道" },
      ],
      members: [
        { id: "lead", name: "领导", level: "district", sector: "economy", partyMember: true, chairmansMeeting: true },
      ],
      committees: [
        { id: "cA", streetId: "A", name: "甲联络委" },
        { id: "cB", streetId: "B", name: "乙联络委" },
      ],
      partyBranches: [{ id: "b", kind: "joint", name: "联合支部", committeeIds }],
      guidance: [
        { memberId: "lead", streetId: "A" },
        { memberId: "lead", streetId: "B" },
      ],
      activities: [
        {
          id: "a1",
          type: "party-led",
          title: "党日",
          date: "2025-05-01",
          organiser: { kind: "party-branch", id: "b" },
          attendance: [{ memberId: "lead", status: "present" }],
        },
      ],
    }),
  )

describe("joint party branches", () => {
  it("count their activities for every street they serve, whatever the order", () => {
    for (const order of [
      ["cA", "cB"],
      ["cB", "cA"],
    ]) {
      const r = Coverage.check(joint(order), { rules: [CoverageRules.leaderGuidance], period: year })
      expect(r.results[0]!.gaps).toEqual([])
    }
  })

  it("credit every committee they serve in street evaluation", () => {
    const rubric = Result.getOrThrow(
      Scoring.parseRubric({
        id: "streets",
        name: { "zh-CN": "街道考评", en: "Streets" },
        subject: "committee",
        categories: [
          {
            id: "w",
            labels: { "zh-CN": "活动", en: "Activities" },
            items: [{ id: "held", labels: { "zh-CN": "活动", en: "Held" }, select: { from: "activities" }, points: 1 }],
          },
        ],
        grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
      }),
    )
    for (const order of [
      ["cA", "cB"],
      ["cB", "cA"],
    ]) {
      expect(Scoring.evaluate(rubric, joint(order), { period: year }).scores.map((s) => [s.id, s.total])).toEqual([
        ["cA", 1],
        ["cB", 1],
      ])
    }
  })
})

describe("Scoring.explain", () => {
  it("returns undefined for a member the rubric's levels leave out", () => {
    const data = joint(["cA", "cB"])
    const rubric = Result.getOrThrow(
      Scoring.parseRubric({
        id: "city-only",
        name: { "zh-CN": "市级", en: "City" },
        levels: ["city"],
        categories: [
          {
            id: "m",
            labels: { "zh-CN": "会", en: "M" },
            items: [
              { id: "p", labels: { "zh-CN": "党日", en: "Party day" }, select: { from: "attendance" }, points: 1 },
            ],
          },
        ],
        grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
      }),
    )
    expect(Scoring.explain(rubric, data, "lead" as Ids.MemberId, { period: year })).toBeUndefined()
  })
})
