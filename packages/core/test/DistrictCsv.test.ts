import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import { District, DistrictCsv, type Issue } from "../src/index.js"
import { formatCsv, parseCsv } from "../src/internal/csv.js"
import { DistrictArbitrary } from "../src/testing/index.js"

const qingshan = Result.getOrThrow(
  District.parse(
    JSON.parse(readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8")),
  ),
)

const issuesOf = (result: Result.Result<District.DistrictData, District.DistrictError>): ReadonlyArray<Issue.Issue> =>
  Result.isFailure(result) ? result.failure.issues : expect.unreachable("expected problems")

const districtYaml = `id: d1
name: 青山区
sectors:
  - id: economy
    labels: { zh-CN: 经济界, en: Economy }
  - id: education
    labels: { zh-CN: 教育界, en: Education }
`

const folder = (extra: Record<string, string> = {}): Map<string, string> =>
  new Map(
    Object.entries({
      "district.yaml": districtYaml,
      "units.csv": 'id,kind,name,parentId\ns1,street,红卫路街道,\nc1,community,"建设一路社区, 一区",s1\n',
      "platforms.csv": "id,unitId,name,conveners\np1,c1,议事室,m1;m2\n",
      "members.csv":
        "id,name,gender,level,sector,partyMember,standingCommittee,specialCommitteeIds,residenceUnitId,employer\n" +
        'm1,张三,male,district,economy,是,false,,c1,"某公司 ""总经理"""\n' +
        "m2,李四,female,city,education,false,true,,,\n" +
        "m3,王五,,district,economy,true,,,,\n",
      "committees.csv": "id,streetId,name,head,memberIds\nk1,s1,红卫路街道联络委,赵主任,m1;m2;m3\n",
      "activities.csv":
        'id,type,title,date,halfDays,platformId,organiser.kind,organiser.id\na1,consultation,"停车难\n协商",2025-03-01,2,p1,platform,p1\na2,reading,读书会,2025-04-01,,,district,\n',
      "attendance.csv":
        "activityId,memberId,status,halfDays,speech\na1,m1,present,,oral\na1,m2,partial,1,\na2,m3,excused,,\n",
      "participants.csv": "activityId,kind,count,names\na1,resident,12,甲;乙\n",
      "submissions.csv":
        "id,kind,title,date,authors,collective,flags\nt1,proposal,关于停车,2025-02-01,m1;m2,,accepted;key\n",
      "outcomes.csv":
        "id,title,handlingUnit,status,progress,assignedOn,implemented\no1,增设车位,区城管局,in-progress,50,2025-03-05,否\n",
      "milestones.csv": "outcomeId,title,due\no1,选址,2025-04-01\n",
      ...extra,
    }),
  )

const equivalentJson = {
  district: {
    id: "d1",
    name: "青山区",
    sectors: [
      { id: "economy", labels: { "zh-CN": "经济界", en: "Economy" } },
      { id: "education", labels: { "zh-CN": "教育界", en: "Education" } },
    ],
  },
  units: [
    { id: "s1", kind: "street", name: "红卫路街道" },
    { id: "c1", kind: "community", name: "建设一路社区, 一区", parentId: "s1" },
  ],
  platforms: [{ id: "p1", unitId: "c1", name: "议事室", conveners: ["m1", "m2"] }],
  members: [
    {
      id: "m1",
      name: "张三",
      gender: "male",
      level: "district",
      sector: "economy",
      partyMember: true,
      standingCommittee: false,
      residenceUnitId: "c1",
      employer: '某公司 "总经理"',
    },
    {
      id: "m2",
      name: "李四",
      gender: "female",
      level: "city",
      sector: "education",
      partyMember: false,
      standingCommittee: true,
    },
    { id: "m3", name: "王五", level: "district", sector: "economy", partyMember: true },
  ],
  committees: [{ id: "k1", streetId: "s1", name: "红卫路街道联络委", head: "赵主任", memberIds: ["m1", "m2", "m3"] }],
  activities: [
    {
      id: "a1",
      type: "consultation",
      title: "停车难\n协商",
      date: "2025-03-01",
      halfDays: 2,
      platformId: "p1",
      organiser: { kind: "platform", id: "p1" },
      attendance: [
        { memberId: "m1", status: "present", speech: "oral" },
        { memberId: "m2", status: "partial", halfDays: 1 },
      ],
      participants: [{ kind: "resident", count: 12, names: ["甲", "乙"] }],
    },
    {
      id: "a2",
      type: "reading",
      title: "读书会",
      date: "2025-04-01",
      organiser: { kind: "district" },
      attendance: [{ memberId: "m3", status: "excused" }],
    },
  ],
  submissions: [
    {
      id: "t1",
      kind: "proposal",
      title: "关于停车",
      date: "2025-02-01",
      authors: ["m1", "m2"],
      flags: ["accepted", "key"],
    },
  ],
  outcomes: [
    {
      id: "o1",
      title: "增设车位",
      handlingUnit: "区城管局",
      status: "in-progress",
      progress: 50,
      assignedOn: "2025-03-05",
      implemented: false,
      milestones: [{ title: "选址", due: "2025-04-01" }],
    },
  ],
}

describe("DistrictCsv.parseFolder", () => {
  it("reads a small folder into the same data as the equivalent JSON", () => {
    const fromCsv = DistrictCsv.parseFolder(folder())
    expect(Result.getOrThrow(fromCsv)).toEqual(Result.getOrThrow(District.parse(equivalentJson)))
  })

  it("accepts district.json holding the whole { district } document, and CRLF files with a BOM", () => {
    const crlf = new Map(
      [...folder()].map(([name, text]) => [
        name,
        name.endsWith(".csv") ? "\uFEFF" + text.replace(/\n/g, "\r\n") : text,
      ]),
    )
    crlf.delete("district.yaml")
    crlf.set("district.json", JSON.stringify({ district: equivalentJson.district }))
    // The quoted line break in a1's title becomes CRLF too.
    const expected = {
      ...equivalentJson,
      activities: equivalentJson.activities.map((a) => ({ ...a, title: a.title.replace("\n", "\r\n") })),
    }
    expect(Result.getOrThrow(DistrictCsv.parseFolder(crlf))).toEqual(Result.getOrThrow(District.parse(expected)))
  })

  it("round-trips the Qingshan dataset through toFiles", () => {
    const files = DistrictCsv.toFiles(qingshan)
    expect([...files.keys()]).toContain("members.csv")
    expect([...files.keys()]).toContain("attendance.csv")
    expect(Result.getOrThrow(DistrictCsv.parseFolder(files))).toEqual(qingshan)
  })

  it("reports each problem of a broken folder with file, line, column and both languages", () => {
    const broken = folder({
      "members.csv":
        "id,name,level,sector,partyMember,age\n" + // age: unknown column (line 1, column 6)
        "m1,张三,district,economy,true,40\n" +
        "m2,李四,city,nowhere,false,\n" + // line 3: unknown sector (column 4)
        "m3,王五,district\n" + // line 4: too few cells
        '"m4\nx",赵六,mayor,economy,maybe,\n', // line 5: id with a line break, bad level (col 3), bad boolean (col 5)
      "attendance.csv":
        "activityId,memberId,status,halfDays,speech\na1,m1,present,,oral\na9,m2,present,,\na2,m1,here,,\n",
      "submissions.csv": "id,kind,title,date,authors\nt1,proposal,关于停车,2025-02-30,\n",
      "notes.csv": "x\n1\n",
    })
    const issues = issuesOf(DistrictCsv.parseFolder(broken, { folder: "in" }))
    const at = (i: Issue.Issue) => [i.file, i.line, i.column, i.path, i.code]
    expect(issues.map(at)).toEqual(
      expect.arrayContaining([
        ["in/members.csv", 1, 6, "age", "csv-unknown-column"],
        ["in/members.csv", 3, 4, "members[1].sector", "unknown-reference"],
        ["in/members.csv", 4, 4, "(row)", "csv-row-length"],
        ["in/members.csv", 4, 4, "members[2].sector", "missing"],
        ["in/members.csv", 4, 5, "members[2].partyMember", "missing"],
        ["in/members.csv", 5, 1, "members[3].id", "invalid"],
        ["in/members.csv", 5, 3, "members[3].level", "invalid"],
        ["in/members.csv", 5, 5, "members[3].partyMember", "invalid"],
        ["in/attendance.csv", 3, 1, "activityId", "csv-unknown-parent"],
        ["in/attendance.csv", 4, 3, "activities[1].attendance[0].status", "invalid"],
        ["in/submissions.csv", 2, 4, "submissions[0].date", "invalid"],
        ["in/submissions.csv", 2, 5, "submissions[0].authors", "missing"],
        ["in/notes.csv", 1, 1, "(document)", "csv-unknown-file"],
      ]),
    )
    // The short row is still read: no dangling reference to m3 follows from it.
    expect(issues.map((i) => i.path)).not.toContain("committees[0].memberIds[2]")
    // Every problem is located and speaks both languages.
    for (const i of issues) {
      expect(i.file).toBeDefined()
      expect(i.line).toBeGreaterThanOrEqual(1)
      expect(i.column).toBeGreaterThanOrEqual(1)
      expect(i.message).not.toBe("")
      expect(i.messageZh).not.toBe("")
    }
    expect(issues.find((i) => i.code === "csv-unknown-column")?.messageZh).toContain("不是可识别的列")
    expect(issues.find((i) => i.code === "csv-row-length")?.message).toContain("3 cells but the header has 6 columns")
  })

  it("locates problems in the district file and in CSV syntax", () => {
    const issues = issuesOf(
      DistrictCsv.parseFolder(
        folder({
          "district.yaml": "id: d1\nname: 青山区\nsectors:\n  - id: economy\n    labels: { zh-CN: 经济界 }\n",
          "units.csv": 'id,kind,name\ns1,street,"unclosed\n',
          "guidance.csv": "",
        }),
      ),
    )
    const at = issues.map((i) => [i.file, i.line, i.code])
    expect(at).toContainEqual(["district.yaml", 5, "missing"])
    expect(at).toContainEqual(["units.csv", 2, "csv-syntax"])
    expect(at).toContainEqual(["guidance.csv", 1, "csv-no-header"])
    // The district file's problems come first.
    expect(issues[0]?.file).toBe("district.yaml")
  })

  it("reports a folder without a district file and a collection given twice", () => {
    const files = folder()
    files.delete("district.yaml")
    expect(issuesOf(DistrictCsv.parseFolder(files)).map((i) => i.code)).toContain("csv-no-district")
    const twice = folder({ "district.yaml": `district:\n${districtYaml.trimEnd().replace(/^/gm, "  ")}\nunits: []\n` })
    expect(issuesOf(DistrictCsv.parseFolder(twice)).map((i) => [i.file, i.code])).toContainEqual([
      "units.csv",
      "csv-duplicate-collection",
    ])
  })

  it("round-trips generated consistent districts", () => {
    fc.assert(
      fc.property(DistrictArbitrary.valid(), (d) => {
        expect(Result.getOrThrow(DistrictCsv.parseFolder(DistrictCsv.toFiles(d)))).toEqual(d)
      }),
      { numRuns: 100 },
    )
  })

  it("isCsvFolder looks for .csv files", () => {
    expect(DistrictCsv.isCsvFolder(["district.yaml", "Members.CSV"])).toBe(true)
    expect(DistrictCsv.isCsvFolder(["district.yaml"])).toBe(false)
  })
})

describe("CSV text", () => {
  it("reads quotes, doubled quotes, commas and line breaks inside quotes", () => {
    const { records, errors } = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n,,\nlast,,row')
    expect(errors).toEqual([])
    expect(records).toEqual([
      { cells: ["a", "b", "c"], line: 1 },
      { cells: ["x, y", 'say "hi"', "two\nlines"], line: 2 },
      { cells: ["", "", ""], line: 4 },
      { cells: ["last", "", "row"], line: 5 },
    ])
  })

  it("drops a BOM, accepts CRLF, LF and CR, and skips blank lines", () => {
    const { records } = parseCsv('\uFEFFid,name\r\n1,一\r\n\r\n2,"二\r\n行"\r\n3,三\r4,四\n')
    expect(records).toEqual([
      { cells: ["id", "name"], line: 1 },
      { cells: ["1", "一"], line: 2 },
      { cells: ["2", "二\r\n行"], line: 4 },
      { cells: ["3", "三"], line: 6 },
      { cells: ["4", "四"], line: 7 },
    ])
  })

  it("reports an unclosed quote, text after a closing quote and a stray quote", () => {
    expect(parseCsv('a,"b').errors.map((e) => [e.line, e.column])).toEqual([[1, 3]])
    expect(parseCsv('a\n"b"c,d').errors.map((e) => [e.line, e.column])).toEqual([[2, 4]])
    expect(parseCsv('a,b"c').errors.map((e) => [e.line, e.column, e.messageZh.length > 0])).toEqual([[1, 4, true]])
  })

  it("writes what it reads", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parseCsv(formatCsv(rows)).records.map((r) => r.cells)).toEqual(
            rows.filter((r) => !(r.length === 1 && r[0] === "")),
          )
        },
      ),
    )
  })
})
