import { describe, expect, it } from "@effect/vitest"
import { Coverage, type District, type Ids, Period } from "@tongxin/core"
import { DistrictArbitrary } from "@tongxin/core/testing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { gasRenovationCoverage, isRenovationOutcome, outcomeIdOf } from "../src/index.js"
import {
  actors,
  at,
  caseRecord,
  district,
  districtInput,
  happyPath,
  parseDistrict,
  payloads,
  registryOf,
  setup,
  stores,
} from "./fixtures.js"

const year = Period.year(2025)

const item = (id: string, unitId: string, progress: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: "老旧燃气管道改造",
  unitId,
  handlingUnit: "燃气公司",
  status: progress === 100 ? "completed" : progress === 0 ? "assigned" : "in-progress",
  progress,
  assignedOn: "2025-03-20",
  ...extra,
})

// Yejin's three communities and Guangming (whose item sits in one of its grid cells), with items
// that are not about gas pipes, items of another year and a street-wide item mixed in.
const handmade = parseDistrict({
  ...districtInput,
  district: {
    ...districtInput.district,
    unitKinds: [
      { id: "street", labels: { "zh-CN": "街道", en: "Street" }, tier: "township", parents: [] },
      { id: "community", labels: { "zh-CN": "社区", en: "Community" }, tier: "village", parents: ["street"] },
      { id: "grid", labels: { "zh-CN": "网格", en: "Grid" }, tier: "other", parents: ["community"] },
    ],
  },
  units: [
    ...districtInput.units,
    { id: "guangming-g1", kind: "grid", name: "光明社区第一网格", parentId: "guangming" },
  ],
  outcomes: [
    item("o-yedong", "yedong", 76),
    item("o-yexi-1", "yexi", 90, { weight: 2 }),
    item("o-yexi-2", "yexi", 60, { weight: 1 }),
    // Handled by a branch of the gas company, but written by a gas-renovation case.
    item(outcomeIdOf("case-yenan"), "yenan", 100, {
      caseId: "case-yenan",
      handlingUnit: "燃气公司青山分公司",
      completedOn: "2025-06-01",
    }),
    item("o-yenan-2026", "yenan", 0, { assignedOn: "2026-01-10" }),
    item("o-guangming-grid", "guangming-g1", 85),
    item("o-guangming-lift", "guangming", 10, { handlingUnit: "区住建局", title: "健吾公馆加装电梯" }),
    item("o-yejin-street", "yejin", 10),
  ],
})

const resultOf = (data: District.DistrictData, rules: Parameters<typeof Coverage.check>[1]["rules"], period = year) =>
  Coverage.check(data, { rules, period }).results.find((r) => r.id === "gas-renovation-coverage")!

