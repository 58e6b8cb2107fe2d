// The same calls on MemoryStore (the reference model) and on the SQLite store, on the Qingshan
// dataset: every result must be the same JSON, key order included, and every failure the same error.
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { District, type Ids, MemoryStore, Store } from "@tongxin/core"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"

const qingshanPath = fileURLToPath(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url))
const qingshan = (() => {
  const parsed = District.parse(JSON.parse(readFileSync(qingshanPath, "utf8")))
  if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
  return parsed.success
})()
const D = qingshan.district.id
const other = "nowhere" as Ids.DistrictId

// A comparable view of an exit: JSON of the value (key order kept), or the error's tag and fields.
const view = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) {
    const v = exit.value
    return JSON.stringify({
      ok: Option.isOption(v) ? (Option.isSome(v) ? { some: v.value } : "none") : v === undefined ? null : v,
    })
  }
  const e = Cause.findErrorOption(exit.cause)
  if (Option.isNone(e)) return JSON.stringify({ defect: Cause.pretty(exit.cause) })
  const { stack: _stack, cause: _cause, message: _message, ...fields } = e.value as Record<string, unknown>
  return JSON.stringify({ error: fields })
}

type Call = (store: Store.Service) => Effect.Effect<unknown, unknown>

const stores = Effect.gen(function* () {
  const memory = yield* MemoryStore.make
  const sqlite = yield* Layer.build(SqliteStore.layer({ filename: ":memory:" })).pipe(
    Effect.map((context) => Context.get(context, Store.Store)),
  )
  // Runs a call on both stores; the views must be equal. Returns the view for further checks.
  const both = (label: string, call: Call) =>
    Effect.gen(function* () {
      const a = view(yield* Effect.exit(call(memory)))
      const b = view(yield* Effect.exit(call(sqlite)))
      expect(b, label).toBe(a)
      return JSON.parse(a) as { ok?: unknown; error?: { _tag: string } }
    })
  return { memory, sqlite, both }
})

const collect = (s: Stream.Stream<unknown, unknown>) => Stream.runCollect(s)

