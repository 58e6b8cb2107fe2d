// Group "import-transactions": whole-district imports and multi-step writes are all or nothing.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Store } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Fixtures from "../Fixtures.js"
import { failure, listAll, normalised } from "../internal/helpers.js"
import type { Options } from "../Options.js"

class Boom {
  readonly _tag = "Boom"
}

const c1 = "c1" as Ids.CaseId
const opened = [{ type: "opened", data: null }]

export const importTransactions = (
  it: Vitest.MethodsNonLive<Store.Store>,
  options: Options,
  layer: Layer.Layer<Store.Store, unknown>,
) => {
  it.effect("importDistrict writes every collection and loadDistrict reads back the same document", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("import")
      const data = Fixtures.district(d, { activities: 30 })
      const summary = yield* store.importDistrict(data)
      expect(summary.district).toBe(d)
      expect(summary.counts).toEqual({
        units: 12,
        platforms: 9,
        members: 20,
        committees: 3,
        partyBranches: 0,
        studios: 0,
        specialCommittees: 0,
        guidance: 0,
        activities: 30,
        submissions: 8,
        outcomes: 4,
      })
      expect(summary.attendance).toBe(150)
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(normalised(data))
    }),
  )

  it.effect("re-importing the same document is idempotent", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("import")
      const data = Fixtures.district(d)
      const first = yield* store.importDistrict(data)
      const second = yield* store.importDistrict(data)
      expect(second).toEqual(first)
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(normalised(data))
    }),
  )

  it.effect("importing a changed document replaces the district's data but keeps its cases and events", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("import")
      yield* store.importDistrict(Fixtures.district(d, { activities: 10 }))
      yield* store.append(d, "case-1" as Ids.CaseId, 0, [{ type: "opened", data: { topic: "加装电梯" } }])
      const smaller = Fixtures.district(d, { activities: 4, members: 10, outcomes: 1 })
      yield* store.importDistrict(smaller)
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(normalised(smaller))
      expect(yield* store.count(d, "activities")).toBe(4)
      expect((yield* store.readCase(d, "case-1" as Ids.CaseId)).length).toBe(1)
    }),
  )

  it.effect("a document with integrity problems is refused with every problem and writes nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("import")
      const good = Fixtures.district(d)
      yield* store.importDistrict(good)
      const bad = {
        ...Fixtures.district(d, { activities: 20 }),
        platforms: [
          ...good.platforms,
          { id: "p-x" as Ids.PlatformId, unitId: "nowhere" as Ids.UnitId, name: "悬空平台", conveners: [] },
        ],
      }
      const e = yield* failure(store.importDistrict(bad))
      expect(e._tag).toBe("InvalidInput")
      if (e._tag === "InvalidInput")
        expect(e.issues.map((i) => i.path)).toEqual([`platforms[${good.platforms.length}].unitId`])
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(normalised(good))

      const fresh = Fixtures.freshDistrictId("import")
      yield* failure(store.importDistrict({ ...bad, district: { ...bad.district, id: fresh } }))
      expect(Option.isNone(yield* store.getDistrict(fresh))).toBe(true)
    }),
  )

  it.effect("importDistrict accepts the activity types plugins add when they are passed in", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("import")
      const data = Fixtures.district(d)
      const doc = {
        ...data,
        activities: data.activities.map((a, i) => (i === 0 ? { ...a, type: "gas-renovation-visit" as never } : a)),
      }
      const refused = yield* failure(store.importDistrict(doc))
      expect(refused).toMatchObject({ _tag: "InvalidInput", issues: [{ path: "activities[0].type" }] })
      expect((yield* store.importDistrict(doc, { activityTypes: ["gas-renovation-visit"] })).counts.activities).toBe(
        data.activities.length,
      )
    }),
  )

  it.effect("transaction commits every write inside it together", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.transaction(
        Effect.gen(function* () {
          yield* store.putDistrict(data.district)
          yield* store.upsert(d, "units", data.units)
          yield* store.append(d, "c1" as Ids.CaseId, 0, [{ type: "opened", data: null }])
          yield* store.saveAssignmentRun(d, {
            id: "r1",
            kind: "k",
            createdAt: "2025-01-01T00:00:00Z",
            objective: 1,
            placements: [{ agent: "a", target: "t" }],
            meta: {},
          })
        }),
      )
      expect(yield* store.count(d, "units")).toBe(data.units.length)
      expect((yield* store.readCase(d, "c1" as Ids.CaseId)).length).toBe(1)
      expect((yield* store.listAssignmentRuns(d)).length).toBe(1)
    }),
  )

  it.effect("a transaction that fails keeps its own error and rolls back every write, nested ones too", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.importDistrict(data)
      const before = Option.getOrThrow(yield* store.loadDistrict(d))
      const e = yield* failure(
        store.transaction(
          Effect.gen(function* () {
            yield* store.upsert(d, "members", [{ ...data.members[0]!, name: "改过的名字" }])
            yield* store.remove(d, "units", [data.units[0]!.id])
            yield* store.transaction(store.append(d, "c1" as Ids.CaseId, 0, [{ type: "opened", data: null }]))
            yield* store.saveEvaluation(d, { rubricId: "r", period: "2025", computedAt: "now", results: [1, 2, 3] })
            yield* store.appendProgress(d, { outcomeId: data.outcomes[0]!.id, progress: 99, on: "2025-09-09" as never })
            yield* store.putDistrict({ ...data.district, name: "改名区" })
            return yield* Effect.fail(new Boom())
          }),
        ),
      )
      expect(e).toBeInstanceOf(Boom)
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(before)
      expect(yield* store.readCase(d, "c1" as Ids.CaseId)).toEqual([])
      expect(yield* store.readAll(d)).toEqual([])
      expect(yield* store.listEvaluations(d)).toEqual([])
      expect(yield* store.listProgress(d, data.outcomes[0]!.id)).toEqual([])
      // Counters rolled back too: the next event is position 1 and the next update seq 1.
      yield* store.append(d, "c2" as Ids.CaseId, 0, [{ type: "opened", data: null }])
      expect((yield* store.readAll(d)).map((x) => x.position)).toEqual([1])
      expect(
        (yield* store.appendProgress(d, { outcomeId: data.outcomes[0]!.id, progress: 1, on: "2025-09-09" as never }))
          .seq,
      ).toBe(1)
    }),
  )

  it.effect("a nested transaction that fails undoes only its own writes, like a savepoint", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.putDistrict(data.district)
      const [a, b, c] = data.units
      const inner = yield* store.transaction(
        Effect.gen(function* () {
          yield* store.upsert(d, "units", [a!])
          const result = yield* Effect.result(
            store.transaction(
              Effect.gen(function* () {
                yield* store.upsert(d, "units", [b!])
                yield* store.append(d, "c1" as Ids.CaseId, 0, [{ type: "opened", data: null }])
                return yield* Effect.fail(new Boom())
              }),
            ),
          )
          yield* store.upsert(d, "units", [c!])
          return result
        }),
      )
      expect(inner._tag).toBe("Failure")
      expect((yield* store.list(d, "units")).items.map((u) => u.id)).toEqual([a!.id, c!.id].sort())
      expect(yield* store.readAll(d)).toEqual([])
    }),
  )

  it.effect("a failed write inside a transaction that recovers leaves the transaction's other writes", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.putDistrict(data.district)
      yield* store.transaction(
        Effect.gen(function* () {
          yield* store.upsert(d, "units", data.units)
          const conflict = yield* failure(store.append(d, "c1" as Ids.CaseId, 5, [{ type: "opened", data: null }]))
          expect(conflict._tag).toBe("VersionConflict")
          yield* store.append(d, "c1" as Ids.CaseId, 0, [{ type: "opened", data: null }])
        }),
      )
      expect(yield* store.count(d, "units")).toBe(data.units.length)
      expect((yield* store.readCase(d, "c1" as Ids.CaseId)).map((x) => x.version)).toEqual([1])
    }),
  )

  it.effect("a failed transaction undoes its first write too", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const info = Fixtures.districtInfo(d)
      const e = yield* failure(store.transaction(Effect.andThen(store.putDistrict(info), Effect.fail(new Boom()))))
      expect(e).toBeInstanceOf(Boom)
      expect(Option.isNone(yield* store.getDistrict(d))).toBe(true)
      yield* store.putDistrict(info)
      yield* failure(store.transaction(Effect.andThen(store.append(d, c1, 0, opened), Effect.fail(new Boom()))))
      expect(yield* store.readCase(d, c1)).toEqual([])
      expect(yield* store.append(d, c1, 0, opened)).toBe(1)
    }),
  )

  it.effect("a nested transaction that succeeds keeps its writes; one that fails undoes all of its own", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.putDistrict(data.district)
      const [a, b] = data.units
      yield* store.transaction(
        Effect.gen(function* () {
          yield* store.upsert(d, "units", [a!])
          yield* store.transaction(store.upsert(d, "units", [b!]))
          yield* store.transaction(store.append(d, "kept" as Ids.CaseId, 0, opened))
          const inner = yield* Effect.result(
            store.transaction(Effect.andThen(store.append(d, c1, 0, opened), Effect.fail(new Boom()))),
          )
          expect(inner._tag).toBe("Failure")
        }),
      )
      expect((yield* listAll(store, d, "units")).map((u) => u.id)).toEqual([a!.id, b!.id].sort())
      expect((yield* store.readCase(d, "kept" as Ids.CaseId)).length).toBe(1)
      expect(yield* store.readCase(d, c1)).toEqual([])
      expect(yield* store.append(d, c1, 0, opened)).toBe(1)
    }),
  )

  it.effect("reads inside a transaction that fails leave no trace of its writes", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("tx")
      const data = Fixtures.district(d)
      yield* store.importDistrict(data)
      const before = Option.getOrThrow(yield* store.loadDistrict(d))
      const e = yield* failure(
        store.transaction(
          Effect.gen(function* () {
            yield* store.upsert(d, "members", [{ ...data.members[0]!, id: "zz-new" as Ids.MemberId }])
            yield* store.remove(d, "units", [data.units[0]!.id])
            yield* listAll(store, d, "members")
            yield* listAll(store, d, "units")
            yield* store.loadDistrict(d)
            return yield* Effect.fail(new Boom())
          }),
        ),
      )
      expect(e).toBeInstanceOf(Boom)
      expect(Option.getOrThrow(yield* store.loadDistrict(d))).toEqual(before)
      expect((yield* listAll(store, d, "units")).length).toBe(data.units.length)
    }),
  )

  // Only for stores whose fresh instance is a separate, empty store.
  if (options.capabilities?.persistent === false) {
    it.effect("a transaction on one instance neither joins nor undoes writes made through another", () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const other = yield* Layer.build(Layer.fresh(layer)).pipe(Effect.map((ctx) => Context.get(ctx, Store.Store)))
        const d = Fixtures.freshDistrictId("tx")
        const e = yield* failure(
          store.transaction(Effect.andThen(other.putDistrict(Fixtures.districtInfo(d)), Effect.fail(new Boom()))),
        )
        expect(e).toBeInstanceOf(Boom)
        expect(Option.isSome(yield* other.getDistrict(d))).toBe(true)
        expect(Option.isNone(yield* store.getDistrict(d))).toBe(true)
      }),
    )
  }
}
