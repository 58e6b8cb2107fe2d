import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  type Ids,
  MemoryStore,
  Outcomes,
  Plugin,
  PluginHost,
  StandardWorkflow,
  Store,
  Workflow,
  WorkflowEngine,
  WorkingCalendar,
} from "../src/index.js"

const district = "qingshan" as Ids.DistrictId
const info = { id: district, name: "青山区", sectors: [] } as never

const actors = {
  office: { id: "office-1", roles: ["office"] },
  chair: { id: "yang-xin", name: "杨新", roles: ["chairmansMeeting"] },
  convener: { id: "m001", roles: ["convener", "member"] },
  member: { id: "m002", roles: ["member"] },
  bureau: { id: "housing-bureau", roles: ["handlingUnit"] },
  nobody: { id: "visitor", roles: [] },
} satisfies Record<string, Workflow.Actor>

const caseRecord = (id: string) => ({
  id: id as Ids.CaseId,
  topic: "健吾公馆加装电梯",
  source: "residents" as const,
  workflow: { id: "consultation", version: 1 },
  openedOn: "2025-06-02" as never,
})

// A valid payload for every command of the standard workflow.
const payloads: Record<string, unknown> = {
  approve: { note: "列入年度协商计划" },
  reject: { reason: "不属于协商范围" },
  startResearch: { members: ["m001", "m002"] },
  scheduleMeeting: { noticeOn: "2025-06-03", meetingOn: "2025-06-30", venue: "光明社区党群服务中心" },
  holdMeeting: { heldOn: "2025-06-30", attendees: ["m001", "m002"], speeches: 6 },
  report: {
    summary: "形成加装电梯共识",
    outcomes: [{ id: "o-lift", title: "健吾公馆加装电梯", handlingUnit: "区住建局", weight: 2 }],
  },
  track: {},
  reply: { repliedOn: "2025-08-01", summary: "已立项，9 月开工", metProposers: true },
  evaluate: { satisfaction: "satisfied" },
}
const happyPath = [
  ["approve", actors.chair],
  ["startResearch", actors.convener],
  ["scheduleMeeting", actors.convener],
  ["holdMeeting", actors.convener],
  ["report", actors.convener],
  ["track", actors.office],
  ["reply", actors.bureau],
  ["evaluate", actors.member],
] as const

const engine = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })
const at = (day: number) => new Date(Date.UTC(2025, 5, 2 + day, 1)).toISOString()

const setup = Effect.gen(function* () {
  const store = yield* Store.Store
  yield* store.putDistrict(info)
  return store
})

