import { describe, expect, it } from "@effect/vitest"
import { District, DistrictIndex, Period, PluginHost, Scoring } from "@tongxin/core"
import { DistrictArbitrary } from "@tongxin/core/testing"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { visitActivityType, visitsSelector } from "../src/index.js"
import { districtInput, parseDistrict, registryOf } from "./fixtures.js"

const year = Period.year(2025)

// A district's own rubric, before the plugin adds its item.
const rubric = {
  id: "qingshan-2025",
  name: { "zh-CN": "青山区政协委员履职考评办法（2025）", en: "Qingshan member evaluation 2025" },
  categories: [
    {
      id: "activities",
      labels: { "zh-CN": "参加活动", en: "Activities" },
      cap: 10,
      items: [
        {
          id: "research",
          labels: { "zh-CN": "参加调研", en: "Research" },
          select: { from: "attendance", types: ["research"] },
          points: 2,
        },
      ],
    },
  ],
  grades: [
    { id: "good", labels: { "zh-CN": "良好", en: "Good" }, min: 5 },
    { id: "fair", labels: { "zh-CN": "一般", en: "Fair" }, below: 5 },
  ],
}

const visit = (id: string, date: string, attendance: ReadonlyArray<readonly [string, string]>) => ({
  id,
  type: "gas-renovation-visit",
  title: "冶金东社区燃气改造入户走访",
  date,
  unitId: "yedong",
  organiser: { kind: "committee", id: "k-yejin" },
  attendance: attendance.map(([memberId, status]) => ({ memberId, status })),
  participants: [{ kind: "resident", count: 12 }],
})

// 李委员 went on seven visits in 2025 and one in 2024; 赵委员 on two, late to one
// and excused from another.
const data = parseDistrict({
  ...districtInput,
  activities: [
    ...["03-07", "03-14", "03-21", "04-11", "04-25", "05-09", "06-06"].map((d, i) =>
      visit(
        `v${i + 1}`,
        `2025-${d}`,
        i === 0
          ? [
              ["m-li", "present"],
              ["m-zhao", "present"],
            ]
          : [["m-li", "present"]],
      ),
    ),
    visit("v-late", "2025-06-13", [["m-zhao", "late"]]),
    visit("v-excused", "2025-06-20", [["m-zhao", "excused"]]),
    visit("v-2024", "2024-12-20", [["m-li", "present"]]),
    {
      id: "r1",
      type: "research",
      title: "燃气安全调研",
      date: "2025-05-20",
      organiser: { kind: "district" },
      attendance: [{ memberId: "m-zhao", status: "present" }],
    },
  ],
})

const parse = (registry: PluginHost.Registry, input: unknown = rubric) =>
  Scoring.parseRubric(PluginHost.extendRubric(registry, input), {
    selectors: registry.selectors,
    activityTypes: registry.activityTypes.map((t) => t.id),
  })

