import { District } from "@tongxin/core"
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { datasetPath, render } from "../src/dataset.js"
import { generate } from "../src/generate.js"

const committed = readFileSync(datasetPath, "utf8")
const data = Result.getOrThrow(District.parse(JSON.parse(committed)))
const tierOf = (kind: string) => data.district.unitKinds.find((k) => k.id === kind)?.tier

describe("the Qingshan dataset", () => {
  it("has the article's counts: 10 streets, 119 communities/villages, 233 members", () => {
    expect(data.units.filter((u) => tierOf(u.kind) === "township")).toHaveLength(10)
    expect(data.units.filter((u) => tierOf(u.kind) === "village")).toHaveLength(119)
    expect(data.members).toHaveLength(233)
    expect(new Set(data.members.map((m) => m.level))).toEqual(new Set(["city", "district"]))
  })

  it("validates clean", () => {
    expect(District.validate(data)).toEqual([])
  })

  it("has a platform at every street and community, and a committee with a branch per street", () => {
    const withPlatform = new Set(data.platforms.map((p) => p.unitId))
    expect(data.units.every((u) => withPlatform.has(u.id))).toBe(true)
    const streets = data.units.filter((u) => tierOf(u.kind) === "township").map((u) => u.id)
    expect(data.committees.map((c) => c.streetId).sort()).toEqual([...streets].sort())
    expect(data.partyBranches.flatMap((b) => b.committeeIds).sort()).toEqual(data.committees.map((c) => c.id).sort())
  })

  it("leaves placement to the assignment engine", () => {
    expect(data.committees.every((c) => c.memberIds.length === 0)).toBe(true)
    expect(data.guidance).toEqual([])
  })

  it("names the article's studios, streets and the Guangming frontline consultation", () => {
    expect(data.studios.map((s) => s.name)).toEqual(expect.arrayContaining(["黄荷婷委员工作室", "李军委员工作室"]))
    expect(data.units.map((u) => u.name)).toEqual(expect.arrayContaining(["冶金街道", "新沟桥街道", "光明社区"]))
    const frontline = data.activities.find((a) => a.date === "2025-06-15" && a.type === "frontline-consultation")
    expect(frontline?.participants.map((p) => p.kind)).toEqual(["department", "community", "property", "resident"])
  })

  it("holds a year of records for scoring: activities with attendance, submissions with statuses", () => {
    expect(data.activities.length).toBeGreaterThan(500)
    expect(data.activities.every((a) => a.date.startsWith("2025-"))).toBe(true)
    const statuses = new Set(data.activities.flatMap((a) => a.attendance.map((r) => r.status)))
    expect(statuses).toEqual(new Set(["present", "excused", "unexcused", "late", "partial"]))
    const flags = new Set(data.submissions.flatMap((s) => s.flags))
    expect(flags).toEqual(new Set(["accepted", "adopted", "key", "excellent", "leader-instruction"]))
    expect(data.submissions.some((s) => s.authors.length > 1)).toBe(true)
  })

  it("is byte-identical to what the generator makes from the same seed", () => {
    expect(render()).toBe(committed)
  })

  it("changes with the seed", () => {
    expect(JSON.stringify(generate(1))).not.toBe(JSON.stringify(generate(2)))
  })
})
