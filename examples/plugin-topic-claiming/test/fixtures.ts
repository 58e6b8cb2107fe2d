// A small district (two Qingshan streets, six members), the actors of the topic-claiming workflow,
// and the three stores every end-to-end test runs against.
import { District, type Ids, MemoryStore, PluginHost, Store, type StoreError, type Workflow } from "@tongxin/core"
import * as PgTesting from "@tongxin/store-postgres/testing"
import { SqliteStore } from "@tongxin/store-sqlite"
import { inject } from "vitest"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { topicClaiming, type Options } from "../src/index.js"

export const district = "qingshan" as Ids.DistrictId

export const data = Result.getOrThrow(
  District.parse({
    district: {
      id: district,
      name: "青山区",
      sectors: [{ id: "economy", labels: { "zh-CN": "经济界", en: "Economy" } }],
    },
    units: [
      { id: "yejin", kind: "street", name: "冶金街道" },
      { id: "xingouqiao", kind: "street", name: "新沟桥街道" },
      { id: "yejin-c1", kind: "community", name: "冶金一社区", parentId: "yejin" },
      { id: "xgq-guangming", kind: "community", name: "光明社区", parentId: "xingouqiao" },
    ],
    members: ["m1", "m2", "m3", "m4", "m5", "m6"].map((id, i) => ({
      id,
      name: ["黄一", "李二", "张三", "王四", "赵五", "周六"][i],
      level: "district",
      sector: "economy",
      partyMember: i % 2 === 0,
    })),
  }),
)

export const actors = {
  yejinOffice: { id: "yejin-office", name: "冶金街道办", roles: ["streetOffice"] },
  xgqOffice: { id: "xgq-office", name: "新沟桥街道办", roles: ["streetOffice"] },
  leaderA: { id: "m1", name: "黄一", roles: ["groupLeader", "member"] },
  memberA: { id: "m2", name: "李二", roles: ["member"] },
  leaderB: { id: "m4", name: "王四", roles: ["groupLeader", "member"] },
  leaderC: { id: "m6", name: "周六", roles: ["groupLeader", "member"] },
  office: { id: "cppcc-office", name: "区政协办公室", roles: ["office"] },
} satisfies Record<string, Workflow.Actor>

export const groups = {
  a: { groupId: "group-a", groupName: "第一小组", memberIds: ["m1", "m2", "m3"] },
  b: { groupId: "group-b", groupName: "第二小组", memberIds: ["m4", "m5"] },
  c: { groupId: "group-c", groupName: "第三小组", memberIds: ["m6"] },
}

/** 09:00 in Wuhan on a day. */
export const at = (day: string) => `${day}T01:00:00.000Z`

export const registryOf = (options: Options = {}) => Result.getOrThrow(PluginHost.make([topicClaiming(options)]))

export const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Store.Store, unknown>]> = [
  ["MemoryStore", () => MemoryStore.layer],
  ["SqliteStore", () => SqliteStore.layer({ filename: ":memory:" })],
  // The run's PostgreSQL database (test/globalSetup.ts), emptied each time the layer is built.
  ["PgStore", () => PgTesting.freshLayer(inject("pg"))],
]

export const setup: Effect.Effect<
  Store.Service,
  StoreError.StoreError | StoreError.InvalidInput | StoreError.PayloadTooLarge,
  Store.Store
> = Effect.gen(function* () {
  const store = yield* Store.Store
  yield* store.importDistrict(data)
  return store
})
