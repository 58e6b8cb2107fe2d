import { describe, expect, it } from "@effect/vitest"
import { type Ids, Workflow } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { completedStages, holderOf, holdingStages, mirrorIdOf, publishTopic, unclaimed } from "../src/index.js"
import { actors, district, groups, registryOf, setup, stores } from "./fixtures.js"

const topics = ["p0", "p1", "p2", "p3"] as const
const teams = [
  { group: groups.a, leader: actors.leaderA },
  { group: groups.b, leader: actors.leaderB },
  { group: groups.c, leader: actors.leaderC },
] as const
const maxTopicsPerGroup = 2

// A random command on a random topic from a random group (the office releases now and then).
const step = fc.record({
  // Weighted so that runs often get as far as completion; a withdrawal ends a topic early.
  op: fc.oneof(
    { arbitrary: fc.constant("claim" as const), weight: 4 },
    { arbitrary: fc.constant("report" as const), weight: 4 },
    { arbitrary: fc.constant("complete" as const), weight: 3 },
    { arbitrary: fc.constant("release" as const), weight: 2 },
    { arbitrary: fc.constant("close" as const), weight: 3 },
    { arbitrary: fc.constant("withdraw" as const), weight: 1 },
  ),
  topic: fc.nat(topics.length - 1),
  // Mostly the topic's "home" group (so claims often lead on to completion), else any group.
  team: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.nat(teams.length - 1), weight: 2 }),
  progress: fc.nat(99),
  byOffice: fc.boolean(),
})
type Step = typeof step extends fc.Arbitrary<infer A> ? A : never

const command = (s: Step): { readonly actor: Workflow.Actor; readonly type: string; readonly payload: unknown } => {
  const { group, leader } = teams[s.team ?? s.topic % teams.length]!
  const commands = {
    claim: { actor: leader, type: "claim", payload: { ...group, plan: "方案" } },
    release: {
      actor: s.byOffice ? actors.office : leader,
      type: "release",
      payload: { groupId: group.groupId, reason: "调整" },
    },
    report: { actor: leader, type: "report", payload: { groupId: group.groupId, progress: s.progress, note: "进展" } },
    complete: { actor: leader, type: "complete", payload: { groupId: group.groupId, summary: "完成" } },
    close: { actor: actors.office, type: "close", payload: {} },
    withdraw: { actor: actors.yejinOffice, type: "withdraw", payload: { reason: "撤回" } },
  }
  return commands[s.op]
}

// One run known to reach every kind of step: a completion and close, a veto at the limit, a release.
const walkthrough: ReadonlyArray<Step> = (
  [
    ["claim", 0],
    ["report", 0],
    ["complete", 0],
    ["close", 0],
    ["claim", 1],
    ["claim", 2],
    ["claim", 3],
    ["release", 1],
    ["claim", 3],
  ] as const
).map(([op, topic]) => ({ op, topic, team: 0, progress: 10, byOffice: false }))

// What the runs did, so a property that never reaches completions or vetoes does not pass unseen.
const seen = { completed: 0, released: 0, vetoed: 0, closed: 0 }

// Runs the steps, checking the rules after every one.
const run = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    const store = yield* setup
    const registry = registryOf({ maxTopicsPerGroup })
    const engine = registry.engine()
    for (const t of topics)
      yield* publishTopic(
        engine,
        district,
        { caseId: t, title: `议题${t}`, streetId: "yejin", expectedOutput: "方案" },
        actors.yejinOffice,
      )
    const completed = new Set<string>()
    const progress = new Map<string, number>()
    for (const s of steps) {
      const c = command(s)
      const caseId = topics[s.topic]! as Ids.CaseId
      const before = (yield* engine.load(district, caseId)).state
      const result = yield* Effect.result(
        engine.dispatch(district, caseId, { type: c.type, payload: c.payload }, c.actor),
      )
      if (Result.isSuccess(result) && c.type === "claim")
        expect(holderOf(before), "a held topic is never claimed again").toBeUndefined()
      if (Result.isSuccess(result) && c.type === "complete") seen.completed++
      if (Result.isSuccess(result) && c.type === "release") seen.released++
      if (Result.isSuccess(result) && c.type === "close") seen.closed++
      if (Result.isFailure(result) && result.failure._tag === "Vetoed") seen.vetoed++
      if (Result.isFailure(result))
        expect((yield* store.readCase(district, caseId)).length, "a refused command appends nothing").toBe(
          before.version,
        )

      const states = yield* Effect.forEach(topics, (t) =>
        Effect.map(engine.load(district, t as Ids.CaseId), (l) => l.state),
      )
      const held = new Map<string, number>()
      for (const state of states) {
        const holder = holderOf(state)
        // Completed topics stay completed.
        if (completed.has(state.caseId)) expect(completedStages).toContain(state.stage)
        if (completedStages.includes(state.stage)) completed.add(state.caseId)
        // One holder at a time, and the mirror names it.
        const mirror = yield* store.get(district, "outcomes", mirrorIdOf(state.caseId))
        if (state.stage === "withdrawn") expect(Option.isNone(mirror)).toBe(true)
        else {
          const o = Option.getOrThrow(mirror)
          expect(o.handlingUnit).toBe(
            holdingStages.includes(state.stage) || completed.has(state.caseId) ? holder!.groupName : unclaimed,
          )
          // Progress never goes back.
          expect(o.progress).toBeGreaterThanOrEqual(progress.get(state.caseId) ?? 0)
          progress.set(state.caseId, o.progress)
        }
        if (holdingStages.includes(state.stage)) held.set(holder!.groupId, (held.get(holder!.groupId) ?? 0) + 1)
      }
      for (const n of held.values()) expect(n, "the claim limit holds").toBeLessThanOrEqual(maxTopicsPerGroup)
    }
    // In every case's history, claims and releases alternate: never two holders at once.
    for (const t of topics) {
      const events = yield* store.readCase(district, t as Ids.CaseId)
      let holders = 0
      for (const e of events) {
        if (e.type === "claim") holders++
        if (e.type === "release") holders--
        expect(holders === 0 || holders === 1).toBe(true)
      }
      expect(Result.isSuccess(Workflow.verifyChain(t, events))).toBe(true)
    }
  })

describe.each(stores)("topic-claiming properties on %s", (name, layer) => {
  it.effect(
    "random claims, releases and completions by random groups: one holder at most, completed stays completed",
    () =>
      Effect.gen(function* () {
        const before = { ...seen }
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 60, size: "max" }), (steps) =>
              Effect.runPromise(run(steps).pipe(Effect.provide(layer()), Effect.orDie)),
            ),
            { numRuns: name === "MemoryStore" ? 100 : 30, examples: [[walkthrough]] },
          ),
        )
        // The walkthrough gives one of each; the hundred random runs on MemoryStore must add more.
        const least = name === "MemoryStore" ? 2 : 1
        for (const k of ["completed", "released", "vetoed", "closed"] as const)
          expect(seen[k] - before[k], `runs with a successful or vetoed ${k}`).toBeGreaterThanOrEqual(least)
      }),
  )
})
