// Kit tests proposed by the mutation run (issue #20; see the package README, "Mutation testing"):
// each one kills mutants of MemoryStore.ts or StoreInput.ts that the kit let survive. They are
// written like the suites in src/suites/ (same signature, same helpers), one function per suite they
// belong to, so they can be moved there as they are; until then gaps.test.ts runs them against the
// in-memory store and `TONGXIN_MUTATION_PROPOSED=1 pnpm mutation` measures them.
import type { Vitest } from "@effect/vitest"
import { describe, expect, layer as withLayer } from "@effect/vitest"
import { type Ids, Store, StoreCollections, type StoreError, StoreInput } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Fixtures from "../src/Fixtures.js"
import { failure, listAll, normalised } from "../src/internal/helpers.js"
import type { Options } from "../src/Options.js"

class Boom {
  readonly _tag = "Boom"
}

const c1 = "c1" as Ids.CaseId
const opened = [{ type: "opened", data: null }]

// --- crud ------------------------------------------------------------------------------------

export const crudGaps = (it: Vitest.MethodsNonLive<Store.Store>) => {
  // Kills MemoryStore.ts:216 (listDistricts unsorted).
  it.effect("listDistricts lists every district in id order", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const base = Fixtures.freshDistrictId("order")
      for (const suffix of ["b", "a", "B"])
        yield* store.putDistrict(Fixtures.districtInfo(`${base}-${suffix}` as Ids.DistrictId))
      const ids = (yield* store.listDistricts()).map((d) => d.id as string)
      expect(ids).toEqual([...ids].sort(StoreCollections.compareKeys))
      expect(ids.filter((id) => id.startsWith(`${base}-`))).toEqual([`${base}-B`, `${base}-a`, `${base}-b`])
    }),
  )

  // Kills MemoryStore.ts:238 (get), :248 (remove), :332 (getAssignmentRun), :369 (listProgress, twice)
  // and :386 (getEvaluation) on a district that does not exist.
  it.effect("reads and removes in a district that does not exist see nothing and remove nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const ghost = Fixtures.freshDistrictId("ghost")
      expect(Option.isNone(yield* store.get(ghost, "members", "m1"))).toBe(true)
      expect(yield* store.remove(ghost, "members", ["m1"])).toBe(0)
      expect(Option.isNone(yield* store.getAssignmentRun(ghost, "r1"))).toBe(true)
      expect(yield* store.listProgress(ghost, "o1" as Ids.OutcomeId)).toEqual([])
      expect(Option.isNone(yield* store.getEvaluation(ghost, "qingshan", "2025"))).toBe(true)
    }),
  )

  // Kills StoreInput.ts:331 (`date < q.from` → `date <= q.from`).
  it.effect("a date range includes the items dated exactly on its bounds", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("crud")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      const a = Fixtures.district(d).activities[0]!
      const dates = ["2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12"]
      yield* store.upsert(
        d,
        "activities",
        dates.map((date, i) => ({ ...a, id: `on-${i}` as Ids.ActivityId, date: date as never })),
      )
      const range = { from: "2025-03-10", to: "2025-03-11" }
      expect((yield* listAll(store, d, "activities", range)).map((x) => x.id)).toEqual(["on-1", "on-2"])
      expect(yield* store.count(d, "activities", range)).toBe(2)
      expect(yield* store.count(d, "activities", { from: "2025-03-10", to: "2025-03-10" })).toBe(1)
    }),
  )

  // Kills StoreInput.ts:537 (run meta default `() => ({})` → `() => undefined`).
  it.effect("an assignment run saved without meta reads back with meta {}", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("crud")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      const bare = { id: "bare", kind: "k", createdAt: "2025-01-01T00:00:00Z", objective: 0, placements: [] }
      yield* store.saveAssignmentRun(d, bare as unknown as Store.AssignmentRun)
      expect(Option.getOrThrow(yield* store.getAssignmentRun(d, "bare"))).toEqual({ ...bare, meta: {} })
      const { placements: _, ...summary } = bare
      expect(yield* store.listAssignmentRuns(d)).toEqual([{ ...summary, meta: {}, placementCount: 0 }])
    }),
  )
}

// --- import-transactions --------------------------------------------------------------------

