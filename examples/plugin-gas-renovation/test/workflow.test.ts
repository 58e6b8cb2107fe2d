import { describe, expect, it } from "@effect/vitest"
import {
  type Ids,
  IsoDate,
  Outcomes,
  Plugin,
  PluginHost,
  Store,
  Workflow,
  WorkflowEngine,
  WorkingCalendar,
} from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import {
  defaults,
  gasRenovation,
  type GasRenovationWorkflow,
  gasRenovationWorkflow,
  OptionsError,
  outcomeIdOf,
  type ProgressNotice,
  progressOf,
} from "../src/index.js"
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

const registry = registryOf()
const engine = registry.engine()

// Runs the happy path up to (not including) the command at `stop`.
const runUntil = (caseId: Ids.CaseId, stop: number, e: WorkflowEngine.Engine = engine) =>
  Effect.gen(function* () {
    let state = yield* e.open(district, caseRecord(caseId), actors.street, { at: at("2025-03-03") })
    for (const [command, actor, day, payload] of happyPath.slice(0, stop)) {
      state = (yield* e.dispatch(district, caseId, { type: command, payload: payload ?? payloads[command] }, actor, {
        at: at(day),
      })).state
    }
    return state
  })

const outcome = (store: Store.Service, caseId: string) =>
  Effect.map(store.get(district, "outcomes", outcomeIdOf(caseId)), Option.getOrThrow)