describe("the gas-renovation-visits item", () => {
  it("gives a member 1 point per visit in the period, at most 5, in its own category", () => {
    const registry = registryOf()
    const parsed = Result.getOrThrow(parse(registry))
    expect(parsed.categories.map((c) => [c.id, c.items.map((i) => i.id)])).toEqual([
      ["activities", ["research"]],
      ["gas-renovation", ["gas-renovation-visits"]],
    ])
    const evaluation = Scoring.evaluate(parsed, data, { period: year, selectors: registry.selectors })
    const line = (member: string) =>
      evaluation.scores.find((s) => s.id === member)!.categories.find((c) => c.id === "gas-renovation")!.items[0]!
    expect([line("m-li").occurrences, line("m-li").raw, line("m-li").points]).toEqual([7, 7, 5])
    expect([line("m-zhao").occurrences, line("m-zhao").points]).toEqual([2, 2])
    expect(evaluation.scores.map((s) => [s.id, s.total, s.grade])).toEqual([
      ["m-li", 5, "good"],
      ["m-zhao", 4, "fair"],
    ])
    const explained = Scoring.explain(parsed, data, "m-zhao", { period: year, selectors: registry.selectors })!
    expect(explained.lines.find((l) => l.kind === "item" && l.item === "gas-renovation-visits")).toMatchObject({
      records: [{ recordId: "v1" }, { recordId: "v-late" }],
    })
  })

  it("follows the plugin's options: points, cap and the category it joins", () => {
    const registry = registryOf({ visitPoints: 2, visitCap: 6, rubricCategory: "activities" })
    const parsed = Result.getOrThrow(parse(registry))
    expect(parsed.categories.map((c) => [c.id, c.items.map((i) => i.id)])).toEqual([
      ["activities", ["research", "gas-renovation-visits"]],
    ])
    const scores = Scoring.evaluate(parsed, data, { period: year, selectors: registry.selectors }).scores
    // 赵委员: research 2 + visits 2 × 2 = 6; 李委员: 7 visits × 2 = 14, capped at 6.
    expect(scores.map((s) => [s.id, s.total])).toEqual([
      ["m-li", 6],
      ["m-zhao", 6],
    ])
  })

  it("counts the statuses a rubric asks for", () => {
    const registry = registryOf()
    const input = {
      ...rubric,
      categories: [
        {
          id: "visits",
          labels: { "zh-CN": "走访", en: "Visits" },
          items: [
            {
              id: "all-visits",
              labels: { "zh-CN": "走访（含请假）", en: "Visits incl. excused" },
              select: {
                from: "plugin",
                kind: "gas-renovation-visits",
                params: { statuses: ["present", "late", "excused"] },
              },
              points: 1,
            },
          ],
        },
      ],
    }
    const parsed = Result.getOrThrow(
      Scoring.parseRubric(input, { selectors: registry.selectors, activityTypes: [visitActivityType.id] }),
    )
    const scores = Scoring.evaluate(parsed, data, { period: year, selectors: registry.selectors }).scores
    expect(scores.find((s) => s.id === "m-zhao")!.total).toBe(3)
  })

  it("says what is wrong when a rubric or a district is used without the plugin", () => {
    const registry = registryOf()
    const extended = PluginHost.extendRubric(registry, rubric)
    const without = Scoring.parseRubric(extended)
    expect(Result.isFailure(without) && without.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["categories[1].items[0].select.kind", "unknown-selector"],
    ])
    const badParams = parse(registry, {
      ...rubric,
      categories: [
        {
          ...rubric.categories[0]!,
          items: [
            {
              id: "x",
              labels: { "zh-CN": "x", en: "x" },
              select: { from: "plugin", kind: "gas-renovation-visits", params: { statuses: ["asleep"] } },
              points: 1,
            },
          ],
        },
      ],
    })
    expect(Result.isFailure(badParams) && badParams.failure.issues.map((i) => i.path)).toEqual([
      "categories[0].items[0].select.params.statuses[0]",
    ])
    const unknownType = District.parse({
      ...districtInput,
      activities: [visit("v1", "2025-03-07", [["m-li", "present"]])],
    })
    expect(Result.isFailure(unknownType) && unknownType.failure.issues.map((i) => i.code)).toContain(
      "unknown-activity-type",
    )
  })
})

describe("visit scoring properties", () => {
  // Random valid districts in which some activities become renovation visits.
  const withVisits = fc
    .tuple(DistrictArbitrary.valid(), fc.array(fc.boolean(), { maxLength: 60 }))
    .map(([d, flags]) => ({
      ...d,
      activities: d.activities.map((a, i) => (flags[i] === true ? { ...a, type: visitActivityType.id } : a)),
    }))

  it("a member's visit points are min(cap, points × visits attended) — each visit once", () => {
    fc.assert(
      fc.property(withVisits, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 }), (d, points, cap) => {
        const registry = registryOf({ visitPoints: points, visitCap: cap })
        const parsed = Result.getOrThrow(parse(registry))
        const scores = Scoring.evaluate(parsed, d, { period: year, selectors: registry.selectors }).scores
        for (const s of scores) {
          const visits = new Set(
            d.activities
              .filter((a) => a.type === visitActivityType.id && a.date >= year.start && a.date <= year.end)
              .filter((a) =>
                a.attendance.some((r) => r.memberId === s.id && (r.status === "present" || r.status === "late")),
              )
              .map((a) => a.id),
          )
          const line = s.categories.find((c) => c.id === "gas-renovation")!.items[0]!
          expect(line.occurrences).toBe(visits.size)
          expect(line.points).toBe(Math.min(cap, points * visits.size))
        }
      }),
    )
  })

  it("the selector finds only visits of the period, by members who were there", () => {
    fc.assert(
      fc.property(withVisits, (d) => {
        for (const o of visitsSelector.run({ data: d, index: DistrictIndex.make(d), period: year }, {})) {
          const a = d.activities.find((x) => x.id === o.recordId)!
          expect([a.type, a.date >= year.start && a.date <= year.end, o.date]).toEqual([
            visitActivityType.id,
            true,
            a.date,
          ])
          expect(
            a.attendance.some((r) => r.memberId === o.subjectId && (r.status === "present" || r.status === "late")),
          ).toBe(true)
        }
      }),
    )
  })
})