export const transactionGaps = (
  it: Vitest.MethodsNonLive<Store.Store>,
  options: Options,
  layer: Layer.Layer<Store.Store, unknown>,
) => {
  // Kills MemoryStore.ts:93 (rollback skips the first undo): in the kit's failing transactions the
  // first write is an upsert, whose first undo only restores a cache.
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

  // Kills MemoryStore.ts:443 (a nested transaction that succeeds is undone) and :445 (a failed
  // nested transaction keeps its first write).
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

  // Kills MemoryStore.ts:156 (rollback does not restore the key order an in-transaction read cached).
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

  // Kills MemoryStore.ts:74 (every store instance shares one transaction reference). Only for
  // stores whose fresh instance is a separate, empty store.
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

// --- bad-input ------------------------------------------------------------------------------

type Refusal = readonly [
  operation: string,
  tag: "InvalidInput" | "NotFound" | "PayloadTooLarge",
  paths: ReadonlyArray<string> | undefined,
  effect: Effect.Effect<unknown, unknown>,
]

// Every issue has a code and a message in both languages.
const checkIssues = (e: StoreError.InvalidInput) => {
  for (const i of e.issues)
    expect(
      [i.path, i.code.length > 0, i.message.length > 0, i.messageZh.length > 0],
      `${e.operation}: ${i.path}: a code and both messages`,
    ).toEqual([i.path, true, true, true])
}

const nested = (depth: number, wrap: (v: unknown) => unknown): unknown => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = wrap(v)
  return v
}

