// Group "events-concurrency": case event streams with optimistic concurrency.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Outcomes, Store } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Fixtures from "../Fixtures.js"
import { failure } from "../internal/helpers.js"
import type { Options } from "../Options.js"

const caseId = (s: string) => s as Ids.CaseId

// The guarantees these tests check, named in their failure messages.
const staleGuarantee = "guarantee: append refuses an expected version that is not the case's current one"
const raceGuarantee = "guarantee: of writers appending at the same expected version, exactly one succeeds"
const nothingWritten = "guarantee: a refused append writes nothing"

const tenant = (store: Store.Service) =>
  Effect.gen(function* () {
    const id = Fixtures.freshDistrictId("events")
    yield* store.putDistrict(Fixtures.districtInfo(id))
    return id
  })

// Appends one event, re-reading and retrying on VersionConflict; counts the conflicts it met.
const appendWithRetry = (store: Store.Service, d: Ids.DistrictId, c: Ids.CaseId, writer: number, n: number) =>
  Effect.gen(function* () {
    let conflicts = 0
    for (;;) {
      const version = (yield* store.readCase(d, c)).length
      const result = yield* Effect.result(store.append(d, c, version, [{ type: "noted", data: { writer, n } }]))
      if (Result.isSuccess(result)) return conflicts
      if (result.failure._tag !== "VersionConflict") return yield* Effect.die(result.failure)
      expect(result.failure.actual).toBeGreaterThan(version)
      conflicts++
    }
  })

const checkLog = (store: Store.Service, d: Ids.DistrictId, cases: ReadonlyArray<Ids.CaseId>, total: number) =>
  Effect.gen(function* () {
    const all: Array<Store.StoredEvent> = []
    for (;;) {
      const batch = yield* store.readAll(d, { after: all.length, limit: 500 })
      if (batch.length === 0) break
      all.push(...batch)
    }
    expect(all.length).toBe(total)
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    const writes = new Set(all.map((e) => JSON.stringify(e.data)))
    expect(writes.size, "no event is duplicated").toBe(total)
    let sum = 0
    for (const c of cases) {
      const events = yield* store.readCase(d, c)
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1))
      sum += events.length
    }
    expect(sum).toBe(total)
  })

