// The real Qingshan input, computed the way the demo computes it: the dataset parsed, members placed
// in committees (and leaders and special committees on streets), coverage, evaluation, street
// rates, and the article's consultation cases run through the standard workflow on the in-memory
// store.
import {
  Assignment,
  AssignmentBuilders,
  Coverage,
  CoverageRules,
  District,
  type Ids,
  MemoryStore,
  Period,
  Progress,
  Scoring,
  StandardWorkflow,
  Store,
  type Workflow,
  WorkflowEngine,
  WorkingCalendar,
} from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Report } from "@tongxin/report"

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export const parsed = Result.getOrThrow(
  District.parse(JSON.parse(readFileSync(file("../../../examples/qingshan/data/qingshan.json"), "utf8"))),
)

const place = (data: District.DistrictData): District.DistrictData => {
  let out = AssignmentBuilders.applyCommittees(
    data,
    Result.getOrThrow(Assignment.solve(AssignmentBuilders.membersToCommittees(data))),
  )
  out = AssignmentBuilders.applyGuidance(
    out,
    Result.getOrThrow(Assignment.solve(AssignmentBuilders.leadersToStreets(out))),
  )
  return AssignmentBuilders.applySpecialCommittees(
    out,
    Result.getOrThrow(Assignment.solve(AssignmentBuilders.specialCommitteesToStreets(out))),
  )
}

/** The district with every member placed. */
export const data = place(parsed)

export const period = Period.year(2025)

// Platforms reported per tier, as the demo does.
const rules = [
  {
    ...CoverageRules.platformCoverage.with({ tiers: ["township"] }),
    id: "platforms-streets",
    labels: { "zh-CN": "街道平台覆盖", en: "Platforms in streets" },
  },
  {
    ...CoverageRules.platformCoverage.with({ tiers: ["village"] }),
    id: "platforms-communities",
    labels: { "zh-CN": "社区（村）平台覆盖", en: "Platforms in communities/villages" },
  },
  ...Coverage.builtins.filter((r) => r.id !== "platform-coverage"),
]

export const coverage = Coverage.check(data, { rules, period })

const rubric = Result.getOrThrow(
  Scoring.parseRubric(JSON.parse(readFileSync(file("../../core/rubrics/qingshan.json"), "utf8")), {
    activityTypes: data.district.activityTypes.map((t) => t.id),
  }),
)

export const evaluation = Scoring.evaluate(rubric, data, { period })

const isGasCampaign = (o: { readonly title: string }) => o.title.endsWith("燃气管道老化更新改造")

export const streetRates = Progress.rates(data, { by: "street", filter: (o) => !isGasCampaign(o) })

type Step = readonly [command: string, actor: Workflow.Actor, payload: unknown, at: string]

const office = { id: "qingshan-cppcc-office", name: "区政协办公室", roles: ["office"] }
const chair = { id: "yang-xin", name: "杨新", roles: ["chairmansMeeting"] }
const convener = { id: "guangming-convener", name: "光明社区召集人", roles: ["convener", "member"] }
const member = { id: "member-representative", name: "委员代表", roles: ["member"] }
const housing = { id: "qingshan-housing-bureau", name: "区住建局", roles: ["handlingUnit"] }

// The demo's cases from the article (examples/qingshan/src/persist.ts).
const cases: ReadonlyArray<{
  readonly id: string
  readonly topic: string
  readonly openedAt: string
  readonly steps: ReadonlyArray<Step>
}> = [
  {
    id: "2025-guangming-lifts",
    topic: "健吾公馆加装电梯",
    openedAt: "2025-05-06T01:00:00.000Z",
    steps: [
      ["approve", chair, { note: "列入一线协商" }, "2025-05-08T01:00:00.000Z"],
      ["startResearch", convener, { members: [], plan: "入户走访 24 户" }, "2025-05-12T01:00:00.000Z"],
      [
        "scheduleMeeting",
        convener,
        { noticeOn: "2025-05-23", meetingOn: "2025-06-15", venue: "光明社区健吾公馆" },
        "2025-05-23T01:00:00.000Z",
      ],
      ["holdMeeting", convener, { heldOn: "2025-06-15", attendees: [], speeches: 9 }, "2025-06-15T08:00:00.000Z"],
      [
        "report",
        convener,
        {
          summary: "居民、物业、住建部门就加装电梯达成共识",
          outcomes: [{ id: "o-2025-guangming-lifts", title: "健吾公馆加装电梯", handlingUnit: "区住建局", weight: 1 }],
        },
        "2025-06-20T01:00:00.000Z",
      ],
      [
        "reply",
        housing,
        { repliedOn: "2025-08-01", summary: "已立项，9 月开工", metProposers: true },
        "2025-08-01T01:00:00.000Z",
      ],
      ["evaluate", member, { satisfaction: "satisfied" }, "2025-08-15T01:00:00.000Z"],
    ],
  },
  {
    id: "2025-yejin-gas-pipes",
    topic: "冶金街道老旧燃气管道改造",
    openedAt: "2025-02-10T01:00:00.000Z",
    steps: [
      ["approve", chair, {}, "2025-02-12T01:00:00.000Z"],
      ["startResearch", convener, { members: [] }, "2025-02-14T01:00:00.000Z"],
      [
        "scheduleMeeting",
        convener,
        { noticeOn: "2025-02-17", meetingOn: "2025-03-10", venue: "冶金街道办事处" },
        "2025-02-17T01:00:00.000Z",
      ],
      ["holdMeeting", convener, { heldOn: "2025-03-10", attendees: [] }, "2025-03-10T07:00:00.000Z"],
      [
        "report",
        convener,
        {
          summary: "三个月内完成主要楼栋改造",
          outcomes: [{ id: "o-2025-yejin-gas-pipes", title: "老旧燃气管道改造", handlingUnit: "区燃气办", weight: 3 }],
        },
        "2025-03-14T01:00:00.000Z",
      ],
    ],
  },
  { id: "2025-qingshan-parking", topic: "老旧小区停车难", openedAt: "2025-11-20T01:00:00.000Z", steps: [] },
  {
    id: "2025-private-dispute",
    topic: "邻里装修纠纷",
    openedAt: "2025-03-03T01:00:00.000Z",
    steps: [["reject", chair, { reason: "属民事纠纷，转人民调解" }, "2025-03-05T01:00:00.000Z"]],
  },
]

const engine = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })

/** The cases loaded back after running their commands. */
export const loadCases = () =>
  Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = data.district.id
      yield* store.importDistrict(data)
      for (const c of cases) {
        const caseId = c.id as Ids.CaseId
        yield* engine.open(
          d,
          {
            id: caseId,
            topic: c.topic,
            source: "residents",
            workflow: { id: "consultation", version: 1 },
            openedOn: c.openedAt.slice(0, 10) as never,
          },
          office,
          { at: c.openedAt },
        )
        for (const [command, actor, payload, at] of c.steps)
          yield* engine.dispatch(d, caseId, { type: command, payload }, actor, { at })
      }
      return yield* Effect.forEach(cases, (c) => engine.load(d, c.id as Ids.CaseId))
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

export const topics = Object.fromEntries(cases.map((c) => [c.id, c.topic]))

/** Everything the report can show, for Qingshan. */
export const input = async (): Promise<Report.ReportInput> => ({
  district: data.district,
  period: period.label,
  generatedAt: "2026-01-05 09:00",
  units: data.units,
  coverage,
  evaluation,
  streetRates,
  cases: Report.caseSummary(await loadCases(), { asOf: "2025-12-31", calendar: WorkingCalendar.china2025, topics }),
  committees: Report.committeeSizes(data),
})
