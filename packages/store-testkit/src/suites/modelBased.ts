// Group "model-based": random command sequences run against the adapter and against the in-memory
// reference model must give identical observable results, call by call.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { type Ids, MemoryStore, Store } from "@tongxin/core"
import { DistrictArbitrary } from "@tongxin/core/testing"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import * as Fixtures from "../Fixtures.js"
import { observe } from "../internal/helpers.js"
import type { Options } from "../Options.js"

interface World {
  readonly store: Store.Service
  readonly district: Ids.DistrictId
}

type Call = (store: Store.Service, d: Ids.DistrictId) => Effect.Effect<unknown, unknown>

interface Step {
  readonly label: string
  readonly call: Call
}

const keys = {
  members: ["m1", "m2", "m3", "m4", "中5", "m\u{1F600}"],
  units: ["s1", "s2", "c1", "c2", "c3"],
  activities: ["a1", "a2", "a3", "a4"],
  outcomes: ["o1", "o2", "o3"],
  cases: ["k1", "k2", "k3"],
} as const

const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10))
const name = fc.string({ minLength: 1, maxLength: 6 }).map((s) => (s.trim() === "" ? "名" : s.trim()))
const pick = <A>(xs: ReadonlyArray<A>) => fc.constantFrom(...xs)
const opt = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: undefined })
const strip = <A extends object>(a: A): A => JSON.parse(JSON.stringify(a)) as A

// Items with ids from small pools, so writes overwrite and removes hit; a few are invalid.
const items: { readonly [K in "members" | "units" | "activities" | "outcomes" | "cases"]: fc.Arbitrary<unknown> } = {
  members: fc
    .record({
      id: pick(keys.members),
      name,
      level: pick(["city", "district", "galactic"]),
      sector: pick(["economy", "education"]),
      partyMember: fc.boolean(),
      residenceUnitId: opt(pick(keys.units)),
    })
    .map(strip),
  units: fc
    .record({ id: pick(keys.units), kind: pick(["street", "community"]), name, parentId: opt(pick(keys.units)) })
    .map(strip),
  activities: fc
    .record({
      id: pick(keys.activities),
      type: pick(["research", "frontline-consultation"]),
      title: name,
      date: day,
      unitId: opt(pick(keys.units)),
      organiser: fc.constant({ kind: "district" }),
      attendance: fc.uniqueArray(
        fc
          .record({
            memberId: pick(keys.members),
            status: pick(["present", "excused", "late", "partial"]),
            halfDays: opt(fc.nat(3)),
            speech: opt(pick(["oral", "written"])),
          })
          .map(strip),
        { selector: (a) => a.memberId, maxLength: 4 },
      ),
    })
    .map(strip),
  outcomes: fc
    .record({
      id: pick(keys.outcomes),
      title: name,
      handlingUnit: pick(["区住建局", "街道办"]),
      status: pick(["assigned", "in-progress", "completed"]),
      progress: fc.nat(100),
      assignedOn: day,
      unitId: opt(pick(keys.units)),
    })
    .map(strip),
  cases: fc
    .record({
      id: pick(keys.cases),
      topic: name,
      source: pick(["residents", "member"]),
      workflow: fc.constant({ id: "standard", version: 1 }),
      openedOn: day,
    })
    .map(strip),
}
type Pooled = keyof typeof items

const collection = pick(Object.keys(items) as Array<Pooled>)
const filterFor: { readonly [K in Pooled]: fc.Arbitrary<Record<string, string>> } = {
  members: fc.oneof(
    fc.record({ sector: pick(["economy", "education"]) }),
    fc.record({ residenceUnitId: pick(keys.units) }),
    fc.constant({}),
  ),
  units: fc.oneof(
    fc.record({ kind: pick(["street", "community"]) }),
    fc.record({ parentId: pick(keys.units) }),
    fc.constant({}),
  ),
  activities: fc.oneof(
    fc.record({ type: pick(["research", "frontline-consultation"]) }),
    fc.record({ unitId: pick(keys.units) }),
    fc.constant({}),
  ),
  outcomes: fc.oneof(fc.record({ status: pick(["assigned", "completed"]) }), fc.constant({})),
  cases: fc.oneof(fc.record({ source: pick(["residents", "member"]) }), fc.constant({})),
}
const dated = new Set<Pooled>(["activities", "outcomes", "cases"])

