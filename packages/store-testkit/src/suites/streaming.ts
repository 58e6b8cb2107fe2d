// Group "streaming": `stream` yields what paging through `list` yields, batch by batch.
import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { Store } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Fixtures from "../Fixtures.js"
import { listAll } from "../internal/helpers.js"

export const streaming = (it: Vitest.MethodsNonLive<Store.Store>) => {
  it.effect("stream yields every item in key order, for any batch size, attendance included", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("stream")
      const data = Fixtures.district(d, { activities: 1_200, attendancePerActivity: 7, members: 50 })
      yield* store.importDistrict(data)
      const listed = yield* listAll(store, d, "activities", { limit: 500 })
      expect(listed.length).toBe(1_200)
      for (const batchSize of [1, 7, 100, 1_000, 5_000]) {
        const streamed = yield* Stream.runCollect(store.stream(d, "activities", { batchSize }))
        expect(streamed.length, `batch ${batchSize}`).toBe(1_200)
        expect(streamed, `batch ${batchSize}`).toEqual(listed)
      }
      expect(listed.reduce((n, a) => n + a.attendance.length, 0)).toBe(1_200 * 7)
    }),
  )

  it.effect("stream applies filters and date ranges like list", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("stream")
      yield* store.importDistrict(Fixtures.district(d, { activities: 300 }))
      const options = { from: "2025-02-01", to: "2025-05-31", filter: { type: "frontline-consultation" } }
      const listed = yield* listAll(store, d, "activities", options)
      const streamed = yield* Stream.runCollect(store.stream(d, "activities", { ...options, batchSize: 9 }))
      expect(streamed).toEqual(listed)
      expect(streamed.length).toBeGreaterThan(10)
    }),
  )

  it.effect("a stream can be stopped early and read again; an unknown district streams nothing", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("stream")
      yield* store.importDistrict(Fixtures.district(d, { members: 2_000, activities: 0 }))
      const first = yield* Stream.runCollect(Stream.take(store.stream(d, "members", { batchSize: 50 }), 3))
      expect(first.map((m) => m.id)).toEqual(["m000000", "m000001", "m000002"])
      expect(yield* Stream.runCount(store.stream(d, "members", { batchSize: 300 }))).toBe(2_000)
      expect(yield* Stream.runCount(store.stream(Fixtures.freshDistrictId("ghost"), "members"))).toBe(0)
    }),
  )

  it.effect("writes between batches are seen by later batches and never repeat items (keyset paging)", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = Fixtures.freshDistrictId("stream")
      const data = Fixtures.district(d, { members: 100, activities: 0 })
      yield* store.importDistrict(data)
      let added = false
      const ids = yield* store.stream(d, "members", { batchSize: 10 }).pipe(
        Stream.tap((m) =>
          m.id === "m000015" && !added
            ? Effect.flatMap(store.upsert(d, "members", [{ ...m, id: "m000099z" as typeof m.id }]), () =>
                Effect.sync(() => (added = true)),
              )
            : Effect.void,
        ),
        Stream.map((m) => m.id),
        Stream.runCollect,
      )
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids).toContain("m000099z")
    }),
  )
}
