import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import {
  Coverage,
  CoverageRules,
  type District,
  DistrictIndex,
  DistrictSource,
  type Ids,
  IsoDate,
  Period,
} from "../src/index.js"
import { DistrictArbitrary } from "../src/testing/index.js"

const year = Period.year(2025)
const handmade = Result.getOrThrow(
  DistrictSource.parseText(readFileSync(new URL("./fixtures/coverage-district.yaml", import.meta.url), "utf8")),
)

describe("Coverage.check on a hand-made district with planted gaps", () => {
  const report = Coverage.check(handmade, { rules: Coverage.builtins, period: year })
  const result = (id: string) => report.results.find((r) => r.id === id)!
  const gaps = (id: string) => result(id).gaps.map((g) => [g.subject.id, g.reason])

  it("counts every rule as worked out by hand", () => {
    expect(report.results.map((r) => [r.id, r.covered, r.total])).toEqual([
      ["platform-coverage", 2, 6],
      ["member-placement", 4, 6],
      ["party-branches", 1, 2],
      ["party-membership", 3, 4],
      ["party-work", 4, 6],
      ["leader-guidance", 1, 2],
      ["special-committee-contact", 1, 2],
      ["activity-cadence", 1, 2],
      ["member-minimums", 3, 6],
    ])
    expect(report.overall).toEqual({ covered: 20, total: 36, ratio: 20 / 36, rulesMet: 0, rules: 9 })
  })

  it("names every gap with its subject and reason", () => {
    expect(gaps("platform-coverage")).toEqual([
      ["c12", "no-platform"],
      ["c21", "platform-inactive"],
      ["c22", "no-platform"],
      ["s2", "no-platform"],
    ])
    expect(gaps("member-placement")).toEqual([
      ["m5", "multiply-placed"],
      ["m6", "unplaced"],
    ])
    expect(gaps("party-branches")).toEqual([["k2", "needs-joint-branch"]])
    expect(gaps("party-membership")).toEqual([["m6", "not-in-branch"]])
    expect(gaps("party-work")).toEqual([
      ["m4", "no-first-secretary"],
      ["m6", "unplaced"],
    ])
    expect(gaps("leader-guidance")).toEqual([["s2", "no-leader"]])
    expect(gaps("special-committee-contact")).toEqual([["s2", "no-special-committee"]])
    expect(gaps("activity-cadence")).toEqual([["k2", "below-cadence"]])
    expect(gaps("member-minimums")).toEqual([
      ["m3", "below-minimum"],
      ["m4", "below-minimum"],
      ["m6", "below-minimum"],
    ])
  })

  it("explains gaps in both languages with the numbers behind them", () => {
    const cadence = result("activity-cadence").gaps[0]!
    expect(cadence.message.en).toBe(
      "西街道联络委 held fewer than 1 activity in 3 of 4 quarters: 2025-Q2 (0), 2025-Q3 (0), 2025-Q4 (0)",
    )
    expect(cadence.message["zh-CN"]).toBe(
      "西街道联络委有 3/4 个季度开展活动少于 1 次：2025-Q2 (0)、2025-Q3 (0)、2025-Q4 (0)",
    )
    const m3 = result("member-minimums").gaps[0]!
    expect(m3.message.en).toBe("王三 falls short in 2025: needs 3 activities (has 1)")
    const m6 = result("member-minimums").gaps[2]!
    expect(m6.message["zh-CN"]).toBe(
      "周六在 2025 未达到要求：参加活动 3 次（实际 0）；提交提案 1 件（实际 0）或提交社情民意信息 1 件（实际 0）",
    )
    expect(result("member-placement").gaps[0]!.message.en).toBe(
      "孙五 is in 2 committees (东街道联络委, 西街道联络委); a member sits in one",
    )
  })

  it("rolls checks up into the street table", () => {
    const row = (street: string) =>
      report.streets.find((s) => s.streetId === street)!.results.map((r) => `${r.covered}/${r.total}`)
    expect(row("s1")).toEqual(["2/3", "3/4", "1/1", "3/3", "4/4", "1/1", "1/1", "1/1", "3/4"])
    expect(row("s2")).toEqual(["0/3", "1/2", "0/1", "0/1", "0/2", "0/1", "0/1", "0/1", "0/2"])
  })

  it("rolls up the whole tree: a street counts its communities' checks", () => {
    const tree = Coverage.rollUp(handmade, CoverageRules.platformCoverage, year)
    expect(Object.fromEntries([...tree].map(([id, c]) => [id, `${c.covered}/${c.total}`]))).toEqual({
      c11: "1/1",
      c12: "0/1",
      c21: "0/1",
      c22: "0/1",
      s1: "2/3",
      s2: "0/3",
    })
  })

  it("respects parameters: a looser party-work rule, a monthly cadence, another period", () => {
    const loose = Coverage.check(handmade, {
      rules: [
        CoverageRules.partyWork.with({
          minActivities: 3,
          activityTypes: ["party-led" as Ids.ActivityTypeId],
          requireFirstSecretary: false,
        }),
      ],
      period: year,
    })
    expect(loose.results[0]!.gaps.map((g) => [g.subject.id, g.reason])).toEqual([
      ["m1", "too-few-party-activities"],
      ["m2", "too-few-party-activities"],
      ["m3", "too-few-party-activities"],
      ["m4", "too-few-party-activities"],
      ["m5", "too-few-party-activities"],
      ["m6", "unplaced"],
    ])
    const h1 = Coverage.check(handmade, {
      rules: [CoverageRules.activityCadence],
      period: Result.getOrThrow(Period.parse("2025-H1")),
    })
    expect(h1.results[0]!.covered).toBe(1)
    const platforms = Coverage.check(handmade, {
      rules: [
        CoverageRules.activityCadence.with({
          subject: "platform",
          tiers: ["township", "village"],
          types: [],
          min: 1,
          per: "year",
        }),
      ],
      period: year,
    })
    // p-c21 closed before 2025 and so is not expected to be active; p-s1 held nothing; p-c11 held a5.
    expect(platforms.results[0]!.gaps.map((g) => g.subject.id)).toEqual(["p-s1"])
    expect(platforms.results[0]!.total).toBe(3)
  })
})

