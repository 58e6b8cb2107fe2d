import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { type District, DistrictSource, type Ids, Period, Rubric, Scoring, ScoringSelector } from "../src/index.js"
import { DistrictArbitrary } from "../src/testing/index.js"

const year = Period.year(2025)
const rubricFile = (name: string) =>
  JSON.parse(readFileSync(new URL(`../rubrics/${name}.json`, import.meta.url), "utf8"))
const district = (name: string) =>
  Result.getOrThrow(
    DistrictSource.parseText(readFileSync(new URL(`./fixtures/scoring/${name}`, import.meta.url), "utf8")),
  )
const tongcheng = Result.getOrThrow(Scoring.parseRubric(rubricFile("tongcheng")))
const minhang = Result.getOrThrow(Scoring.parseRubric(rubricFile("minhang")))

const summary = (e: Scoring.Evaluation) =>
  Object.fromEntries(e.scores.map((s) => [s.id, [Math.round(s.total * 1000) / 1000, s.grade]]))

describe("the Tongcheng rubric", () => {
  const data = district("tongcheng-district.yaml")
  const evaluation = Scoring.evaluate(tongcheng, data, { period: year })

  it("scores the sample as worked out by hand", () => {
    expect(summary(evaluation)).toEqual({
      t1: [98, "excellent"],
      t2: [80.5, "good"],
      t3: [46.667, "unqualified"],
      t4: [6.667, "unqualified"],
      t5: [54.167, "unqualified"],
      t6: [64.25, "competent"],
      t7: [56.25, "unqualified"],
    })
    expect(evaluation.distribution.map((d) => [d.grade, d.count])).toEqual([
      ["excellent", 1],
      ["good", 1],
      ["competent", 1],
      ["unqualified", 4],
    ])
  })

  it("caps categories and splits joint and collective proposals", () => {
    const t1 = evaluation.scores.find((s) => s.id === "t1")!
    const proposals = t1.categories.find((c) => c.id === "proposals")!
    expect([proposals.raw, proposals.points]).toEqual([37.5, 25])
    const t6 = evaluation.scores.find((s) => s.id === "t6")!
    expect(t6.categories.find((c) => c.id === "proposals")!.items.map((i) => i.points)).toEqual([2.5, 3.75])
    const t5 = evaluation.scores.find((s) => s.id === "t5")!
    expect(t5.deductions).toBe(-10)
  })

  it("explains a score line by line with the records behind it, summing to the total", () => {
    const explanation = Scoring.explain(tongcheng, data, "t1", { period: year })!
    const sum = explanation.lines.reduce((n, l) => n + l.points, 0)
    expect(sum).toBeCloseTo(98, 9)
    const submitted = explanation.lines.find((l) => l.kind === "item" && l.item === "proposal-submitted")
    expect(submitted).toMatchObject({
      points: 15,
      records: [
        { recordId: "p1", points: 10 },
        { recordId: "p2", points: 5 },
      ],
    })
    expect(explanation.lines).toContainEqual({ kind: "category-limit", category: "proposals", points: -12.5 })
    const activity = explanation.lines.find((l) => l.kind === "item" && l.item === "activity")
    expect(activity?.kind === "item" && activity.records.map((r) => r.recordId)).toEqual([
      "act1",
      "act2",
      "act3",
      "act4",
      "act5",
      "act6",
    ])
    expect(Scoring.explain(tongcheng, data, "nobody", { period: year })).toBeUndefined()
  })
})

