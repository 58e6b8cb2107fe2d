// What a case's history promises under scrutiny: actors are decoded, replay re-checks every event
// against its workflow version, a keyed chain needs its key to rewrite, and a recorded head catches
// removed and rewritten events (docs/workflows.md, "What the hash chain promises").
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import {
  type Ids,
  MemoryStore,
  Plugin,
  PluginHost,
  StandardWorkflow,
  Store,
  Workflow,
  WorkflowEngine,
} from "../src/index.js"

const district = "qingshan" as Ids.DistrictId
const c = "case-1" as Ids.CaseId
const office = { id: "office-1", roles: ["office"] }
const chair = { id: "yang-xin", roles: ["chairmansMeeting"] }
const convener = { id: "m001", roles: ["convener", "member"] }
const record = {
  id: c,
  topic: "健吾公馆加装电梯",
  source: "residents" as const,
  workflow: { id: "consultation", version: 1 },
  openedOn: "2025-06-02" as never,
}
const at = (day: number) => new Date(Date.UTC(2025, 5, 2 + day, 1)).toISOString()

const setup = (engine: WorkflowEngine.Engine) =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    yield* store.putDistrict({ id: district, name: "青山区", sectors: [] } as never)
    yield* engine.open(district, record, office, { at: at(0) })
    yield* engine.dispatch(district, c, { type: "approve", payload: { note: "列入计划" } }, chair, { at: at(1) })
    yield* engine.dispatch(district, c, { type: "startResearch", payload: { members: ["m001"] } }, convener, {
      at: at(2),
    })
    return store
  })

const plain = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })

// An event appended behind the engine's back, with a correctly recomputed (unkeyed) hash, so that
// only the checks under test can refuse it.
const forge = (
  events: ReadonlyArray<Store.StoredEvent>,
  type: string,
  data: Store.Json,
  meta: Partial<Workflow.EventMeta>,
): Store.NewEvent => {
  const last = events.at(-1)!
  const full = {
    actor: convener,
    at: at(3),
    command: type,
    from: "researching",
    to: "scheduled",
    workflow: { id: "consultation", version: 1 },
    prevHash: String(last.meta["hash"]),
    ...meta,
  }
  const hash = Workflow.hashOf({ caseId: c, version: last.version + 1, type, data, meta: full })
  return { type, data, meta: { ...full, hash } as never }
}

const schedule = { noticeOn: "2025-06-03", meetingOn: "2025-06-30", venue: "光明社区党群服务中心" }

