// Group "tenant-isolation": nothing done to one district is visible in, or changes, another.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type District, type Ids, Store, StoreCollections, type StoreError } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import * as Fixtures from "../Fixtures.js"
import { listAll } from "../internal/helpers.js"
import type { Options } from "../Options.js"

/** Everything a store holds for one district, as one comparable value. */
export const snapshot = (
  store: Store.Service,
  d: Ids.DistrictId,
): Effect.Effect<unknown, StoreError.StoreError | StoreError.InvalidInput> =>
  Effect.gen(function* () {
    const out: Record<string, unknown> = { district: yield* store.getDistrict(d) }
    for (const name of StoreCollections.names) out[name] = yield* listAll(store, d, name, { limit: 1_000 })
    out["events"] = yield* store.readAll(d, { limit: 10_000 })
    const runs = yield* store.listAssignmentRuns(d)
    out["runs"] = yield* Effect.forEach(runs, (r) => store.getAssignmentRun(d, r.id))
    const outcomes = yield* listAll(store, d, "outcomes")
    out["progress"] = yield* Effect.forEach(outcomes, (o) => store.listProgress(d, o.id))
    const evaluations = yield* store.listEvaluations(d)
    out["evaluations"] = yield* Effect.forEach(evaluations, (e) => store.getEvaluation(d, e.rubricId, e.period))
    return JSON.parse(JSON.stringify(out)) as unknown
  })

// One operation aimed at district `d`; all of them reuse the ids both districts have.
const operation = fc.oneof(
  fc.record({ op: fc.constant("upsert" as const), i: fc.nat(19), name: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant("remove" as const), i: fc.nat(19) }),
  fc.record({ op: fc.constant("removeActivity" as const), i: fc.nat(11) }),
  fc.record({ op: fc.constant("append" as const), c: fc.nat(2) }),
  fc.record({ op: fc.constant("run" as const), objective: fc.nat(1000) }),
  fc.record({ op: fc.constant("progress" as const), o: fc.nat(3), p: fc.nat(100) }),
  fc.record({ op: fc.constant("evaluation" as const), n: fc.nat(5) }),
  fc.record({ op: fc.constant("import" as const), members: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ op: fc.constant("put" as const), name: fc.string({ minLength: 1, maxLength: 8 }) }),
)
type Operation = typeof operation extends fc.Arbitrary<infer A> ? A : never

const apply = (store: Store.Service, d: Ids.DistrictId, o: Operation) =>
  Effect.gen(function* () {
    const base = Fixtures.district(d)
    switch (o.op) {
      case "upsert":
        return yield* store.upsert(d, "members", [{ ...base.members[o.i]!, name: `改 ${o.name.trim() || "x"}` }])
      case "remove":
        return yield* store.remove(d, "members", [base.members[o.i]!.id])
      case "removeActivity":
        return yield* store.remove(d, "activities", [base.activities[o.i]!.id])
      case "append": {
        const c = `case-${o.c}` as Ids.CaseId
        const v = (yield* store.readCase(d, c)).length
        return yield* store.append(d, c, v, [{ type: "step", data: v }])
      }
      case "run":
        return yield* store.saveAssignmentRun(d, {
          id: "run-1",
          kind: "members-to-committees",
          createdAt: "2025-01-01T00:00:00Z",
          objective: o.objective,
          placements: [{ agent: "m000001", target: "lc-st000" }],
          meta: {},
        })
      case "progress":
        return yield* Effect.result(
          store.appendProgress(d, { outcomeId: base.outcomes[o.o]!.id, progress: o.p, on: "2025-07-01" as never }),
        )
      case "evaluation":
        return yield* store.saveEvaluation(d, {
          rubricId: "qingshan",
          period: "2025",
          computedAt: "t",
          results: { n: o.n },
        })
      case "import":
        return yield* store.importDistrict(Fixtures.district(d, { members: o.members }))
      case "put":
        return yield* store.putDistrict({ ...base.district, name: o.name.trim() || "x" })
    }
  })

const isolation = "guarantee: a read in one district returns that district's rows only"

// District B's copy of a document: the same ids and filter values as A's, with every name, title
// and topic marked, so a row of B that turns up in A's reads is unmistakable.
const marked = (data: District.DistrictData, marker: string): District.DistrictData => {
  const mark = (item: unknown): unknown => {
    const out: Record<string, unknown> = { ...(item as Record<string, unknown>) }
    for (const k of ["name", "title", "topic"]) if (typeof out[k] === "string") out[k] = `${marker} ${out[k]}`
    return out
  }
  const out: Record<string, unknown> = { ...data }
  for (const name of StoreCollections.districtDataNames) out[name] = (data[name] as ReadonlyArray<unknown>).map(mark)
  return out as unknown as District.DistrictData
}

