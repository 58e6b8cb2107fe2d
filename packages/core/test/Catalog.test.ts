import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { Catalog, District, Unit } from "../src/index.js"

describe("labels", () => {
  it("every built-in enum value has a zh-CN and an en label", () => {
    expect(Catalog.enums.length).toBeGreaterThanOrEqual(18)
    for (const e of Catalog.enums) {
      expect(e.values.length).toBeGreaterThan(0)
      for (const v of e.values) {
        const labels = e.labels[v]!
        expect(labels["zh-CN"], `${e.name}.${v} zh-CN`).toMatch(/[\u4e00-\u9fff]/)
        expect(labels.en, `${e.name}.${v} en`).toMatch(/^[A-Z]/)
      }
    }
  })

  it("default unit kinds are labelled and the district schema fills them in", () => {
    for (const k of Unit.defaultKinds) expect(k.labels["zh-CN"]).toMatch(/[\u4e00-\u9fff]/)
    const parsed = District.parse({ district: { id: "d", name: "区", sectors: [] } })
    expect(Result.isSuccess(parsed) && parsed.success.district.unitKinds).toEqual(Unit.defaultKinds)
  })
})
