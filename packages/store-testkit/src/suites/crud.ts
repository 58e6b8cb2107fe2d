// Group "crud": every read and write of the port, one behaviour per test.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, Store, StoreCollections } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Fixtures from "../Fixtures.js"
import { failure, listAll } from "../internal/helpers.js"
import type { Options } from "../Options.js"

const tenant = (store: Store.Service) =>
  Effect.gen(function* () {
    const id = Fixtures.freshDistrictId("crud")
    yield* store.putDistrict(Fixtures.districtInfo(id))
    return id
  })

const member = (
  id: string,
  extra: Partial<StoreCollections.Item<"members">> = {},
): StoreCollections.Item<"members"> => ({
  id: id as Ids.MemberId,
  name: `委员 ${id}`,
  level: "district",
  sector: "economy" as Ids.SectorId,
  partyMember: false,
  standingCommittee: false,
  chairmansMeeting: false,
  specialCommitteeIds: [],
  ...extra,
})

export const crud = (
  it: Vitest.MethodsNonLive<Store.Store>,
  options: Options,
  layer: Layer.Layer<Store.Store, unknown>,
) => {
  it.effect("declares the capabilities it was registered with", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      for (const [k, v] of Object.entries(options.capabilities ?? {})) {
        expect(store.capabilities[k as keyof Store.Capabilities], `capability ${k}`).toBe(v)
      }
    }),
  )

  if (options.capabilities?.persistent === true) {
    it.effect("data outlives the store: a fresh instance of the layer reads what the first wrote", () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const d = yield* tenant(store)
        const data = Fixtures.district(d)
        yield* store.importDistrict(data)
        yield* store.append(d, "c1" as Ids.CaseId, 0, [{ type: "opened", data: { n: 1 } }])
        const again = yield* Layer.build(Layer.fresh(layer)).pipe(Effect.map((ctx) => Context.get(ctx, Store.Store)))
        expect(yield* again.loadDistrict(d)).toEqual(yield* store.loadDistrict(d))
        expect(yield* again.readCase(d, "c1" as Ids.CaseId)).toEqual(yield* store.readCase(d, "c1" as Ids.CaseId))
        expect(yield* again.append(d, "c1" as Ids.CaseId, 1, [{ type: "noted", data: null }])).toBe(2)
      }),
    )
  }

  it.effect("putDistrict creates a district, getDistrict and listDistricts read it, put again replaces", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const id = Fixtures.freshDistrictId("crud")
      expect(Option.isNone(yield* store.getDistrict(id))).toBe(true)
      yield* store.putDistrict(Fixtures.districtInfo(id))
      const got = Option.getOrThrow(yield* store.getDistrict(id))
      expect(got.name).toBe("测试区")
      expect(got.unitKinds.length).toBeGreaterThan(0)
      yield* store.putDistrict({ ...Fixtures.districtInfo(id), name: "青山区", nameEn: "Qingshan" })
      const again = Option.getOrThrow(yield* store.getDistrict(id))
      expect([again.name, again.nameEn]).toEqual(["青山区", "Qingshan"])
      const all = yield* store.listDistricts()
      expect(all.filter((d) => d.id === id)).toHaveLength(1)
    }),
  )

  it.effect("upsert inserts and replaces by key; get reads back exactly what was written, defaults filled in", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const input = {
        id: "m1",
        name: "张三",
        level: "district",
        sector: "economy",
        partyMember: true,
      } as unknown as StoreCollections.Item<"members">
      expect(yield* store.upsert(d, "members", [input])).toBe(1)
      expect(Option.getOrThrow(yield* store.get(d, "members", "m1"))).toEqual(
        member("m1", { name: "张三", partyMember: true }),
      )
      yield* store.upsert(d, "members", [member("m1", { name: "李四", residenceUnitId: "u9" as Ids.UnitId })])
      expect(Option.getOrThrow(yield* store.get(d, "members", "m1"))).toEqual(
        member("m1", { name: "李四", residenceUnitId: "u9" as Ids.UnitId }),
      )
      expect(yield* store.count(d, "members")).toBe(1)
      expect(Option.isNone(yield* store.get(d, "members", "m2"))).toBe(true)
    }),
  )

  it.effect("every collection round-trips, activities with their attendance in order", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const data = Fixtures.district(d)
      const withGuidance = {
        ...data,
        guidance: [{ memberId: data.members[0]!.id, streetId: data.units[0]!.id }],
        cases: [
          {
            id: "case-1" as Ids.CaseId,
            topic: "加装电梯",
            source: "residents" as const,
            workflow: { id: "standard", version: 1 },
            openedOn: "2025-03-01" as never,
          },
        ],
      }
      for (const name of [
        "units",
        "platforms",
        "members",
        "committees",
        "activities",
        "submissions",
        "outcomes",
        "guidance",
        "cases",
      ] as const) {
        const items = withGuidance[name] as ReadonlyArray<never>
        yield* store.upsert(d, name, items)
        const back = yield* listAll(store, d, name)
        expect(back.length, name).toBe(items.length)
        expect(new Set(back.map((x) => JSON.stringify(x))), name).toEqual(new Set(items.map((x) => JSON.stringify(x))))
      }
      const activity = data.activities.find((a) => a.attendance.length > 2)!
      expect(Option.getOrThrow(yield* store.get(d, "activities", activity.id))).toEqual(activity)
      expect(Option.isSome(yield* store.get(d, "guidance", `${data.members[0]!.id} ${data.units[0]!.id}`))).toBe(true)
    }),
  )

  it.effect("remove deletes by key and returns how many existed; attendance goes with its activity", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const data = Fixtures.district(d)
      yield* store.upsert(d, "activities", data.activities)
      const [a, b] = data.activities
      expect(yield* store.remove(d, "activities", [a!.id, b!.id, "nope"])).toBe(2)
      expect(yield* store.count(d, "activities")).toBe(data.activities.length - 2)
      yield* store.upsert(d, "activities", [{ ...a!, attendance: [] }])
      expect(Option.getOrThrow(yield* store.get(d, "activities", a!.id)).attendance).toEqual([])
      expect(yield* store.remove(d, "activities", [])).toBe(0)
    }),
  )

  it.effect("list pages in code-point key order with a cursor, and never repeats or skips", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      // Mixed scripts and characters around the UTF-16 surrogate range, where code-point order and
      // JavaScript's default order differ.
      const ids = [
        "a",
        "B",
        "b",
        "aa",
        "a-1",
        "Z",
        "é",
        "中",
        "中文",
        "\u{1F600}",
        "\uE000",
        "\uFFFD",
        "1",
        "10",
        "9",
        "~",
      ]
      yield* store.upsert(
        d,
        "members",
        ids.map((id) => member(id)),
      )
      const expected = [...ids].sort((x, y) => {
        const a = [...x].map((c) => c.codePointAt(0)!)
        const b = [...y].map((c) => c.codePointAt(0)!)
        for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
        return a.length - b.length
      })
      for (const limit of [1, 3, 5, 16, 100]) {
        const seen = (yield* listAll(store, d, "members", { limit })).map((m) => m.id)
        expect(seen, `limit ${limit}`).toEqual(expected)
      }
      const first = yield* store.list(d, "members", { limit: 16 })
      expect(first.next).toBeUndefined()
      const page = yield* store.list(d, "members", { limit: 2 })
      expect(page.items.map((m) => m.id)).toEqual(expected.slice(0, 2))
      expect(page.next).toBe(expected[1])
      const after = yield* store.list(d, "members", { after: "b" })
      expect(after.items.map((m) => m.id)).toEqual(
        expected.filter((id) => expected.indexOf(id) > expected.indexOf("b")),
      )
    }),
  )

  it.effect("list pages 100 items by default and readAll 1,000 events", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      yield* store.upsert(
        d,
        "members",
        Array.from({ length: 150 }, (_, i) => member(`m${String(i).padStart(3, "0")}`)),
      )
      const page = yield* store.list(d, "members")
      expect([page.items.length, page.next]).toEqual([100, "m099"])
      yield* store.append(
        d,
        "c1" as Ids.CaseId,
        0,
        Array.from({ length: 1_100 }, (_, i) => ({ type: "step", data: i })),
      )
      expect((yield* store.readAll(d)).length).toBe(1_000)
      expect((yield* store.readAll(d, { after: 1_000 })).length).toBe(100)
    }),
  )

  it.effect("filters by equality and dates by inclusive range; count agrees with list", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const data = Fixtures.district(d, { activities: 40 })
      yield* store.upsert(d, "units", data.units)
      yield* store.upsert(d, "activities", data.activities)
      const street = data.units[0]!.id
      const children = yield* listAll(store, d, "units", { filter: { parentId: street } })
      expect(children.map((u) => u.id)).toEqual(data.units.filter((u) => u.parentId === street).map((u) => u.id))
      expect(yield* store.count(d, "units", { filter: { parentId: street } })).toBe(children.length)
      const streets = yield* listAll(store, d, "units", { filter: { kind: "street" } })
      expect(streets.length).toBe(3)
      const both = yield* listAll(store, d, "units", { filter: { kind: "community", parentId: street } })
      expect(both.length).toBe(children.length)
      const none = yield* listAll(store, d, "units", { filter: { kind: "street", parentId: street } })
      expect(none).toEqual([])
      const from = "2025-01-10"
      const to = "2025-01-20"
      const ranged = yield* listAll(store, d, "activities", { from, to, filter: { type: "research" } })
      const expected = data.activities
        .filter((a) => a.date >= from && a.date <= to && a.type === "research")
        .map((a) => a.id)
      expect(ranged.map((a) => a.id)).toEqual(expected)
      expect(yield* store.count(d, "activities", { from, to, filter: { type: "research" } })).toBe(expected.length)
      expect(expected.length).toBeGreaterThan(0)
    }),
  )

  it.effect(
    "writes to a district that does not exist fail with NotFound; reads see nothing, remove removes nothing",
    () =>
      Effect.gen(function* () {
        const store = yield* Store.Store
        const ghost = Fixtures.freshDistrictId("ghost")
        const e = yield* failure(store.upsert(ghost, "members", [member("m1")]))
        expect(e).toMatchObject({ _tag: "NotFound", entity: "district", id: ghost })
        expect((yield* failure(store.append(ghost, "c" as Ids.CaseId, 0, [{ type: "opened", data: null }])))._tag).toBe(
          "NotFound",
        )
        expect(
          (yield* failure(
            store.saveAssignmentRun(ghost, {
              id: "r",
              kind: "k",
              createdAt: "2025-01-01T00:00:00Z",
              objective: 0,
              placements: [],
              meta: {},
            }),
          ))._tag,
        ).toBe("NotFound")
        expect(
          (yield* failure(
            store.saveEvaluation(ghost, { rubricId: "r", period: "2025", computedAt: "x", results: null }),
          ))._tag,
        ).toBe("NotFound")
        expect(yield* store.list(ghost, "members")).toEqual({ items: [] })
        expect(yield* store.count(ghost, "members")).toBe(0)
        expect(Option.isNone(yield* store.loadDistrict(ghost))).toBe(true)
        expect(yield* store.readCase(ghost, "c" as Ids.CaseId)).toEqual([])
        expect(yield* store.readAll(ghost)).toEqual([])
        expect(yield* store.listAssignmentRuns(ghost)).toEqual([])
        expect(yield* store.listEvaluations(ghost)).toEqual([])
        expect(Option.isNone(yield* store.get(ghost, "members", "m1"))).toBe(true)
        expect(yield* store.remove(ghost, "members", ["m1"])).toBe(0)
        expect(Option.isNone(yield* store.getAssignmentRun(ghost, "r1"))).toBe(true)
        expect(yield* store.listProgress(ghost, "o1" as Ids.OutcomeId)).toEqual([])
        expect(Option.isNone(yield* store.getEvaluation(ghost, "qingshan", "2025"))).toBe(true)
      }),
  )

  it.effect("assignment runs: save, replace, get with placements, list summaries by time then id and by kind", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const placements = Array.from({ length: 2_500 }, (_, i) => ({ agent: `m${i}`, target: `lc${i % 10}` }))
      const run = (id: string, kind: string, createdAt: string) => ({
        id,
        kind,
        createdAt,
        objective: 766.5,
        placements,
        meta: { solver: "network-simplex", pivots: 12 },
      })
      yield* store.saveAssignmentRun(d, run("r2", "members-to-committees", "2025-02-01T08:00:00Z"))
      yield* store.saveAssignmentRun(d, run("r1", "members-to-committees", "2025-02-01T08:00:00Z"))
      yield* store.saveAssignmentRun(d, run("r0", "leaders-to-streets", "2025-01-01T08:00:00Z"))
      expect(Option.getOrThrow(yield* store.getAssignmentRun(d, "r1"))).toEqual(
        run("r1", "members-to-committees", "2025-02-01T08:00:00Z"),
      )
      const list = yield* store.listAssignmentRuns(d)
      expect(list.map((r) => r.id)).toEqual(["r0", "r1", "r2"])
      expect(list[1]).toEqual({
        id: "r1",
        kind: "members-to-committees",
        createdAt: "2025-02-01T08:00:00Z",
        objective: 766.5,
        meta: { solver: "network-simplex", pivots: 12 },
        placementCount: 2_500,
      })
      expect((yield* store.listAssignmentRuns(d, { kind: "leaders-to-streets" })).map((r) => r.id)).toEqual(["r0"])
      yield* store.saveAssignmentRun(d, {
        ...run("r1", "members-to-committees", "2025-03-01T08:00:00Z"),
        placements: placements.slice(0, 3),
      })
      expect(Option.getOrThrow(yield* store.getAssignmentRun(d, "r1")).placements).toEqual(placements.slice(0, 3))
      expect((yield* store.listAssignmentRuns(d)).map((r) => r.id)).toEqual(["r0", "r2", "r1"])
      expect(Option.isNone(yield* store.getAssignmentRun(d, "nope"))).toBe(true)
    }),
  )

  it.effect("progress updates are kept in order and set the outcome's progress; unknown outcomes are NotFound", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const data = Fixtures.district(d)
      yield* store.upsert(d, "outcomes", data.outcomes)
      const o = data.outcomes[1]!
      const first = yield* store.appendProgress(d, {
        outcomeId: o.id,
        progress: 40,
        on: "2025-05-01" as never,
        note: "已完成入户调查",
      })
      const second = yield* store.appendProgress(d, {
        outcomeId: o.id,
        progress: 76,
        on: "2025-06-01" as never,
        by: "m000001" as Ids.MemberId,
      })
      expect([first.seq, second.seq]).toEqual([1, 2])
      yield* store.appendProgress(d, { outcomeId: data.outcomes[0]!.id, progress: 5, on: "2025-06-02" as never })
      expect((yield* store.listProgress(d, o.id)).map((u) => [u.seq, u.progress, u.note ?? null])).toEqual([
        [1, 40, "已完成入户调查"],
        [2, 76, null],
      ])
      expect(Option.getOrThrow(yield* store.get(d, "outcomes", o.id))).toEqual({ ...o, progress: 76 })
      const e = yield* failure(
        store.appendProgress(d, { outcomeId: "nope" as Ids.OutcomeId, progress: 1, on: "2025-06-01" as never }),
      )
      expect(e).toMatchObject({ _tag: "NotFound", entity: "outcome", id: "nope" })
      expect(yield* store.listProgress(d, "nope" as Ids.OutcomeId)).toEqual([])
    }),
  )

  it.effect("evaluation snapshots: save replaces per rubric and period; list without results in order", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = yield* tenant(store)
      const results = {
        members: Array.from({ length: 300 }, (_, i) => ({
          id: `m${i}`,
          total: i / 2,
          grade: i % 2 === 0 ? "优秀" : "良好",
        })),
      }
      yield* store.saveEvaluation(d, {
        rubricId: "qingshan",
        period: "2025",
        computedAt: "2026-01-02T00:00:00Z",
        results,
      })
      yield* store.saveEvaluation(d, {
        rubricId: "qingshan",
        period: "2024",
        computedAt: "2025-01-02T00:00:00Z",
        results: [],
      })
      yield* store.saveEvaluation(d, {
        rubricId: "minhang",
        period: "2025",
        computedAt: "2026-01-03T00:00:00Z",
        results: null,
      })
      expect(Option.getOrThrow(yield* store.getEvaluation(d, "qingshan", "2025")).results).toEqual(results)
      yield* store.saveEvaluation(d, {
        rubricId: "qingshan",
        period: "2025",
        computedAt: "2026-01-05T00:00:00Z",
        results: { replaced: true },
      })
      expect(Option.getOrThrow(yield* store.getEvaluation(d, "qingshan", "2025"))).toEqual({
        rubricId: "qingshan",
        period: "2025",
        computedAt: "2026-01-05T00:00:00Z",
        results: { replaced: true },
      })
      expect(yield* store.listEvaluations(d)).toEqual([
        { rubricId: "minhang", period: "2025", computedAt: "2026-01-03T00:00:00Z" },
        { rubricId: "qingshan", period: "2024", computedAt: "2025-01-02T00:00:00Z" },
        { rubricId: "qingshan", period: "2025", computedAt: "2026-01-05T00:00:00Z" },
      ])
      expect(Option.isNone(yield* store.getEvaluation(d, "qingshan", "2023"))).toBe(true)
      // Keys made of two parts never collide, whatever characters the parts hold.
      yield* store.saveEvaluation(d, { rubricId: "a b", period: "c", computedAt: "t", results: 1 })
      yield* store.saveEvaluation(d, { rubricId: "a", period: "b c", computedAt: "t", results: 2 })
      yield* store.saveEvaluation(d, { rubricId: "a\u0001b", period: "c", computedAt: "t", results: 3 })
      expect(Option.getOrThrow(yield* store.getEvaluation(d, "a b", "c")).results).toBe(1)
      expect(Option.getOrThrow(yield* store.getEvaluation(d, "a", "b c")).results).toBe(2)
      expect(Option.getOrThrow(yield* store.getEvaluation(d, "a\u0001b", "c")).results).toBe(3)
    }),
  )

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