describe("the standard consultation workflow", () => {
  it.effect("runs a case from topic to closed, writing the outcome items with the report", () =>
    Effect.gen(function* () {
      const store = yield* setup
      const opened = yield* engine.open(district, caseRecord("case-1"), actors.office, { at: at(0) })
      expect([opened.stage, opened.version]).toEqual(["collected", 1])
      let state = opened
      for (const [i, [command, actor]] of happyPath.entries()) {
        const result = yield* engine.dispatch(
          district,
          "case-1" as Ids.CaseId,
          { type: command, payload: payloads[command] },
          actor,
          { at: at(i + 1) },
        )
        expect(result.state.version).toBe(state.version + 1)
        expect(result.hookFailures).toEqual([])
        state = result.state
      }
      expect([state.stage, state.terminal]).toEqual(["closed", true])
      const outcome = Option.getOrThrow(yield* store.get(district, "outcomes", "o-lift"))
      expect(outcome).toMatchObject({
        caseId: "case-1",
        handlingUnit: "区住建局",
        status: "assigned",
        progress: 0,
        weight: 2,
        assignedOn: "2025-06-07",
      })
      const events = yield* store.readCase(district, "case-1" as Ids.CaseId)
      expect(Result.isSuccess(Workflow.verifyChain("case-1", events))).toBe(true)
      expect(Result.getOrThrow(Workflow.replay(StandardWorkflow.consultation, events))).toEqual(state)
      expect(events[1]!.meta).toMatchObject({
        actor: { id: "yang-xin" },
        command: "approve",
        from: "collected",
        to: "approved",
        at: at(1),
      })
      expect(Option.isSome(yield* store.get(district, "cases", "case-1"))).toBe(true)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "refuses, in words, commands from the wrong stage, by the wrong role, with a bad payload or against a guard — appending nothing",
    () =>
      Effect.gen(function* () {
        const store = yield* setup
        const c = "case-2" as Ids.CaseId
        yield* engine.open(district, caseRecord(c), actors.office)
        const refused = (command: string, payload: unknown, actor: Workflow.Actor) =>
          Effect.flip(engine.dispatch(district, c, { type: command, payload }, actor))
        const stage = yield* refused("holdMeeting", payloads["holdMeeting"], actors.convener)
        expect(stage).toMatchObject({ _tag: "CommandRefused", reason: "wrong-stage", stage: "collected" })
        expect(stage.message).toContain("possible now: approve, reject")
        const role = yield* refused("approve", {}, actors.member)
        expect(role).toMatchObject({ _tag: "CommandRefused", reason: "not-allowed" })
        expect(role.message).toContain("chairmansMeeting (主席会议成员)")
        const unknown = yield* refused("approvee", {}, actors.chair)
        expect(unknown).toMatchObject({ _tag: "CommandRefused", reason: "unknown-command" })
        const payload = yield* refused("reject", { reason: "", extra: 1 }, actors.chair)
        expect(payload._tag === "InvalidPayload" && payload.issues.map((i) => i.path).sort()).toEqual([
          "payload.extra",
          "payload.reason",
        ])
        yield* engine.dispatch(district, c, { type: "approve", payload: {} }, actors.chair)
        yield* engine.dispatch(
          district,
          c,
          { type: "startResearch", payload: payloads["startResearch"] },
          actors.convener,
        )
        const guard = yield* refused(
          "scheduleMeeting",
          { noticeOn: "2025-06-20", meetingOn: "2025-06-30", venue: "社区" },
          actors.convener,
        )
        expect(guard).toMatchObject({
          _tag: "CommandRefused",
          reason: "guard",
          detail: { "zh-CN": "会议通知须提前 15 个工作日发出" },
        })
        expect((yield* store.readCase(district, c)).length).toBe(3)
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("opening a case twice, or a case of an unknown workflow, fails with a typed error", () =>
    Effect.gen(function* () {
      yield* setup
      yield* engine.open(district, caseRecord("case-3"), actors.office)
      expect((yield* Effect.flip(engine.open(district, caseRecord("case-3"), actors.office)))._tag).toBe("CaseExists")
      const other = { ...caseRecord("case-4"), workflow: { id: "gas-renovation", version: 1 } }
      expect(yield* Effect.flip(engine.open(district, other, actors.office))).toMatchObject({
        _tag: "UnknownWorkflow",
        workflow: "gas-renovation",
      })
      expect(
        (yield* Effect.flip(
          engine.dispatch(district, "nope" as Ids.CaseId, { type: "approve", payload: {} }, actors.chair),
        ))._tag,
      ).toBe("UnknownCase")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("hooks", () => {
  it.effect("a before-hook vetoes with its reason; an after-hook's failure keeps the event and can be retried", () =>
    Effect.gen(function* () {
      const store = yield* setup
      let failNext = true
      const seen: Array<string> = []
      const withHooks = WorkflowEngine.make({
        workflows: [StandardWorkflow.consultation],
        hooks: [
          {
            id: "no-weekend-approvals",
            command: "approve",
            before: ({ at }) =>
              new Date(at).getUTCDay() === 0
                ? Effect.fail(
                    new WorkflowEngine.Vetoed({
                      hook: "no-weekend-approvals",
                      reason: { en: "not on Sundays", "zh-CN": "周日不审定" },
                    }),
                  )
                : Effect.void,
          },
          {
            id: "notify",
            after: ({ command }) =>
              Effect.suspend(() => {
                if (failNext) {
                  failNext = false
                  return Effect.fail(new Error("the SMS gateway is down"))
                }
                seen.push(command)
                return Effect.void
              }),
          },
        ],
      })
      const c = "case-h" as Ids.CaseId
      yield* withHooks.open(district, caseRecord(c), actors.office)
      const veto = yield* Effect.flip(
        withHooks.dispatch(district, c, { type: "approve", payload: {} }, actors.chair, {
          at: "2025-06-08T02:00:00.000Z",
        }),
      )
      expect(veto).toMatchObject({ _tag: "Vetoed", hook: "no-weekend-approvals" })
      expect((yield* store.readCase(district, c)).length).toBe(1)
      const done = yield* withHooks.dispatch(district, c, { type: "approve", payload: {} }, actors.chair, {
        at: "2025-06-09T02:00:00.000Z",
      })
      expect(done.hookFailures).toEqual([{ hook: "notify", message: "Error: the SMS gateway is down" }])
      expect((yield* store.readCase(district, c)).length).toBe(2)
      expect(yield* withHooks.retryAfterHooks(district, c, 2)).toEqual([])
      expect(seen).toEqual(["approve"])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

// Random commands from random actors with valid or broken payloads.
const step = fc.record({
  command: fc.constantFrom(...Object.keys(StandardWorkflow.consultation.transitions), "bogus"),
  actor: fc.constantFrom(...Object.values(actors)),
  broken: fc.boolean(),
})

describe("workflow properties", () => {
  it.effect(
    "random command sequences: only allowed stages, refusals append nothing, versions step by one, replay matches",
    () =>
      Effect.gen(function* () {
        const run = Effect.runPromise
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) =>
              run(
                Effect.gen(function* () {
                  const store = yield* setup
                  const c = "case-p" as Ids.CaseId
                  let state = yield* engine.open(district, caseRecord(c), actors.office)
                  const def = StandardWorkflow.consultation
                  for (const s of steps) {
                    const payload = s.broken ? { unexpected: true } : payloads[s.command]
                    const result = yield* Effect.result(
                      engine.dispatch(district, c, { type: s.command, payload }, s.actor),
                    )
                    const t = (def.transitions as Record<string, Workflow.Transition>)[s.command]
                    const allowedRole =
                      t !== undefined && t.roles.some((r) => (s.actor.roles as ReadonlyArray<string>).includes(r))
                    if (Result.isSuccess(result)) {
                      expect(allowedRole, "an actor without the role is always refused").toBe(true)
                      const from = typeof t!.from === "string" ? [t!.from] : t!.from
                      expect(from).toContain(state.stage)
                      expect(result.success.state.stage).toBe(t!.to)
                      expect(result.success.state.version).toBe(state.version + 1)
                      state = result.success.state
                    } else {
                      expect((yield* store.readCase(district, c)).length, "a refused command appends nothing").toBe(
                        state.version,
                      )
                    }
                    expect(Object.keys(def.stages)).toContain(state.stage)
                  }
                  const events = yield* store.readCase(district, c)
                  expect(Result.getOrThrow(Workflow.replay(def, events))).toEqual(state)
                }).pipe(Effect.provide(MemoryStore.layer)),
              ),
            ),
            { numRuns: 60 },
          ),
        )
      }),
  )

  it.effect("concurrent dispatchers on one case: exactly one wins each version", () =>
    Effect.gen(function* () {
      const store = yield* setup
      const c = "case-race" as Ids.CaseId
      yield* engine.open(district, caseRecord(c), actors.office)
      const results = yield* Effect.forEach(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? "approve" : "reject")),
        (command) =>
          Effect.result(engine.dispatch(district, c, { type: command, payload: payloads[command] }, actors.chair)),
        { concurrency: "unbounded" },
      )
      const wins = results.filter(Result.isSuccess)
      expect(wins.length).toBe(1)
      for (const r of results)
        if (Result.isFailure(r)) expect(["VersionConflict", "CommandRefused"]).toContain(r.failure._tag)
      expect((yield* store.readCase(district, c)).map((e) => e.version)).toEqual([1, 2])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("the hash chain finds any changed, removed or reordered event", () =>
    Effect.gen(function* () {
      const store = yield* setup
      const c = "case-chain" as Ids.CaseId
      yield* engine.open(district, caseRecord(c), actors.office)
      for (const [command, actor] of happyPath)
        yield* engine.dispatch(district, c, { type: command, payload: payloads[command] }, actor)
      const events = yield* store.readCase(district, c)
      expect(Result.isSuccess(Workflow.verifyChain(c, events))).toBe(true)
      const tamper = fc.oneof(
        fc.record({ kind: fc.constant("change" as const), i: fc.nat(events.length - 1), text: fc.string() }),
        fc.record({ kind: fc.constant("remove" as const), i: fc.nat(events.length - 1) }),
        fc.record({ kind: fc.constant("swap" as const), i: fc.nat(events.length - 2) }),
        fc.record({ kind: fc.constant("actor" as const), i: fc.nat(events.length - 1) }),
      )
      fc.assert(
        fc.property(tamper, (t) => {
          const copy = [...events]
          if (t.kind === "change") copy[t.i] = { ...copy[t.i]!, data: { tampered: t.text } }
          if (t.kind === "remove") copy.splice(t.i, 1)
          if (t.kind === "swap") [copy[t.i], copy[t.i + 1]] = [copy[t.i + 1]!, copy[t.i]!]
          if (t.kind === "actor")
            copy[t.i] = {
              ...copy[t.i]!,
              meta: { ...copy[t.i]!.meta, actor: { id: "someone-else", roles: ["office"] } },
            }
          // The last event's hash, recorded elsewhere, also catches a removed last event.
          return Result.isFailure(
            Workflow.verifyChain(c, copy, {
              head: { version: events.length, hash: (events.at(-1)!.meta as { hash: string }).hash },
            }),
          )
        }),
        { numRuns: 200 },
      )
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("deadlines in working days", () => {
  it("skips weekends and holidays, and counts make-up working days", () => {
    const cal = WorkingCalendar.china2025
    expect(WorkingCalendar.addWorkingDays(cal, "2025-09-26" as never, 3)).toBe("2025-09-30") // Sunday 28 September is worked
    expect(WorkingCalendar.addWorkingDays(cal, "2025-09-26" as never, 4)).toBe("2025-10-09") // 1–8 October are off
    expect(WorkingCalendar.workingDaysBetween(cal, "2025-09-26" as never, "2025-10-09" as never)).toBe(4)
    expect(WorkingCalendar.addWorkingDays(WorkingCalendar.weekdays, "2025-06-06" as never, 1)).toBe("2025-06-09")
    expect(
      WorkingCalendar.workingDaysBetween(WorkingCalendar.weekdays, "2025-06-09" as never, "2025-06-06" as never),
    ).toBe(-1)
  })

  it.effect("overdue lists late cases with how late, in working days", () =>
    Effect.gen(function* () {
      yield* setup
      yield* engine.open(district, caseRecord("late"), actors.office, { at: "2025-06-02T01:00:00.000Z" })
      yield* engine.open(district, caseRecord("fresh"), actors.office, { at: "2025-06-20T01:00:00.000Z" })
      yield* engine.open(district, caseRecord("done"), actors.office, { at: "2025-06-02T01:00:00.000Z" })
      yield* engine.dispatch(
        district,
        "done" as Ids.CaseId,
        { type: "reject", payload: payloads["reject"] },
        actors.chair,
        { at: "2025-06-03T01:00:00.000Z" },
      )
      const loaded = yield* Effect.forEach(["late", "fresh", "done"], (id) => engine.load(district, id as Ids.CaseId))
      const late = Workflow.overdue(loaded, "2025-06-25" as never, WorkingCalendar.china2025)
      // Opened Monday 2 June (the Dragon Boat holiday): ten working days later is Monday 16 June, and
      // 25 June is seven working days after that.
      expect(late).toEqual([
        { caseId: "late", stage: "collected", command: "approve", due: "2025-06-16", workingDaysLate: 7 },
      ])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("outcomes", () => {
  it.effect("progress moves forward only, 100 completes, reopening allows less", () =>
    Effect.gen(function* () {
      const store = yield* setup
      yield* store.upsert(district, "outcomes", [
        {
          id: "o1" as Ids.OutcomeId,
          title: "燃气管道改造",
          handlingUnit: "区燃气办",
          status: "assigned",
          progress: 0,
          assignedOn: "2025-03-01" as never,
          implemented: false,
          milestones: [],
        },
      ])
      const o1 = "o1" as Ids.OutcomeId
      yield* Outcomes.recordProgress(district, { outcomeId: o1, progress: 40, on: "2025-04-01" as never })
      expect(
        yield* Effect.flip(
          Outcomes.recordProgress(district, { outcomeId: o1, progress: 30, on: "2025-04-02" as never }),
        ),
      ).toMatchObject({ _tag: "ProgressWentBack", current: 40, given: 30 })
      yield* Outcomes.recordProgress(district, { outcomeId: o1, progress: 76, on: "2025-06-01" as never })
      expect(Option.getOrThrow(yield* store.get(district, "outcomes", o1))).toMatchObject({
        progress: 76,
        status: "in-progress",
      })
      yield* Outcomes.recordProgress(district, { outcomeId: o1, progress: 100, on: "2025-09-01" as never })
      expect(Option.getOrThrow(yield* store.get(district, "outcomes", o1))).toMatchObject({
        progress: 100,
        status: "completed",
        completedOn: "2025-09-01",
      })
      expect(
        (yield* Effect.flip(
          Outcomes.recordProgress(district, { outcomeId: o1, progress: 100, on: "2025-09-02" as never }),
        ))._tag,
      ).toBe("OutcomeCompleted")
      yield* Outcomes.reopen(district, { outcomeId: o1, on: "2025-09-10" as never, reason: "验收发现漏点" })
      yield* Outcomes.recordProgress(district, { outcomeId: o1, progress: 90, on: "2025-09-11" as never })
      const final = Option.getOrThrow(yield* store.get(district, "outcomes", o1))
      expect([final.progress, final.status, final.completedOn]).toEqual([90, "in-progress", undefined])
      expect((yield* store.listProgress(district, o1)).map((u) => u.progress)).toEqual([40, 76, 100, 100, 90])
      expect(
        (yield* Effect.flip(
          Outcomes.recordProgress(district, {
            outcomeId: "none" as Ids.OutcomeId,
            progress: 1,
            on: "2025-09-11" as never,
          }),
        ))._tag,
      ).toBe("NotFound")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("plugins", () => {
  const v1 = Workflow.define({
    id: "claiming",
    version: 1,
    labels: { "zh-CN": "议题认领", en: "Topic claiming" },
    stages: {
      published: { labels: { "zh-CN": "已发布", en: "Published" } },
      claimed: { labels: { "zh-CN": "已认领", en: "Claimed" }, terminal: true },
    },
    roles: { member: { "zh-CN": "委员", en: "Member" } },
    initial: "published",
    transitions: {
      claim: { from: "published", to: "claimed", roles: ["member"], payload: Schema.Struct({ group: Schema.String }) },
    },
  })
  const v2 = Workflow.define({
    ...v1,
    version: 2,
    stages: {
      ...v1.stages,
      done: { labels: { "zh-CN": "已完成", en: "Done" }, terminal: true },
      claimed: { labels: { "zh-CN": "已认领", en: "Claimed" } },
    },
    transitions: {
      ...v1.transitions,
      finish: { from: "claimed", to: "done", roles: ["member"], payload: Schema.Struct({}) },
    },
  })
  const claiming = (version: 1 | 2) =>
    Plugin.define({
      id: `claiming-v${version}`,
      version: `${version}.0.0`,
      requires: "^0.1.0",
      workflows: [version === 1 ? v1 : v2],
    })

  it("rejects duplicate ids, incompatible versions and conflicting workflows, activity types and rules, all at once", () => {
    const bad = PluginHost.make(
      [
        claiming(1),
        { ...claiming(1), version: "1.0.1" },
        Plugin.define({ id: "old", version: "1.0.0", requires: "^2.0.0" }),
        Plugin.define({ id: "Bad_Id", version: "one", requires: "whenever" }),
        Plugin.define({
          id: "types",
          version: "1.0.0",
          requires: "*",
          activityTypes: [{ id: "research" as never, labels: { "zh-CN": "调研", en: "Research" } }],
        }),
        Plugin.define({ id: "std", version: "1.0.0", requires: "*", workflows: [StandardWorkflow.consultation] }),
      ],
      { coreVersion: "0.1.0" },
    )
    expect(Result.isFailure(bad)).toBe(true)
    if (Result.isFailure(bad)) {
      expect(bad.failure.issues.map((i) => [i.path, i.code])).toEqual([
        ["plugins[1].id", "duplicate-plugin"],
        ["plugins[1].workflows[0]", "duplicate-workflow"],
        ["plugins[2].requires", "incompatible"],
        ["plugins[3].id", "invalid-id"],
        ["plugins[3].version", "invalid-version"],
        ["plugins[3].requires", "invalid-range"],
        ["plugins[4].activityTypes[0]", "duplicate-activityType"],
        ["plugins[5].workflows[0]", "duplicate-workflow"],
      ])
      expect(bad.failure.message).toContain("needs @tongxin/core ^2.0.0, but this is 0.1.0")
    }
  })

  it("an unreleased core (0.0.0, a checkout before its first release) satisfies every valid range, and only those", () => {
    const plugins = [
      Plugin.define({ id: "old", version: "1.0.0", requires: "^2.0.0" }),
      Plugin.define({ id: "new", version: "1.0.0", requires: ">=0.1.0 <0.2.0" }),
    ]
    const unreleased = { coreVersion: PluginHost.unreleased }
    expect(Result.isSuccess(PluginHost.make(plugins, unreleased))).toBe(true)
    expect(Result.isFailure(PluginHost.make(plugins, { coreVersion: "0.1.0" }))).toBe(true)
    const invalid = PluginHost.make([Plugin.define({ id: "odd", version: "1.0.0", requires: "whenever" })], unreleased)
    expect(Result.isFailure(invalid) && invalid.failure.issues.map((i) => i.code)).toEqual(["invalid-range"])
  })

  it.effect("cases opened under a workflow's version 1 keep running under version 1 after version 2 arrives", () =>
    Effect.gen(function* () {
      yield* setup
      const before = Result.getOrThrow(PluginHost.make([claiming(1)])).engine()
      const record = { ...caseRecord("claim-1"), workflow: { id: "claiming", version: 1 } }
      yield* before.open(district, record, actors.office)
      const both = Result.getOrThrow(PluginHost.make([claiming(1), { ...claiming(2), id: "claiming-next" }]))
      expect(Option.getOrThrow(both.workflow("claiming")).version).toBe(2)
      const after = both.engine()
      const claimed = yield* after.dispatch(
        district,
        "claim-1" as Ids.CaseId,
        { type: "claim", payload: { group: "第一组" } },
        actors.member,
      )
      expect([claimed.state.workflow.version, claimed.state.terminal]).toEqual([1, true])
      yield* after.open(district, { ...caseRecord("claim-2"), workflow: { id: "claiming", version: 2 } }, actors.office)
      yield* after.dispatch(
        district,
        "claim-2" as Ids.CaseId,
        { type: "claim", payload: { group: "第二组" } },
        actors.member,
      )
      const done = yield* after.dispatch(
        district,
        "claim-2" as Ids.CaseId,
        { type: "finish", payload: {} },
        actors.member,
      )
      expect(done.state.stage).toBe("done")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it("a definition with unknown stages or roles does not define", () => {
    expect(() =>
      Workflow.define({
        id: "broken",
        version: 1,
        labels: { "zh-CN": "坏", en: "Broken" },
        stages: { a: { labels: { "zh-CN": "甲", en: "A" }, terminal: true } },
        roles: { r: { "zh-CN": "角色", en: "Role" } },
        initial: "a",
        transitions: { go: { from: "a", to: "a", roles: ["r"], payload: Schema.Struct({}) } },
      }),
    ).toThrow(/"a" is terminal/)
  })
})

describe("review regressions", () => {
  it.effect("dispatch returns the stored event with its real position", () =>
    Effect.gen(function* () {
      const store = yield* setup
      yield* engine.open(district, caseRecord("pos-a"), actors.office)
      yield* engine.open(district, caseRecord("pos-b"), actors.office)
      const r = yield* engine.dispatch(district, "pos-a" as Ids.CaseId, { type: "approve", payload: {} }, actors.chair)
      expect(r.event.position).toBe(3)
      expect(r.event).toEqual((yield* store.readCase(district, "pos-a" as Ids.CaseId))[1])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("a command time that is not an ISO date-time is refused before anything is written", () =>
    Effect.gen(function* () {
      const store = yield* setup
      expect(
        yield* Effect.flip(engine.open(district, caseRecord("when"), actors.office, { at: "next tuesday" })),
      ).toMatchObject({ _tag: "InvalidPayload", issues: [{ path: "at" }] })
      yield* engine.open(district, caseRecord("when"), actors.office)
      expect(
        (yield* Effect.flip(
          engine.dispatch(district, "when" as Ids.CaseId, { type: "approve", payload: {} }, actors.chair, {
            at: "2025-13-45T99:00:00Z",
          }),
        ))._tag,
      ).toBe("InvalidPayload")
      expect((yield* store.readCase(district, "when" as Ids.CaseId)).length).toBe(1)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("a report cannot take over another case's outcome item", () =>
    Effect.gen(function* () {
      const store = yield* setup
      for (const id of ["own-a", "own-b"]) {
        yield* engine.open(district, caseRecord(id), actors.office)
        for (const [command, actor] of happyPath.slice(0, 4))
          yield* engine.dispatch(district, id as Ids.CaseId, { type: command, payload: payloads[command] }, actor)
      }
      yield* engine.dispatch(
        district,
        "own-a" as Ids.CaseId,
        { type: "report", payload: payloads["report"] },
        actors.convener,
      )
      const taken = yield* Effect.flip(
        engine.dispatch(
          district,
          "own-b" as Ids.CaseId,
          { type: "report", payload: payloads["report"] },
          actors.convener,
        ),
      )
      expect(taken).toMatchObject({ _tag: "InvalidInput", issues: [{ path: "payload.outcomes[0].id", code: "taken" }] })
      expect(Option.getOrThrow(yield* store.get(district, "outcomes", "o-lift")).caseId).toBe("own-a")
      expect((yield* store.readCase(district, "own-b" as Ids.CaseId)).length).toBe(5)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("a case written around the engine is a typed replay error, not a crash", () =>
    Effect.gen(function* () {
      const store = yield* setup
      yield* store.append(district, "raw" as Ids.CaseId, 0, [{ type: "opened", data: null }])
      expect((yield* Effect.flip(engine.load(district, "raw" as Ids.CaseId)))._tag).toBe("ReplayError")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("re-importing a district", () => {
  it.effect("withCaseOutcomes keeps the outcome items cases created, and nothing else", () =>
    Effect.gen(function* () {
      const store = yield* setup
      const base = {
        id: "o-data" as Ids.OutcomeId,
        title: "数据中的成果",
        handlingUnit: "区住建局",
        status: "assigned" as const,
        progress: 0,
        assignedOn: "2025-03-01" as never,
        implemented: false,
        milestones: [],
      }
      yield* store.upsert(district, "outcomes", [
        base,
        { ...base, id: "o-case" as Ids.OutcomeId, caseId: "c1" as Ids.CaseId },
        { ...base, id: "o-gone" as Ids.OutcomeId },
      ])
      const document = {
        district: info,
        units: [],
        platforms: [],
        members: [],
        committees: [],
        partyBranches: [],
        studios: [],
        specialCommittees: [],
        guidance: [],
        activities: [],
        submissions: [],
        outcomes: [base],
      } as never
      const kept = yield* Outcomes.withCaseOutcomes(document)
      expect(kept.outcomes.map((o) => o.id)).toEqual(["o-data", "o-case"])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})
