// Concurrency on the real PostgreSQL server: 12 clients, each with its own connection pool as if it
// were its own process, open the same 6 cases at once (one open wins per case) and then dispatch
// 50 workflow commands each, retrying on version conflicts. Afterwards every command is in exactly
// one event, each case's versions run 1, 2, 3, … and its hash chain verifies, and the district's
// positions run 1 … N without a gap.
import { type Ids, Store, Workflow, WorkflowEngine } from "@tongxin/core"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adapters, open, type Open, run } from "./support.js"

// A ledger: every "note" stays in the open stage, so any number of clients can keep writing.
const ledger = Workflow.define({
  id: "ledger",
  version: 1,
  labels: { "zh-CN": "台账", en: "Ledger" },
  stages: {
    open: { labels: { "zh-CN": "进行中", en: "Open" } },
    closed: { labels: { "zh-CN": "已关闭", en: "Closed" }, terminal: true },
  },
  roles: { member: { "zh-CN": "委员", en: "Member" } },
  initial: "open",
  transitions: {
    note: {
      labels: { "zh-CN": "记录", en: "Note" },
      from: "open",
      to: "open",
      roles: ["member"],
      payload: Schema.Struct({ client: Schema.Number, n: Schema.Number }),
    },
    close: {
      labels: { "zh-CN": "关闭", en: "Close" },
      from: "open",
      to: "closed",
      roles: ["member"],
      payload: Schema.Struct({}),
    },
  },
})
const engine = WorkflowEngine.make({ workflows: [ledger] })
const actor = { id: "m000001", roles: ["member"] }

const clients = 12
const perClient = 50
const caseIds = Array.from({ length: 6 }, (_, i) => `ledger-${i}` as Ids.CaseId)

describe("many clients dispatching workflow commands on PostgreSQL", () => {
  const district = Fixtures.freshDistrictId("concurrency")
  let pools: Array<Open> = []
  beforeAll(async () => {
    pools = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        open(adapters.postgres({ maxConnections: 2, applicationName: `tongxin-client-${i}` })),
      ),
    )
    await run(pools[0]!.store.putDistrict(Fixtures.districtInfo(district)))
  })
  afterAll(() => Promise.all(pools.map((p) => p.close())))

  it(`${clients} clients × ${perClient} commands over ${caseIds.length} cases: no lost or duplicated event, hash chains verify`, async () => {
    const on = (i: number) => Effect.provideService(Store.Store, pools[i]!.store)
    // Everyone opens every case at once: exactly one open per case wins, the rest hear CaseExists.
    const opens = await Promise.all(
      pools.flatMap((_, i) =>
        caseIds.map((c) =>
          Effect.runPromise(
            Effect.result(
              engine.open(
                district,
                {
                  id: c,
                  topic: "台账",
                  source: "residents",
                  workflow: { id: "ledger", version: 1 },
                  openedOn: "2025-06-02" as never,
                },
                actor,
              ),
            ).pipe(on(i)),
          ),
        ),
      ),
    )
    expect(opens.filter(Result.isSuccess).length).toBe(caseIds.length)
    expect(new Set(opens.filter(Result.isFailure).map((e) => e.failure._tag))).toEqual(new Set(["CaseExists"]))

    // Each client writes its commands, retrying a command that lost a race until it lands.
    let conflicts = 0
    const dispatch = (client: number, n: number): Effect.Effect<number, unknown, Store.Store> =>
      engine
        .dispatch(
          district,
          caseIds[(client * 5 + n) % caseIds.length]!,
          { type: "note", payload: { client, n } },
          actor,
        )
        .pipe(
          Effect.map((d) => d.event.version),
          Effect.catchTag("VersionConflict", () => Effect.suspend(() => ((conflicts += 1), dispatch(client, n)))),
        )
    await Promise.all(
      pools.map((_, client) =>
        Effect.runPromise(
          Effect.forEach(
            Array.from({ length: perClient }, (_, n) => n),
            (n) => dispatch(client, n),
            { discard: true },
          ).pipe(on(client)) as Effect.Effect<void>,
        ),
      ),
    )
    console.log(`${clients * perClient} commands by ${clients} clients, ${conflicts} version conflicts retried`)

    const store = pools[0]!.store
    const written: Array<string> = []
    for (const c of caseIds) {
      const events = await run(store.readCase(district, c))
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1))
      expect(Result.isSuccess(Workflow.verifyChain(c, events)), `hash chain of ${c}`).toBe(true)
      const { state } = await run(engine.load(district, c).pipe(Effect.provideService(Store.Store, store)))
      expect(state.version).toBe(events.length)
      for (const e of events.slice(1)) written.push(JSON.stringify(e.data))
    }
    // Every command exactly once.
    expect(written.length).toBe(clients * perClient)
    expect(new Set(written).size).toBe(clients * perClient)
    const all = await run(store.readAll(district, { limit: 10_000 }))
    expect(all.length).toBe(caseIds.length + clients * perClient)
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1))
  })
})
