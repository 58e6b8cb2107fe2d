// Group "workflow": the workflow engine runs on the adapter — the standard consultation workflow
// end to end, its hash chain intact after the round trip through the store, concurrent dispatchers.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Outcomes, StandardWorkflow, Store, Workflow, WorkflowEngine } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Fixtures from "../Fixtures.js"

const actors = {
  office: { id: "office", roles: ["office"] },
  chair: { id: "chair", roles: ["chairmansMeeting"] },
  convener: { id: "convener", roles: ["convener", "member"] },
  bureau: { id: "bureau", roles: ["handlingUnit"] },
} satisfies Record<string, Workflow.Actor>

const steps = [
  ["approve", actors.chair, { note: "同意" }],
  ["startResearch", actors.convener, { members: ["m000001"] }],
  ["scheduleMeeting", actors.convener, { noticeOn: "2025-06-03", meetingOn: "2025-06-30", venue: "社区" }],
  ["holdMeeting", actors.convener, { heldOn: "2025-06-30", attendees: ["m000001"] }],
  [
    "report",
    actors.convener,
    { summary: "共识", outcomes: [{ id: "o-kit", title: "加装电梯", handlingUnit: "区住建局" }] },
  ],
  ["reply", actors.bureau, { repliedOn: "2025-07-15", summary: "已办" }],
  ["evaluate", actors.convener, { satisfaction: "satisfied" }],
] as const

const engine = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })
const record = (id: string) => ({
  id: id as Ids.CaseId,
  topic: "加装电梯",
  source: "residents" as const,
  workflow: { id: "consultation", version: 1 },
  openedOn: "2025-06-02" as never,
})

export const workflow = (it: Vitest.MethodsNonLive<Store.Store>) => {
  it.effect(
    "the standard workflow runs end to end; events keep their hash chain; outcomes are written with the report",
    () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const d = Fixtures.freshDistrictId("workflow")
        yield* store.putDistrict(Fixtures.districtInfo(d))
        const c = "case-1" as Ids.CaseId
        yield* engine.open(d, record(c), actors.office, { at: "2025-06-02T01:00:00.000Z" })
        for (const [command, actor, payload] of steps)
          yield* engine.dispatch(d, c, { type: command, payload }, actor, { at: "2025-06-10T01:00:00.000Z" })
        const { state } = yield* engine.load(d, c)
        expect([state.stage, state.version]).toEqual(["closed", 8])
        const events = yield* store.readCase(d, c)
        expect(Result.isSuccess(Workflow.verifyChain(c, events))).toBe(true)
        expect(Option.getOrThrow(yield* store.get(d, "outcomes", "o-kit"))).toMatchObject({
          caseId: c,
          status: "assigned",
          progress: 0,
        })
        yield* Outcomes.recordProgress(d, {
          outcomeId: "o-kit" as Ids.OutcomeId,
          progress: 60,
          on: "2025-07-01" as never,
        })
        expect(
          (yield* Effect.flip(
            Outcomes.recordProgress(d, {
              outcomeId: "o-kit" as Ids.OutcomeId,
              progress: 50,
              on: "2025-07-02" as never,
            }),
          ))._tag,
        ).toBe("ProgressWentBack")
        expect(Option.getOrThrow(yield* store.get(d, "outcomes", "o-kit")).progress).toBe(60)
      }),
  )

  it.effect("a refused command or a failing transition effect appends nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("workflow")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      const c = "case-2" as Ids.CaseId
      yield* engine.open(d, record(c), actors.office)
      expect((yield* Effect.flip(engine.dispatch(d, c, { type: "approve", payload: {} }, actors.bureau)))._tag).toBe(
        "CommandRefused",
      )
      for (const [command, actor, payload] of steps.slice(0, 4))
        yield* engine.dispatch(d, c, { type: command, payload }, actor)
      // An outcome item too large to store fails the report's effect: the event goes too.
      const huge = {
        summary: "共识",
        outcomes: [{ id: "o-big", title: "大".repeat(400_000), handlingUnit: "区住建局" }],
      }
      expect((yield* Effect.flip(engine.dispatch(d, c, { type: "report", payload: huge }, actors.convener)))._tag).toBe(
        "PayloadTooLarge",
      )
      expect((yield* store.readCase(d, c)).length).toBe(5)
      expect(Option.isNone(yield* store.get(d, "outcomes", "o-big"))).toBe(true)
    }),
  )

  it.effect("concurrent dispatchers on one case: exactly one wins", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("workflow")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      const c = "case-3" as Ids.CaseId
      yield* engine.open(d, record(c), actors.office)
      const results = yield* Effect.forEach(
        Array.from({ length: 8 }, () => 0),
        () => Effect.result(engine.dispatch(d, c, { type: "approve", payload: {} }, actors.chair)),
        { concurrency: "unbounded" },
      )
      expect(results.filter(Result.isSuccess).length).toBe(1)
      expect((yield* store.readCase(d, c)).map((e) => e.version)).toEqual([1, 2])
    }),
  )
}