describe("the Minhang rubric", () => {
  const data = district("minhang-district.yaml")
  const evaluation = Scoring.evaluate(minhang, data, { period: year })

  it("accumulates points and lowers the grade of members below the minimums", () => {
    expect(summary(evaluation)).toEqual({
      h1: [85, "competent"],
      h2: [71, "competent"],
      h3: [51, "unqualified"],
      h4: [0, "unqualified"],
      h5: [45, "unqualified"],
      h6: [0, "unqualified"],
    })
    const byId = Object.fromEntries(evaluation.scores.map((s) => [s.id, s]))
    expect(byId["h3"]!.scoreGrade).toBe("competent")
    expect(byId["h3"]!.unmet.map((u) => u.id)).toEqual(["one-report"])
    expect(byId["h5"]!.unmet).toEqual([
      { id: "three-activities", labels: expect.anything(), have: [{ min: 3, count: 2 }] },
    ])
    expect(byId["h4"]!.unmet.map((u) => u.id)).toEqual(["attend-plenary", "three-activities", "one-proposal"])
    expect(byId["h6"]!.unmet.map((u) => u.id)).toEqual([
      "attend-plenary",
      "three-activities",
      "one-proposal",
      "one-report",
    ])
  })

  it("counts a co-authorship once a year and the plenary by half-day", () => {
    const h1 = evaluation.scores.find((s) => s.id === "h1")!
    const co = h1.categories[1]!.items.find((i) => i.id === "proposal-co")!
    expect([co.occurrences, co.raw, co.points]).toEqual([2, 6, 3])
    const h3 = evaluation.scores.find((s) => s.id === "h3")!
    expect(h3.categories[0]!.items[0]!.points).toBe(10)
  })
})

describe("Scoring.parseRubric on bad input", () => {
  it("lists every problem with its path and scores nothing", () => {
    const bad = {
      id: "bad",
      name: { "zh-CN": "坏办法", en: "Bad" },
      categories: [
        {
          id: "a",
          labels: { "zh-CN": "甲", en: "A" },
          cap: -5,
          items: [
            {
              id: "x",
              labels: { "zh-CN": "x", en: "x" },
              select: { from: "attendance", types: ["dancing"] },
              points: 1,
            },
            {
              id: "x",
              labels: { "zh-CN": "y", en: "y" },
              select: { from: "plugin", kind: "gas" },
              points: 1,
              cap: 2,
              floor: 3,
            },
          ],
        },
      ],
      grades: [
        { id: "good", labels: { "zh-CN": "好", en: "Good" }, min: 80 },
        { id: "ok", labels: { "zh-CN": "中", en: "OK" }, min: 60, below: 75 },
        { id: "poor", labels: { "zh-CN": "差", en: "Poor" }, below: 65 },
      ],
      requirements: [
        {
          id: "r",
          labels: { "zh-CN": "要求", en: "Req" },
          anyOf: [{ select: { from: "submissions" }, min: 1 }],
          failGrade: "fail",
        },
      ],
    }
    const result = Scoring.parseRubric(bad)
    expect(Result.isFailure(result)).toBe(true)
    const issues = Result.isFailure(result) ? result.failure.issues : []
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["categories[0].cap", "negative-cap"],
      ["categories[0].items[0].select.types[0]", "unknown-activity-type"],
      ["categories[0].items[1].id", "duplicate-id"],
      ["categories[0].items[1].floor", "floor-above-cap"],
      ["categories[0].items[1].select.kind", "unknown-selector"],
      ["grades[1].min", "grade-overlap"],
      ["grades[0].min", "grade-gap"],
      ["requirements[0].failGrade", "unknown-reference"],
    ])
    expect(issues.find((i) => i.code === "grade-gap")!.message).toBe(
      "scores from 75 to below 80 have no grade (between OK and Good)",
    )
  })

  it("reads YAML rubrics and points problems at their lines", () => {
    const yaml = [
      "id: yaml-rubric",
      "name: { zh-CN: 示例, en: Example }",
      "categories:",
      "  - id: c",
      "    labels: { zh-CN: 类, en: C }",
      "    cap: -1",
      "    items:",
      "      - { id: i, labels: { zh-CN: 项, en: I }, select: { from: attendance }, points: 1 }",
      "grades:",
      "  - { id: all, labels: { zh-CN: 全部, en: All } }",
    ].join("\n")
    const result = Scoring.parseRubricText(yaml, { filename: "rubric.yaml" })
    expect(Result.isFailure(result) && result.failure.issues.map((i) => [i.file, i.line, i.path, i.code])).toEqual([
      ["rubric.yaml", 6, "categories[0].cap", "negative-cap"],
    ])
    expect(Result.isSuccess(Scoring.parseRubricText(yaml.replace("cap: -1", "cap: 5")))).toBe(true)
  })

  it("reports shape errors with paths before anything else", () => {
    const result = Scoring.parseRubric({
      id: "Bad Id",
      name: { "zh-CN": "x", en: "x" },
      grades: [],
      categories: [
        {
          id: "c",
          labels: { "zh-CN": "c", en: "c" },
          items: [{ id: "i", labels: { "zh-CN": "i", en: "i" }, select: { from: "somewhere" }, points: "ten" }],
        },
      ],
    })
    const paths = Result.isFailure(result) ? result.failure.issues.map((i) => i.path) : []
    expect(paths).toEqual(
      expect.arrayContaining([
        "id",
        "grades[0]",
        "categories[0].items[0].select.from",
        "categories[0].items[0].points",
      ]),
    )
  })

  it("checks plugin selector params through the plugin's own Schema", () => {
    const rubric = {
      ...rubricFile("tongcheng"),
      categories: [
        {
          id: "g",
          labels: { "zh-CN": "g", en: "g" },
          items: [
            {
              id: "g1",
              labels: { "zh-CN": "g", en: "g" },
              select: { from: "plugin", kind: "gas", params: { minRate: "high" } },
              points: 1,
            },
          ],
        },
      ],
    }
    const result = Scoring.parseRubric(rubric, { selectors: [gasSelector] })
    expect(Result.isFailure(result) && result.failure.issues.map((i) => i.path)).toEqual([
      "categories[0].items[0].select.params.minRate",
    ])
  })
})