describe("SQLite store vs MemoryStore on Qingshan", () => {
  it.effect("import, load, list, count, stream, get", () =>
    Effect.gen(function* () {
      const { both } = yield* stores
      const summary = yield* both("import", (s) => s.importDistrict(qingshan))
      expect(summary.ok).toMatchObject({ attendance: 5036, counts: { members: 233, activities: 732 } })
      yield* both("load", (s) => s.loadDistrict(D))
      yield* both("listDistricts", (s) => s.listDistricts())
      yield* both("getDistrict", (s) => s.getDistrict(D))
      yield* both("getDistrict unknown", (s) => s.getDistrict(other))
      yield* both("load unknown", (s) => s.loadDistrict(other))

      const queries: ReadonlyArray<readonly [Parameters<Store.Service["list"]>[1], Store.ListOptions]> = [
        ["units", {}],
        ["units", { filter: { kind: "street" } }],
        ["units", { filter: { parentId: "street-hongweilu" } }],
        ["members", { limit: 17 }],
        ["members", { filter: { sector: "economy" }, limit: 5 }],
        ["members", { filter: { level: "city", sector: "economy" } }],
        ["activities", { limit: 50 }],
        ["activities", { filter: { type: "consultation" }, from: "2025-03-01", to: "2025-06-30", limit: 9 }],
        ["activities", { from: "2025-12-01" }],
        ["activities", { to: "2025-01-05" }],
        ["activities", { filter: { unitId: "community-baiyushan-12" } }],
        ["submissions", { filter: { kind: "proposal" }, limit: 33 }],
        ["outcomes", { filter: { status: "completed" } }],
        ["outcomes", { from: "2025-03-01", to: "2025-03-01" }],
        ["guidance", {}],
        ["cases", {}],
        ["platforms", { after: "platform-community-h", limit: 3 }],
        ["members", { filter: { sector: "no-such-sector" } }],
      ]
      for (const [name, options] of queries) {
        // Page through with the cursor, comparing every page.
        let after: string | undefined = options.after
        for (let i = 0; i < 1000; i++) {
          const opts: Store.ListOptions = after === undefined ? options : { ...options, after }
          const page = yield* both(`list ${name} ${JSON.stringify(opts)}`, (s) => s.list(D, name, opts))
          const next = (page.ok as { next?: string }).next
          if (next === undefined) break
          after = next
        }
        const { after: _a, limit: _l, ...countOptions } = options
        yield* both(`count ${name} ${JSON.stringify(countOptions)}`, (s) => s.count(D, name, countOptions))
        yield* both(`stream ${name} ${JSON.stringify(countOptions)}`, (s) =>
          collect(s.stream(D, name, { ...countOptions, batchSize: 7 })),
        )
      }
      yield* both("stream activities default batch", (s) => collect(s.stream(D, "activities")))
      yield* both("list unknown district", (s) => s.list(other, "members"))
      yield* both("count unknown district", (s) => s.count(other, "members"))
      yield* both("stream unknown district", (s) => collect(s.stream(other, "members")))

      yield* both("get activity", (s) => s.get(D, "activities", "a0608"))
      yield* both("get member", (s) => s.get(D, "members", "m080"))
      yield* both("get missing", (s) => s.get(D, "members", "nobody"))
      yield* both("get unknown district", (s) => s.get(other, "members", "m080"))
    }),
  )

  it.effect("writes: upsert, remove, re-import, transactions", () =>
    Effect.gen(function* () {
      const { both } = yield* stores
      yield* both("import", (s) => s.importDistrict(qingshan))
      const first = qingshan.activities[0]!
      const changed = {
        ...first,
        title: "改过的标题",
        attendance: [
          { memberId: first.attendance[0]!.memberId, status: "partial", halfDays: 1, speech: "written" },
          { memberId: "m001", status: "late" },
        ],
      }
      yield* both("upsert activities", (s) =>
        s.upsert(D, "activities", [changed, { ...qingshan.activities[1]!, attendance: [] }] as never),
      )
      yield* both("get changed", (s) => s.get(D, "activities", first.id))
      yield* both("get emptied", (s) => s.get(D, "activities", qingshan.activities[1]!.id))
      yield* both("upsert a case", (s) =>
        s.upsert(D, "cases", [
          {
            id: "case-1",
            topic: "加装电梯",
            source: "residents",
            workflow: { id: "standard", version: 1 },
            openedOn: "2025-02-01",
          },
        ] as never),
      )
      yield* both("remove", (s) =>
        s.remove(D, "activities", [first.id, first.id, "missing", qingshan.activities[2]!.id]),
      )
      yield* both("remove again", (s) => s.remove(D, "activities", [first.id]))
      yield* both("remove unknown district", (s) => s.remove(other, "activities", [first.id]))
      yield* both("count after remove", (s) => s.count(D, "activities"))
      yield* both("stream after remove", (s) => collect(s.stream(D, "activities", { batchSize: 100 })))

      // Re-import restores the document's collections and keeps cases.
      yield* both("re-import", (s) => s.importDistrict(qingshan))
      yield* both("load after re-import", (s) => s.loadDistrict(D))
      yield* both("cases kept", (s) => s.list(D, "cases"))

      // A failed transaction writes nothing; a successful one commits everything; they nest.
      const failing = (s: Store.Service) =>
        s.transaction(
          Effect.gen(function* () {
            yield* s.upsert(D, "members", [{ ...qingshan.members[0]!, name: "事务中" }] as never)
            yield* s.remove(D, "activities", [qingshan.activities[5]!.id])
            return yield* Effect.fail("boom" as const)
          }),
        )
      yield* both("failed transaction", failing)
      yield* both("member unchanged", (s) => s.get(D, "members", qingshan.members[0]!.id))
      yield* both("activity kept", (s) => s.get(D, "activities", qingshan.activities[5]!.id))
      yield* both("nested transaction", (s) =>
        s.transaction(
          Effect.gen(function* () {
            yield* s.upsert(D, "members", [{ ...qingshan.members[0]!, name: "外层" }] as never)
            const inner = yield* Effect.exit(
              s.transaction(s.append(D, "case-1" as Ids.CaseId, 5, [{ type: "x", data: null }])),
            )
            yield* s.transaction(s.append(D, "case-1" as Ids.CaseId, 0, [{ type: "opened", data: { by: "m001" } }]))
            return Exit.isFailure(inner)
          }),
        ),
      )
      yield* both("after nested", (s) =>
        Effect.all([s.get(D, "members", qingshan.members[0]!.id), s.readCase(D, "case-1" as Ids.CaseId)]),
      )
    }),
  )

  it.effect("events, runs, progress, evaluations", () =>
    Effect.gen(function* () {
      const { both } = yield* stores
      yield* both("import", (s) => s.importDistrict(qingshan))
      const k1 = "case-a" as Ids.CaseId
      const k2 = "case-b" as Ids.CaseId
      yield* both("append new", (s) =>
        s.append(D, k1, 0, [
          { type: "opened", data: { topic: "电梯" } },
          { type: "scheduled", data: [1, 2.5, "三"], meta: { actor: "m001" } },
        ]),
      )
      yield* both("append other", (s) => s.append(D, k2, 0, [{ type: "opened", data: null }]))
      yield* both("append conflict", (s) => s.append(D, k1, 1, [{ type: "late", data: true }]))
      yield* both("append conflict new case", (s) => s.append(D, k2, 0, [{ type: "dup", data: 1 }]))
      yield* both("append empty", (s) => s.append(D, k1, 2, []))
      yield* both("append empty wrong", (s) => s.append(D, k1, 3, []))
      yield* both("append more", (s) =>
        s.append(D, k1, 2, [{ type: "consulted", data: { "'; DROP TABLE events; --": "x" } }]),
      )
      yield* both("append unknown district", (s) => s.append(other, k1, 0, [{ type: "opened", data: null }]))
      yield* both("readCase", (s) => s.readCase(D, k1))
      yield* both("readCase unknown", (s) => s.readCase(D, "nope" as Ids.CaseId))
      yield* both("readAll", (s) => s.readAll(D))
      yield* both("readAll after", (s) => s.readAll(D, { after: 2, limit: 1 }))
      yield* both("readAll bad", (s) => s.readAll(D, { after: -1, limit: 0 }))
      yield* both("readAll unknown", (s) => s.readAll(other))

      const run = {
        id: "r1",
        kind: "members-to-committees",
        createdAt: "2025-02-01T00:00:00Z",
        objective: 12.5,
        placements: [
          { agent: "m001", target: "lc-1" },
          { agent: "m002", target: "lc-2" },
        ],
        meta: { solver: "mcf" },
      }
      yield* both("save run", (s) => s.saveAssignmentRun(D, run))
      yield* both("save run 2", (s) =>
        s.saveAssignmentRun(D, { ...run, id: "r0", createdAt: "2025-02-01T00:00:00Z", kind: "other", objective: -0 }),
      )
      yield* both("replace run", (s) =>
        s.saveAssignmentRun(D, { ...run, placements: [{ agent: "m003", target: "lc-3" }] }),
      )
      yield* both("get run", (s) => s.getAssignmentRun(D, "r1"))
      yield* both("get run 0", (s) => s.getAssignmentRun(D, "r0"))
      yield* both("get run missing", (s) => s.getAssignmentRun(D, "zz"))
      yield* both("list runs", (s) => s.listAssignmentRuns(D))
      yield* both("list runs kind", (s) => s.listAssignmentRuns(D, { kind: "other" }))
      yield* both("run twice placed", (s) =>
        s.saveAssignmentRun(D, {
          ...run,
          placements: [
            { agent: "m1", target: "a" },
            { agent: "m1", target: "b" },
          ],
        }),
      )
      yield* both("run unknown district", (s) => s.saveAssignmentRun(other, run))

      const outcome = qingshan.outcomes[0]!
      yield* both("progress", (s) =>
        s.appendProgress(D, { outcomeId: outcome.id, progress: 60, on: "2025-04-01" as never, note: "过半" }),
      )
      yield* both("progress 2", (s) =>
        s.appendProgress(D, { outcomeId: outcome.id, progress: 75.5, on: "2025-05-01" as never, by: "m001" as never }),
      )
      yield* both("progress missing outcome", (s) =>
        s.appendProgress(D, { outcomeId: "o-none" as never, progress: 1, on: "2025-05-01" as never }),
      )
      yield* both("progress bad", (s) =>
        s.appendProgress(D, { outcomeId: outcome.id, progress: 101, on: "2025-13-01" as never }),
      )
      yield* both("list progress", (s) => s.listProgress(D, outcome.id))
      yield* both("outcome shows progress", (s) => s.get(D, "outcomes", outcome.id))
      yield* both("outcome filter unchanged", (s) => s.list(D, "outcomes", { filter: { status: outcome.status } }))

      yield* both("save eval", (s) =>
        s.saveEvaluation(D, {
          rubricId: "qingshan",
          period: "2025",
          computedAt: "2025-12-31T00:00:00Z",
          results: { m001: 90, list: [1, null, "x"] },
        }),
      )
      yield* both("save eval 2", (s) =>
        s.saveEvaluation(D, { rubricId: "minhang", period: "2025", computedAt: "t", results: [] }),
      )
      yield* both("replace eval", (s) =>
        s.saveEvaluation(D, { rubricId: "qingshan", period: "2025", computedAt: "t2", results: 1 }),
      )
      yield* both("get eval", (s) => s.getEvaluation(D, "qingshan", "2025"))
      yield* both("get eval missing", (s) => s.getEvaluation(D, "qingshan", "2024"))
      yield* both("list evals", (s) => s.listEvaluations(D))
      yield* both("eval not json", (s) =>
        s.saveEvaluation(D, { rubricId: "x", period: "p", computedAt: "t", results: { n: Number.NaN } as never }),
      )
    }),
  )

  it.effect("bad input fails the same way", () =>
    Effect.gen(function* () {
      const { both } = yield* stores
      yield* both("import", (s) => s.importDistrict(qingshan))
      const bad = yield* both("import broken", (s) =>
        s.importDistrict({
          ...qingshan,
          members: [...qingshan.members, { id: "bad id" } as never],
          activities: [{ ...qingshan.activities[0]!, attendance: [{ memberId: "ghost", status: "present" }] } as never],
        }),
      )
      expect(bad.error?._tag).toBe("InvalidInput")
      yield* both("load unchanged", (s) => s.count(D, "members"))
      yield* both("putDistrict bad", (s) => s.putDistrict({ id: "has space", name: "" } as never))
      yield* both("upsert unknown district", (s) => s.upsert(other, "members", []))
      yield* both("upsert bad district id", (s) => s.upsert("bad id" as Ids.DistrictId, "members", []))
      yield* both("upsert unknown collection", (s) => s.upsert(D, "nope" as never, []))
      yield* both("upsert invalid items", (s) =>
        s.upsert(D, "members", [{ id: "x" }, { ...qingshan.members[0]!, extra: 1 }] as never),
      )
      yield* both("upsert duplicates", (s) => s.upsert(D, "members", [qingshan.members[0]!, qingshan.members[0]!]))
      yield* both("upsert too large", (s) =>
        s.upsert(D, "members", [{ ...qingshan.members[0]!, name: "大".repeat(400_000) }]),
      )
      yield* both("get bad key", (s) => s.get(D, "members", ""))
      yield* both("remove bad key", (s) => s.remove(D, "members", ["ok", "x".repeat(301)]))
      yield* both("list bad options", (s) =>
        s.list(D, "members", {
          filter: { colour: "red", sector: 1 as never },
          from: "2025-01-01",
          limit: 0,
          after: "",
        }),
      )
      yield* both("list bad dates", (s) => s.list(D, "activities", { from: "2025-02-30", to: "yesterday" }))
      yield* both("count bad", (s) => s.count(D, "units", { filter: { nope: "x" } }))
      yield* both("stream bad batch", (s) => collect(s.stream(D, "members", { batchSize: 0 })))
      yield* both("append bad", (s) => s.append(D, "" as Ids.CaseId, -1, []))
      yield* both("append bad events", (s) =>
        s.append(D, "k" as Ids.CaseId, 0, [{ type: " ", data: undefined as never }]),
      )
      yield* both("append too large", (s) =>
        s.append(D, "k" as Ids.CaseId, 0, [{ type: "big", data: "x".repeat(1_100_000) }]),
      )
      yield* both("run bad", (s) =>
        s.saveAssignmentRun(D, {
          id: "",
          kind: "k",
          createdAt: "t",
          objective: Number.POSITIVE_INFINITY,
          placements: [],
        } as never),
      )
      yield* both("eval bad", (s) => s.saveEvaluation(D, { rubricId: "", period: "", computedAt: "", results: null }))
      yield* both("sql-looking strings stay verbatim", (s) =>
        Effect.andThen(
          s.upsert(D, "members", [{ ...qingshan.members[0]!, name: "x'); DELETE FROM items; --" }]),
          s.get(D, "members", qingshan.members[0]!.id),
        ),
      )
      yield* both("count after all that", (s) => s.count(D, "members"))
    }),
  )
})
