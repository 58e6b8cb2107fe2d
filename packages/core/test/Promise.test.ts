import { describe, expect, it } from "vitest"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { Tongxin } from "../src/promise/index.js"
import { District, type Ids, MemoryStore, WorkflowEngine } from "../src/index.js"

const qingshan = Result.getOrThrow(
  District.parse(
    JSON.parse(readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8")),
  ),
)
const district = qingshan.district.id
const office = { id: "office", roles: ["office"] }
const chair = { id: "yang-xin", roles: ["chairmansMeeting"] }
const record = {
  id: "c1" as Ids.CaseId,
  topic: "加装电梯",
  source: "residents" as const,
  workflow: { id: "consultation", version: 1 },
  openedOn: "2025-06-02" as never,
}

// Plain async/await, as an app without Effect uses it.
describe("@tongxin/core/promise", () => {
  it("imports, lists, streams, runs a case and reads results with Promises only", async () => {
    const tongxin = Tongxin.open(MemoryStore.layer)
    try {
      const summary = await tongxin.store.importDistrict(qingshan)
      expect(summary.counts.members).toBe(233)
      const page = await tongxin.store.list(district, "members", { limit: 3 })
      expect(page.items.map((m) => m.id)).toEqual(["m001", "m002", "m003"])
      expect(await tongxin.store.get(district, "members", "nobody")).toBeUndefined()
      expect((await tongxin.store.get(district, "members", "m001"))?.id).toBe("m001")
      let attendance = 0
      for await (const activity of tongxin.store.stream(district, "activities", { batchSize: 100 }))
        attendance += activity.attendance.length
      expect(attendance).toBe(5_036)
      await tongxin.openCase(district, record, office)
      const { state } = await tongxin.dispatch(district, record.id, { type: "approve", payload: {} }, chair)
      expect(state.stage).toBe("approved")
      expect((await tongxin.loadCase(district, record.id)).version).toBe(2)
      expect((await tongxin.loadDistrict(district))?.members.length).toBe(233)
      expect(await tongxin.store.capabilities()).toEqual({ concurrentWriters: false, persistent: false })
    } finally {
      await tongxin.close()
    }
  })

  it("rejects with the typed error itself, so _tag and instanceof work", async () => {
    const tongxin = Tongxin.open(MemoryStore.layer)
    try {
      await tongxin.store.importDistrict(qingshan)
      await tongxin.openCase(district, record, office)
      const refused = await tongxin
        .dispatch(district, record.id, { type: "approve", payload: {} }, { id: "m002", roles: ["member"] })
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(WorkflowEngine.CommandRefused)
      expect(refused).toMatchObject({ _tag: "CommandRefused", reason: "not-allowed" })
      const invalid = await tongxin.store
        .upsert(district, "members", [{ id: "bad id" } as never])
        .catch((e: unknown) => e)
      expect(invalid).toMatchObject({ _tag: "InvalidInput" })
      expect(String((invalid as Error).message)).toContain("items[0].id")
    } finally {
      await tongxin.close()
    }
  })

  it("loading conflicting plugins throws PluginError at once", () => {
    const plugin = { id: "p", version: "1.0.0", requires: "*" }
    expect(() => Tongxin.open(MemoryStore.layer, { plugins: [plugin, plugin] })).toThrow(
      /the plugin id "p" is already provided by the plugin at plugins\[0\]/,
    )
  })
})