// A plugin selector: members credited for outcomes of their street that reached a rate.
const gasSelector = ScoringSelector.define({
  kind: "gas",
  labels: { "zh-CN": "燃气改造", en: "Gas renovation" },
  subjects: ["member"],
  params: Schema.Struct({ minRate: Schema.Number }),
  occurrences: ({ data }, { minRate }) =>
    data.outcomes
      .filter((o) => o.progress >= minRate)
      .flatMap((o) => data.members.map((m) => ({ subjectId: m.id, recordId: o.id, date: o.assignedOn }))),
})

describe("plugin selectors", () => {
  it("score through the same evaluation", () => {
    const rubric = Result.getOrThrow(
      Scoring.parseRubric(
        {
          id: "gas",
          name: { "zh-CN": "燃气", en: "Gas" },
          categories: [
            {
              id: "g",
              labels: { "zh-CN": "g", en: "g" },
              items: [
                {
                  id: "g1",
                  labels: { "zh-CN": "g", en: "g" },
                  select: { from: "plugin", kind: "gas", params: { minRate: 50 } },
                  points: 2,
                },
              ],
            },
          ],
          grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
        },
        { selectors: [gasSelector] },
      ),
    )
    const data = district("minhang-district.yaml")
    const withOutcomes: District.DistrictData = {
      ...data,
      outcomes: [
        {
          id: "o1" as Ids.OutcomeId,
          title: "改造",
          handlingUnit: "燃气集团",
          status: "in-progress",
          progress: 76,
          assignedOn: "2025-03-01" as never,
          implemented: false,
          milestones: [],
        },
        {
          id: "o2" as Ids.OutcomeId,
          title: "改造",
          handlingUnit: "燃气集团",
          status: "in-progress",
          progress: 20,
          assignedOn: "2025-03-01" as never,
          implemented: false,
          milestones: [],
        },
      ],
    }
    const e = Scoring.evaluate(rubric, withOutcomes, { period: year, selectors: [gasSelector] })
    expect(e.scores.every((s) => s.total === 2)).toBe(true)
  })
})

