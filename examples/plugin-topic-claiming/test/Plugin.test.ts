import { describe, expect, it } from "@effect/vitest"
import { Coverage, type District, type Ids, type Outcome, Period, PluginHost, Scoring, Workflow } from "@tongxin/core"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import {
  claimedTopicsSelector,
  coverageRuleId,
  makeCoverageRule,
  OptionsError,
  topicClaiming,
  topicClaimingCoverage,
  topicWorkflow,
  topicWorkflowV2,
  unclaimed,
} from "../src/index.js"
import { data, registryOf } from "./fixtures.js"

const year = Period.year(2025)

const topicItem = (
  id: string,
  unitId: string,
  assignedOn: string,
  status: Outcome.Outcome["status"],
  title = id,
): Outcome.Outcome => ({
  id: id as Ids.OutcomeId,
  title,
  caseId: id.replace("topic:", "") as Ids.CaseId,
  unitId: unitId as Ids.UnitId,
  handlingUnit: status === "assigned" ? unclaimed : "第一小组",
  status,
  progress: status === "completed" ? 100 : 0,
  assignedOn: assignedOn as never,
  ...(status === "completed" ? { completedOn: "2025-06-01" as never } : {}),
  implemented: false,
  milestones: [],
})

// Yejin published two topics in 2025 (one unclaimed); Xingouqiao only one, in 2024; another
// workflow's outcome item is not a topic.
const withTopics: District.DistrictData = {
  ...data,
  outcomes: [
    topicItem("topic:a", "yejin", "2025-02-01", "assigned", "社区停车难"),
    topicItem("topic:b", "yejin", "2025-03-01", "completed"),
    topicItem("topic:c", "xgq-guangming", "2024-12-01", "in-progress"),
    {
      ...topicItem("o-lift", "yejin", "2025-01-01", "assigned"),
      id: "o-lift" as Ids.OutcomeId,
      handlingUnit: "区住建局",
    },
  ],
}

const run = (rule: Parameters<typeof Coverage.check>[1]["rules"][number], period = year) => {
  const result = Coverage.check(withTopics, { rules: [rule], period }).results[0]!
  return {
    counts: [result.covered, result.total],
    gaps: result.gaps.map((g) => [g.subject.id, g.reason, g.message.en]),
  }
}

describe("the coverage rule", () => {
  it("checks every street: enough topics published in the period, and all of them claimed", () => {
    expect(run(topicClaimingCoverage)).toEqual({
      counts: [0, 2],
      gaps: [
        ["xingouqiao", "too-few-topics", "新沟桥街道 published 0 topic(s) in 2025, fewer than 1"],
        ["yejin", "unclaimed-topics", "1 of 冶金街道's 2 topic(s) published in 2025 are unclaimed: 社区停车难 (a)"],
      ],
    })
    // A community's topic counts for its street; in 2024 Xingouqiao is covered.
    expect(run(topicClaimingCoverage, Period.year(2024)).gaps.map((g) => g[0])).toEqual(["yejin"])
  })

  it("takes its minimum and streets from params, and names bad params by path", () => {
    const three = Result.getOrThrow(topicClaimingCoverage.configure({ minTopics: 3, streets: ["yejin"] }))
    expect(run(three)).toEqual({
      counts: [0, 1],
      gaps: [
        ["yejin", "too-few-topics", "冶金街道 published 2 topic(s) in 2025, fewer than 3; unclaimed: 社区停车难 (a)"],
      ],
    })
    const bad = topicClaimingCoverage.configure({ minTopics: -1, street: [] }, "rules.topic-claiming-coverage")
    expect(Result.isFailure(bad) && bad.failure.map((i) => i.path).sort()).toEqual([
      "rules.topic-claiming-coverage.minTopics",
      "rules.topic-claiming-coverage.street",
    ])
    // The plugin's option sets the default.
    expect(makeCoverageRule({ minTopics: 2 }).defaults.params).toEqual({ minTopics: 2, streets: [] })
    const registry = registryOf({ minTopicsPerStreet: 0 })
    const rule = registry.coverageRules.find((r) => r.id === coverageRuleId)!
    expect(run(rule).gaps.map((g) => g[1])).toEqual(["unclaimed-topics"])
  })
})