const writes: fc.Arbitrary<Step> = fc.oneof(
  collection.chain((c) =>
    fc.array(items[c], { minLength: 0, maxLength: 4 }).map(
      (xs): Step => ({
        label: `upsert ${c} ${JSON.stringify(xs)}`,
        call: (s, d) => s.upsert(d, c, xs as ReadonlyArray<unknown> as ReadonlyArray<never>),
      }),
    ),
  ),
  collection.chain((c) =>
    fc
      .array(pick(keys[c] as ReadonlyArray<string>), { maxLength: 3 })
      .map((ks): Step => ({ label: `remove ${c} ${ks}`, call: (s, d) => s.remove(d, c, ks) })),
  ),
  fc
    .record({
      c: pick(keys.cases),
      fresh: fc.boolean(),
      version: fc.nat(4),
      n: fc.nat(3),
      data: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(
      ({ c, fresh, version, n, data }): Step => ({
        label: `append ${c} ${fresh ? "current" : version} ×${n}`,
        call: (s, d) =>
          Effect.flatMap(
            fresh ? Effect.map(s.readCase(d, c as Ids.CaseId), (e) => e.length) : Effect.succeed(version),
            (v) =>
              s.append(
                d,
                c as Ids.CaseId,
                v,
                Array.from({ length: n }, (_, i) => ({
                  type: `e${i}`,
                  data: JSON.parse(JSON.stringify(data ?? null)),
                })),
              ),
          ),
      }),
    ),
  fc
    .record({
      id: pick(["r1", "r2"]),
      kind: pick(["a", "b"]),
      at: pick(["2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"]),
      objective: fc.integer({ min: -5, max: 5 }),
      n: fc.nat(4),
    })
    .map(
      ({ id, kind, at, objective, n }): Step => ({
        label: `saveAssignmentRun ${id} ${kind} ${at}`,
        call: (s, d) =>
          s.saveAssignmentRun(d, {
            id,
            kind,
            createdAt: at,
            objective,
            placements: Array.from({ length: n }, (_, i) => ({ agent: `m${i}`, target: `t${i % 2}` })),
            meta: { n },
          }),
      }),
    ),
  fc.record({ o: pick([...keys.outcomes, "missing"]), p: fc.integer({ min: 0, max: 101 }), on: day }).map(
    ({ o, p, on }): Step => ({
      label: `appendProgress ${o} ${p}`,
      call: (s, d) => s.appendProgress(d, { outcomeId: o as Ids.OutcomeId, progress: p, on: on as never }),
    }),
  ),
  fc
    .record({
      rubric: pick(["qingshan", "minhang"]),
      period: pick(["2024", "2025"]),
      results: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(
      ({ rubric, period, results }): Step => ({
        label: `saveEvaluation ${rubric} ${period}`,
        call: (s, d) =>
          s.saveEvaluation(d, {
            rubricId: rubric,
            period,
            computedAt: "t",
            results: JSON.parse(JSON.stringify(results ?? null)),
          }),
      }),
    ),
  fc.record({ data: DistrictArbitrary.valid(DistrictArbitrary.small), broken: fc.boolean() }).map(
    ({ data, broken }): Step => ({
      label: `importDistrict${broken ? " (broken)" : ""} ${data.members.length} members`,
      call: (s, d) => {
        const doc = { ...data, district: { ...data.district, id: d } }
        return s.importDistrict(broken ? ({ ...doc, members: [...doc.members, { id: "bad id" }] } as never) : doc)
      },
    }),
  ),
  name.map(
    (n): Step => ({
      label: `putDistrict ${n}`,
      call: (s, d) => s.putDistrict({ ...Fixtures.districtInfo(d), name: n }),
    }),
  ),
)

const reads: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ c: collection, k: fc.nat(5) }).map(({ c, k }): Step => {
    const key = keys[c][k % keys[c].length]!
    return { label: `get ${c} ${key}`, call: (s, d) => s.get(d, c, key) }
  }),
  collection.chain((c) =>
    fc
      .record({
        filter: filterFor[c],
        from: opt(day),
        to: opt(day),
        after: opt(pick(keys[c] as ReadonlyArray<string>)),
        limit: fc.integer({ min: 1, max: 4 }),
      })
      .map(({ filter, from, to, after, limit }): Step => {
        const options = strip({ filter, limit, after, ...(dated.has(c) ? { from, to } : {}) }) as Store.ListOptions
        return { label: `list ${c} ${JSON.stringify(options)}`, call: (s, d) => s.list(d, c, options) }
      }),
  ),
  collection.chain((c) =>
    filterFor[c].map(
      (filter): Step => ({ label: `count ${c} ${JSON.stringify(filter)}`, call: (s, d) => s.count(d, c, { filter }) }),
    ),
  ),
  fc.record({ c: collection, batchSize: fc.integer({ min: 1, max: 3 }) }).map(
    ({ c, batchSize }): Step => ({
      label: `stream ${c} by ${batchSize}`,
      call: (s, d) => Stream.runCollect(s.stream(d, c, { batchSize })),
    }),
  ),
  pick(keys.cases).map((c): Step => ({ label: `readCase ${c}`, call: (s, d) => s.readCase(d, c as Ids.CaseId) })),
  fc.record({ after: fc.nat(6), limit: fc.integer({ min: 1, max: 5 }) }).map(
    ({ after, limit }): Step => ({
      label: `readAll ${after} ${limit}`,
      call: (s, d) => s.readAll(d, { after, limit }),
    }),
  ),
  pick(["r1", "r2"]).map(
    (id): Step => ({ label: `getAssignmentRun ${id}`, call: (s, d) => s.getAssignmentRun(d, id) }),
  ),
  opt(pick(["a", "b"])).map(
    (kind): Step => ({
      label: `listAssignmentRuns ${kind}`,
      call: (s, d) => s.listAssignmentRuns(d, kind === undefined ? {} : { kind }),
    }),
  ),
  pick(keys.outcomes).map(
    (o): Step => ({ label: `listProgress ${o}`, call: (s, d) => s.listProgress(d, o as Ids.OutcomeId) }),
  ),
  fc.constant<Step>({ label: "listEvaluations", call: (s, d) => s.listEvaluations(d) }),
  fc.record({ rubric: pick(["qingshan", "minhang"]), period: pick(["2024", "2025"]) }).map(
    ({ rubric, period }): Step => ({
      label: `getEvaluation ${rubric} ${period}`,
      call: (s, d) => s.getEvaluation(d, rubric, period),
    }),
  ),
  fc.constant<Step>({ label: "loadDistrict", call: (s, d) => s.loadDistrict(d) }),
  fc.constant<Step>({ label: "getDistrict", call: (s, d) => s.getDistrict(d) }),
)

class Abort {
  readonly _tag = "Abort"
  readonly message = "the transaction gave up on purpose"
}

const transaction: fc.Arbitrary<Step> = fc
  .record({ steps: fc.array(writes, { minLength: 1, maxLength: 3 }), abort: fc.boolean(), tolerate: fc.boolean() })
  .map(
    ({ steps, abort, tolerate }): Step => ({
      label: `transaction${abort ? " (aborts)" : ""}${tolerate ? " (tolerates failures)" : ""} [${steps.map((s) => s.label).join("; ")}]`,
      call: (s, d) =>
        s.transaction(
          Effect.gen(function* () {
            const results: Array<unknown> = []
            for (const step of steps)
              results.push(tolerate ? observe(yield* Effect.exit(step.call(s, d))) : yield* step.call(s, d))
            if (abort) return yield* Effect.fail(new Abort())
            return results
          }),
        ),
    }),
  )

class Command implements fc.AsyncCommand<World, World> {
  constructor(
    readonly step: Step,
    readonly run: (model: World, real: World) => Promise<void>,
  ) {}
  check = () => true
  toString = () => this.step.label
}

export const modelBased = (it: Vitest.MethodsNonLive<Store.Store>, options: Options) => {
  it.effect(
    "random command sequences give the same results as the in-memory model",
    () =>
      Effect.gen(function* () {
        const real = yield* Store.Store
        // fast-check drives the runs; each one runs its effects with this test's services.
        const runExit = Effect.runPromiseWith(yield* Effect.context<never>())
        const compare = (step: Step) => async (model: World, actual: World) => {
          const expected = observe(await runExit(Effect.exit(step.call(model.store, model.district))))
          const got = observe(await runExit(Effect.exit(step.call(actual.store, actual.district))))
          expect(got, step.label).toEqual(expected)
        }
        const command = fc
          .oneof(
            { arbitrary: writes, weight: 5 },
            { arbitrary: reads, weight: 5 },
            { arbitrary: transaction, weight: 1 },
          )
          .map((step) => new Command(step, compare(step)))
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.commands([command], { maxCommands: 30 }), async (commands) => {
              const district = Fixtures.freshDistrictId("model")
              const model = await runExit(MemoryStore.make)
              await runExit(
                Effect.andThen(
                  model.putDistrict(Fixtures.districtInfo(district)),
                  real.putDistrict(Fixtures.districtInfo(district)),
                ),
              )
              await fc.asyncModelRun(
                () => ({ model: { store: model, district }, real: { store: real, district } }),
                commands,
              )
            }),
            { numRuns: options.numRuns ?? 25 },
          ),
        )
      }),
    (options.timeout ?? 120_000) * 2,
  )
}
