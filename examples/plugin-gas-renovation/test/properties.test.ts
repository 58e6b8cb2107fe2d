// The plugin's own rule, checked for any sequence of commands: the works' progress never goes
// down unless they were reopened (by `reopen` or a failed acceptance), and the outcome item always
// says what the case's events say.
import { describe, expect, it } from "@effect/vitest"
import type { Ids, Workflow } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { outcomeIdOf, progressOf } from "../src/index.js"
import { actors, at, caseRecord, district, happyPath, payloads, registryOf, setup, stores } from "./fixtures.js"

const engine = registryOf().engine()

const step = fc.record({
  command: fc.constantFrom(
    "reportProgress",
    "reportProgress",
    "reportProgress",
    "reportProgress",
    "completeRenovation",
    "reopen",
    "failAcceptance",
    "passAcceptance",
    "schedule",
  ),
  // Mostly someone allowed to send the command, sometimes anyone.
  anyone: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    { arbitrary: fc.constantFrom<Workflow.Actor>(...Object.values(actors)), weight: 1 },
  ),
  percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
  day: fc.integer({ min: 1, max: 28 }),
})

const allowed: Record<string, Workflow.Actor> = {
  reportProgress: actors.gas,
  completeRenovation: actors.gas,
  reopen: actors.street,
  failAcceptance: actors.residents,
  passAcceptance: actors.street,
  schedule: actors.gas,
}

const payloadOf = (s: typeof step extends fc.Arbitrary<infer A> ? A : never): unknown => {
  const on = `2025-05-${String(s.day).padStart(2, "0")}`
  switch (s.command) {
    case "reportProgress":
      return { percent: s.percent, on }
    case "completeRenovation":
    case "reopen":
    case "failAcceptance":
    case "passAcceptance":
      return { ...payloads[s.command], on }
    default:
      return payloads.schedule
  }
}

for (const [name, layer] of stores) {
  describe(`progress on ${name}`, () => {
    it.effect("never goes down unless reopened; refused commands change nothing; the item matches the events", () =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.array(step, { maxLength: 30 }), (steps) =>
            Effect.runPromise(
              Effect.gen(function* () {
                const store = yield* setup()
                const c = "prop" as Ids.CaseId
                let state = yield* engine.open(district, caseRecord(c), actors.street, { at: at("2025-03-03") })
                for (const [command, actor, day] of happyPath.slice(0, 4)) {
                  state = (yield* engine.dispatch(district, c, { type: command, payload: payloads[command] }, actor, {
                    at: at(day),
                  })).state
                }
                for (const s of steps) {
                  const before = progressOf(state)
                  const item = yield* store.get(district, "outcomes", outcomeIdOf(c))
                  const result = yield* Effect.result(
                    engine.dispatch(
                      district,
                      c,
                      { type: s.command, payload: payloadOf(s) },
                      s.anyone ?? allowed[s.command]!,
                    ),
                  )
                  if (Result.isFailure(result)) {
                    expect((yield* store.readCase(district, c)).length, "a refused command appends nothing").toBe(
                      state.version,
                    )
                    expect(yield* store.get(district, "outcomes", outcomeIdOf(c))).toEqual(item)
                    continue
                  }
                  state = result.success.state
                  const after = progressOf(state)
                  if (s.command === "reportProgress" && !before.reopened)
                    expect(after.percent).toBeGreaterThanOrEqual(before.percent)
                  expect(Option.getOrThrow(yield* store.get(district, "outcomes", outcomeIdOf(c))).progress).toBe(
                    after.percent,
                  )
                }
                // The item's own history: each update at least the one before, unless that one reopened it.
                const history = yield* store.listProgress(district, outcomeIdOf(c))
                for (let i = 1; i < history.length; i++) {
                  if (history[i - 1]!.reopened !== true)
                    expect(history[i]!.progress).toBeGreaterThanOrEqual(history[i - 1]!.progress)
                }
              }).pipe(Effect.provide(layer)),
            ),
          ),
          { numRuns: name === "MemoryStore" ? 120 : 50 },
        ),
      ),
    )
  })
}
