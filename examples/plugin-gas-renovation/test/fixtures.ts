// What the tests share: a small Qingshan district (Yejin street and its communities), the actors of
// the workflow, a valid payload for every command, and the three stores every end-to-end test runs on.
import { District, type Ids, MemoryStore, PluginHost, Store, type StoreError, type Workflow } from "@tongxin/core"
import * as PgTesting from "@tongxin/store-postgres/testing"
import { SqliteStore } from "@tongxin/store-sqlite"
import { inject } from "vitest"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { gasRenovation, type GasRenovationOptions } from "../src/index.js"

export const district = "qingshan" as Ids.DistrictId

export const stores: ReadonlyArray<readonly [string, Layer.Layer<Store.Store, StoreError.StoreError>]> = [
  ["MemoryStore", MemoryStore.layer],
  ["SqliteStore", SqliteStore.layer({ filename: ":memory:" })],
  // The run's PostgreSQL database (test/globalSetup.ts), emptied each time the layer is built.
  ["PgStore", PgTesting.freshLayer(inject("pg"))],
]

export const actors = {
  street: { id: "yejin-office", name: "冶金街道办", roles: ["streetOffice"] },
  community: { id: "yedong-cc", name: "冶金东社区居委会", roles: ["community"] },
  member: { id: "m-li", name: "李委员", roles: ["member"] },
  gas: { id: "wuhan-gas", name: "燃气公司", roles: ["gasCompany"] },
  residents: { id: "rep-wang", name: "王居民代表", roles: ["residents"] },
  nobody: { id: "visitor", roles: [] },
} satisfies Record<string, Workflow.Actor>

// The unit tree, two members and Yejin's liaison committee; activities and outcomes are added per test.
export const districtInput = {
  district: {
    id: district,
    name: "青山区",
    region: "湖北省武汉市",
    sectors: [{ id: "economy", labels: { "zh-CN": "经济界", en: "Economy" } }],
  },
  units: [
    { id: "yejin", kind: "street", name: "冶金街道" },
    { id: "yedong", kind: "community", name: "冶金东社区", parentId: "yejin" },
    { id: "yexi", kind: "community", name: "冶金西社区", parentId: "yejin" },
    { id: "yenan", kind: "community", name: "冶金南社区", parentId: "yejin" },
    { id: "xingouqiao", kind: "street", name: "新沟桥街道" },
    { id: "guangming", kind: "community", name: "光明社区", parentId: "xingouqiao" },
  ],
  members: [
    { id: "m-li", name: "李委员", level: "district", sector: "economy", partyMember: true },
    { id: "m-zhao", name: "赵委员", level: "city", sector: "economy", partyMember: false },
  ],
  committees: [{ id: "k-yejin", streetId: "yejin", name: "冶金街道联络委", memberIds: ["m-li", "m-zhao"] }],
}

export const parseDistrict = (input: unknown): District.DistrictData =>
  Result.getOrThrow(District.parse(input, { activityTypes: ["gas-renovation-visit"] }))

export const registryOf = (options: GasRenovationOptions = {}) =>
  Result.getOrThrow(PluginHost.make([gasRenovation(options)]))

export const caseRecord = (id: string, unitId = "yedong") => ({
  id: id as Ids.CaseId,
  topic: "冶金东社区老旧燃气管道改造",
  source: "committee" as const,
  unitId: unitId as Ids.UnitId,
  workflow: { id: "gas-renovation", version: 1 },
  openedOn: "2025-03-03" as never,
})

// A working-day morning in Wuhan, as the engine records times.
export const at = (date: string) => `${date}T02:00:00.000Z`

export const payloads = {
  survey: { on: "2025-03-14", total: 120, surveyed: 96, consenting: 90 },
  startConsultation: { meetingOn: "2025-03-20", venue: "冶金东社区党群服务中心" },
  reachConsensus: {
    heldOn: "2025-03-20",
    attendees: ["m-li", "m-zhao"],
    residentRepresentatives: 8,
    consensus: "分两批更换立管，施工期间每日通报进度",
  },
  schedule: { startOn: "2025-04-01", endOn: "2025-06-30", contractor: "燃气工程公司第三施工队" },
  reportProgress: { percent: 30, on: "2025-04-20" },
  completeRenovation: { on: "2025-06-25" },
  reopen: { on: "2025-05-20", reason: "新增 12 户需更换表后管" },
  passAcceptance: { on: "2025-07-02", inspectors: ["冶金街道办", "居民代表王某"] },
  failAcceptance: { on: "2025-07-02", defects: ["3 栋 2 单元漏气"] },
} as const

// The happy path: each command, who sends it, and on which day.
export const happyPath: ReadonlyArray<readonly [keyof typeof payloads, Workflow.Actor, string, unknown?]> = [
  ["survey", actors.community, "2025-03-14"],
  ["startConsultation", actors.street, "2025-03-17"],
  ["reachConsensus", actors.member, "2025-03-20"],
  ["schedule", actors.gas, "2025-03-25"],
  ["reportProgress", actors.gas, "2025-04-20", { percent: 30, on: "2025-04-20" }],
  ["reportProgress", actors.gas, "2025-05-15", { percent: 55, on: "2025-05-15" }],
  ["reportProgress", actors.gas, "2025-06-10", { percent: 76, on: "2025-06-10", note: "三个多月改造率 76%" }],
  ["completeRenovation", actors.gas, "2025-06-25"],
  ["passAcceptance", actors.residents, "2025-07-02"],
]

// Creates the district in the store (units, members and committee included).
export const setup = () =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    yield* store.importDistrict(parseDistrict(districtInput))
    return store
  })