describe("the gas-renovation-coverage rule on a hand-made district", () => {
  const registry = registryOf()

  it("checks every community with renovation items, and names those below the target with their percentage", () => {
    const report = Coverage.check(handmade, { rules: [...registry.coverageRules], period: year })
    const result = report.results.find((r) => r.id === "gas-renovation-coverage")!
    expect([result.covered, result.total]).toEqual([3, 4])
    expect(result.gaps).toEqual([
      {
        ruleId: "gas-renovation-coverage",
        subject: { kind: "unit", id: "yedong", name: "冶金东社区" },
        unitId: "yedong",
        streetId: "yejin",
        reason: "below-target",
        message: {
          en: "冶金东社区 has renovated 76% of its gas pipes, below the 80% target",
          "zh-CN": "冶金东社区燃气管道改造进度 76%，低于目标 80%",
        },
      },
    ])
    // The street table: Yejin 2 of 3 communities, Xingouqiao 1 of 1.
    const k = report.results.findIndex((r) => r.id === "gas-renovation-coverage")
    expect(report.streets.map((s) => [s.streetId, `${s.results[k]!.covered}/${s.results[k]!.total}`])).toEqual([
      ["xingouqiao", "1/1"],
      ["yejin", "2/3"],
    ])
  })

  it("takes its target from the plugin's options or the coverage configuration", () => {
    expect(resultOf(handmade, [...registryOf({ targetRate: 0.76 }).coverageRules]).gaps).toEqual([])
    const configured = Result.getOrThrow(
      Coverage.parseConfig(
        { rules: [{ id: "gas-renovation-coverage", params: { targetRate: 0.95 } }] },
        registry.coverageRules,
      ),
    )
    expect(resultOf(handmade, configured).gaps.map((g) => [g.subject.id, g.message["zh-CN"]])).toEqual([
      ["guangming", "光明社区燃气管道改造进度 85%，低于目标 95%"],
      ["yedong", "冶金东社区燃气管道改造进度 76%，低于目标 95%"],
      ["yexi", "冶金西社区燃气管道改造进度 80%，低于目标 95%"],
    ])
    const bad = Coverage.parseConfig(
      { rules: [{ id: "gas-renovation-coverage", params: { targetRate: 80, tiers: ["street"] } }] },
      registry.coverageRules,
    )
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.path)).toEqual([
      "rules[0].params.targetRate",
      "rules[0].params.tiers[0]",
    ])
  })

  it("counts items of the period only, and can check streets instead of communities", () => {
    expect(
      resultOf(handmade, [gasRenovationCoverage], Period.year(2026)).gaps.map((g) => [g.subject.id, g.message.en]),
    ).toEqual([
      ["yedong", "冶金东社区 has renovated 76% of its gas pipes, below the 80% target"],
      ["yenan", "冶金南社区 has renovated 50% of its gas pipes, below the 80% target"],
    ])
    expect(resultOf(handmade, [gasRenovationCoverage], Period.year(2024)).total).toBe(0)
    // Street by street: every Yejin item counts (weights 1, 2, 1, 1, 1): (76 + 180 + 60 + 100 + 10) / 6 = 71.
    const streets = resultOf(handmade, [
      gasRenovationCoverage.with({ targetRate: 0.8, handlingUnit: "燃气公司", tiers: ["township"] }),
    ])
    expect([streets.covered, streets.total, streets.gaps.map((g) => g.message.en)]).toEqual([
      1,
      2,
      ["冶金街道 has renovated 71% of its gas pipes, below the 80% target"],
    ])
  })

  it("uses an item's rolled-up progress and does not count its sub-items twice", () => {
    const withParts = {
      ...handmade,
      outcomes: [
        ...handmade.outcomes.filter((o) => o.id !== "o-yedong"),
        { ...handmade.outcomes[0]!, progress: 0 },
        {
          ...handmade.outcomes[0]!,
          id: "o-yedong-a" as Ids.OutcomeId,
          parentId: "o-yedong" as Ids.OutcomeId,
          progress: 100,
        },
        {
          ...handmade.outcomes[0]!,
          id: "o-yedong-b" as Ids.OutcomeId,
          parentId: "o-yedong" as Ids.OutcomeId,
          progress: 60,
          weight: 3,
        },
      ],
    }
    // The parent rolls up to 80 (a plain mean: not every part has a weight). Its own 0 would be a
    // gap, and so would counting the parts beside it: (80 + 100 + 3 × 60) / 5 = 72.
    expect(resultOf(withParts, [gasRenovationCoverage]).gaps.map((g) => g.subject.id)).toEqual([])
    expect(isRenovationOutcome(handmade.outcomes.find((o) => o.id === "o-guangming-lift")!, "燃气公司")).toBe(false)
  })
})

