import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { District, DistrictSource } from "../src/index.js"
import { DistrictArbitrary } from "../src/testing/index.js"
import { prop, fromSchema } from "./prop.js"

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")

describe("District.parse", () => {
  it("reports every problem of a hand-written broken file, with paths and lines", () => {
    const result = DistrictSource.parseText(fixture("broken-district.yaml"), { filename: "broken-district.yaml" })
    expect(Result.isFailure(result)).toBe(true)
    const issues = Result.isFailure(result) ? result.failure.issues : []
    expect(issues.map((i) => [i.line, i.path, i.code])).toEqual([
      [11, "units[2].id", "duplicate-id"],
      [12, "units[3].parentId", "unknown-reference"],
      [13, "units[4].parentId", "kind-not-allowed"],
      [14, "units[5].kind", "unknown-unit-kind"],
      [16, "platforms[0].conveners[0]", "unknown-reference"],
      [19, "members[1].sector", "unknown-reference"],
      [20, "members[2].level", "invalid"],
      [20, "members[2].age", "unexpected"],
      [22, "committees[0].streetId", "not-a-street"],
      [24, "partyBranches[0].memberIds[1]", "not-party-member"],
      [29, "activities[0].date", "invalid"],
      [34, "activities[1].type", "unknown-activity-type"],
      [39, "activities[1].attendance[0].memberId", "unknown-reference"],
      [41, "submissions[0].authors[1]", "duplicate-entry"],
    ])
    for (const issue of issues) {
      expect(issue.file).toBe("broken-district.yaml")
      expect(issue.message.length).toBeGreaterThan(10)
      expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/)
    }
    const level = issues.find((i) => i.path === "members[2].level")!
    expect(level.message).toBe('must be one of national, provincial, city, district; got "county"')
    expect(String(Result.isFailure(result) && result.failure.message)).toContain("14 problems")
  })

  it("reports syntax errors with their position and decodes nothing", () => {
    const result = DistrictSource.parseText('{ "district": { "id": "x", ', { filename: "x.json" })
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure.issues[0]!.code).toBe("syntax")
      expect(result.failure.issues[0]!.line).toBe(1)
    }
  })

  it("rejects a non-object with one clear issue", () => {
    const result = District.parse(42)
    expect(Result.isFailure(result) && result.failure.issues.map((i) => i.path)).toEqual(["(root)"])
  })

  it("accepts plugin activity types only when told about them", () => {
    const data = {
      district: { id: "d", name: "区", sectors: [] },
      activities: [{ id: "a", type: "gas-survey", title: "入户", date: "2025-03-01", organiser: { kind: "district" } }],
    }
    expect(Result.isFailure(District.parse(data))).toBe(true)
    expect(Result.isSuccess(District.parse(data, { activityTypes: ["gas-survey"] }))).toBe(true)
  })
})

describe("District properties", () => {
  const valid = DistrictArbitrary.valid()

  prop("generated consistent data validates clean", [valid], ([data]) => {
    expect(District.validate(data)).toEqual([])
  })

  prop("encode then parse gives back the same data", [valid], ([data]) => {
    const encoded = JSON.parse(JSON.stringify(District.encode(data)))
    expect(District.parse(encoded)).toEqual(Result.succeed(data))
  })

  prop(
    "Schema round trip holds for any data of the right shape",
    [fromSchema(District.DistrictData)],
    ([data]) => {
      expect(Schema.decodeUnknownSync(District.DistrictData)(District.encode(data))).toEqual(data)
    },
    { fastCheck: { numRuns: 30 } },
  )

  prop(
    "validate never throws, whatever the references",
    [fromSchema(District.DistrictData)],
    ([data]) => {
      const issues = District.validate(data)
      expect(Array.isArray(issues)).toBe(true)
      for (const issue of issues) expect(issue.path).not.toBe("")
    },
    { fastCheck: { numRuns: 30 } },
  )

  prop(
    "one planted fault yields exactly that problem at the right path",
    [
      valid,
      fc.constantFrom<DistrictArbitrary.FaultKind>("dangling-reference", "duplicate-id", "cycle", "wrong-parent-kind"),
    ],
    ([data, kind]) => {
      const planted = DistrictArbitrary.plant(data, kind)
      fc.pre(planted !== undefined)
      const issues = District.validate(planted!.data)
      expect(issues.map((i) => ({ path: i.path, code: i.code }))).toEqual([planted!.expected])
    },
    { fastCheck: { numRuns: 300 } },
  )

  it("the cycle message names the units on the cycle", () => {
    const data = fc.sample(valid, { numRuns: 50, seed: 7 }).find((d) => d.units.some((u) => u.kind === "community"))!
    const planted = DistrictArbitrary.plant(data, "cycle")!
    const [issue] = District.validate(planted.data)
    expect(issue!.message).toBe("the unit tree has a cycle: cycle-a → cycle-b → cycle-a")
  })
})

describe("problems in plain words", () => {
  it("an empty file says so, at line 1", () => {
    const result = DistrictSource.parseText("  \n# nothing here\n", { filename: "district.yaml" })
    expect(Result.isFailure(result) && result.failure.issues).toEqual([
      {
        path: "(document)",
        code: "empty",
        message: "the file is empty: it holds no JSON or YAML document",
        messageZh: "文件为空：没有 JSON 或 YAML 内容",
        file: "district.yaml",
        line: 1,
        column: 1,
      },
    ])
  })

  it("a wrong kind of value is named as a clerk would name it, not as the decoder does", () => {
    const result = DistrictSource.parseText(JSON.stringify({ district: 5, units: {}, members: [1], activities: "x" }), {
      filename: "d.json",
    })
    const issues = Result.isFailure(result)
      ? result.failure.issues.map((i) => [i.path, i.message, i.messageZh, i.line])
      : []
    expect(issues).toEqual(
      expect.arrayContaining([
        ["district", "expected an object of named fields, got 5", "应为由字段组成的对象，实际为 5", 1],
        ["units", "expected a list, got {}", "应为列表，实际为 {}", 1],
        ["members[0]", "expected an object of named fields, got 1", "应为由字段组成的对象，实际为 1", 1],
        ["activities", 'expected a list, got "x"', '应为列表，实际为 "x"', 1],
      ]),
    )
  })
})