describe("Coverage.parseConfig", () => {
  it("configures rules from district config, keys repeated rules, and fills defaults", () => {
    const rules = Result.getOrThrow(
      Coverage.parseConfig({
        rules: [
          { id: "platform-coverage", params: { tiers: ["village"] } },
          { id: "activity-cadence", key: "platform-cadence", params: { subject: "platform", per: "month", min: 2 } },
          { id: "activity-cadence" },
        ],
      }),
    )
    expect(rules.map((r) => [r.id, r.params])).toEqual([
      ["platform-coverage", { tiers: ["village"] }],
      ["platform-cadence", { subject: "platform", tiers: ["township", "village"], types: [], min: 2, per: "month" }],
      ["activity-cadence", { subject: "committee", tiers: ["township", "village"], types: [], min: 1, per: "quarter" }],
    ])
  })

  it("reports every problem with its path", () => {
    const result = Coverage.parseConfig({
      rules: [
        { id: "platform-coverge" },
        { id: "activity-cadence", params: { min: 0, per: "week", extra: 1 } },
        { id: "member-minimums", params: { requirements: [{ anyOf: [] }] } },
        { id: "member-placement" },
        { id: "member-placement" },
      ],
    })
    expect(Result.isFailure(result)).toBe(true)
    const issues = Result.isFailure(result) ? result.failure.issues : []
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["rules[0].id", "unknown-rule"],
      ["rules[1].params.extra", "unexpected"],
      ["rules[1].params.min", "invalid"],
      ["rules[1].params.per", "invalid"],
      ["rules[2].params.requirements[0].anyOf[0]", "missing"],
      ["rules[4]", "duplicate-key"],
    ])
    expect(issues[0]!.message).toContain("known rules: platform-coverage, member-placement")
  })

  it("runs plugin rules through the same function", () => {
    const rules = Result.getOrThrow(
      Coverage.parseConfig({ rules: [{ id: "studio-per-street" }] }, [...Coverage.builtins, studioPerStreet]),
    )
    const report = Coverage.check(handmade, { rules, period: year })
    expect(report.results[0]!.gaps.map((g) => g.subject.id)).toEqual(["s1", "s2"])
  })
})