export const events = (
  it: Vitest.MethodsNonLive<Store.Store>,
  options: Options,
  layer: Layer.Layer<Store.Store, unknown>,
) => {
  it.effect("append returns the new version; readCase gives the events in version order with their data and meta", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const c = caseId("case-电梯-1")
      expect(
        yield* store.append(d, c, 0, [
          {
            type: "opened",
            data: { topic: "加装电梯", households: 24 },
            meta: { actor: "office", at: "2025-03-01T09:00:00+08:00" },
          },
        ]),
      ).toBe(1)
      expect(
        yield* store.append(d, c, 1, [
          { type: "approved", data: null },
          { type: "researched", data: [1, 2.5, -3e-7, "二", true, { deep: { deeper: [null] } }] },
        ]),
      ).toBe(3)
      const read = yield* store.readCase(d, c)
      expect(read).toEqual([
        {
          caseId: c,
          version: 1,
          position: 1,
          type: "opened",
          data: { topic: "加装电梯", households: 24 },
          meta: { actor: "office", at: "2025-03-01T09:00:00+08:00" },
        },
        { caseId: c, version: 2, position: 2, type: "approved", data: null, meta: {} },
        {
          caseId: c,
          version: 3,
          position: 3,
          type: "researched",
          data: [1, 2.5, -3e-7, "二", true, { deep: { deeper: [null] } }],
          meta: {},
        },
      ])
      expect(yield* store.readCase(d, caseId("other"))).toEqual([])
    }),
  )

  it.effect("a stale expected version is a VersionConflict with both versions, and writes nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const c = caseId("c1")
      yield* store.append(d, c, 0, [{ type: "opened", data: null }])
      for (const stale of [0, 2, 7]) {
        const e = yield* failure(store.append(d, c, stale, [{ type: "late", data: null }]))
        expect(e, staleGuarantee).toMatchObject({
          _tag: "VersionConflict",
          district: d,
          caseId: c,
          expected: stale,
          actual: 1,
        })
      }
      expect((yield* store.readCase(d, c)).map((e) => e.type)).toEqual(["opened"])
      expect((yield* store.readAll(d)).length).toBe(1)
      expect(yield* store.append(d, c, 1, [])).toBe(1)
      expect((yield* failure(store.append(d, c, 0, [])))._tag).toBe("VersionConflict")
    }),
  )

  it.effect("property: on a case of any length, any stale expected version is refused and writes nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const run = Effect.runPromiseWith(yield* Effect.context<never>())
      const d = yield* tenant(store)
      let n = 0
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(
            fc
              .tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 30 }))
              .filter(([length, stale]) => stale !== length),
            fc.integer({ min: 1, max: 3 }),
            ([length, stale], batch) =>
              run(
                Effect.gen(function* () {
                  const c = caseId(`stale-${n++}`)
                  // Built in batches of up to 5, so long cases also come from multi-event appends.
                  for (let v = 0; v < length; v += 5) {
                    const events = Array.from({ length: Math.min(5, length - v) }, (_, i) => ({
                      type: "step",
                      data: v + i,
                    }))
                    yield* store.append(d, c, v, events)
                  }
                  const late = Array.from({ length: batch }, () => ({ type: "late", data: stale }))
                  const what = `${staleGuarantee} (case of ${length} events, expected ${stale})`
                  const e = yield* failure(store.append(d, c, stale, late)).pipe(
                    Effect.mapError((m) => `${what}: ${m}`),
                  )
                  expect(e, what).toMatchObject({
                    _tag: "VersionConflict",
                    expected: stale,
                    actual: length,
                  })
                  const after = yield* store.readCase(d, c)
                  expect(after.length, `${nothingWritten} (case of ${length} events, expected ${stale})`).toBe(length)
                  expect(
                    after.some((e) => e.type === "late"),
                    nothingWritten,
                  ).toBe(false)
                }),
              ),
          ),
          // The broken guarantee's name in the failure, not only in the cause.
          { numRuns: options.numRuns ?? 25, includeErrorInReport: true },
        ),
      )
    }),
  )

  it.effect("positions number the district's events 1, 2, 3, … across cases; readAll pages by position", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const order: Array<string> = []
      const versions = new Map<string, number>()
      for (let i = 0; i < 30; i++) {
        const c = `c${i % 4}`
        const v = versions.get(c) ?? 0
        yield* store.append(d, caseId(c), v, [{ type: "step", data: i }])
        versions.set(c, v + 1)
        order.push(c)
      }
      const all = yield* store.readAll(d)
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
      expect(all.map((e) => e.caseId)).toEqual(order)
      expect(all.map((e) => e.data)).toEqual(Array.from({ length: 30 }, (_, i) => i))
      expect((yield* store.readAll(d, { after: 25 })).map((e) => e.position)).toEqual([26, 27, 28, 29, 30])
      expect((yield* store.readAll(d, { after: 10, limit: 3 })).map((e) => e.position)).toEqual([11, 12, 13])
      expect(yield* store.readAll(d, { after: 30 })).toEqual([])
    }),
  )

  it.effect("concurrent writers on shared cases: exactly one wins per version, nothing is lost or duplicated", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const cases = [caseId("x"), caseId("y"), caseId("z")]
      const writers = 8
      const perWriter = 25
      const conflicts = yield* Effect.forEach(
        Array.from({ length: writers }, (_, w) => w),
        (w) =>
          Effect.gen(function* () {
            let conflicts = 0
            for (let n = 0; n < perWriter; n++)
              conflicts += yield* appendWithRetry(store, d, cases[(w + n) % cases.length]!, w, n)
            return conflicts
          }),
        { concurrency: "unbounded" },
      )
      yield* checkLog(store, d, cases, writers * perWriter)
      // Whether the writers collided depends on the store's scheduling; the race below forces it.
      expect(conflicts.length).toBe(writers)
    }),
  )

  it.effect(
    "writers racing on the same expected version: exactly one wins, every loser gets a VersionConflict and writes nothing",
    () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const d = yield* tenant(store)
        const c = caseId("race")
        const writers = 6
        // Rounds on the same case, so the race is also run on a long case.
        for (let round = 0; round < 8; round++) {
          const version = (yield* store.readCase(d, c)).length
          const results = yield* Effect.forEach(
            Array.from({ length: writers }, (_, w) => w),
            (w) =>
              Effect.result(
                store.append(d, c, version, [
                  { type: "raced", data: { round, w } },
                  { type: "then", data: { round, w } },
                ]),
              ),
            { concurrency: "unbounded" },
          )
          const winners = results.flatMap((r, w) => (Result.isSuccess(r) ? [w] : []))
          expect(
            winners.length,
            `${raceGuarantee} (round ${round}: ${winners.length} writers won at version ${version})`,
          ).toBe(1)
          for (const r of results)
            if (Result.isFailure(r))
              expect(r.failure, `${raceGuarantee}: a loser gets a VersionConflict`).toMatchObject({
                _tag: "VersionConflict",
                expected: version,
                actual: version + 2,
              })
          const after = yield* store.readCase(d, c)
          expect(after.length, `${nothingWritten} (round ${round})`).toBe(version + 2)
          expect(
            after.slice(version).map((e) => e.data),
            `${nothingWritten}: the case holds the winner's events only`,
          ).toEqual([
            { round, w: winners[0] },
            { round, w: winners[0] },
          ])
        }
        expect((yield* store.readAll(d, { limit: 1_000 })).length, nothingWritten).toBe(16)
      }),
  )

  if (options.capabilities?.concurrentWriters === true) {
    it.effect("two instances of the store on the same database write concurrently without losing events", () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const other = yield* Layer.build(Layer.fresh(layer)).pipe(Effect.map((ctx) => Context.get(ctx, Store.Store)))
        const d = yield* tenant(store)
        const cases = [caseId("x"), caseId("y")]
        yield* Effect.forEach(
          Array.from({ length: 8 }, (_, w) => w),
          (w) =>
            Effect.gen(function* () {
              for (let n = 0; n < 20; n++)
                yield* appendWithRetry(w % 2 === 0 ? store : other, d, cases[(w + n) % 2]!, w, n)
            }),
          { concurrency: "unbounded" },
        )
        yield* checkLog(store, d, cases, 160)
        yield* checkLog(other, d, cases, 160)
      }),
    )

    it.effect("progress reported through two instances at once never goes backwards", () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const other = yield* Layer.build(Layer.fresh(layer)).pipe(Effect.map((ctx) => Context.get(ctx, Store.Store)))
        const d = yield* tenant(store)
        const data = Fixtures.district(d)
        yield* store.importDistrict({ ...data, outcomes: data.outcomes.map((o) => ({ ...o, progress: 0 })) })
        const o = data.outcomes[0]!.id
        const values = Array.from({ length: 24 }, (_, i) => (i * 37) % 100)
        yield* Effect.forEach(
          values,
          (progress, i) =>
            Effect.result(
              Outcomes.recordProgress(d, { outcomeId: o, progress, on: "2025-07-01" as never }).pipe(
                Effect.provideService(Store.Store, i % 2 === 0 ? store : other),
              ),
            ),
          { concurrency: "unbounded" },
        )
        const accepted = (yield* store.listProgress(d, o)).map((u) => u.progress)
        expect(accepted.length).toBeGreaterThan(0)
        for (let i = 1; i < accepted.length; i++)
          expect(accepted[i]!, `updates ${accepted.join(", ")}`).toBeGreaterThanOrEqual(accepted[i - 1]!)
        expect(Option.getOrThrow(yield* store.get(d, "outcomes", o)).progress).toBe(accepted.at(-1))
      }),
    )
  }
}