export const tenants = (it: Vitest.MethodsNonLive<Store.Store>, options: Options) => {
  it.effect(
    "filtered list, stream and count never return another district's rows, though both share ids and values",
    () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const a = Fixtures.freshDistrictId("filter-a")
        const b = Fixtures.freshDistrictId("filter-b")
        const marker = `⟦${b}⟧`
        const own = Fixtures.district(a)
        yield* store.importDistrict(own)
        yield* store.importDistrict({ ...marked(Fixtures.district(b), marker), district: Fixtures.districtInfo(b) })
        let checked = 0
        for (const name of StoreCollections.districtDataNames) {
          const descriptor = StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<unknown>
          const items = own[name] as ReadonlyArray<Record<string, unknown>>
          for (const field of descriptor.filters) {
            const values = [
              ...new Set(items.map((i) => i[field]).filter((v) => typeof v === "string")),
            ] as Array<string>
            for (const value of values) {
              const filter = { [field]: value }
              const at = `${name} where ${field} = ${value}`
              const expected = items
                .filter((i) => i[field] === value)
                .map((i) => descriptor.key(i))
                .sort(StoreCollections.compareKeys)
              const reads = {
                list: yield* listAll(store, a, name, { filter, limit: 3 }),
                stream: yield* Stream.runCollect(store.stream(a, name, { filter, batchSize: 2 })),
              }
              for (const [how, got] of Object.entries(reads)) {
                const leaked = (got as ReadonlyArray<unknown>).filter((i) => JSON.stringify(i).includes(marker))
                expect(
                  leaked.length,
                  `${isolation}: ${how} of ${at} returned ${leaked.length} rows of district ${b}`,
                ).toBe(0)
                expect(
                  (got as ReadonlyArray<unknown>).map((i) => descriptor.key(i)),
                  `${isolation}: ${how} of ${at}`,
                ).toEqual(expected)
              }
              expect(yield* store.count(a, name, { filter }), `${isolation}: count of ${at}`).toBe(expected.length)
              checked++
            }
          }
        }
        // Every filter field of every collection was tried with at least one value.
        expect(checked).toBeGreaterThan(20)
      }),
  )

  it.effect("two districts with the same ids everywhere stay apart", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const a = Fixtures.freshDistrictId("tenant-a")
      const b = Fixtures.freshDistrictId("tenant-b")
      yield* store.importDistrict(Fixtures.district(a))
      yield* store.importDistrict(Fixtures.district(b, { members: 5 }))
      const before = yield* snapshot(store, b)
      yield* store.upsert(a, "members", [{ ...Fixtures.district(a).members[0]!, name: "只在 A 区" }])
      yield* store.remove(a, "units", [Fixtures.district(a).units[1]!.id])
      yield* store.append(a, "case-0" as Ids.CaseId, 0, [{ type: "opened", data: null }])
      expect(yield* snapshot(store, b)).toEqual(before)
      // A unit removed from A is gone from A, though B has one with the same id.
      expect(Option.isNone(yield* store.get(a, "units", Fixtures.district(a).units[1]!.id))).toBe(true)
      // The same case id in B starts at version 1, position 1.
      expect(yield* store.append(b, "case-0" as Ids.CaseId, 0, [{ type: "opened", data: "b" }])).toBe(1)
      expect((yield* store.readAll(b)).map((e) => [e.position, e.data])).toEqual([[1, "b"]])
      expect((yield* store.readCase(a, "case-0" as Ids.CaseId)).map((e) => e.data)).toEqual([null])
      expect(yield* store.count(b, "members")).toBe(5)
      expect(yield* store.count(a, "members")).toBe(20)
    }),
  )

  it.effect("property: no sequence of calls for district A returns or changes district B's data", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      // fast-check drives the runs; each one runs its effect with this test's services.
      const run = Effect.runPromiseWith(yield* Effect.context<never>())
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (ops) =>
            run(
              Effect.gen(function* () {
                const a = Fixtures.freshDistrictId("prop-a")
                const b = Fixtures.freshDistrictId("prop-b")
                yield* store.importDistrict(Fixtures.district(a))
                yield* store.importDistrict(Fixtures.district(b))
                yield* store.append(b, "case-0" as Ids.CaseId, 0, [{ type: "step", data: "only-in-b" }])
                const before = yield* snapshot(store, b)
                for (const o of ops) {
                  yield* apply(store, a, o)
                  // What A reads never includes B's rows: B's event is the only one with text data.
                  const events = yield* store.readAll(a)
                  expect(events.every((e) => e.data !== null && typeof e.data === "number")).toBe(true)
                }
                expect(yield* snapshot(store, b)).toEqual(before)
                // Every id B has reads from A as A has it (or not at all).
                const inA = new Set((yield* listAll(store, a, "members", { limit: 1_000 })).map((m) => m.id as string))
                for (const m of Fixtures.district(b).members) {
                  expect(Option.isSome(yield* store.get(a, "members", m.id)), `get ${m.id} from A`).toBe(inA.has(m.id))
                }
              }),
            ),
          ),
          { numRuns: Math.max(5, Math.round((options.numRuns ?? 25) / 2)), includeErrorInReport: true },
        ),
      )
    }),
  )
}
