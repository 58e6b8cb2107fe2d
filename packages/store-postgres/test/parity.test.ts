// PgStore against MemoryStore, the reference model: the same calls must give the same values, in
// the same order, and the same errors (tag, fields, issue paths and messages).
import { describe, expect, it } from "@effect/vitest"
import type { Ids, Store } from "@tongxin/core"
import { StoreCollections } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { freshLayer, qingshan, sideBySide } from "./support.js"

const data = qingshan()
const qs = data.district.id
const other = "other-district" as Ids.DistrictId
const nowhere = "no-such-district" as Ids.DistrictId
const caseId = (s: string) => s as Ids.CaseId

const collect = <A, E>(stream: Stream.Stream<A, E>): Effect.Effect<ReadonlyArray<A>, E> => Stream.runCollect(stream)

// Walks every page of `list` and returns them all.
const pages = (s: Store.Service, name: StoreCollections.Name, options: Store.ListOptions) =>
  Effect.gen(function* () {
    const out: Array<unknown> = []
    let after: string | undefined
    for (;;) {
      const page: Store.Page<unknown> = yield* s.list(qs, name, after === undefined ? options : { ...options, after })
      out.push(page)
      if (page.next === undefined) return out
      after = page.next
    }
  })

describe("PgStore matches MemoryStore", () => {
  it.effect("imports Qingshan and reads it back: load, pages, filters, dates, counts, streams", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("import", (s) => s.importDistrict(data))
      yield* same("import again (idempotent)", (s) => s.importDistrict(data))
      yield* same("load", (s) => s.loadDistrict(qs))
      yield* same("load unknown", (s) => s.loadDistrict(nowhere))
      yield* same("getDistrict", (s) => s.getDistrict(qs))
      yield* same("listDistricts", (s) => s.listDistricts())
      for (const name of StoreCollections.names) {
        yield* same(`${name}: every page of 7`, (s) => pages(s, name, { limit: 7 }))
        yield* same(`${name}: count`, (s) => s.count(qs, name))
        yield* same(`${name}: stream in batches of 50`, (s) => collect(s.stream(qs, name, { batchSize: 50 })))
        yield* same(`${name}: unknown district`, (s) => s.list(nowhere, name))
      }
      // Every filter field with a value that occurs, one that does not, and two filters at once.
      for (const name of StoreCollections.districtDataNames) {
        const descriptor = StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<unknown>
        const items = data[name] as ReadonlyArray<unknown>
        for (let f = 0; f < descriptor.filters.length; f++) {
          const field = descriptor.filters[f]!
          const values = [
            ...new Set(items.map((i) => descriptor.filterValues(i)[f]).filter((v) => v !== undefined)),
          ].slice(0, 3)
          for (const value of [...values, "nothing-has-this"]) {
            yield* same(`${name} ${field}=${value}`, (s) => pages(s, name, { filter: { [field]: value! }, limit: 5 }))
            yield* same(`${name} ${field}=${value} count`, (s) => s.count(qs, name, { filter: { [field]: value! } }))
          }
        }
        if (descriptor.filters.length >= 2 && items.length > 0) {
          const [a, b] = descriptor.filterValues(items[0])
          if (a !== undefined && b !== undefined) {
            const filter = { [descriptor.filters[0]!]: a, [descriptor.filters[1]!]: b }
            yield* same(`${name} two filters`, (s) => pages(s, name, { filter, limit: 4 }))
          }
        }
      }
      yield* same("activities in a date range", (s) =>
        pages(s, "activities", { from: "2025-03-01", to: "2025-03-31", limit: 9 }),
      )
      yield* same("activities from", (s) => s.count(qs, "activities", { from: "2025-11-15" }))
      yield* same("activities to", (s) => s.count(qs, "activities", { to: "2025-01-20" }))
      yield* same("submissions in a range, filtered", (s) =>
        pages(s, "submissions", {
          from: "2025-02-01",
          to: "2025-08-01",
          filter: { kind: data.submissions[0]!.kind },
          limit: 10,
        }),
      )
      yield* same("stream with filter and range", (s) =>
        collect(s.stream(qs, "activities", { from: "2025-06-01", to: "2025-06-30", batchSize: 3 })),
      )
      yield* same("stream batch of 1", (s) => collect(s.stream(qs, "committees", { batchSize: 1 })))
      yield* same("cursor past the end", (s) => s.list(qs, "units", { after: "\u{10FFFF}" }))
      yield* same("cursor before the start", (s) => s.list(qs, "units", { after: "!", limit: 2 }))
      yield* same("get an activity", (s) => s.get(qs, "activities", data.activities[5]!.id))
      yield* same("get a guidance-less key", (s) => s.get(qs, "guidance", "m1 s1"))
      yield* same("get a member", (s) => s.get(qs, "members", data.members[0]!.id))
      yield* same("get in unknown district", (s) => s.get(nowhere, "members", data.members[0]!.id))
    }),
  )

  it.effect("upserts, removes and re-imports; activities keep their attendance", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("upsert before the district exists", (s) => s.upsert(qs, "members", [data.members[0]!]))
      yield* same("import", (s) => s.importDistrict(data))
      const a = data.activities[0]!
      const changed = {
        ...a,
        title: "改过的标题 'quoted' \"double\" ; DROP TABLE tongxin_items; --",
        attendance: [
          ...a.attendance.slice(0, 2),
          { memberId: data.members[3]!.id, status: "partial" as const, halfDays: 0, speech: "written" as const },
        ],
      }
      yield* same("upsert a changed activity", (s) => s.upsert(qs, "activities", [changed]))
      yield* same("read it", (s) => s.get(qs, "activities", a.id))
      const fresh = { ...a, id: "act-new" as Ids.ActivityId, attendance: [] }
      yield* same("upsert a new activity without attendance", (s) => s.upsert(qs, "activities", [fresh]))
      yield* same("read the new one", (s) => s.get(qs, "activities", "act-new"))
      yield* same("upsert nothing", (s) => s.upsert(qs, "units", []))
      yield* same("remove", (s) => s.remove(qs, "activities", [a.id, a.id, "not-there", data.activities[1]!.id]))
      yield* same("remove nothing", (s) => s.remove(qs, "activities", []))
      yield* same("remove in unknown district", (s) => s.remove(nowhere, "activities", [a.id]))
      yield* same("after removal", (s) => s.get(qs, "activities", a.id))
      yield* same("count after", (s) => s.count(qs, "activities"))
      const outcome = data.outcomes[0]!
      yield* same("upsert an outcome with a new status", (s) =>
        s.upsert(qs, "outcomes", [{ ...outcome, status: "completed" }]),
      )
      yield* same("filter by the new status", (s) =>
        s.list(qs, "outcomes", { filter: { status: "completed" }, limit: 100 }),
      )
      yield* same("a case item", (s) =>
        s.upsert(qs, "cases", [
          {
            id: caseId("case-1"),
            title: "加装电梯",
            unitId: data.units[3]!.id,
            source: "resident",
            openedOn: "2025-05-05",
          } as never,
        ]),
      )
      yield* same("re-import keeps cases", (s) => s.importDistrict(data))
      yield* same("cases after re-import", (s) => s.list(qs, "cases"))
      yield* same("load after re-import", (s) => s.loadDistrict(qs))
      yield* same("a second district", (s) => s.putDistrict({ ...data.district, id: other, name: "另一个区" }))
      yield* same("it is empty", (s) => s.count(other, "members"))
      yield* same("districts in order", (s) => s.listDistricts())
      yield* same("replace its record", (s) => s.putDistrict({ ...data.district, id: other, name: "改名" }))
      yield* same("district record", (s) => s.getDistrict(other))
    }),
  )

  it.effect('orders keys by code point (COLLATE "C"), not by locale or UTF-16', () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("district", (s) => s.putDistrict(data.district))
      const ids = [
        "a",
        "B",
        "b",
        "é",
        "Z",
        "z-1",
        "z_1",
        "zz",
        "中",
        "\uFF5E",
        "\u{1F600}",
        "\u{20000}",
        "a\u{1F600}",
        "a\uFFFD",
        "A",
        "0",
        "~",
      ]
      const members = ids.map((id, i) => ({ ...data.members[i % data.members.length]!, id: id as Ids.MemberId }))
      yield* same("upsert odd ids", (s) => s.upsert(qs, "members", members))
      yield* same("list them", (s) => s.list(qs, "members", { limit: 100 }))
      yield* same("pages of 3", (s) => pages(s, "members", { limit: 3 }))
      yield* same("after an astral key", (s) => s.list(qs, "members", { after: "\u{1F600}" }))
    }),
  )

  it.effect("refuses bad input exactly as MemoryStore does", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("import a broken district", (s) => s.importDistrict({ ...data, units: [{ id: "bad id" }] } as never))
      yield* same("import", (s) => s.importDistrict(data))
      yield* same("unknown collection", (s) => s.list(qs, "people" as never))
      yield* same("unknown filter", (s) => s.list(qs, "members", { filter: { name: "x", sector: "y" } }))
      yield* same("filter on a collection without filters", (s) =>
        s.count(qs, "specialCommittees", { filter: { id: "x" } }),
      )
      yield* same("dates on an undated collection", (s) => s.list(qs, "members", { from: "2025-01-01" }))
      yield* same("bad date", (s) => s.list(qs, "activities", { from: "2025-02-30", to: "soon" }))
      yield* same("bad limit", (s) => s.list(qs, "units", { limit: 0 }))
      yield* same("limit too large", (s) => s.list(qs, "units", { limit: 10_001 }))
      yield* same("bad cursor", (s) => s.list(qs, "units", { after: "" }))
      yield* same("bad batch size", (s) => collect(s.stream(qs, "units", { batchSize: 1.5 })))
      yield* same("bad key", (s) => s.get(qs, "units", ""))
      yield* same("bad keys", (s) => s.remove(qs, "units", ["ok", "", "x".repeat(301)]))
      yield* same("invalid items", (s) =>
        s.upsert(qs, "members", [
          { id: "m x", name: 3 } as never,
          data.members[0]!,
          { ...data.members[1]!, extra: true } as never,
        ]),
      )
      yield* same("duplicate keys", (s) =>
        s.upsert(qs, "members", [data.members[0]!, data.members[1]!, data.members[0]!]),
      )
      yield* same("too large", (s) =>
        s.upsert(qs, "specialCommittees", [{ ...data.specialCommittees[0]!, name: "长".repeat(400_000) }]),
      )
      yield* same("bad district id", (s) => s.upsert("bad id" as Ids.DistrictId, "members", [data.members[0]!]))
      yield* same("unknown district beats invalid items", (s) => s.upsert(nowhere, "members", [{ id: 1 } as never]))
      yield* same("unknown collection on upsert", (s) => s.upsert(qs, "people" as never, []))
      yield* same("bad district record", (s) => s.putDistrict({ ...data.district, name: "" }))
      yield* same("nothing was written", (s) => s.loadDistrict(qs))
    }),
  )

  it.effect("appends events with optimistic concurrency and reads them back", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      const c1 = caseId("case-1")
      const c2 = caseId("case-2")
      const e = (type: string, data: Store.Json = null, meta?: Record<string, Store.Json>): Store.NewEvent =>
        meta === undefined ? { type, data } : { type, data, meta }
      yield* same("append to unknown district", (s) => s.append(nowhere, c1, 0, [e("opened")]))
      yield* same("district", (s) => s.putDistrict(data.district))
      yield* same("first events", (s) =>
        s.append(qs, c1, 0, [e("opened", { title: "加装电梯", n: 1 }), e("assigned", ["a", 1, true, null])]),
      )
      yield* same("stale version", (s) => s.append(qs, c1, 1, [e("x")]))
      yield* same("stale version, no events", (s) => s.append(qs, c1, 5, []))
      yield* same("right version, no events", (s) => s.append(qs, c1, 2, []))
      yield* same("no events, unknown district", (s) => s.append(nowhere, c1, 0, []))
      yield* same("another case", (s) =>
        s.append(qs, c2, 0, [
          e("opened", { odd: [1e21, -0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, -1e-7] }, { actor: "m1" }),
        ]),
      )
      yield* same("strings that look like SQL and odd text", (s) =>
        s.append(qs, c1, 2, [
          e("commented", {
            text: "'); DROP TABLE tongxin_events; -- \u0000 \u{1F600} \\ \"",
            "key with spaces": { "": "" },
          }),
        ]),
      )
      yield* same("invalid events", (s) =>
        s.append(qs, c1, 3, [{ type: "" } as never, e("ok", Number.NaN as never), e("ok", { f: (() => 1) as never })]),
      )
      yield* same("bad expected version", (s) => s.append(qs, c1, -1, [e("x")]))
      yield* same("bad case id", (s) => s.append(qs, "" as never, 0, [e("x")]))
      yield* same("too large", (s) => s.append(qs, c1, 3, [e("big", "x".repeat(1024 * 1024))]))
      yield* same("readCase", (s) => s.readCase(qs, c1))
      yield* same("readCase unknown", (s) => s.readCase(qs, caseId("nope")))
      yield* same("readCase unknown district", (s) => s.readCase(nowhere, c1))
      yield* same("readAll", (s) => s.readAll(qs))
      yield* same("readAll after 2, limit 1", (s) => s.readAll(qs, { after: 2, limit: 1 }))
      yield* same("readAll past the end", (s) => s.readAll(qs, { after: 99 }))
      yield* same("readAll bad options", (s) => s.readAll(qs, { after: -1, limit: 0 }))
      yield* same("positions are per district", (s) =>
        Effect.andThen(s.putDistrict({ ...data.district, id: other }), s.append(other, c1, 0, [e("opened")])),
      )
      yield* same("readAll other", (s) => s.readAll(other))
    }),
  )

  it.effect("assignment runs, progress and evaluations", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      const run = (id: string, createdAt: string, kind = "members-to-committees", n = 3): Store.AssignmentRun => ({
        id,
        kind,
        createdAt,
        objective: -0,
        placements: Array.from({ length: n }, (_, i) => ({ agent: `m${i}`, target: `c${i % 7}` })),
        meta: { solver: "flow", note: "第一次" },
      })
      yield* same("run to unknown district", (s) => s.saveAssignmentRun(nowhere, run("r1", "2025-01-01T00:00:00Z")))
      yield* same("import", (s) => s.importDistrict(data))
      yield* same("save runs", (s) =>
        Effect.all([
          s.saveAssignmentRun(qs, run("r2", "2025-01-02T00:00:00Z")),
          s.saveAssignmentRun(qs, run("r1", "2025-01-02T00:00:00Z", "guidance", 0)),
          s.saveAssignmentRun(qs, {
            ...run("r0", "2025-01-03T00:00:00Z", "members-to-committees", 2500),
            meta: undefined as never,
          }),
        ]),
      )
      yield* same("replace a run", (s) =>
        s.saveAssignmentRun(qs, run("r2", "2024-12-31T00:00:00Z", "members-to-committees", 5)),
      )
      yield* same("invalid run", (s) =>
        s.saveAssignmentRun(qs, {
          ...run("r3", "x"),
          placements: [
            { agent: "a", target: "b" },
            { agent: "a", target: "c" },
          ],
        }),
      )
      yield* same("invalid run shape", (s) =>
        s.saveAssignmentRun(qs, { ...run("", "x"), objective: Number.POSITIVE_INFINITY }),
      )
      yield* same("list runs", (s) => s.listAssignmentRuns(qs))
      yield* same("list runs of a kind", (s) => s.listAssignmentRuns(qs, { kind: "guidance" }))
      yield* same("list runs unknown district", (s) => s.listAssignmentRuns(nowhere))
      yield* same("get run", (s) => s.getAssignmentRun(qs, "r2"))
      yield* same("get big run", (s) => s.getAssignmentRun(qs, "r0"))
      yield* same("get empty run", (s) => s.getAssignmentRun(qs, "r1"))
      yield* same("get missing run", (s) => s.getAssignmentRun(qs, "nope"))

      const outcome = data.outcomes[0]!.id
      yield* same("progress for unknown outcome", (s) =>
        s.appendProgress(qs, { outcomeId: "nope" as Ids.OutcomeId, progress: 10, on: "2025-02-01" as never }),
      )
      yield* same("invalid progress", (s) =>
        s.appendProgress(qs, { outcomeId: outcome, progress: 120, on: "2025-02-30" as never }),
      )
      yield* same("progress to unknown district", (s) =>
        s.appendProgress(nowhere, { outcomeId: "bad id" as never, progress: 10, on: "x" as never }),
      )
      yield* same("progress", (s) =>
        s.appendProgress(qs, { outcomeId: outcome, progress: 40, on: "2025-02-01" as never, note: "开工" }),
      )
      yield* same("more progress", (s) =>
        s.appendProgress(qs, { outcomeId: outcome, progress: 100, on: "2025-03-01" as never, by: data.members[0]!.id }),
      )
      yield* same("progress elsewhere", (s) =>
        s.appendProgress(qs, { outcomeId: data.outcomes[1]!.id, progress: 5, on: "2025-03-02" as never }),
      )
      yield* same("list progress", (s) => s.listProgress(qs, outcome))
      yield* same("list progress unknown", (s) => s.listProgress(nowhere, outcome))
      yield* same("the outcome carries it", (s) => s.get(qs, "outcomes", outcome))

      const snapshot = (rubricId: string, period: string, results: Store.Json) => ({
        rubricId,
        period,
        computedAt: "2025-06-30T12:00:00Z",
        results,
      })
      yield* same("evaluation to unknown district", (s) => s.saveEvaluation(nowhere, snapshot("r", "2025", null)))
      yield* same("save evaluations", (s) =>
        Effect.all([
          s.saveEvaluation(qs, snapshot("rubric-b", "2025", { scores: [1, 2.5, 1e21, -0], names: { 张三: 90 } })),
          s.saveEvaluation(qs, snapshot("rubric-a", "2025-H2", [])),
          s.saveEvaluation(qs, snapshot("rubric-a", "2025-H1", "\u0000 text")),
        ]),
      )
      yield* same("replace one", (s) => s.saveEvaluation(qs, snapshot("rubric-b", "2025", { scores: [] })))
      yield* same("invalid snapshot", (s) =>
        s.saveEvaluation(qs, { ...snapshot("", "2025", { x: Number.NaN }), extra: 1 } as never),
      )
      yield* same("results not JSON", (s) => s.saveEvaluation(qs, snapshot("r", "2025", { x: [Number.NaN] })))
      yield* same("list evaluations", (s) => s.listEvaluations(qs))
      yield* same("get evaluation", (s) => s.getEvaluation(qs, "rubric-b", "2025"))
      yield* same("get evaluation with odd results", (s) => s.getEvaluation(qs, "rubric-a", "2025-H1"))
      yield* same("get missing evaluation", (s) => s.getEvaluation(qs, "rubric-b", "2024"))
    }),
  )

  it.effect("reads by values no write could store (NUL, half a surrogate pair) find nothing", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("import", (s) => s.importDistrict(data))
      // U+FFFD is what a driver would turn half a surrogate pair into: it must not match.
      yield* same("a case and a member whose ids hold U+FFFD", (s) =>
        Effect.andThen(
          s.append(qs, caseId("c\uFFFD"), 0, [{ type: "opened", data: null }]),
          s.upsert(qs, "members", [{ ...data.members[0]!, id: "m\uFFFD" as Ids.MemberId }]),
        ),
      )
      const nul = "x\u0000y"
      const half = "c\uD800"
      yield* same("getDistrict", (s) => s.getDistrict(nul as Ids.DistrictId))
      yield* same("loadDistrict", (s) => s.loadDistrict(half as Ids.DistrictId))
      yield* same("get in such a district", (s) => s.get(nul as Ids.DistrictId, "members", data.members[0]!.id))
      yield* same("list in such a district", (s) => s.list(half as Ids.DistrictId, "members"))
      yield* same("filter by such a value", (s) => s.list(qs, "members", { filter: { sector: nul } }))
      yield* same("count by such a value", (s) => s.count(qs, "members", { filter: { residenceUnitId: half } }))
      yield* same("stream by such a value", (s) => collect(s.stream(qs, "units", { filter: { parentId: nul } })))
      yield* same("a cursor with NUL", (s) =>
        s.list(qs, "members", { after: `${data.members[3]!.id}\u0000zz`, limit: 3 }),
      )
      yield* same("a cursor that is NUL", (s) => s.list(qs, "members", { after: "\u0000", limit: 2 }))
      yield* same("remove in such a district", (s) => s.remove(nul as Ids.DistrictId, "members", ["m1"]))
      yield* same("readCase", (s) => s.readCase(qs, caseId(half)))
      yield* same("readCase NUL", (s) => s.readCase(qs, caseId(nul)))
      yield* same("readAll in such a district", (s) => s.readAll(nul as Ids.DistrictId))
      yield* same("getAssignmentRun", (s) => s.getAssignmentRun(qs, half))
      yield* same("listAssignmentRuns of such a kind", (s) => s.listAssignmentRuns(qs, { kind: nul }))
      yield* same("listProgress", (s) => s.listProgress(qs, nul as Ids.OutcomeId))
      yield* same("getEvaluation", (s) => s.getEvaluation(qs, nul, half))
      yield* same("listEvaluations", (s) => s.listEvaluations(half as Ids.DistrictId))
      yield* same("append to such a case", (s) => s.append(qs, caseId(half), 0, [{ type: "opened", data: null }]))
    }),
  )

  it.effect("transactions commit together, roll back together and nest by joining", () =>
    Effect.gen(function* () {
      const { same } = yield* sideBySide(freshLayer())
      yield* same("district", (s) => s.putDistrict(data.district))
      yield* same("commit", (s) =>
        s.transaction(
          Effect.andThen(
            s.upsert(qs, "units", [data.units[0]!]),
            s.append(qs, caseId("c"), 0, [{ type: "opened", data: 1 }]),
          ),
        ),
      )
      yield* same("roll back on failure", (s) =>
        s.transaction(
          Effect.gen(function* () {
            yield* s.upsert(qs, "units", [data.units[1]!])
            yield* s.append(qs, caseId("c"), 1, [{ type: "second", data: 2 }])
            return yield* s.append(qs, caseId("c"), 0, [{ type: "stale", data: 3 }])
          }),
        ),
      )
      yield* same("after rollback", (s) => Effect.all([s.list(qs, "units"), s.readAll(qs)]))
      yield* same("an inner failure that is caught keeps what the outer did", (s) =>
        s.transaction(
          Effect.gen(function* () {
            yield* s.upsert(qs, "units", [data.units[2]!])
            const inner = yield* Effect.result(
              s.transaction(Effect.andThen(s.upsert(qs, "units", [data.units[3]!]), Effect.fail("inner" as const))),
            )
            return inner._tag
          }),
        ),
      )
      yield* same("after nesting", (s) => s.list(qs, "units"))
      yield* same("a typed store error inside, caught", (s) =>
        s.transaction(
          Effect.gen(function* () {
            const failed = yield* Effect.result(s.append(qs, caseId("c"), 9, [{ type: "stale", data: null }]))
            yield* s.append(qs, caseId("c"), 1, [{ type: "next", data: null }])
            return failed._tag
          }),
        ),
      )
      yield* same("events after", (s) => s.readAll(qs))
    }),
  )
})

describe("PgStore", () => {
  it.effect("says what it can do", () =>
    Effect.gen(function* () {
      const { pg } = yield* sideBySide(freshLayer())
      expect(pg.capabilities).toEqual({ concurrentWriters: true, persistent: true })
    }),
  )
})