import { CoverageRule } from "../src/index.js"
import * as Schema from "effect/Schema"

const studioPerStreet = CoverageRule.define({
  id: "studio-per-street",
  labels: { "zh-CN": "街道工作室覆盖", en: "Studio in every street" },
  description: { "zh-CN": "每个街道都有委员工作室", en: "Every street has a member studio" },
  params: Schema.Struct({}),
  evaluate: ({ data, index }) =>
    index.unitsOfTier("township").map((s) => {
      const subject = { kind: "unit" as const, id: s.id }
      return data.studios.some((st) => index.streetOf(st.unitId) === s.id)
        ? CoverageRule.covered(subject, s.id)
        : CoverageRule.gap(subject, s.id, "no-studio", "no studio", "没有工作室")
    }),
})

describe("Coverage properties", () => {
  const valid = DistrictArbitrary.valid()
  const date = fc
    .integer({
      min: IsoDate.toDayNumber(IsoDate.make("2024-06-01")),
      max: IsoDate.toDayNumber(IsoDate.make("2026-06-30")),
    })
    .map(IsoDate.fromDayNumber)
  const period = fc.oneof(
    fc.constant(year),
    fc.tuple(date, date).map(([a, b]) => Result.getOrThrow(Period.parse(a <= b ? `${a}..${b}` : `${b}..${a}`))),
  )
  // The built-ins plus variants that exercise other parameters.
  const rules = [
    ...Coverage.builtins,
    {
      ...CoverageRules.activityCadence.with({
        subject: "platform",
        tiers: ["township", "village"],
        types: [],
        min: 1,
        per: "month",
      }),
      id: "platform-cadence",
    },
    { ...CoverageRules.leaderGuidance.with({ minAttended: 2, statuses: ["present"] }), id: "leader-guidance-2" },
  ]

  it("0 ≤ covered ≤ total, and gaps = total − covered", () =>
    fc.assert(
      fc.property(valid, period, (data, p) => {
        const report = Coverage.check(data, { rules, period: p })
        for (const r of report.results) {
          expect(r.covered).toBeGreaterThanOrEqual(0)
          expect(r.covered).toBeLessThanOrEqual(r.total)
          expect(r.gaps.length).toBe(r.total - r.covered)
          expect(r.ratio).toBe(r.total === 0 ? 1 : r.covered / r.total)
        }
      }),
    ))

  it("street rows never exceed the rule total, and the tree roll-up is additive", () =>
    fc.assert(
      fc.property(valid, period, (data, p) => {
        const report = Coverage.check(data, { rules, period: p })
        report.results.forEach((r, k) => {
          const sum = report.streets.reduce((n, s) => n + s.results[k]!.total, 0)
          expect(sum).toBeLessThanOrEqual(r.total)
        })
        const index = DistrictIndex.make(data)
        for (const rule of rules) {
          const tree = Coverage.rollUp(data, rule, p, index)
          const own = new Map<string, number>()
          for (const c of ("run" in rule ? rule : rule.defaults).run({ data, index, period: p })) {
            if (c.unitId !== undefined) own.set(c.unitId, (own.get(c.unitId) ?? 0) + 1)
          }
          for (const u of data.units) {
            const children = data.units.filter((c) => c.parentId === u.id)
            const expected = (own.get(u.id) ?? 0) + children.reduce((n, c) => n + (tree.get(c.id)?.total ?? 0), 0)
            expect(tree.get(u.id)?.total ?? 0).toBe(expected)
          }
        }
      }),
    ))

  it("permuting every input array changes nothing", () =>
    fc.assert(
      fc.property(valid, period, fc.integer(), (data, p, seed) => {
        const shuffled = DistrictArbitrary.permute(data, seed)
        expect(Coverage.check(shuffled, { rules, period: p })).toEqual(Coverage.check(data, { rules, period: p }))
      }),
    ))

  it("adding a platform never uncovers a subject", () =>
    fc.assert(
      fc.property(
        valid,
        period,
        fc.nat(),
        fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
        (data, p, k, from) => {
          fc.pre(data.units.length > 0)
          const unit = data.units[k % data.units.length]!
          const platform = {
            id: "added-platform" as Ids.PlatformId,
            unitId: unit.id,
            name: "新平台",
            conveners: [],
            ...(from === undefined
              ? {}
              : { activeFrom: new Date(Date.UTC(2025, 0, 1 + from)).toISOString().slice(0, 10) as never }),
          }
          expectNoSubjectLost(data, { ...data, platforms: [...data.platforms, platform] }, p)
        },
      ),
    ))

  it("adding an attended activity never uncovers a subject", () =>
    fc.assert(
      fc.property(valid, period, fc.nat(), fc.nat(), date, (data, p, k, j, day) => {
        fc.pre(data.members.length > 0)
        const organisers = [
          { kind: "district" as const },
          ...data.committees.map((c) => ({ kind: "committee" as const, id: c.id })),
          ...data.partyBranches.map((b) => ({ kind: "party-branch" as const, id: b.id })),
          ...data.platforms.map((x) => ({ kind: "platform" as const, id: x.id })),
        ]
        const types = ["party-led", "consultation", "liaison-meeting", "research"] as const
        const activity = {
          id: "added-activity" as Ids.ActivityId,
          type: types[j % types.length]! as Ids.ActivityTypeId,
          title: "新增活动",
          date: day as never,
          halfDays: 1,
          organiser: organisers[k % organisers.length]!,
          ...(data.units.length > 0 ? { unitId: data.units[j % data.units.length]!.id } : {}),
          attendance: [{ memberId: data.members[k % data.members.length]!.id, status: "present" as const }],
          participants: [],
        }
        expectNoSubjectLost(data, { ...data, activities: [...data.activities, activity] }, p)
      }),
    ))

  it("removing the only platform of a unit creates exactly that gap", () =>
    fc.assert(
      fc.property(valid, period, fc.nat(), (data, p, k) => {
        const index = DistrictIndex.make(data)
        const candidates = data.units.filter(
          (u) => index.tierOf(u.id) !== "other" && data.platforms.filter((x) => x.unitId === u.id).length === 1,
        )
        fc.pre(candidates.length > 0)
        const unit = candidates[k % candidates.length]!
        const before = Coverage.check(data, { rules: [CoverageRules.platformCoverage], period: p }).results[0]!
        const after = Coverage.check(
          { ...data, platforms: data.platforms.filter((x) => x.unitId !== unit.id) },
          { rules: [CoverageRules.platformCoverage], period: p },
        ).results[0]!
        const key = (g: Coverage.Gap) => `${g.subject.id}:${g.reason}`
        const added = after.gaps.map(key).filter((g) => !before.gaps.map(key).includes(g))
        const removed = before.gaps.map(key).filter((g) => !after.gaps.map(key).includes(g))
        expect(added).toEqual([`${unit.id}:no-platform`])
        // The unit may already have been a gap because its one platform was inactive in the period.
        expect(removed.length === 0 || (removed.length === 1 && removed[0] === `${unit.id}:platform-inactive`)).toBe(
          true,
        )
        expect(after.total).toBe(before.total)
      }),
    ))

  const expectNoSubjectLost = (before: District.DistrictData, after: District.DistrictData, p: Period.Period) => {
    const a = Coverage.check(before, { rules, period: p })
    const b = Coverage.check(after, { rules, period: p })
    a.results.forEach((r, k) => {
      const after = b.results[k]!
      expect(after.covered).toBeGreaterThanOrEqual(r.covered)
      // A subject covered before stays covered: every gap after was a gap before, or is a new subject.
      const gapsBefore = new Set(r.gaps.map((g) => `${g.subject.kind}:${g.subject.id}`))
      for (const g of after.gaps) {
        const subject = `${g.subject.kind}:${g.subject.id}`
        expect(gapsBefore.has(subject) || g.subject.id === "added-platform", `${r.id} lost ${subject}`).toBe(true)
      }
    })
  }
})
