// Group "bad-input": refused input is reported with paths and writes nothing; odd but valid text is
// stored verbatim.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Store, StoreInput } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Fixtures from "../Fixtures.js"
import { failure } from "../internal/helpers.js"
import { snapshot } from "./tenants.js"

const tenant = (store: Store.Service) =>
  Effect.gen(function* () {
    const id = Fixtures.freshDistrictId("bad")
    yield* store.importDistrict(Fixtures.district(id))
    yield* store.append(id, "c1" as Ids.CaseId, 0, [{ type: "opened", data: null }])
    return id
  })

// Text that breaks naive SQL, JSON or LIKE handling.
export const awkwardStrings = [
  "'; DROP TABLE items; --",
  "Robert'); DROP TABLE students;--",
  `" OR "1"="1`,
  "$1 $2 ?? :name @p0",
  "100% _match_ \\%",
  "back\\slash \\\\ and \\u0000 literally",
  "line\nbreak\r\ntab\t",
  "emoji 😀 and 中文、標點！",
  "\u2028\u2029",
  '{"json": [1, 2]}',
]

export const badInput = (it: Vitest.MethodsNonLive<Store.Store>) => {
  it.effect("schema-invalid rows are refused with every problem and its path, and nothing is written", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const before = yield* snapshot(store, d)
      const good = Fixtures.district(d).members[0]!
      const e = yield* failure(
        store.upsert(d, "members", [
          { ...good, id: "fine-1" as Ids.MemberId },
          { ...good, id: "has space" as Ids.MemberId, level: "galactic" as never },
          { ...good, id: "fine-2" as Ids.MemberId, partyMember: "yes" as never, shoeSize: 42 } as never,
        ]),
      )
      expect(e._tag).toBe("InvalidInput")
      if (e._tag === "InvalidInput") {
        expect(e.issues.map((i) => i.path).sort()).toEqual([
          "items[1].id",
          "items[1].level",
          "items[2].partyMember",
          "items[2].shoeSize",
        ])
        expect(e.issues.every((i) => i.message.length > 0 && i.messageZh.length > 0)).toBe(true)
      }
      expect(yield* snapshot(store, d)).toEqual(before)
    }),
  )

  it.effect("duplicate keys in one batch, unknown collections, filters and bad options are refused", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const before = yield* snapshot(store, d)
      const m = Fixtures.district(d).members[0]!
      const dup = yield* failure(store.upsert(d, "members", [m, { ...m, name: "又一个" }]))
      expect(dup).toMatchObject({ _tag: "InvalidInput", issues: [{ path: "items[1]", code: "duplicate" }] })
      expect((yield* failure(store.upsert(d, "people" as never, [m as never])))._tag).toBe("InvalidInput")
      expect((yield* failure(store.get(d, "people" as never, "x")))._tag).toBe("InvalidInput")
      const filter = yield* failure(store.list(d, "members", { filter: { shoeSize: "42" } }))
      expect(filter).toMatchObject({
        _tag: "InvalidInput",
        issues: [{ path: "filter.shoeSize", code: "unknown-filter" }],
      })
      const options = yield* failure(store.list(d, "members", { from: "2025-01-01", limit: 0 }))
      expect(options._tag === "InvalidInput" && options.issues.map((i) => i.path)).toEqual(["from", "limit"])
      const query = yield* failure(store.list(d, "members", { filter: { sector: "a\u0000" }, after: "\uD800" }))
      expect(query._tag === "InvalidInput" && query.issues.map((i) => i.path)).toEqual(["filter.sector", "after"])
      const dates = yield* failure(store.list(d, "activities", { from: "2025-13-01", to: "yesterday" }))
      expect(dates._tag === "InvalidInput" && dates.issues.map((i) => i.path)).toEqual(["from", "to"])
      const version = yield* failure(store.append(d, "c1" as Ids.CaseId, -1, [{ type: "x", data: null }]))
      expect(version).toMatchObject({ _tag: "InvalidInput", issues: [{ path: "expectedVersion" }] })
      const event = yield* failure(
        store.append(d, "c1" as Ids.CaseId, 1, [
          { type: "ok", data: 1 },
          { data: 2 } as never,
          { type: "nan", data: Number.NaN },
        ]),
      )
      expect(event._tag === "InvalidInput" && event.issues.map((i) => i.path)).toEqual([
        "events[1].type",
        "events[2].data",
      ])
      const missing = yield* failure(
        store.append(d, "c1" as Ids.CaseId, 1, [
          { type: "no-data" } as never,
          { type: "bad-meta", data: 1, meta: [] as never },
        ]),
      )
      expect(missing._tag === "InvalidInput" && missing.issues.map((i) => i.path)).toEqual([
        "events[1].meta",
        "events[0].data",
      ])
      const notJson = yield* failure(
        store.append(d, "c1" as Ids.CaseId, 1, [{ type: "date", data: { when: new Date() as never } }]),
      )
      expect(notJson).toMatchObject({
        _tag: "InvalidInput",
        issues: [{ path: "events[0].data.when", code: "not-json" }],
      })
      const district = yield* failure(store.putDistrict({ id: "has space", name: "" } as never))
      expect(district._tag === "InvalidInput" && district.issues.map((i) => i.path).sort()).toEqual([
        "district.id",
        "district.name",
        "district.sectors",
      ])
      const progress = yield* failure(
        store.appendProgress(d, {
          outcomeId: Fixtures.district(d).outcomes[0]!.id,
          progress: 101,
          on: "2025-02-30" as never,
        }),
      )
      expect(progress._tag === "InvalidInput" && progress.issues.map((i) => i.path).sort()).toEqual([
        "update.on",
        "update.progress",
      ])
      const run = yield* failure(
        store.saveAssignmentRun(d, {
          id: "r",
          kind: "k",
          createdAt: "now",
          objective: Number.POSITIVE_INFINITY,
          placements: [
            { agent: "a", target: "t" },
            { agent: "a", target: "u" },
          ],
          meta: {},
        }),
      )
      expect(run._tag === "InvalidInput" && run.issues.map((i) => i.path)).toEqual(["run.objective"])
      const twice = yield* failure(
        store.saveAssignmentRun(d, {
          id: "r",
          kind: "k",
          createdAt: "now",
          objective: 1,
          placements: [
            { agent: "a", target: "t" },
            { agent: "a", target: "u" },
          ],
          meta: {},
        }),
      )
      const unstorable = yield* failure(
        store.append(d, "c\u0000" as Ids.CaseId, 0, [
          { type: "bad\uD800", data: "text in data may hold \u0000 and \uD800" },
        ]),
      )
      expect(unstorable._tag === "InvalidInput" && unstorable.issues.map((i) => i.path)).toEqual(["caseId"])
      const type = yield* failure(store.append(d, "c2" as Ids.CaseId, 0, [{ type: "bad\uD800", data: null }]))
      expect(type._tag === "InvalidInput" && type.issues.map((i) => i.path)).toEqual(["events[0].type"])
      const id = yield* failure(
        store.upsert(d, "members", [{ ...Fixtures.district(d).members[0]!, id: "m\u0000" as Ids.MemberId }]),
      )
      expect(id._tag === "InvalidInput" && id.issues.map((i) => i.path)).toEqual(["items[0].id"])
      expect(twice).toMatchObject({
        _tag: "InvalidInput",
        issues: [{ path: "run.placements[1].agent", code: "duplicate" }],
      })
      expect(yield* snapshot(store, d)).toEqual(before)
    }),
  )

  it.effect("oversize payloads are a typed PayloadTooLarge, and nothing is written", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const before = yield* snapshot(store, d)
      const huge = "大".repeat(Math.ceil(StoreInput.limits.maxRowBytes / 3) + 10)
      const m = Fixtures.district(d).members[0]!
      const row = yield* failure(
        store.upsert(d, "members", [
          { ...m, id: "ok" as Ids.MemberId },
          { ...m, name: huge },
        ]),
      )
      expect(row).toMatchObject({ _tag: "PayloadTooLarge", path: "items[1]", limit: StoreInput.limits.maxRowBytes })
      if (row._tag === "PayloadTooLarge") expect(row.bytes).toBeGreaterThan(StoreInput.limits.maxRowBytes)
      const event = yield* failure(store.append(d, "c1" as Ids.CaseId, 1, [{ type: "big", data: huge }]))
      expect(event).toMatchObject({ _tag: "PayloadTooLarge", path: "events[0]" })
      const results = yield* failure(
        store.saveEvaluation(d, {
          rubricId: "r",
          period: "2025",
          computedAt: "t",
          results: "x".repeat(StoreInput.limits.maxSnapshotBytes + 1),
        }),
      )
      expect(results).toMatchObject({ _tag: "PayloadTooLarge", path: "snapshot.results" })
      const data = Fixtures.district(d)
      const imported = yield* failure(
        store.importDistrict({ ...data, units: data.units.map((u, i) => (i === 2 ? { ...u, name: huge } : u)) }),
      )
      expect(imported).toMatchObject({ _tag: "PayloadTooLarge", operation: "importDistrict", path: "units[2]" })
      const record = yield* failure(store.importDistrict({ ...data, district: { ...data.district, name: huge } }))
      expect(record).toMatchObject({ _tag: "PayloadTooLarge", operation: "importDistrict", path: "district" })
      expect(yield* snapshot(store, d)).toEqual(before)
    }),
  )

  it.effect("text that looks like SQL, JSON or escapes is stored and read back verbatim", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const m = Fixtures.district(d).members[0]!
      const items = awkwardStrings.map((name, i) => ({ ...m, id: `odd-${i}` as Ids.MemberId, name: `x ${name} x` }))
      yield* store.upsert(d, "members", items)
      for (const item of items) expect(Option.getOrThrow(yield* store.get(d, "members", item.id))).toEqual(item)
      expect(
        (yield* store.list(d, "members", { filter: { sector: "economy" }, limit: 1_000 })).items.length,
      ).toBeGreaterThan(awkwardStrings.length)
      const key = awkwardStrings[0]!.replaceAll(" ", "")
      yield* store.upsert(d, "members", [{ ...m, id: key as Ids.MemberId }])
      expect(Option.isSome(yield* store.get(d, "members", key))).toBe(true)
      yield* store.append(d, key as Ids.CaseId, 0, [
        { type: awkwardStrings[1]!, data: awkwardStrings, meta: { [awkwardStrings[2]!]: awkwardStrings[3]! } },
      ])
      const [event] = yield* store.readCase(d, key as Ids.CaseId)
      expect(event).toMatchObject({
        type: awkwardStrings[1],
        data: awkwardStrings,
        meta: { [awkwardStrings[2]!]: awkwardStrings[3] },
      })
      expect((yield* store.list(d, "members", { filter: { residenceUnitId: "%" } })).items).toEqual([])
    }),
  )
}