export const badInputGaps = (it: Vitest.MethodsNonLive<Store.Store>) => {
  // Kills the operation names of MemoryStore.ts (:204 … :433), the "(root)" paths of
  // StoreInput.ts:72 and :110, the key, filter, cursor, limit, expectedVersion, events, meta,
  // readAll and stream checks (StoreInput.ts:207, :247, :268, :280, :308–311, :500, :508–514,
  // :582, :601, :625–637) and every empty code or message.
  it.effect("every refusal names its operation, the paths and codes, with messages in both languages", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("bad")
      const data = Fixtures.district(d)
      yield* store.importDistrict(data)
      yield* store.append(d, c1, 0, opened)
      const ghost = Fixtures.freshDistrictId("ghost")
      const m = data.members[0]!
      const run = { id: "r", kind: "k", createdAt: "2025-01-01T00:00:00Z", objective: 1, placements: [], meta: {} }
      const update = { outcomeId: data.outcomes[0]!.id, progress: 1, on: "2025-06-01" as never }
      const snap = { rubricId: "qingshan", period: "2025", computedAt: "t", results: null }
      const append = (events: unknown, version = 1) => store.append(d, c1, version, events as never)
      const cases: ReadonlyArray<Refusal> = [
        ["putDistrict", "InvalidInput", ["district"], store.putDistrict(null as never)],
        ["upsert", "InvalidInput", ["district"], store.upsert("has space" as Ids.DistrictId, "members", [m])],
        ["upsert", "NotFound", undefined, store.upsert(ghost, "members", [m])],
        ["upsert", "InvalidInput", ["items"], store.upsert(d, "members", "x" as never)],
        ["upsert", "InvalidInput", ["items[1]"], store.upsert(d, "members", [m, m])],
        ["get", "InvalidInput", ["collection"], store.get(d, "people" as never, "x")],
        ["get", "InvalidInput", ["key"], store.get(d, "members", "")],
        ["get", "InvalidInput", ["key"], store.get(d, "members", "k".repeat(301))],
        ["get", "InvalidInput", ["key"], store.get(d, "members", [m.id] as never)],
        ["remove", "InvalidInput", ["collection"], store.remove(d, "people" as never, ["x"])],
        ["remove", "InvalidInput", ["keys[1]"], store.remove(d, "members", [m.id, ""])],
        ["list", "InvalidInput", ["limit"], store.list(d, "members", { limit: 10_001 })],
        ["list", "InvalidInput", ["after"], store.list(d, "members", { after: "" })],
        ["list", "InvalidInput", ["after"], store.list(d, "members", { after: 5 as never })],
        ["list", "InvalidInput", ["filter.sector"], store.list(d, "members", { filter: { sector: 5 as never } })],
        ["list", "InvalidInput", ["from"], store.list(d, "activities", { from: "2025-13-01" })],
        ["count", "InvalidInput", ["filter.shoeSize"], store.count(d, "members", { filter: { shoeSize: "1" } })],
        ["stream", "InvalidInput", ["batchSize"], Stream.runCollect(store.stream(d, "members", { batchSize: 0 }))],
        [
          "stream",
          "InvalidInput",
          ["from", "batchSize"],
          Stream.runCollect(store.stream(d, "members", { from: "2025-01-01", batchSize: 10_001 })),
        ],
        ["saveAssignmentRun", "NotFound", undefined, store.saveAssignmentRun(ghost, run)],
        ["saveAssignmentRun", "InvalidInput", ["run"], store.saveAssignmentRun(d, null as never)],
        [
          "saveAssignmentRun",
          "InvalidInput",
          ["run.meta.x"],
          store.saveAssignmentRun(d, { ...run, meta: { x: Number.NaN } }),
        ],
        [
          "saveAssignmentRun",
          "InvalidInput",
          ["run.placements[1].agent"],
          store.saveAssignmentRun(d, {
            ...run,
            placements: [
              { agent: "a", target: "t" },
              { agent: "a", target: "u" },
            ],
          }),
        ],
        ["appendProgress", "NotFound", undefined, store.appendProgress(ghost, update)],
        ["appendProgress", "InvalidInput", ["update"], store.appendProgress(d, null as never)],
        ["appendProgress", "NotFound", undefined, store.appendProgress(d, { ...update, outcomeId: "nope" as never })],
        ["saveEvaluation", "NotFound", undefined, store.saveEvaluation(ghost, snap)],
        ["saveEvaluation", "InvalidInput", ["snapshot"], store.saveEvaluation(d, null as never)],
        [
          "saveEvaluation",
          "InvalidInput",
          ["snapshot.rubricId"],
          store.saveEvaluation(d, { ...snap, rubricId: 5 as never }),
        ],
        [
          "saveEvaluation",
          "InvalidInput",
          ["snapshot.results"],
          store.saveEvaluation(d, { ...snap, results: Number.NaN }),
        ],
        ["append", "NotFound", undefined, store.append(ghost, c1, 0, opened)],
        ["append", "InvalidInput", ["events"], append("x")],
        ["append", "InvalidInput", ["expectedVersion"], append(opened, 1.5)],
        ["append", "InvalidInput", ["events[0]", "events[1]"], append([5, null])],
        ["append", "InvalidInput", ["events[0].meta.x"], append([{ type: "x", data: 1, meta: { x: Number.NaN } }])],
        [
          "append",
          "InvalidInput",
          ["events[0].data[1][1].a"],
          append([{ type: "x", data: [1, [2, { a: Number.NaN }]] }]),
        ],
        ["append", "InvalidInput", ["events[0].data[2]"], append([{ type: "x", data: [1, 2, Number.NaN] }])],
        ["append", "InvalidInput", ["events[0].data.b"], append([{ type: "x", data: { a: 1, b: Number.NaN } }])],
        ["readAll", "InvalidInput", ["after"], store.readAll(d, { after: -1 })],
        ["readAll", "InvalidInput", ["after"], store.readAll(d, { after: 1.5 })],
        ["readAll", "InvalidInput", ["limit"], store.readAll(d, { limit: 0 })],
        ["readAll", "InvalidInput", ["limit"], store.readAll(d, { limit: 10_001 })],
        ["readAll", "InvalidInput", ["after", "limit"], store.readAll(d, { after: -1, limit: 1.5 })],
      ]
      const before = yield* store.loadDistrict(d)
      for (const [operation, tag, paths, effect] of cases) {
        const e = (yield* failure(effect).pipe(Effect.mapError((m) => `${operation} ${paths}: ${m}`))) as {
          readonly _tag: string
          readonly operation: string
        }
        expect([e._tag, e.operation], `${operation} ${paths}`).toEqual([tag, operation])
        if (e._tag === "InvalidInput") {
          const invalid = e as unknown as StoreError.InvalidInput
          expect(
            invalid.issues.map((i) => i.path),
            operation,
          ).toEqual(paths)
          checkIssues(invalid)
        }
      }
      expect(yield* store.loadDistrict(d)).toEqual(before)
      expect((yield* store.readCase(d, c1)).length).toBe(1)
      // The limits themselves are allowed.
      expect(Option.isNone(yield* store.get(d, "members", "k".repeat(300)))).toBe(true)
      expect((yield* store.list(d, "members", { limit: 10_000 })).items.length).toBe(data.members.length)
      expect((yield* store.readAll(d, { limit: 1 })).length).toBe(1)
      expect((yield* store.readAll(d, { limit: 10_000 })).length).toBe(1)
    }),
  )

  // Kills StoreInput.ts:122–127, :238–244, :262, :264 (the codes and messages of unknown
  // collections, unknown filters and date ranges).
  it.effect("unknown collections and filters are refused with messages that list what there is", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("bad")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      const collection = (yield* failure(store.get(d, "people" as never, "x"))) as StoreError.InvalidInput
      expect(collection.issues).toMatchObject([{ path: "collection", code: "unknown-collection" }])
      expect(collection.issues[0]!.message).toContain(`"people"`)
      expect(collection.issues[0]!.message).toContain(StoreCollections.names.join(", "))
      expect(collection.issues[0]!.messageZh).toContain(StoreCollections.names.join("、"))
      checkIssues(collection)
      const filter = (yield* failure(
        store.list(d, "members", { filter: { shoeSize: "42" } }),
      )) as StoreError.InvalidInput
      expect(filter.issues).toMatchObject([{ path: "filter.shoeSize", code: "unknown-filter" }])
      expect(filter.issues[0]!.message).toContain(`"shoeSize"`)
      expect(filter.issues[0]!.message).toContain("(filter fields: sector, level, residenceUnitId)")
      checkIssues(filter)
      const none = (yield* failure(
        store.list(d, "specialCommittees", { filter: { kind: "x" } }),
      )) as StoreError.InvalidInput
      expect(none.issues[0]!.message).toContain("(filter fields: none)")
      const undated = (yield* failure(store.list(d, "members", { from: "2025-01-01" }))) as StoreError.InvalidInput
      expect(undated.issues).toMatchObject([{ path: "from", code: "undated" }])
      checkIssues(undated)
      const date = (yield* failure(store.list(d, "activities", { to: "2025-02-30" }))) as StoreError.InvalidInput
      expect(date.issues).toMatchObject([{ path: "to", code: "invalid" }])
      checkIssues(date)
    }),
  )

  // Kills StoreInput.ts:419, :421, :423, :431, :435 (JSON depth and null-prototype objects).
  it.effect("JSON values nest up to 65 levels, and objects without a prototype are JSON", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("bad")
      yield* store.putDistrict(Fixtures.districtInfo(d))
      let v = 0
      for (const wrap of [(x: unknown) => [x], (x: unknown) => ({ k: x })]) {
        expect(yield* store.append(d, c1, v, [{ type: "deep", data: nested(65, wrap) as never }])).toBe(v + 1)
        v++
        const e = (yield* failure(
          store.append(d, c1, v, [{ type: "deeper", data: nested(66, wrap) as never }]),
        )) as StoreError.InvalidInput
        expect(e.issues).toMatchObject([{ code: "not-json" }])
        checkIssues(e)
      }
      const bare = Object.assign(Object.create(null) as object, {
        a: 1,
        b: [Object.assign(Object.create(null), { c: 2 })],
      })
      expect(yield* store.append(d, c1, v, [{ type: "bare", data: bare as never }])).toBe(v + 1)
      expect((yield* store.readCase(d, c1)).at(-1)?.data).toEqual({ a: 1, b: [{ c: 2 }] })
    }),
  )

  // Kills StoreInput.ts:81–97 (UTF-8 byte count), :183–185 (upsert), :368 (putDistrict), :393–405
  // (importDistrict: the record, every row, activities without their attendance).
  it.effect("size limits are exact: a row of maxRowBytes bytes is stored, one byte more is refused", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const limit = StoreInput.limits.maxRowBytes
      const utf8 = (s: string) => new TextEncoder().encode(s).length
      const tooLarge = (operation: string, path: string) => ({
        _tag: "PayloadTooLarge",
        operation,
        path,
        bytes: limit + 1,
        limit,
      })
      const d = Fixtures.freshDistrictId("size")
      const data = Fixtures.district(d)
      yield* store.importDistrict(data)

      // Events: data and meta, in every UTF-8 width and at each width's edges.
      const unit = "a\u00e9\u0080\u07ff\u0800\u4e2d\ud7ff\uff0c\u{10000}\u{1f3ff}\u{1f600}"
      const text = (bytes: number) => {
        const fixed = utf8(`""{}`)
        const s = unit.repeat(Math.floor((bytes - fixed) / utf8(unit)))
        return s + "x".repeat(bytes - fixed - utf8(s))
      }
      expect(yield* store.append(d, c1, 0, [{ type: "big", data: text(limit) }])).toBe(1)
      expect(yield* failure(store.append(d, c1, 1, [{ type: "big", data: text(limit + 1) }]))).toMatchObject(
        tooLarge("append", "events[0]"),
      )

      // upsert: the first item of the batch.
      const m = data.members[0]!
      yield* store.upsert(d, "members", [{ ...m, name: "x" }])
      const memberBase = utf8(JSON.stringify(Option.getOrThrow(yield* store.get(d, "members", m.id)))) - 1
      const member = (bytes: number) => ({ ...m, name: "x".repeat(bytes - memberBase) })
      expect(yield* store.upsert(d, "members", [member(limit)])).toBe(1)
      expect(yield* failure(store.upsert(d, "members", [member(limit + 1), data.members[1]!]))).toMatchObject(
        tooLarge("upsert", "items[0]"),
      )

      // putDistrict.
      const p = Fixtures.freshDistrictId("size")
      yield* store.putDistrict(Fixtures.districtInfo(p, "x"))
      const infoBase = utf8(JSON.stringify(Option.getOrThrow(yield* store.getDistrict(p)))) - 1
      const info = (bytes: number) => Fixtures.districtInfo(p, "x".repeat(bytes - infoBase))
      yield* store.putDistrict(info(limit))
      expect(yield* failure(store.putDistrict(info(limit + 1)))).toMatchObject(tooLarge("putDistrict", "district"))

      // importDistrict: the district's record, a unit, and an activity counted without its attendance.
      const i = Fixtures.freshDistrictId("size")
      const doc = Fixtures.district(i)
      const activity = doc.activities.findIndex((a) => a.attendance.length > 0)
      const bytesOf = (x: unknown) => utf8(JSON.stringify(x))
      const grown = (bytes: number, what: "district" | "unit" | "activity") => {
        const at = (n: number) =>
          what === "district"
            ? { ...doc, district: { ...doc.district, name: "x".repeat(n) } }
            : what === "unit"
              ? { ...doc, units: doc.units.map((u, k) => (k === 2 ? { ...u, name: "x".repeat(n) } : u)) }
              : {
                  ...doc,
                  activities: doc.activities.map((a, k) => (k === activity ? { ...a, title: "x".repeat(n) } : a)),
                }
        const row = (x: ReturnType<typeof at>) => {
          const n = normalised(x)
          if (what === "district") return bytesOf(n.district)
          if (what === "unit") return bytesOf(n.units.find((u) => u.id === doc.units[2]!.id))
          return bytesOf({ ...n.activities.find((a) => a.id === doc.activities[activity]!.id)!, attendance: [] })
        }
        return at(bytes - (row(at(1)) - 1))
      }
      for (const [what, path] of [
        ["district", "district"],
        ["unit", "units[2]"],
        ["activity", `activities[${activity}]`],
      ] as const) {
        yield* store.importDistrict(grown(limit, what))
        expect(yield* failure(store.importDistrict(grown(limit + 1, what))), what).toMatchObject(
          tooLarge("importDistrict", path),
        )
      }
    }),
  )
}

/** Registers the proposed tests as the kit would, one group per suite they belong to. */
export const registerGaps = (name: string, layer: Layer.Layer<Store.Store, unknown>, options: Options = {}): void => {
  const timeout = options.timeout ?? 120_000
  const group = (g: string, register: (it: Vitest.MethodsNonLive<Store.Store>) => void) =>
    withLayer(layer, { timeout, excludeTestServices: true })(g, register)
  describe(`${name} store conformance, proposed`, { timeout }, () => {
    group("crud", (it) => crudGaps(it))
    group("import-transactions", (it) => transactionGaps(it, options, layer))
    group("bad-input", (it) => badInputGaps(it))
  })
}