describe("scoring properties", () => {
  const valid = DistrictArbitrary.valid()
  const rubrics = [tongcheng, minhang]
  const rubric = fc.constantFrom(...rubrics)

  const within = (x: number, floor: number | undefined, cap: number | undefined) =>
    x >= (floor ?? -Infinity) - 1e-9 && x <= (cap ?? Infinity) + 1e-9

  it("caps and floors hold, and the total is base plus categories after caps", () =>
    fc.assert(
      fc.property(valid, rubric, (data, r) => {
        const e = Scoring.evaluate(r, data, { period: year })
        const cats = [...r.categories, ...(r.rewards?.categories ?? []), ...(r.deductions?.categories ?? [])]
        for (const s of e.scores) {
          let sum = s.base
          for (const c of s.categories) {
            const def = cats.find((x) => x.id === c.id)!
            expect(within(c.points, def.floor, def.cap)).toBe(true)
            c.items.forEach((item, k) => {
              expect(within(item.points, def.items[k]!.floor, def.items[k]!.cap)).toBe(true)
            })
            if (c.section === "main") sum += c.points
          }
          sum += s.rewards + s.deductions
          expect(s.total).toBeCloseTo(Math.min(r.total?.cap ?? Infinity, Math.max(r.total?.floor ?? -Infinity, sum)), 9)
          expect(Rubric.gradesBestFirst(r).map((g) => g.id)).toContain(s.grade)
        }
      }),
    ))

  it("explanation lines sum to the total", () =>
    fc.assert(
      fc.property(valid, rubric, fc.nat(), (data, r, k) => {
        fc.pre(data.members.length > 0)
        const m = data.members[k % data.members.length]!
        const ex = Scoring.explain(r, data, m.id, { period: year })!
        expect(ex.lines.reduce((n, l) => n + l.points, 0)).toBeCloseTo(ex.score.total, 9)
        const full = Scoring.evaluate(r, data, { period: year }).scores.find((s) => s.id === m.id)!
        expect(ex.score).toEqual(full)
      }),
    ))

  it("permuting records changes nothing", () =>
    fc.assert(
      fc.property(valid, rubric, fc.integer(), (data, r, seed) => {
        const a = Scoring.evaluate(r, data, { period: year })
        const b = Scoring.evaluate(r, DistrictArbitrary.permute(data, seed), { period: year })
        expect(b.scores).toEqual(a.scores)
      }),
    ))

  it("a member with no records gets exactly the base", () =>
    fc.assert(
      fc.property(valid, rubric, (data, r) => {
        const lonely = {
          id: "lonely" as Ids.MemberId,
          name: "新委员",
          level: "district" as const,
          sector: data.district.sectors[0]!.id,
          partyMember: false,
          standingCommittee: false,
          chairmansMeeting: false,
          specialCommitteeIds: [],
        }
        const e = Scoring.evaluate(r, { ...data, members: [...data.members, lonely] }, { period: year })
        const s = e.scores.find((x) => x.id === "lonely")!
        expect(s.total).toBe(Math.min(r.total?.cap ?? Infinity, Math.max(r.total?.floor ?? -Infinity, r.base)))
        expect(s.categories.every((c) => c.items.every((i) => i.occurrences === 0))).toBe(true)
      }),
    ))

  it("adding a record changes only the items that select it", () =>
    fc.assert(
      fc.property(
        valid,
        rubric,
        fc.nat(),
        fc.constantFrom(...(["present", "excused", "unexcused", "late", "partial"] as const)),
        fc.constantFrom("plenary", "research", "standing-committee", "offsite-training", "studio"),
        (data, r, k, status, type) => {
          fc.pre(data.members.length > 0)
          const member = data.members[k % data.members.length]!
          const activity = {
            id: "added" as Ids.ActivityId,
            type: type as Ids.ActivityTypeId,
            title: "新增",
            date: "2025-08-08" as never,
            halfDays: 2,
            organiser: { kind: "district" as const },
            attendance: [{ memberId: member.id, status }],
            participants: [],
          }
          const before = Scoring.evaluate(r, data, { period: year })
          const after = Scoring.evaluate(r, { ...data, activities: [...data.activities, activity] }, { period: year })
          const items = [
            ...r.categories,
            ...(r.rewards?.categories ?? []),
            ...(r.deductions?.categories ?? []),
          ].flatMap((c) => c.items)
          const selects = (id: string) => {
            const s = items.find((i) => i.id === id)!.select
            return (
              s.from === "attendance" &&
              (s.types.length === 0 || s.types.includes(type as Ids.ActivityTypeId)) &&
              s.statuses.includes(status)
            )
          }
          before.scores.forEach((b, i) => {
            const a = after.scores[i]!
            b.categories.forEach((c, j) => {
              c.items.forEach((item, l) => {
                if (b.id !== member.id || !selects(item.id)) expect(a.categories[j]!.items[l]).toEqual(item)
              })
            })
          })
        },
      ),
    ))
})

