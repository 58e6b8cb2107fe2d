/**
 * The demo's storage part: the district goes into the embedded SQLite store, the assignment is
 * kept as a run, a few consultation cases from the article run through the standard workflow, and
 * what the rules read comes back out of the store. Re-running changes nothing: the import replaces
 * the district with the same data, and cases that exist are left as they are.
 */
import {
  type Assignment,
  type District,
  type Ids,
  Outcomes,
  StandardWorkflow,
  Store,
  Workflow,
  WorkflowEngine,
  WorkingCalendar,
} from "@tongxin/core"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"

const engine = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })

const office = { id: "qingshan-cppcc-office", name: "区政协办公室", roles: ["office"] }
const chair = { id: "yang-xin", name: "杨新", roles: ["chairmansMeeting"] }
const convener = { id: "guangming-convener", name: "光明社区召集人", roles: ["convener", "member"] }
const member = { id: "member-representative", name: "委员代表", roles: ["member"] }
const housing = { id: "qingshan-housing-bureau", name: "区住建局", roles: ["handlingUnit"] }

type Step = readonly [command: string, actor: Workflow.Actor, payload: unknown, at: string]

// Cases from the article: the Guangming frontline consultation on lifts at 健吾公馆 (15 June 2025)
// closed with the residents satisfied; Yejin's gas-pipe renovation in handling at 76%; a topic
// still waiting for approval at the end of the year; a topic outside the platform's remit.
const cases: ReadonlyArray<{ readonly id: string; readonly topic: string; readonly openedAt: string; readonly steps: ReadonlyArray<Step>; readonly progress?: number }> = [
  {
    id: "2025-guangming-lifts",
    topic: "健吾公馆加装电梯",
    openedAt: "2025-05-06T01:00:00.000Z",
    steps: [
      ["approve", chair, { note: "列入一线协商" }, "2025-05-08T01:00:00.000Z"],
      ["startResearch", convener, { members: [], plan: "入户走访 24 户" }, "2025-05-12T01:00:00.000Z"],
      ["scheduleMeeting", convener, { noticeOn: "2025-05-23", meetingOn: "2025-06-15", venue: "光明社区健吾公馆" }, "2025-05-23T01:00:00.000Z"],
      ["holdMeeting", convener, { heldOn: "2025-06-15", attendees: [], speeches: 9 }, "2025-06-15T08:00:00.000Z"],
      ["report", convener, { summary: "居民、物业、住建部门就加装电梯达成共识", outcomes: [{ id: "o-2025-guangming-lifts", title: "健吾公馆加装电梯", handlingUnit: "区住建局", weight: 1 }] }, "2025-06-20T01:00:00.000Z"],
      ["reply", housing, { repliedOn: "2025-08-01", summary: "已立项，9 月开工", metProposers: true }, "2025-08-01T01:00:00.000Z"],
      ["evaluate", member, { satisfaction: "satisfied" }, "2025-08-15T01:00:00.000Z"],
    ],
    progress: 100,
  },
  {
    id: "2025-yejin-gas-pipes",
    topic: "冶金街道老旧燃气管道改造",
    openedAt: "2025-02-10T01:00:00.000Z",
    steps: [
      ["approve", chair, {}, "2025-02-12T01:00:00.000Z"],
      ["startResearch", convener, { members: [] }, "2025-02-14T01:00:00.000Z"],
      ["scheduleMeeting", convener, { noticeOn: "2025-02-17", meetingOn: "2025-03-10", venue: "冶金街道办事处" }, "2025-02-17T01:00:00.000Z"],
      ["holdMeeting", convener, { heldOn: "2025-03-10", attendees: [] }, "2025-03-10T07:00:00.000Z"],
      ["report", convener, { summary: "三个月内完成主要楼栋改造", outcomes: [{ id: "o-2025-yejin-gas-pipes", title: "老旧燃气管道改造", handlingUnit: "区燃气办", weight: 3 }] }, "2025-03-14T01:00:00.000Z"],
    ],
    progress: 76,
  },
  { id: "2025-qingshan-parking", topic: "老旧小区停车难", openedAt: "2025-11-20T01:00:00.000Z", steps: [] },
  { id: "2025-private-dispute", topic: "邻里装修纠纷", openedAt: "2025-03-03T01:00:00.000Z", steps: [["reject", chair, { reason: "属民事纠纷，转人民调解" }, "2025-03-05T01:00:00.000Z"]] },
]