describe("the scoring selector and rubric item", () => {
  const registry = registryOf({ pointsPerTopic: 4, pointsCap: 6 })
  const activityTypes = registry.activityTypes.map((t) => t.id)
  const completion = (id: string, unitId: string, date: string, memberIds: ReadonlyArray<string>) => ({
    id: `topic:${id}` as Ids.ActivityId,
    type: "topic-completion" as Ids.ActivityTypeId,
    title: `完成认领议题：${id}`,
    date: date as never,
    halfDays: 1,
    unitId: unitId as Ids.UnitId,
    organiser: { kind: "district" as const },
    attendance: memberIds.map((memberId) => ({ memberId: memberId as Ids.MemberId, status: "present" as const })),
    participants: [],
  })
  const district: District.DistrictData = {
    ...data,
    activities: [
      completion("a", "yejin", "2025-03-01", ["m1", "m2"]),
      completion("b", "yejin-c1", "2025-05-01", ["m1"]),
      completion("c", "xingouqiao", "2025-07-01", ["m1", "m4"]),
      completion("d", "xingouqiao", "2024-07-01", ["m4"]),
    ],
  }
  const rubricDoc = (params?: unknown) => ({
    id: "topics",
    name: { "zh-CN": "议题认领考评", en: "Topic claiming" },
    categories: [
      {
        id: "street-topics",
        labels: { "zh-CN": "冶金议题", en: "Yejin topics" },
        items: [
          {
            id: "yejin-topics",
            labels: { "zh-CN": "冶金议题", en: "Yejin topics" },
            select: { from: "plugin", kind: "claimed-topics", ...(params === undefined ? {} : { params }) },
            points: 1,
          },
        ],
      },
    ],
    grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
  })

  it("credits each member of the group for each topic it completed in the period, capped by the plugin's item", () => {
    const rubric = Result.getOrThrow(
      Scoring.parseRubric(PluginHost.extendRubric(registry, rubricDoc({ streets: ["yejin"] })), {
        selectors: registry.selectors,
        activityTypes,
      }),
    )
    expect(rubric.categories.map((c) => [c.id, c.items.map((i) => [i.id, i.points, i.cap])])).toEqual([
      ["street-topics", [["yejin-topics", 1, undefined]]],
      ["topic-claiming", [["claimed-topics", 4, 6]]],
    ])
    const scores = Scoring.evaluate(rubric, district, { period: year, selectors: registry.selectors }).scores
    // m1: three topics at 4 points, capped at 6, plus two Yejin topics (a community counts for its street).
    expect(scores.map((s) => [s.id, s.categories.map((c) => c.points)])).toEqual([
      ["m1", [2, 6]],
      ["m2", [1, 4]],
      ["m3", [0, 0]],
      ["m4", [0, 4]],
      ["m5", [0, 0]],
      ["m6", [0, 0]],
    ])
  })

  it("has its params checked when the rubric is parsed, and only scores members", () => {
    const bad = Scoring.parseRubric(rubricDoc({ streets: ["two words"] }), { selectors: registry.selectors })
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.path)).toEqual([
      "categories[0].items[0].select.params.streets[0]",
    ])
    const committees = Scoring.parseRubric({ ...rubricDoc(), subject: "committee" }, { selectors: registry.selectors })
    expect(Result.isFailure(committees) && committees.failure.issues.map((i) => i.code)).toEqual(["wrong-subject"])
    expect(claimedTopicsSelector.check({})).toEqual([])
  })
})

describe("loading the plugin", () => {
  it("registers both workflow versions, the hook, rule, selector, rubric item and activity type", () => {
    const registry = registryOf()
    expect(registry.workflows.map((w) => `${w.id}@${w.version}`)).toEqual([
      "consultation@1",
      "topic-claiming@1",
      "topic-claiming@2",
    ])
    expect(Option.getOrThrow(registry.workflow("topic-claiming")).version).toBe(2)
    expect(registry.hooks.map((h) => [h.id, h.workflow, h.command])).toEqual([
      ["topic-claiming-limit", "topic-claiming", "claim"],
    ])
    expect(registry.coverageRules.at(-1)!.id).toBe("topic-claiming-coverage")
    expect(registry.selectors.map((s) => s.kind)).toEqual(["claimed-topics"])
    expect(registry.activityTypes).toEqual([
      { id: "topic-completion", labels: { "zh-CN": "认领议题完成", en: "Claimed topic completed" } },
    ])
    expect(registry.rubricItems.map((i) => i.category)).toEqual(["topic-claiming"])
    expect([...Workflow.check(topicWorkflow), ...Workflow.check(topicWorkflowV2)]).toEqual([])
  })

  it("loaded twice, every id it provides is reported as taken", () => {
    const twice = PluginHost.make([topicClaiming(), topicClaiming()])
    expect(Result.isFailure(twice) && twice.failure.issues.map((i) => i.code)).toEqual([
      "duplicate-plugin",
      "duplicate-workflow",
      "duplicate-workflow",
      "duplicate-rule",
      "duplicate-selector",
      "duplicate-activityType",
      "duplicate-hook",
    ])
  })

  it("refuses options that make no sense, naming each", () => {
    expect(() => topicClaiming({ maxTopicsPerGroup: 0, claimWorkingDays: 1.5 })).toThrow(OptionsError)
    expect(() => topicClaiming({ maxTopicsPerGroup: 0, claimWorkingDays: 1.5 })).toThrow(
      /maxTopicsPerGroup must be a whole number, 1 or more \(got 0\)[\s\S]*claimWorkingDays/,
    )
    expect(topicClaiming().options).toEqual({
      maxTopicsPerGroup: 3,
      claimWorkingDays: 10,
      minGroupMembers: 1,
      minTopicsPerStreet: 1,
      pointsPerTopic: 5,
      pointsCap: 15,
    })
  })
})
