// Tenant isolation: whatever sequence of calls is made for district A — imports, upserts, removals,
// appends, runs, progress, evaluations, rolled-back transactions, all with the same keys district B
// uses — no call for A returns one of B's rows, and B's rows are exactly as before.
import type { District, Ids, Store } from "@tongxin/core"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as fc from "fast-check"
import * as Stream from "effect/Stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adapters, open, type Open, run } from "./support.js"

// Every text of B carries this mark; nothing written for A ever does.
const MARK = "乙区"
const marked = <A>(value: A): A =>
  JSON.parse(JSON.stringify(value).replace(/"(name|title|topic|note)":"/g, `"$1":"${MARK}`)) as A

const caseIds = ["case-1", "case-2"] as Array<Ids.CaseId>
const memberKeys = ["m000000", "m000001", "m000007", "m000019"]
const unitKeys = ["st000", "st001-c002"]
const activityKeys = ["a00000000", "a00000005"]

const seedB = (store: Store.Service, b: Ids.DistrictId) =>
  Effect.gen(function* () {
    const data = marked(Fixtures.district(b))
    yield* store.importDistrict(data)
    for (const c of caseIds) yield* store.append(b, c, 0, [{ type: "noted", data: { by: MARK }, meta: { note: MARK } }])
    yield* store.saveAssignmentRun(b, {
      id: "run-1",
      kind: "members-to-committees",
      createdAt: "2025-01-01T00:00:00Z",
      objective: 1,
      placements: [{ agent: "m000000", target: "lc-st000" }],
      meta: { by: MARK },
    })
    yield* store.appendProgress(b, {
      outcomeId: data.outcomes[0]!.id,
      progress: 40,
      on: "2025-03-01" as never,
      note: MARK,
    })
    yield* store.saveEvaluation(b, {
      rubricId: "rubric",
      period: "2025",
      computedAt: "2025-12-31T00:00:00Z",
      results: [MARK],
    })
  })

// Everything a district holds, read through the port.
const snapshot = (store: Store.Service, d: Ids.DistrictId) =>
  Effect.gen(function* () {
    const data = yield* store.loadDistrict(d)
    const runs = yield* store.listAssignmentRuns(d)
    const outcomes = (yield* store.list(d, "outcomes", { limit: 1_000 })).items
    return {
      info: yield* store.getDistrict(d),
      data,
      cases: (yield* store.list(d, "cases", { limit: 1_000 })).items,
      events: yield* store.readAll(d, { limit: 10_000 }),
      runs,
      run: yield* Effect.forEach(runs, (r) => store.getAssignmentRun(d, r.id)),
      progress: yield* Effect.forEach(outcomes, (o) => store.listProgress(d, o.id)),
      evaluations: yield* store.listEvaluations(d),
      evaluation: yield* store.getEvaluation(d, "rubric", "2025"),
    }
  })

// One call for A; its result must not hold B's mark. Failures (A missing, a version conflict, an
// unknown outcome) are part of the game: they must not leak either.
type Op = (store: Store.Service, a: Ids.DistrictId) => Effect.Effect<unknown, unknown>
const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.nat(3).map(
    (k): Op =>
      (s, a) =>
        s.importDistrict(Fixtures.district(a, { members: 5 + 5 * k, activities: 2 + k, outcomes: 1 + k })),
  ),
  fc.constant<Op>((s, a) => s.putDistrict(Fixtures.districtInfo(a, "甲区"))),
  fc.subarray(memberKeys, { minLength: 1 }).map(
    (keys): Op =>
      (s, a) =>
        s.upsert(
          a,
          "members",
          keys.map((id) => ({ ...Fixtures.district(a).members[0]!, id: id as Ids.MemberId, name: "甲区委员" })),
        ),
  ),
  fc
    .tuple(
      fc.constantFrom("members", "units", "activities"),
      fc.subarray([...memberKeys, ...unitKeys, ...activityKeys], { minLength: 1 }),
    )
    .map(
      ([collection, keys]): Op =>
        (s, a) =>
          s.remove(a, collection as "members", keys),
    ),
  fc.tuple(fc.constantFrom(...caseIds), fc.nat(3)).map(
    ([c, v]): Op =>
      (s, a) =>
        s.append(a, c, v, [{ type: "noted", data: { by: "甲区" } }]),
  ),
  fc.constant<Op>((s, a) =>
    s.saveAssignmentRun(a, {
      id: "run-1",
      kind: "members-to-committees",
      createdAt: "2025-02-01T00:00:00Z",
      objective: 2,
      placements: [],
      meta: {},
    }),
  ),
  fc.constant<Op>((s, a) =>
    s.appendProgress(a, { outcomeId: "o000000" as Ids.OutcomeId, progress: 70, on: "2025-04-01" as never }),
  ),
  fc.constant<Op>((s, a) =>
    s.saveEvaluation(a, { rubricId: "rubric", period: "2025", computedAt: "2026-01-01T00:00:00Z", results: ["甲区"] }),
  ),
  // A transaction that writes and then fails: rolled back, and B untouched either way.
  fc.constant<Op>((s, a) =>
    s.transaction(
      Effect.andThen(
        s.upsert(a, "units", [{ id: "st000" as Ids.UnitId, kind: "street" as Ids.UnitKindId, name: "甲区街道" }]),
        Effect.fail("rolled back"),
      ),
    ),
  ),
  // Reads with B's keys.
  fc.constant<Op>((s, a) =>
    Effect.all([...memberKeys.map((k) => s.get(a, "members", k)), ...unitKeys.map((k) => s.get(a, "units", k))]),
  ),
  fc.constant<Op>((s, a) =>
    Effect.all([
      s.list(a, "members", { limit: 3 }),
      s.count(a, "activities"),
      s.readAll(a),
      ...caseIds.map((c) => s.readCase(a, c)),
    ]),
  ),
  fc.constant<Op>((s, a) => Stream.runCollect(s.stream(a, "activities", { batchSize: 2 }))),
  fc.constant<Op>((s, a) =>
    Effect.all([
      s.loadDistrict(a),
      s.listAssignmentRuns(a),
      s.getAssignmentRun(a, "run-1"),
      s.listProgress(a, "o000000" as Ids.OutcomeId),
      s.listEvaluations(a),
      s.getEvaluation(a, "rubric", "2025"),
    ]),
  ),
)

describe.each(["memory", "sqlite", "postgres"] as const)("tenant isolation on %s", (name) => {
  let opened: Open
  const b = Fixtures.freshDistrictId("tenant-b")
  let before: unknown
  beforeAll(async () => {
    opened = await open(name === "postgres" ? adapters.postgres() : adapters[name]())
    await run(seedB(opened.store, b))
    before = await run(snapshot(opened.store, b))
  })
  afterAll(() => opened.close())

  it("no call for district A returns or changes district B's rows (property, random call sequences)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 3, maxLength: 14 }), async (sequence) => {
        const a = Fixtures.freshDistrictId("tenant-a")
        for (const op of sequence) {
          const exit = await Effect.runPromiseExit(op(opened.store, a))
          const seen = JSON.stringify(exit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? ""
          expect(seen).not.toContain(MARK)
          if (exit._tag === "Failure")
            expect(Cause.hasDies(exit.cause), `a call for A died: ${String(exit.cause)}`).toBe(false)
        }
        const after = await run(snapshot(opened.store, a))
        expect(JSON.stringify(after)).not.toContain(MARK)
        expect(await run(snapshot(opened.store, b))).toEqual(before)
      }),
      { numRuns: name === "memory" ? 200 : 100 },
    )
  })

  it("B's snapshot really holds B's rows (the property above would be empty otherwise)", () => {
    const s = before as {
      data: { _tag: string; value: District.DistrictData }
      events: ReadonlyArray<unknown>
      runs: ReadonlyArray<unknown>
      evaluations: ReadonlyArray<unknown>
    }
    expect(s.data.value.members.length).toBe(Fixtures.small.members)
    expect(JSON.stringify(s.data)).toContain(MARK)
    expect(s.events.length).toBe(caseIds.length)
    expect(s.runs.length).toBe(1)
    expect(s.evaluations.length).toBe(1)
  })
})