/** What the demo prints about the store. */
export interface Persisted {
  readonly file: string
  readonly importMs: number
  readonly counts: Store.ImportSummary
  /** The district as the store gives it back, placements included. */
  readonly data: District.DistrictData
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly labels: { readonly "zh-CN": string; readonly en: string }; readonly cases: number }>
  readonly overdue: ReadonlyArray<Workflow.Overdue>
  readonly chainsVerified: number
  readonly newCases: number
  /** The cases as the engine loads them, and their topics, for the report. */
  readonly cases: ReadonlyArray<{ readonly definition: Workflow.Any; readonly state: Workflow.CaseState }>
  readonly topics: { readonly [caseId: string]: string }
}

/** Writes everything into the SQLite file and reads the district back. */
export const persist = (file: string, assigned: District.DistrictData, run: { readonly solution: Assignment.Solution; readonly ms: number } | undefined): Promise<Persisted> => {
  mkdirSync(dirname(file), { recursive: true })
  const program = Effect.gen(function* () {
    const store = yield* Store.Store
    const d = assigned.district.id
    // The import replaces the district's collections; outcome items that cases created are not in
    // the dataset, so carry them over.
    const before = yield* store.loadDistrict(d)
    const known = new Set(assigned.outcomes.map((o) => o.id as string))
    const fromCases = Option.match(before, { onNone: () => [], onSome: (b) => b.outcomes.filter((o) => o.caseId !== undefined && !known.has(o.id)) })
    const t0 = performance.now()
    const counts = yield* store.importDistrict({ ...assigned, outcomes: [...assigned.outcomes, ...fromCases] })
    const importMs = performance.now() - t0
    if (run !== undefined) {
      yield* store.saveAssignmentRun(d, {
        id: "members-to-committees",
        kind: "members-to-committees",
        createdAt: new Date().toISOString(),
        objective: run.solution.objective,
        placements: run.solution.placements.map((p) => ({ agent: p.agent, target: p.target })),
        meta: { solveMs: Math.round(run.ms * 10) / 10 },
      })
    }
    let newCases = 0
    for (const c of cases) {
      const caseId = c.id as Ids.CaseId
      if ((yield* store.readCase(d, caseId)).length > 0) continue
      newCases++
      yield* engine.open(d, { id: caseId, topic: c.topic, source: "residents", workflow: { id: "consultation", version: 1 }, openedOn: c.openedAt.slice(0, 10) as never }, office, { at: c.openedAt })
      for (const [command, actor, payload, at] of c.steps) yield* engine.dispatch(d, caseId, { type: command, payload }, actor, { at })
      const outcomeId = `o-${c.id}` as Ids.OutcomeId
      if (c.progress !== undefined && Option.isSome(yield* store.get(d, "outcomes", outcomeId))) {
        const on = (c.steps.at(-1)?.[3] ?? c.openedAt).slice(0, 10) as never
        yield* Outcomes.recordProgress(d, { outcomeId, progress: c.progress, on })
      }
    }
    const loaded = yield* Effect.forEach(cases, (c) => engine.load(d, c.id as Ids.CaseId))
    const def = StandardWorkflow.consultation
    const stages = Object.entries(def.stages)
      .map(([stage, s]) => ({ stage, labels: s.labels, cases: loaded.filter((l) => l.state.stage === stage).length }))
      .filter((s) => s.cases > 0)
    const overdue = Workflow.overdue(loaded, "2025-12-31" as never, WorkingCalendar.china2025)
    const data = Option.getOrThrow(yield* store.loadDistrict(d))
    const topics = Object.fromEntries(cases.map((c) => [c.id, c.topic]))
    return { file, importMs, counts, data, stages, overdue, chainsVerified: loaded.length, newCases, cases: loaded, topics } satisfies Persisted
  })
  return Effect.runPromise(program.pipe(Effect.provide(SqliteStore.layer({ filename: file }))))
}
