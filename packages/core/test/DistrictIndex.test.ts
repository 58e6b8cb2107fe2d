import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { DistrictIndex } from "../src/index.js"
import { DistrictArbitrary } from "../src/testing/index.js"
import { prop } from "./prop.js"

describe("DistrictIndex", () => {
  prop(
    "a unit's street is the nearest township-level ancestor, found by walking parents",
    [DistrictArbitrary.valid()],
    ([data]) => {
      const index = DistrictIndex.make(data)
      const byId = new Map(data.units.map((u) => [u.id as string, u]))
      const tier = new Map(data.district.unitKinds.map((k) => [k.id as string, k.tier]))
      for (const u of data.units) {
        let walk: (typeof data.units)[number] | undefined = u
        while (walk !== undefined && tier.get(walk.kind) !== "township")
          walk = walk.parentId === undefined ? undefined : byId.get(walk.parentId)
        expect(index.streetOf(u.id)).toBe(walk?.id)
        expect(index.tierAt(index.unitPosition(u.id))).toBe(tier.get(u.kind))
      }
      expect(index.streetOf("no-such-unit")).toBeUndefined()
      expect(index.unitPosition("no-such-unit")).toBe(-1)
    },
  )

  prop("units of a tier come sorted by id, and committees of a member too", [DistrictArbitrary.valid()], ([data]) => {
    const index = DistrictIndex.make(data)
    for (const tier of ["township", "village", "other"] as const) {
      const ids = index.unitsOfTier(tier).map((u) => u.id)
      expect(ids).toEqual([...ids].sort())
    }
    for (const m of data.members) {
      const ids = index.committeesOf(m.id).map((c) => c.id)
      expect(ids).toEqual([...ids].sort())
      expect(ids.length).toBe(data.committees.filter((c) => c.memberIds.includes(m.id)).length)
    }
  })

  it("terminates on a cyclic tree (invalid data) and finds no street on the cycle", () => {
    const data = fc.sample(DistrictArbitrary.valid(), { numRuns: 1, seed: 1 })[0]!
    const cyclic = {
      ...data,
      units: [
        { id: "a" as never, kind: "grid" as never, name: "A", parentId: "b" as never },
        { id: "b" as never, kind: "grid" as never, name: "B", parentId: "a" as never },
      ],
    }
    expect(DistrictIndex.make(cyclic).streetOf("a")).toBeUndefined()
  })
})
