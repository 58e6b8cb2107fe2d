import { describe, expect, it } from "@effect/vitest"
import {
  Coverage,
  District,
  type Ids,
  Period,
  PluginHost,
  Scoring,
  Store,
  Workflow,
  WorkingCalendar,
} from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import {
  announceCompletion,
  announceCompletionFromStore,
  coverageRuleId,
  loadStates,
  mirrorIdOf,
  publishTopic,
  type TopicWorkflowV2,
  unclaimed,
} from "../src/index.js"
import { actors, at, district, groups, registryOf, setup, stores } from "./fixtures.js"

const id = (s: string) => s as Ids.CaseId

// A rubric with no items of its own: the plugin adds its category and item.
const rubricDoc = {
  id: "qingshan-2025",
  name: { "zh-CN": "青山区委员履职考评", en: "Qingshan member evaluation" },
  categories: [],
  grades: [{ id: "all", labels: { "zh-CN": "全部", en: "All" } }],
}

describe.each(stores)("topic claiming end to end on %s", (_, layer) => {
  it.effect(
    "publish, claim, report, release, complete, close and withdraw; the mirror, coverage, scoring and the announcement agree",
    () =>
      Effect.gen(function* () {
        const store = yield* setup
        const registry = registryOf()
        const engine = registry.engine()
        const send = (caseId: string, command: Workflow.Command<TopicWorkflowV2>, actor: Workflow.Actor, day: string) =>
          engine.dispatch<TopicWorkflowV2>(district, id(caseId), command, actor, { at: at(day) })

        // Yejin publishes three topics and Xingouqiao two; one draft is withdrawn before publishing.
        const publish = (caseId: string, title: string, streetId: string, actor: Workflow.Actor) =>
          publishTopic(engine, district, { caseId, title, streetId, expectedOutput: `${title}方案` }, actor, {
            at: at("2025-03-03"),
          })
        const t1 = yield* publish("t1", "老旧小区加装电梯", "yejin", actors.yejinOffice)
        expect([t1.state.stage, t1.state.version, t1.state.workflow.version]).toEqual(["published", 2, 2])
        yield* publish("t2", "燃气管道改造", "yejin", actors.yejinOffice)
        yield* publish("t3", "社区停车难", "yejin", actors.yejinOffice)
        yield* publish("t4", "菜市场提档升级", "xingouqiao", actors.xgqOffice)
        yield* publish("t6", "重复发布的议题", "xingouqiao", actors.xgqOffice)
        yield* send("t6", { type: "withdraw", payload: { reason: "与 t4 重复" } }, actors.xgqOffice, "2025-03-04")
        yield* engine.open(
          district,
          {
            id: id("t5"),
            topic: "草拟",
            source: "committee",
            unitId: "yejin" as Ids.UnitId,
            workflow: { id: "topic-claiming", version: 2 },
            openedOn: "2025-03-03" as never,
          },
          actors.yejinOffice,
        )
        yield* send("t5", { type: "withdraw", payload: { reason: "未成熟" } }, actors.yejinOffice, "2025-03-04")

        // Group A takes t1 through to closed.
        const plan = "分三步推进"
        yield* send("t1", { type: "claim", payload: { ...groups.a, plan } }, actors.leaderA, "2025-03-05")
        yield* send(
          "t1",
          { type: "report", payload: { groupId: "group-a", progress: 40, note: "完成入户调查" } },
          actors.memberA,
          "2025-04-01",
        )
        yield* send(
          "t1",
          { type: "report", payload: { groupId: "group-a", progress: 80, note: "形成方案" } },
          actors.leaderA,
          "2025-05-01",
        )
        yield* send(
          "t1",
          { type: "complete", payload: { groupId: "group-a", summary: "12 部电梯开工" } },
          actors.leaderA,
          "2025-06-10",
        )
        const closed = yield* send("t1", { type: "close", payload: { note: "验收通过" } }, actors.office, "2025-06-20")
        expect([closed.state.stage, closed.state.terminal]).toEqual(["closed", true])

        // Group A claims t2, gets half way and releases it; group B continues from there.
        yield* send("t2", { type: "claim", payload: { ...groups.a, plan } }, actors.leaderA, "2025-03-06")
        yield* send(
          "t2",
          { type: "report", payload: { groupId: "group-a", progress: 50, note: "摸排完成" } },
          actors.leaderA,
          "2025-04-02",
        )
        const released = yield* send(
          "t2",
          { type: "release", payload: { groupId: "group-a", reason: "人手不足" } },
          actors.leaderA,
          "2025-04-10",
        )
        expect(released.state.stage).toBe("published")
        expect(Option.getOrThrow(yield* store.get(district, "outcomes", mirrorIdOf("t2")))).toMatchObject({
          handlingUnit: unclaimed,
          status: "assigned",
          progress: 50,
        })
        yield* send("t2", { type: "claim", payload: { ...groups.b, plan } }, actors.leaderB, "2025-04-11")
        yield* send(
          "t2",
          { type: "report", payload: { groupId: "group-b", progress: 60, note: "施工过半" } },
          actors.leaderB,
          "2025-05-11",
        )
        yield* send(
          "t2",
          { type: "complete", payload: { groupId: "group-b", summary: "管道全部更换" } },
          actors.leaderB,
          "2025-07-01",
        )

        // Group B holds t4; t3 stays unclaimed.
        yield* send("t4", { type: "claim", payload: { ...groups.b, plan } }, actors.leaderB, "2025-03-10")

        // The mirror: one outcome item per published topic, progress updates, a completion activity.
        const items = (yield* store.list(district, "outcomes")).items
        expect(items.map((o) => [o.id, o.handlingUnit, o.status, o.progress, o.implemented])).toEqual([
          ["topic:t1", "第一小组", "completed", 100, true],
          ["topic:t2", "第二小组", "completed", 100, false],
          ["topic:t3", unclaimed, "assigned", 0, false],
          ["topic:t4", "第二小组", "in-progress", 0, false],
        ])
        expect(
          (yield* store.listProgress(district, mirrorIdOf("t2") as Ids.OutcomeId)).map((u) => [u.progress, u.by]),
        ).toEqual([
          [50, "m1"],
          [60, "m4"],
          [100, "m4"],
        ])
        const activity = Option.getOrThrow(yield* store.get(district, "activities", mirrorIdOf("t1")))
        expect(activity).toMatchObject({
          type: "topic-completion",
          date: "2025-06-10",
          unitId: "yejin",
          organiser: { kind: "district" },
        })
        expect(activity.attendance.map((r) => r.memberId)).toEqual(["m1", "m2", "m3"])

        // Coverage over the district as the store holds it now.
        const loaded = Option.getOrThrow(yield* store.loadDistrict(district))
        const year = Period.year(2025)
        const report = Coverage.check(loaded, { rules: [...registry.coverageRules], period: year })
        const result = report.results.find((r) => r.id === coverageRuleId)!
        expect([result.covered, result.total]).toEqual([1, 2])
        expect(result.gaps.map((g) => [g.subject.id, g.reason])).toEqual([["yejin", "unclaimed-topics"]])
        expect(result.gaps[0]!.message["zh-CN"]).toBe(
          "冶金街道在 2025 发布的 3 个议题中有 1 个未被认领：“社区停车难”（t3）",
        )

        // Scoring: five points per completed topic for each member of the group that completed it.
        const rubric = Result.getOrThrow(
          Scoring.parseRubric(PluginHost.extendRubric(registry, rubricDoc), {
            selectors: registry.selectors,
            activityTypes: registry.activityTypes.map((t) => t.id),
          }),
        )
        const evaluation = Scoring.evaluate(rubric, loaded, { period: year, selectors: registry.selectors })
        expect(evaluation.scores.map((s) => [s.id, s.total])).toEqual([
          ["m1", 5],
          ["m2", 5],
          ["m3", 5],
          ["m4", 5],
          ["m5", 5],
          ["m6", 0],
        ])
        const why = Scoring.explain(rubric, loaded, "m4", { period: year, selectors: registry.selectors })
        expect(why?.lines.find((l) => l.kind === "item")).toMatchObject({
          item: "claimed-topics",
          points: 5,
          records: [{ recordId: "topic:t2", points: 5 }],
        })
        expect(
          Scoring.evaluate(rubric, loaded, { period: Period.year(2024), selectors: registry.selectors }).scores.every(
            (s) => s.total === 0,
          ),
        ).toBe(true)

        // The announcement, over replayed states and over the store.
        const states = yield* loadStates(district, registry.workflows)
        const pure = announceCompletion(states, 2025, { thisYear: 2026 })
        expect(pure).toEqual({
          year: 2025,
          published: 4,
          claimed: 3,
          completed: 2,
          byStreet: [
            { streetId: "xingouqiao", published: 1, claimed: 1, completed: 0 },
            { streetId: "yejin", published: 3, claimed: 2, completed: 2 },
          ],
          text: { "zh-CN": "去年认领议题 3 个，已完成 2 个", en: "Last year, 3 topics were claimed and 2 completed" },
        })
        expect(yield* announceCompletionFromStore(district, 2025, registry.workflows, { thisYear: 2026 })).toEqual(pure)
        // The same from engine.load, case by case.
        const viaEngine = yield* Effect.forEach(["t1", "t2", "t3", "t4", "t5", "t6"], (c) =>
          Effect.map(engine.load(district, id(c)), (l) => l.state),
        )
        expect(announceCompletion(viaEngine, 2025).text["zh-CN"]).toBe("2025 年认领议题 3 个，已完成 2 个")

        // Every case's events still form an unbroken chain.
        for (const c of ["t1", "t2", "t3", "t4", "t5", "t6"])
          expect(Result.isSuccess(Workflow.verifyChain(c, yield* store.readCase(district, id(c))))).toBe(true)

        // The district with the plugin's records is valid once the plugin's activity type is known.
        expect(District.validate(loaded, { activityTypes: registry.activityTypes.map((t) => t.id) })).toEqual([])
        // importDistrict knows only the district's own types: re-importing needs the type declared.
        const refusedImport = yield* Effect.flip(store.importDistrict(loaded))
        expect(refusedImport._tag === "InvalidInput" && refusedImport.issues.map((i) => [i.path, i.code])).toEqual([
          ["activities[0].type", "unknown-activity-type"],
          ["activities[1].type", "unknown-activity-type"],
        ])
        const declared = {
          ...loaded,
          district: {
            ...loaded.district,
            activityTypes: [...loaded.district.activityTypes, ...registry.activityTypes],
          },
        }
        expect((yield* store.importDistrict(declared)).counts).toMatchObject({ outcomes: 4, activities: 2 })
      }).pipe(Effect.provide(layer())),
  )

  it.effect(
    "refuses, in both languages, the wrong role, the wrong stage, bad payloads, guards and the claim limit — appending nothing",
    () =>
      Effect.gen(function* () {
        const store = yield* setup
        const engine = registryOf({ maxTopicsPerGroup: 2 }).engine()
        for (const c of ["r1", "r2", "r3"])
          yield* publishTopic(
            engine,
            district,
            { caseId: c, title: `议题${c}`, streetId: "yejin", expectedOutput: "方案" },
            actors.yejinOffice,
          )
        const refused = (caseId: string, type: string, payload: unknown, actor: Workflow.Actor) =>
          Effect.flip(engine.dispatch(district, id(caseId), { type, payload }, actor))
        const claimA = { ...groups.a, plan: "方案" }

        const role = yield* refused("r1", "claim", claimA, actors.memberA)
        expect(role).toMatchObject({ _tag: "CommandRefused", reason: "not-allowed" })
        expect(role.message).toContain("groupLeader (小组组长)")
        expect(
          yield* refused(
            "r1",
            "publish",
            { title: "再发布", streetId: "yejin", expectedOutput: "x" },
            actors.yejinOffice,
          ),
        ).toMatchObject({ reason: "wrong-stage", detail: { en: "possible now: withdraw, claim" } })
        expect(yield* refused("r1", "complete", { groupId: "group-a", summary: "完成" }, actors.leaderA)).toMatchObject(
          { reason: "wrong-stage" },
        )
        expect(yield* refused("r1", "adopt", {}, actors.leaderA)).toMatchObject({ reason: "unknown-command" })

        const payload = yield* refused("r1", "claim", { ...claimA, memberIds: "m1", extra: true }, actors.leaderA)
        expect(payload._tag === "InvalidPayload" && payload.issues.map((i) => i.path).sort()).toEqual([
          "payload.extra",
          "payload.memberIds",
        ])
        // Version 2 needs the plan.
        const noPlan = yield* refused("r1", "claim", groups.a, actors.leaderA)
        expect(noPlan._tag === "InvalidPayload" && noPlan.issues.map((i) => i.path)).toEqual(["payload.plan"])

        const empty = yield* refused("r1", "claim", { ...claimA, memberIds: [] }, actors.leaderA)
        expect(empty).toMatchObject({ reason: "guard", detail: { "zh-CN": "“第一小组”至少需要 1 名成员才能认领议题" } })
        expect(yield* refused("r1", "claim", { ...claimA, memberIds: ["m2", "m3"] }, actors.leaderA)).toMatchObject({
          reason: "guard",
          detail: { en: "the leader m1 must be a member of 第一小组" },
        })
        expect(yield* refused("r1", "claim", { ...claimA, memberIds: ["m1", "m1"] }, actors.leaderA)).toMatchObject({
          reason: "guard",
        })

        yield* engine.dispatch(district, id("r1"), { type: "claim", payload: claimA }, actors.leaderA)
        yield* engine.dispatch(
          district,
          id("r1"),
          { type: "report", payload: { groupId: "group-a", progress: 30, note: "启动" } },
          actors.leaderA,
        )
        expect(yield* refused("r1", "claim", { ...groups.b, plan: "方案" }, actors.leaderB)).toMatchObject({
          reason: "wrong-stage",
        })
        expect(yield* refused("r1", "release", { groupId: "group-b", reason: "想换" }, actors.leaderB)).toMatchObject({
          reason: "guard",
          detail: { "zh-CN": "该议题由“第一小组”认领，不属于小组 group-b" },
        })
        expect(yield* refused("r1", "release", { groupId: "group-a", reason: "冒名" }, actors.leaderB)).toMatchObject({
          reason: "guard",
          detail: { en: "m4 is not a member of 第一小组" },
        })
        expect(
          yield* refused("r1", "report", { groupId: "group-a", progress: 20, note: "倒退" }, actors.memberA),
        ).toMatchObject({ reason: "guard", detail: { "zh-CN": "进度只能前进：当前已达 30%" } })
        expect(
          yield* refused("r1", "report", { groupId: "group-a", progress: 100, note: "完成" }, actors.memberA),
        ).toMatchObject({ _tag: "InvalidPayload" })
        expect(yield* refused("r1", "withdraw", { reason: "不做了" }, actors.yejinOffice)).toMatchObject({
          reason: "wrong-stage",
        })

        // The claim limit: group A holds r1, claims r2, and is stopped at r3.
        yield* engine.dispatch(district, id("r2"), { type: "claim", payload: claimA }, actors.leaderA)
        const veto = yield* refused("r3", "claim", claimA, actors.leaderA)
        expect(veto).toMatchObject({ _tag: "Vetoed", hook: "topic-claiming-limit" })
        expect(veto.message).toContain("第一小组 already holds 2 open topic(s), the most a group may hold (2): r1, r2")
        const before = (yield* store.readCase(district, id("r3"))).length
        // The office releases r2 for the group: the slot is free again.
        yield* engine.dispatch(
          district,
          id("r2"),
          { type: "release", payload: { groupId: "group-a", reason: "调整分工" } },
          actors.office,
        )
        yield* engine.dispatch(district, id("r3"), { type: "claim", payload: claimA }, actors.leaderA)
        expect((yield* store.readCase(district, id("r3"))).length).toBe(before + 1)
        expect((yield* store.readCase(district, id("r1"))).length).toBe(4)
      }).pipe(Effect.provide(layer())),
  )

  it.effect("two groups claiming one topic at once: exactly one gets it", () =>
    Effect.gen(function* () {
      const store = yield* setup
      const engine = registryOf().engine()
      yield* publishTopic(
        engine,
        district,
        { caseId: "race", title: "抢认领", streetId: "yejin", expectedOutput: "方案" },
        actors.yejinOffice,
      )
      const claims = [
        [groups.a, actors.leaderA],
        [groups.b, actors.leaderB],
        [groups.c, actors.leaderC],
      ] as const
      const results = yield* Effect.forEach(
        claims,
        ([g, actor]) =>
          Effect.result(
            engine.dispatch(district, id("race"), { type: "claim", payload: { ...g, plan: "方案" } }, actor),
          ),
        { concurrency: "unbounded" },
      )
      expect(results.filter(Result.isSuccess).length).toBe(1)
      for (const r of results)
        if (Result.isFailure(r)) expect(["VersionConflict", "CommandRefused"]).toContain(r.failure._tag)
      expect((yield* store.readCase(district, id("race"))).map((e) => e.type)).toEqual(["opened", "publish", "claim"])
    }).pipe(Effect.provide(layer())),
  )

  it.effect("a published topic is overdue once it waits more than claimWorkingDays working days", () =>
    Effect.gen(function* () {
      yield* setup
      const engine = registryOf({ claimWorkingDays: 10 }).engine()
      const publish = (caseId: string) =>
        publishTopic(
          engine,
          district,
          { caseId, title: caseId, streetId: "yejin", expectedOutput: "方案" },
          actors.yejinOffice,
          { at: at("2025-09-26") },
        )
      yield* publish("late")
      yield* publish("taken")
      yield* engine.dispatch(
        district,
        id("taken"),
        { type: "claim", payload: { ...groups.a, plan: "方案" } },
        actors.leaderA,
        { at: at("2025-10-09") },
      )
      const loaded = yield* Effect.forEach(["late", "taken"], (c) => engine.load(district, id(c)))
      // Sunday 28 September and Saturday 11 October are worked, 1–8 October are off: ten working
      // days after Friday 26 September is Thursday 16 October.
      expect(Workflow.overdue(loaded, "2025-10-16" as never, WorkingCalendar.china2025)).toEqual([])
      expect(Workflow.overdue(loaded, "2025-10-20" as never, WorkingCalendar.china2025)).toEqual([
        { caseId: "late", stage: "published", command: "claim", due: "2025-10-16", workingDaysLate: 2 },
      ])
    }).pipe(Effect.provide(layer())),
  )

  it.effect("cases opened under version 1 keep running under version 1 (claims without a plan) after version 2", () =>
    Effect.gen(function* () {
      yield* setup
      const engine = registryOf().engine()
      yield* publishTopic(
        engine,
        district,
        { caseId: "old", title: "旧议题", streetId: "yejin", expectedOutput: "方案", version: 1 },
        actors.yejinOffice,
        { at: at("2025-05-06") },
      )
      yield* publishTopic(
        engine,
        district,
        { caseId: "new", title: "新议题", streetId: "yejin", expectedOutput: "方案" },
        actors.yejinOffice,
        { at: at("2025-05-06") },
      )
      const withPlan = yield* Effect.flip(
        engine.dispatch(district, id("old"), { type: "claim", payload: { ...groups.a, plan: "方案" } }, actors.leaderA),
      )
      expect(withPlan._tag === "InvalidPayload" && withPlan.issues.map((i) => i.path)).toEqual(["payload.plan"])
      const old = yield* engine.dispatch(district, id("old"), { type: "claim", payload: groups.a }, actors.leaderA, {
        at: at("2025-05-07"),
      })
      const next = yield* engine.dispatch(
        district,
        id("new"),
        { type: "claim", payload: { ...groups.a, plan: "方案" } },
        actors.leaderA,
        { at: at("2025-05-07") },
      )
      expect([old.state.workflow.version, next.state.workflow.version]).toEqual([1, 2])
      const store = yield* Store.Store
      expect(yield* announceCompletionFromStore(district, 2025, registryOf().workflows)).toMatchObject({
        published: 2,
        claimed: 2,
      })
      // A host without version 1 cannot read the old case any more.
      const v2only = Result.getOrThrow(
        PluginHost.make([
          { ...registryOf().plugins[0]!, workflows: registryOf().workflows.filter((w) => w.version === 2) },
        ]),
      )
      expect(yield* Effect.flip(v2only.engine().load(district, id("old")))).toMatchObject({
        _tag: "UnknownWorkflow",
        version: 1,
      })
      expect((yield* store.readCase(district, id("old"))).length).toBe(3)
    }).pipe(Effect.provide(layer())),
  )
})