for (const [name, layer] of stores) {
  describe(`the gas-renovation workflow on ${name}`, () => {
    it.effect(
      "runs a case from survey to closed; the consensus writes the outcome item and the works move its progress",
      () =>
        Effect.gen(function* () {
          const store = yield* setup()
          const c = "yejin-gas-1" as Ids.CaseId
          const opened = yield* engine.open(district, caseRecord(c), actors.street, { at: at("2025-03-03") })
          expect([opened.stage, opened.workflow]).toEqual(["survey", { id: "gas-renovation", version: 1 }])
          // A typed command: the payload is checked against the transition's Schema at compile time.
          const surveyed = yield* engine.dispatch<GasRenovationWorkflow>(
            district,
            c,
            { type: "survey", payload: payloads.survey },
            actors.community,
            { at: at("2025-03-14") },
          )
          expect(surveyed.state.stage).toBe("survey")
          let state = surveyed.state
          for (const [command, actor, day, payload] of happyPath.slice(1)) {
            const result = yield* engine.dispatch(
              district,
              c,
              { type: command, payload: payload ?? payloads[command] },
              actor,
              { at: at(day) },
            )
            expect(result.state.version).toBe(state.version + 1)
            state = result.state
            if (command === "reachConsensus") {
              expect(yield* outcome(store, c)).toMatchObject({
                caseId: c,
                unitId: "yedong",
                handlingUnit: "燃气公司",
                title: "冶金东社区老旧燃气管道改造",
                status: "assigned",
                progress: 0,
                assignedOn: "2025-03-20",
              })
            }
            if (command === "schedule") {
              expect(yield* outcome(store, c)).toMatchObject({
                dueOn: "2025-06-30",
                milestones: [
                  { title: "开工（燃气工程公司第三施工队）", due: "2025-04-01" },
                  { title: "完工", due: "2025-06-30" },
                ],
              })
            }
          }
          expect([state.stage, state.terminal]).toEqual(["closed", true])
          expect(state.history.map((h) => h.to)).toEqual([
            "survey",
            "survey",
            "consultation",
            "scheduling",
            "renovation",
            "renovation",
            "renovation",
            "renovation",
            "acceptance",
            "closed",
          ])
          expect(yield* outcome(store, c)).toMatchObject({
            progress: 100,
            status: "completed",
            completedOn: "2025-06-25",
            implemented: true,
            feedbackOn: "2025-07-02",
          })
          expect((yield* store.listProgress(district, outcomeIdOf(c))).map((u) => u.progress)).toEqual([
            30, 55, 76, 100,
          ])
          const events = yield* store.readCase(district, c)
          expect(Result.isSuccess(Workflow.verifyChain(c, events))).toBe(true)
          expect(Result.getOrThrow(Workflow.replay(gasRenovationWorkflow, events))).toEqual(state)
        }).pipe(Effect.provide(layer)),
    )

    it.effect(
      "refuses, in both languages, the wrong stage, the wrong role, a bad payload and the guards — appending nothing",
      () =>
        Effect.gen(function* () {
          const store = yield* setup()
          const c = "yejin-gas-2" as Ids.CaseId
          yield* engine.open(district, caseRecord(c), actors.street)
          const refused = (type: string, payload: unknown, actor: Workflow.Actor) =>
            Effect.flip(engine.dispatch(district, c, { type, payload }, actor))

          expect(yield* refused("reportProgress", payloads.reportProgress, actors.gas)).toMatchObject({
            _tag: "CommandRefused",
            reason: "wrong-stage",
            stage: "survey",
          })
          const role = yield* refused("startConsultation", payloads.startConsultation, actors.gas)
          expect(role).toMatchObject({ _tag: "CommandRefused", reason: "not-allowed" })
          expect(role.message).toContain("streetOffice (街道办), community (社区)")
          expect(yield* refused("survey", payloads.survey, actors.nobody)).toMatchObject({ reason: "not-allowed" })
          const bad = yield* refused(
            "survey",
            { on: "2025-02-30", total: 0, surveyed: -1, consenting: "many", extra: 1 },
            actors.community,
          )
          expect(bad._tag === "InvalidPayload" && bad.issues.map((i) => i.path).sort()).toEqual([
            "payload.consenting",
            "payload.extra",
            "payload.on",
            "payload.surveyed",
            "payload.total",
          ])

          // Guards: nothing surveyed yet, too few surveyed, more surveyed than there are households.
          expect(yield* refused("startConsultation", payloads.startConsultation, actors.street)).toMatchObject({
            reason: "guard",
            detail: { "zh-CN": "请先登记入户调查情况" },
          })
          yield* engine.dispatch(
            district,
            c,
            { type: "survey", payload: { on: "2025-03-07", total: 120, surveyed: 60, consenting: 55 } },
            actors.member,
          )
          const few = yield* refused("startConsultation", payloads.startConsultation, actors.street)
          expect(few).toMatchObject({
            reason: "guard",
            detail: {
              en: "only 60 of 120 households (50%) were surveyed; the consultation needs at least 66.7%",
              "zh-CN": "仅入户调查 60/120 户（50%），启动协商须达到 66.7%",
            },
          })
          expect(
            yield* refused("survey", { on: "2025-03-10", total: 120, surveyed: 121, consenting: 0 }, actors.community),
          ).toMatchObject({ reason: "guard" })
          expect(
            yield* refused("survey", { on: "2025-03-10", total: 120, surveyed: 80, consenting: 81 }, actors.community),
          ).toMatchObject({ reason: "guard" })
          // Exactly two thirds is enough (80 / 120 is not below 2/3, whatever floating point says).
          yield* engine.dispatch(
            district,
            c,
            { type: "survey", payload: { on: "2025-03-12", total: 120, surveyed: 80, consenting: 78 } },
            actors.community,
          )
          yield* engine.dispatch(
            district,
            c,
            { type: "startConsultation", payload: payloads.startConsultation },
            actors.street,
          )
          yield* engine.dispatch(
            district,
            c,
            { type: "reachConsensus", payload: payloads.reachConsensus },
            actors.member,
          )
          const backwards = yield* refused("schedule", { ...payloads.schedule, endOn: "2025-04-01" }, actors.gas)
          expect(backwards).toMatchObject({
            reason: "guard",
            detail: { en: "the works must end after they start (2025-04-01 → 2025-04-01)" },
          })
          // Opened, two surveys, consultation, consensus: the refused commands left no event.
          expect((yield* store.readCase(district, c)).length).toBe(5)
          expect((yield* outcome(store, c)).dueOn).toBeUndefined()
        }).pipe(Effect.provide(layer)),
    )

    it.effect(
      "progress moves forward only: a lower report is refused until the works are reopened, and a failed acceptance reopens them",
      () =>
        Effect.gen(function* () {
          const store = yield* setup()
          const c = "yejin-gas-3" as Ids.CaseId
          yield* runUntil(c, 4)
          const report = (percent: number, on: string) =>
            engine.dispatch(district, c, { type: "reportProgress", payload: { percent, on } }, actors.gas, {
              at: at(on),
            })
          yield* report(40, "2025-04-20")
          const back = yield* Effect.flip(report(30, "2025-04-21"))
          expect(back).toMatchObject({
            reason: "guard",
            detail: { en: "progress only moves forward: the works are at 40% (30% given); reopen them to report less" },
          })
          expect(yield* Effect.flip(report(100, "2025-04-21"))).toMatchObject({
            reason: "guard",
            detail: { "zh-CN": "进度达到 100% 请使用“完工”（completeRenovation），转入验收" },
          })
          yield* report(40, "2025-04-22") // the same figure again is not going back
          const reopened = yield* engine.dispatch(
            district,
            c,
            { type: "reopen", payload: payloads.reopen },
            actors.street,
            { at: at("2025-04-23") },
          )
          expect(progressOf(reopened.state)).toEqual({ percent: 40, reopened: true })
          expect(yield* outcome(store, c)).toMatchObject({ progress: 40, status: "in-progress" })
          yield* report(30, "2025-05-21")
          expect((yield* Effect.flip(report(20, "2025-05-22")))._tag).toBe("CommandRefused")
          yield* engine.dispatch(
            district,
            c,
            { type: "completeRenovation", payload: payloads.completeRenovation },
            actors.gas,
            { at: at("2025-05-23") },
          )
          expect(yield* outcome(store, c)).toMatchObject({ progress: 100, status: "completed" })
          const failed = yield* engine.dispatch(
            district,
            c,
            { type: "failAcceptance", payload: payloads.failAcceptance },
            actors.street,
            { at: at("2025-05-24") },
          )
          expect(failed.state.stage).toBe("renovation")
          expect(yield* outcome(store, c)).toMatchObject({ progress: 100, status: "in-progress" })
          yield* report(90, "2025-07-03")
          yield* engine.dispatch(
            district,
            c,
            { type: "completeRenovation", payload: { on: "2025-07-08" } },
            actors.gas,
            {
              at: at("2025-07-08"),
            },
          )
          yield* engine.dispatch(
            district,
            c,
            { type: "passAcceptance", payload: payloads.passAcceptance },
            actors.residents,
            { at: at("2025-07-09") },
          )
          const history = yield* store.listProgress(district, outcomeIdOf(c))
          expect(history.map((u) => [u.progress, u.reopened === true])).toEqual([
            [40, false],
            [40, false],
            [40, true],
            [30, false],
            [100, false],
            [100, true],
            [90, false],
            [100, false],
          ])
          expect(history[5]!.note).toBe("验收不通过：3 栋 2 单元漏气")
        }).pipe(Effect.provide(layer)),
    )

    it.effect(
      "a transition's effects share the event's transaction: progress written around the workflow still never goes back",
      () =>
        Effect.gen(function* () {
          const store = yield* setup()
          const c = "yejin-gas-4" as Ids.CaseId
          yield* runUntil(c, 5) // reported 30%
          // Someone records 60% on the item directly; the case's events still say 30%.
          yield* Outcomes.recordProgress(district, {
            outcomeId: outcomeIdOf(c),
            progress: 60,
            on: "2025-04-25" as never,
          })
          const refused = yield* Effect.flip(
            engine.dispatch(
              district,
              c,
              { type: "reportProgress", payload: { percent: 50, on: "2025-04-26" } },
              actors.gas,
              { at: at("2025-04-26") },
            ),
          )
          expect(refused).toMatchObject({ _tag: "InvalidInput", issues: [{ code: "progress-went-back" }] })
          expect((yield* store.readCase(district, c)).length).toBe(6) // the event was rolled back with the write
          expect((yield* outcome(store, c)).progress).toBe(60)
          yield* engine.dispatch(
            district,
            c,
            { type: "reportProgress", payload: { percent: 65, on: "2025-04-27" } },
            actors.gas,
            { at: at("2025-04-27") },
          )
          expect((yield* outcome(store, c)).progress).toBe(65)
        }).pipe(Effect.provide(layer)),
    )

    it.effect("deadlines count working days: a survey past 20 and an acceptance past 10 are overdue", () =>
      Effect.gen(function* () {
        yield* setup()
        yield* runUntil("late-survey" as Ids.CaseId, 1) // opened Monday 3 March, surveyed, never consulted
        yield* runUntil("late-acceptance" as Ids.CaseId, 8) // completed Wednesday 25 June
        yield* runUntil("done" as Ids.CaseId, 9)
        const loaded = yield* Effect.forEach(["late-survey", "late-acceptance", "done"], (id) =>
          engine.load(district, id as Ids.CaseId),
        )
        const late = (asOf: string) => Workflow.overdue(loaded, asOf as never, WorkingCalendar.china2025)
        // 20 working days after 3 March is 31 March; 10 after 25 June is 9 July.
        expect(late("2025-03-31")).toEqual([])
        expect(late("2025-04-02")).toEqual([
          {
            caseId: "late-survey",
            stage: "survey",
            command: "startConsultation",
            due: "2025-03-31",
            workingDaysLate: 2,
          },
        ])
        expect(late("2025-07-10").map((o) => [o.caseId, o.command, o.due, o.workingDaysLate])).toEqual([
          ["late-survey", "startConsultation", "2025-03-31", 69],
          ["late-acceptance", "passAcceptance", "2025-07-09", 1],
        ])
        // A district with a shorter survey deadline: same events, its own definition.
        const strict = registryOf({ surveyWorkingDays: 5 }).engine()
        const strictLoaded = yield* strict.load(district, "late-survey" as Ids.CaseId)
        expect(Workflow.overdue([strictLoaded], "2025-03-11" as never)).toMatchObject([
          { due: "2025-03-10", workingDaysLate: 1 },
        ])
      }).pipe(Effect.provide(layer)),
    )

    it.effect("onProgress hears every committed progress change; its failure keeps the event and can be retried", () =>
      Effect.gen(function* () {
        yield* setup()
        const heard: Array<ProgressNotice> = []
        let smsDown = true
        const onProgress = (notice: ProgressNotice) =>
          Effect.suspend(() => {
            if (notice.percent === 55 && smsDown) {
              smsDown = false
              return Effect.fail(new Error("the SMS gateway is down"))
            }
            heard.push(notice)
            return Effect.void
          })
        const e = registryOf({ onProgress }).engine()
        const c = "yejin-gas-5" as Ids.CaseId
        yield* runUntil(c, 5, e)
        const second = yield* e.dispatch(
          district,
          c,
          { type: "reportProgress", payload: { percent: 55, on: "2025-05-15" } },
          actors.gas,
          { at: at("2025-05-15") },
        )
        expect(second.hookFailures).toEqual([
          { hook: "gas-renovation-notify", message: "Error: the SMS gateway is down" },
        ])
        expect(second.state.version).toBe(7)
        expect(yield* e.retryAfterHooks(district, c, 7)).toEqual([])
        expect(heard.map((n) => [n.command, n.percent])).toEqual([
          ["reportProgress", 30],
          ["reportProgress", 55],
        ])
      }).pipe(Effect.provide(layer)),
    )

    it.effect("versions: cases opened under v1 keep running under v1 after v2 arrives; new cases use v2", () =>
      Effect.gen(function* () {
        yield* setup()
        yield* runUntil("v1-case" as Ids.CaseId, 8) // awaiting acceptance under v1
        const both = Result.getOrThrow(PluginHost.make([gasRenovationV2()]))
        expect(Option.getOrThrow(both.workflow("gas-renovation")).version).toBe(2)
        const e = both.engine()
        const closed = yield* e.dispatch(
          district,
          "v1-case" as Ids.CaseId,
          { type: "passAcceptance", payload: payloads.passAcceptance },
          actors.residents,
          { at: at("2025-12-01") },
        )
        expect([closed.state.workflow.version, closed.state.stage]).toEqual([1, "closed"])
        const v2 = { ...caseRecord("v2-case"), workflow: { id: "gas-renovation", version: 2 } }
        yield* e.open(district, v2, actors.street, { at: at("2025-03-03") })
        for (const [command, actor, day, payload] of happyPath)
          yield* e.dispatch(district, v2.id, { type: command, payload: payload ?? payloads[command] }, actor, {
            at: at(day),
          })
        const visited = yield* e.dispatch(
          district,
          v2.id,
          { type: "returnVisit", payload: { on: "2025-08-01", satisfied: 118, households: 120 } },
          actors.community,
          { at: at("2025-08-01") },
        )
        expect([visited.state.stage, visited.state.terminal]).toEqual(["closed", true])
      }).pipe(Effect.provide(layer)),
    )
  })
}