describe("actors are decoded", () => {
  it.effect(
    "a role list given as a string, an empty id or a missing role list is refused, and nothing is written",
    () =>
      Effect.gen(function* () {
        const store = yield* setup(plain)
        for (const actor of [
          { id: "intruder", roles: "not-an-officer chairmansMeeting" },
          { id: "", roles: ["convener"] },
          { id: "m001" },
        ]) {
          const e = yield* Effect.flip(
            plain.dispatch(district, c, { type: "scheduleMeeting", payload: schedule }, actor as never, { at: at(3) }),
          )
          expect(e._tag).toBe("InvalidPayload")
          expect(e._tag === "InvalidPayload" && e.issues[0]!.path.startsWith("actor")).toBe(true)
        }
        const opened = yield* Effect.flip(
          plain.open(district, { ...record, id: "case-2" as Ids.CaseId }, { id: "x", roles: "office" } as never),
        )
        expect(opened._tag).toBe("InvalidPayload")
        expect((yield* store.readCase(district, c)).length).toBe(3)
        expect(yield* store.readCase(district, "case-2" as Ids.CaseId)).toEqual([])
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("a command time before the case's last event is refused before anything is written", () =>
    Effect.gen(function* () {
      const store = yield* setup(plain)
      const e = yield* Effect.flip(
        plain.dispatch(district, c, { type: "scheduleMeeting", payload: schedule }, convener, {
          at: "1999-01-01T00:00:00Z",
        }),
      )
      expect(e).toMatchObject({ _tag: "InvalidPayload", issues: [{ path: "at", code: "before-last-event" }] })
      expect((yield* store.readCase(district, c)).length).toBe(3)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("replay re-checks every event against its workflow version", () => {
  const forgeries: ReadonlyArray<readonly [string, (events: ReadonlyArray<Store.StoredEvent>) => Store.NewEvent]> = [
    ["an actor without roles", (ev) => forge(ev, "scheduleMeeting", schedule, { actor: { id: "m001", roles: [] } })],
    [
      "an actor without the command's role",
      (ev) => forge(ev, "scheduleMeeting", schedule, { actor: { id: "x", roles: ["member"] } }),
    ],
    ["meta naming another command", (ev) => forge(ev, "scheduleMeeting", schedule, { command: "approve" })],
    ["an impossible previous stage", (ev) => forge(ev, "scheduleMeeting", schedule, { from: "collected" })],
    ["a stage the command does not lead to", (ev) => forge(ev, "scheduleMeeting", schedule, { to: "closed" })],
    ["a 1999 timestamp", (ev) => forge(ev, "scheduleMeeting", schedule, { at: "1999-03-01T00:00:00Z" })],
    ["a time that is not a date-time", (ev) => forge(ev, "scheduleMeeting", schedule, { at: "yesterday" })],
    [
      "another workflow version",
      (ev) => forge(ev, "scheduleMeeting", schedule, { workflow: { id: "consultation", version: 9 } }),
    ],
    ["a payload its schema forbids", (ev) => forge(ev, "scheduleMeeting", { venue: 42 }, {})],
    [
      "a command the stage does not allow",
      (ev) => forge(ev, "reply", { repliedOn: "2025-08-01", summary: "x", metProposers: true }, {}),
    ],
  ]
  for (const [what, make] of forgeries) {
    it.effect(`an event appended behind the engine with ${what} does not load`, () =>
      Effect.gen(function* () {
        const store = yield* setup(plain)
        const events = yield* store.readCase(district, c)
        yield* store.append(district, c, events.length, [make(events)])
        const after = yield* store.readCase(district, c)
        // The chain itself is intact: only replay's checks can find it.
        expect(Result.isSuccess(Workflow.verifyChain(c, after))).toBe(true)
        const e = yield* Effect.flip(plain.load(district, c))
        expect(e._tag).toBe("ReplayError")
        expect(e._tag === "ReplayError" && e.version).toBe(4)
      }).pipe(Effect.provide(MemoryStore.layer)),
    )
  }

  it.effect("a well-formed forged event does load (the control for the cases above)", () =>
    Effect.gen(function* () {
      const store = yield* setup(plain)
      const events = yield* store.readCase(district, c)
      yield* store.append(district, c, events.length, [forge(events, "scheduleMeeting", schedule, {})])
      expect((yield* plain.load(district, c)).state.stage).toBe("scheduled")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("a keyed chain", () => {
  const key = Redacted.make("district-secret-2025")
  const keyed = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation], chainKey: key })

  it.effect("events rewritten with recomputed plain hashes are found; the right key is needed to verify", () =>
    Effect.gen(function* () {
      const store = yield* setup(keyed)
      const events = yield* store.readCase(district, c)
      expect(events.every((e) => e.meta["chain"] === "hmac-sha256")).toBe(true)
      expect(Result.isSuccess(Workflow.verifyChain(c, events, { key }))).toBe(true)
      expect((yield* keyed.load(district, c)).state.stage).toBe("researching")
      // Without the key, or with another, the chain does not verify.
      const without = Workflow.verifyChain(c, events)
      expect(Result.isFailure(without) && without.failure.reason).toBe("key-required")
      const other = Workflow.verifyChain(c, events, { key: Redacted.make("guess") })
      expect(Result.isFailure(other) && other.failure.reason).toBe("hash-mismatch")
      // Someone with write access rewrites event 2 and recomputes every hash after it, without the key.
      const rewritten: Array<Store.StoredEvent> = []
      for (const e of events) {
        const { chain: _, hash: __, ...rest } = e.meta as unknown as Workflow.EventMeta
        const data = e.version === 2 ? { note: "改写" } : e.data
        const meta = { ...rest, prevHash: rewritten.length === 0 ? "" : String(rewritten.at(-1)!.meta["hash"]) }
        const hash = Workflow.hashOf({ caseId: c, version: e.version, type: e.type, data, meta })
        rewritten.push({ ...e, data, meta: { ...meta, hash } as never })
      }
      expect(Result.isSuccess(Workflow.verifyChain(c, rewritten))).toBe(true)
      const caught = Workflow.verifyChain(c, rewritten, { key })
      expect(Result.isFailure(caught) && [caught.failure.reason, caught.failure.at]).toEqual(["not-keyed", 1])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("a recorded head", () => {
  it.effect("property: removing any suffix is caught as truncated; rewriting up to the head as head-mismatch", () =>
    Effect.gen(function* () {
      const store = yield* setup(plain)
      const events = yield* store.readCase(district, c)
      const head = Workflow.headOf(events)!
      expect(head.version).toBe(3)
      expect((yield* plain.load(district, c, { head })).state.version).toBe(3)
      fc.assert(
        fc.property(fc.integer({ min: 0, max: events.length - 1 }), (kept) => {
          const r = Workflow.verifyChain(c, events.slice(0, kept), { head })
          return Result.isFailure(r) && r.failure.reason === "truncated" && r.failure.at === kept + 1
        }),
      )
      // A valid chain that is not the recorded one (rewritten with recomputed hashes).
      const rewritten: Array<Store.StoredEvent> = []
      for (const e of events) {
        const { hash: _, ...rest } = e.meta as unknown as Workflow.EventMeta
        const data = e.version === 1 ? e.data : { ...(e.data as object), rewritten: true }
        const meta = { ...rest, prevHash: rewritten.length === 0 ? "" : String(rewritten.at(-1)!.meta["hash"]) }
        const hash = Workflow.hashOf({ caseId: c, version: e.version, type: e.type, data, meta })
        rewritten.push({ ...e, data, meta: { ...meta, hash } as never })
      }
      const r = Workflow.verifyChain(c, rewritten, { head })
      expect(Result.isFailure(r) && [r.failure.reason, r.failure.at]).toEqual(["head-mismatch", 3])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("events appended after the head still load with it", () =>
    Effect.gen(function* () {
      const store = yield* setup(plain)
      const head = Workflow.headOf(yield* store.readCase(district, c))!
      yield* plain.dispatch(district, c, { type: "scheduleMeeting", payload: schedule }, convener, { at: at(3) })
      expect((yield* plain.load(district, c, { head })).state.version).toBe(4)
      yield* store.append(district, c, 4, [])
      const removed = yield* Effect.flip(plain.load(district, c, { head: { version: 5, hash: head.hash } }))
      expect(removed).toMatchObject({ _tag: "ChainBroken", reason: "truncated" })
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("definitions and hooks that could never run", () => {
  it("PluginHost refuses a hook naming an unknown workflow or command", () => {
    const hooks = [
      { id: "typo-workflow", workflow: "consultaton", before: () => Effect.void },
      { id: "typo-command", workflow: "consultation", command: "aprove", before: () => Effect.void },
      { id: "any-workflow-typo", command: "nowhere", after: () => Effect.void },
      { id: "fine", workflow: "consultation", command: "approve", before: () => Effect.void },
    ]
    const r = PluginHost.make([Plugin.define({ id: "hooks", version: "1.0.0", requires: "*", hooks })])
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["plugins[0].hooks[0].workflow", "unknown-workflow"],
      ["plugins[0].hooks[1].command", "unknown-command"],
      ["plugins[0].hooks[2].command", "unknown-command"],
    ])
  })

  it("WorkflowEngine.make refuses a definition made without Workflow.define that Workflow.check refuses", () => {
    const broken = {
      ...StandardWorkflow.consultation,
      version: 2,
      transitions: {
        ...StandardWorkflow.consultation.transitions,
        approve: { ...StandardWorkflow.consultation.transitions.approve, to: "nowhere" },
      },
    } as unknown as Workflow.Any
    expect(() => WorkflowEngine.make({ workflows: [broken] })).toThrow(/"nowhere" is not a stage/)
  })
})