describe("street evaluation: committees as subjects", () => {
  it("scores committees on their activities, their members' submissions and their street's outcomes", () => {
    const base = Result.getOrThrow(
      DistrictSource.parseText(readFileSync(new URL("./fixtures/coverage-district.yaml", import.meta.url), "utf8")),
    )
    const data: District.DistrictData = {
      ...base,
      outcomes: [
        {
          id: "o1" as Ids.OutcomeId,
          title: "东一加装电梯",
          unitId: "c11" as Ids.UnitId,
          handlingUnit: "住建局",
          status: "in-progress",
          progress: 50,
          assignedOn: "2025-03-01" as never,
          implemented: false,
          milestones: [],
        },
        {
          id: "o2" as Ids.OutcomeId,
          title: "西街道积水",
          unitId: "s2" as Ids.UnitId,
          handlingUnit: "水务局",
          status: "completed",
          progress: 100,
          assignedOn: "2025-04-01" as never,
          implemented: true,
          milestones: [],
        },
      ],
    }
    const rubric = Result.getOrThrow(
      Scoring.parseRubric({
        id: "streets",
        name: { "zh-CN": "街道联络委考评", en: "Street evaluation" },
        subject: "committee",
        categories: [
          {
            id: "work",
            labels: { "zh-CN": "活动", en: "Activities" },
            cap: 20,
            items: [
              { id: "held", labels: { "zh-CN": "开展活动", en: "Held" }, select: { from: "activities" }, points: 5 },
            ],
          },
          {
            id: "ideas",
            labels: { "zh-CN": "提案", en: "Submissions" },
            items: [
              {
                id: "led",
                labels: { "zh-CN": "委员领衔", en: "Led by members" },
                select: { from: "submissions" },
                points: 2,
              },
            ],
          },
          {
            id: "results",
            labels: { "zh-CN": "成果", en: "Outcomes" },
            items: [
              {
                id: "progress",
                labels: { "zh-CN": "成果进度", en: "Outcome progress" },
                select: { from: "outcomes" },
                points: 10,
                per: "progress",
              },
            ],
          },
        ],
        grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
      }),
    )
    const e = Scoring.evaluate(rubric, data, { period: year })
    expect(e.scores.map((s) => [s.id, s.total])).toEqual([
      ["k1", 29],
      ["k2", 15],
    ])
    const bad = Scoring.parseRubric({
      ...rubric,
      categories: [
        {
          id: "x",
          labels: { "zh-CN": "x", en: "x" },
          items: [{ id: "y", labels: { "zh-CN": "y", en: "y" }, select: { from: "attendance" }, points: 1 }],
        },
      ],
    })
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.code)).toEqual(["wrong-subject"])
  })
})
