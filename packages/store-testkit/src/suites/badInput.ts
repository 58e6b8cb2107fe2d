// Group "bad-input": refused input is reported with paths and writes nothing; odd but valid text is
// stored verbatim.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Store, StoreCollections, type StoreError, StoreInput } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Fixtures from "../Fixtures.js"
import { failure, normalised } from "../internal/helpers.js"
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

const c1 = "c1" as Ids.CaseId
const opened = [{ type: "opened", data: null }]

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