for (const [name, layer] of stores) {
  describe(`coverage of cases run on ${name}`, () => {
    it.effect("the outcome items the workflow wrote are what the rule checks", () =>
      Effect.gen(function* () {
        const store = yield* setup()
        const engine = registryOf().engine()
        const run = (caseId: string, unitId: string, steps: number) =>
          Effect.gen(function* () {
            yield* engine.open(district, caseRecord(caseId, unitId), actors.street, { at: at("2025-03-03") })
            for (const [command, actor, day, payload] of happyPath.slice(0, steps)) {
              yield* engine.dispatch(
                district,
                caseId as Ids.CaseId,
                { type: command, payload: payload ?? payloads[command] },
                actor,
                { at: at(day) },
              )
            }
          })
        yield* run("case-yedong", "yedong", 7) // 76% after a little over three months
        yield* run("case-yexi", "yexi", 9) // accepted and closed
        yield* run("case-yenan", "yenan", 2) // still consulting: no item yet
        const data = Option.getOrThrow(yield* store.loadDistrict(district))
        const result = resultOf(data, [...registryOf().coverageRules])
        expect([result.covered, result.total]).toEqual([1, 2])
        expect(result.gaps.map((g) => g.message["zh-CN"])).toEqual(["冶金东社区燃气管道改造进度 76%，低于目标 80%"])
        expect(resultOf(data, [...registryOf({ targetRate: 0.76 }).coverageRules]).gaps).toEqual([])
      }).pipe(Effect.provide(layer)),
    )
  })
}

// Random renovation items on the units of a random valid district.
const withItems = DistrictArbitrary.valid().chain((data) =>
  fc
    .array(
      fc.record({
        unit: fc.nat(),
        progress: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
        gas: fc.boolean(),
        weight: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        month: fc.integer({ min: 1, max: 12 }),
        year: fc.constantFrom(2024, 2025, 2026),
      }),
      { maxLength: 25 },
    )
    .map(
      (rows): District.DistrictData => ({
        ...data,
        outcomes: rows.map((r, i) => ({
          id: `o${i}` as Ids.OutcomeId,
          title: "改造",
          ...(data.units.length === 0 ? {} : { unitId: data.units[r.unit % data.units.length]!.id }),
          handlingUnit: r.gas ? "燃气公司" : "区住建局",
          ...(r.weight === undefined ? {} : { weight: r.weight }),
          status: "in-progress" as const,
          progress: r.progress,
          assignedOn: `${r.year}-${String(r.month).padStart(2, "0")}-01` as never,
          implemented: false,
          milestones: [],
        })),
      }),
    ),
)

describe("coverage properties", () => {
  it("checks exactly the communities with renovation items of the period, each once", () => {
    fc.assert(
      fc.property(withItems, (data) => {
        const result = resultOf(data, [gasRenovationCoverage])
        const tierOf = new Map(
          data.units.map((u) => [u.id as string, data.district.unitKinds.find((k) => k.id === u.kind)?.tier]),
        )
        const parentOf = new Map(data.units.map((u) => [u.id as string, u.parentId as string | undefined]))
        const expected = new Set<string>()
        for (const o of data.outcomes) {
          if (o.handlingUnit !== "燃气公司" || o.assignedOn > year.end) continue
          let id: string | undefined = o.unitId
          while (id !== undefined && tierOf.get(id) !== "village") id = parentOf.get(id)
          if (id !== undefined) expected.add(id)
        }
        expect(result.total).toBe(expected.size)
        expect(result.covered).toBeLessThanOrEqual(result.total)
        expect(new Set(result.gaps.map((g) => g.subject.id)).size).toBe(result.gaps.length)
      }),
    )
  })

  it("the order of the data changes nothing", () => {
    fc.assert(
      fc.property(withItems, fc.integer(), (data, seed) => {
        expect(resultOf(DistrictArbitrary.permute(data, seed), [gasRenovationCoverage])).toEqual(
          resultOf(data, [gasRenovationCoverage]),
        )
      }),
    )
  })

  it("more progress never opens a gap", () => {
    fc.assert(
      fc.property(withItems, fc.nat(), fc.integer({ min: 0, max: 100 }), (data, k, raise) => {
        fc.pre(data.outcomes.length > 0)
        const i = k % data.outcomes.length
        const raised = {
          ...data,
          outcomes: data.outcomes.map((o, j) => (j === i ? { ...o, progress: Math.max(o.progress, raise) } : o)),
        }
        const before = new Set(resultOf(data, [gasRenovationCoverage]).gaps.map((g) => g.subject.id))
        for (const g of resultOf(raised, [gasRenovationCoverage]).gaps) expect(before.has(g.subject.id)).toBe(true)
      }),
    )
  })
})
