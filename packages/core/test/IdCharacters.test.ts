// Ids reach terminals, reports and file names: no control character (ESC, BEL, C1), no
// bidirectional override and no invisible character (zero-width space, BOM…) may hide in one, and
// the refusal names the character's code point. Names are display text and keep what they hold
// (security review, issue #20).
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import { AssignmentProblem, Coverage, District, Ids } from "../src/index.js"
import * as Issue from "../src/model/Issue.js"
import { prop } from "./prop.js"

const idSchemas = {
  DistrictId: Ids.DistrictId,
  UnitId: Ids.UnitId,
  PlatformId: Ids.PlatformId,
  MemberId: Ids.MemberId,
  CommitteeId: Ids.CommitteeId,
  PartyBranchId: Ids.PartyBranchId,
  StudioId: Ids.StudioId,
  SpecialCommitteeId: Ids.SpecialCommitteeId,
  ActivityId: Ids.ActivityId,
  SubmissionId: Ids.SubmissionId,
  CaseId: Ids.CaseId,
  OutcomeId: Ids.OutcomeId,
}

const control = ["\u0000", "\u0007", "\u0008", "\u001b", "\u007f", "\u0085", "\u009b"]
const bidirectional = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
]
const invisible = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u{e0041}"]
const forbidden = [...control, ...bidirectional, ...invisible]

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`

const issuesOf = (schema: Schema.Codec<unknown, string>, input: string): ReadonlyArray<Issue.Issue> => {
  const r = Schema.decodeUnknownResult(schema, { errors: "all" })(input)
  return Result.isFailure(r) ? Issue.fromSchemaError(r.failure) : []
}

describe("characters in ids", () => {
  it("refuses control, bidirectional-override and invisible characters in every id, naming the code point", () => {
    for (const [name, schema] of Object.entries(idSchemas)) {
      for (const c of forbidden) {
        const issues = issuesOf(schema, `sample${c}id`)
        expect(issues, `${name} with ${codePoint(c)}`).toHaveLength(1)
        const [issue] = issues
        const kind = control.includes(c)
          ? "the control character"
          : bidirectional.includes(c)
            ? "the bidirectional-override character"
            : "the invisible character"
        expect(issue!.message).toBe(
          `contains ${kind} ${codePoint(c)}; ids may not contain control, bidirectional-override or invisible (zero-width) characters`,
        )
        expect(issue!.messageZh).toContain(codePoint(c))
        expect(issue!.messageZh).toContain("编号不能包含")
        // The message names the character; it does not carry it.
        expect(issue!.message.includes(c) || issue!.messageZh.includes(c)).toBe(false)
      }
    }
  })

  it("tells look-alike ids apart by refusing the invisible one", () => {
    expect(issuesOf(Ids.DistrictId, "sample")).toEqual([])
    expect(issuesOf(Ids.DistrictId, "sample\u200b")[0]?.message).toContain("the invisible character U+200B")
    expect(issuesOf(Ids.DistrictId, "sam\u00adple")[0]?.message).toContain("the invisible character U+00AD")
    expect(issuesOf(Ids.DistrictId, "\ufeffsample")[0]?.message).toContain("the invisible character U+FEFF")
  })

  it("refuses Latin mixed with Cyrillic or Greek look-alikes, naming the letter, and takes each script alone", () => {
    expect(issuesOf(Ids.DistrictId, "\u0455ample")[0]?.message).toBe(
      "mixes Latin letters with the Cyrillic letter U+0455, which looks like a Latin one; write the id in one script",
    )
    expect(issuesOf(Ids.MemberId, "m\u03bf1")[0]?.message).toContain("the Greek letter U+03BF")
    expect(issuesOf(Ids.MemberId, "m\u03bf1")[0]?.messageZh).toContain("希腊字母 U+03BF")
    for (const ok of ["sample", "\u0441\u0435\u043b\u043e", "\u03b1\u03b2-1", "unit_东街道", "ünit-ß"])
      expect(issuesOf(Ids.DistrictId, ok), ok).toEqual([])
  })

  it("still takes ids in any script, and says what is wrong with spaces as before", () => {
    for (const ok of ["m1", "青山区-01", "unit_东街道", "ünit", "😀", "x".repeat(128)]) {
      expect(issuesOf(Ids.UnitId, ok), ok).toEqual([])
    }
    expect(issuesOf(Ids.UnitId, "a b")[0]?.message).toBe(
      "an id must be 1 to 128 characters with no spaces (and no broken characters)",
    )
  })

  const idLike = fc
    .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 4 }), fc.constantFrom(...forbidden)), { maxLength: 5 })
    .map((parts) => parts.join(""))

  prop("an id that decodes holds no control or invisible character; a refusal names the first one", [idLike], ([s]) => {
    const issues = issuesOf(Ids.MemberId, s)
    const first = /[\p{Cc}\p{Cf}]/u.exec(s)?.[0]
    if (first === undefined) return
    expect(issues).toHaveLength(1)
    expect(issues[0]!.message).toContain(codePoint(first))
  })

  it("refuses them in a district's ids, the attendance fast path included, and keeps them in names", () => {
    const district = (memberId: string, name: string) => ({
      district: {
        id: "d1",
        name: "青山区",
        sectors: [{ id: "economy", labels: { "zh-CN": "经济界", en: "Economy" } }],
      },
      units: [{ id: "s1", kind: "street", name: "东街道" }],
      members: [{ id: memberId, name, level: "district", sector: "economy", partyMember: false }],
      activities: [
        {
          id: "a1",
          type: "research",
          title: "调研",
          date: "2025-04-15",
          unitId: "s1",
          organiser: { kind: "district" },
          attendance: [{ memberId, status: "present" }],
        },
      ],
    })
    const fine = District.parse(district("m1", "张\u001b[31m三\u202e"))
    expect(Result.isSuccess(fine) && fine.success.members[0]!.name).toBe("张\u001b[31m三\u202e")
    const bad = District.parse(district("m1\u001b[2J", "张三"))
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => [i.path, i.message.split(";")[0]])).toEqual([
      ["members[0].id", "contains the control character U+001B"],
      ["activities[0].attendance[0].memberId", "contains the control character U+001B"],
    ])
  })

  it("refuses them in assignment problems' ids and categories, and echoes no raw character", () => {
    const r = AssignmentProblem.parse({
      agents: [
        { id: "a\u202e", category: "p\u200b" },
        { id: "b", category: "q\u0085" },
      ],
      targets: [{ id: "x\u2066" }, { id: "y", categories: { "z\u200d": { max: 1 } } }],
      pairs: [{ agent: "\u001b[2J", target: "y", cost: 0 }],
    })
    const issues = Result.isFailure(r) ? r.failure.issues : []
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["agents[0].id", "invisible-character"],
      ["agents[0].category", "invisible-character"],
      ["agents[1].category", "control-character"],
      ["targets[0].id", "invisible-character"],
      ["targets[1].categories", "invisible-character"],
      ["pairs[0].agent", "unknown-reference"],
    ])
    expect(issues[0]!.message).toBe(
      '"a\\u202e" contains the bidirectional-override character U+202E; ids and categories may not contain control, bidirectional-override or invisible (zero-width) characters',
    )
    expect(issues[5]!.message).toBe('agent "\\u001b[2J" is not in agents')
    for (const i of issues) expect(/[\p{Cc}\p{Cf}]/u.test(i.message + i.messageZh)).toBe(false)
  })

  it("refuses them in a coverage rule's key, which becomes the result's id", () => {
    const r = Coverage.parseConfig({ rules: [{ id: "platform-coverage", key: "platforms\u001b]0;owned\u0007" }] })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.message.split(";")[0]])).toEqual([
      ["rules[0].key", "contains the control character U+001B"],
    ])
    const unknown = Coverage.parseConfig({ rules: [{ id: "no\u202erule" }] })
    expect(Result.isFailure(unknown) && unknown.failure.issues[0]!.message).toContain('"no\\u202erule"')
  })
})