// Version 2 of the workflow, as a district would ship it: acceptance leads to a return visit (回访)
// before the case closes. The plugin keeps registering version 1 for the cases already running.
const gasRenovationV2 = () => {
  const v1 = gasRenovationWorkflow
  const v2 = Workflow.define({
    ...v1,
    version: 2,
    stages: { ...v1.stages, returnVisit: { labels: { "zh-CN": "回访", en: "Return visit" } } },
    transitions: {
      ...v1.transitions,
      passAcceptance: { ...v1.transitions.passAcceptance, to: "returnVisit" },
      returnVisit: {
        labels: { "zh-CN": "入户回访", en: "Visit the households again" },
        from: "returnVisit",
        to: "closed",
        roles: ["community", "member"],
        payload: Schema.Struct({ on: IsoDate.IsoDate, households: Schema.Number, satisfied: Schema.Number }),
      },
    },
  })
  const plugin = gasRenovation()
  return Plugin.define({ ...plugin, version: "2.0.0", workflows: [v1, v2] })
}

describe("the plugin's definition", () => {
  it("loads next to the standard workflow, with its rule, selector, rubric item and activity type", () => {
    expect(registry.workflows.map((w) => `${w.id}@${w.version}`)).toEqual(["consultation@1", "gas-renovation@1"])
    expect(registry.coverageRules.map((r) => r.id)).toContain("gas-renovation-coverage")
    expect(registry.selectors.map((s) => s.kind)).toEqual(["gas-renovation-visits"])
    expect(registry.activityTypes.map((t) => t.id)).toEqual(["gas-renovation-visit"])
    expect(registry.rubricItems).toMatchObject([
      { category: "gas-renovation", item: { id: "gas-renovation-visits", points: 1, cap: 5 } },
    ])
    expect(registry.hooks).toEqual([])
  })

  it("cannot be loaded twice, and says why", () => {
    const twice = PluginHost.make([gasRenovation(), gasRenovation()])
    expect(Result.isFailure(twice) && twice.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["plugins[1].id", "duplicate-plugin"],
      ["plugins[1].workflows[0]", "duplicate-workflow"],
      ["plugins[1].coverageRules[0]", "duplicate-rule"],
      ["plugins[1].selectors[0]", "duplicate-selector"],
      ["plugins[1].activityTypes[0]", "duplicate-activityType"],
    ])
  })

  it("refuses bad options, listing every one", () => {
    const thrown = (f: () => unknown): unknown => {
      try {
        f()
      } catch (e) {
        return e
      }
      return undefined
    }
    const bad = thrown(() =>
      gasRenovation({ targetRate: 1.5, surveyWorkingDays: 2.5, handlingUnit: " ", tagetRate: 0.9 } as never),
    )
    expect(bad).toBeInstanceOf(OptionsError)
    expect((bad as OptionsError).issues.map((i) => i.path).sort()).toEqual([
      "handlingUnit",
      "surveyWorkingDays",
      "tagetRate",
      "targetRate",
    ])
    expect((bad as OptionsError).message).toContain("gasRenovation options are not valid")
    expect(gasRenovation({ targetRate: 0.76 }).options).toEqual({ ...defaults, targetRate: 0.76 })
    expect(defaults).toEqual({
      targetRate: 0.8,
      surveyRate: 2 / 3,
      surveyWorkingDays: 20,
      acceptanceWorkingDays: 10,
      handlingUnit: "燃气公司",
      visitPoints: 1,
      visitCap: 5,
      rubricCategory: "gas-renovation",
    })
  })

  it("typed commands reject a wrong payload at compile time", () => {
    const ok: Workflow.Command<GasRenovationWorkflow> = {
      type: "reportProgress",
      payload: { percent: 40, on: "2025-04-20" },
    }
    const wrong: Workflow.Command<GasRenovationWorkflow> = {
      type: "reportProgress",
      // @ts-expect-error: "percent" must be a number
      payload: { percent: "40", on: "2025-04-20" },
    }
    expect([ok.type, wrong.type]).toEqual(["reportProgress", "reportProgress"])
  })
})

describe("the engine alone also runs the workflow", () => {
  it.effect("with WorkflowEngine.make and a plain store layer", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      yield* store.putDistrict(parseDistrict(districtInput).district)
      const e = WorkflowEngine.make({ workflows: [gasRenovationWorkflow] })
      const state = yield* e.open(district, caseRecord("plain"), actors.street)
      expect(state.stage).toBe("survey")
    }).pipe(Effect.provide(stores[0]![1])),
  )
})
