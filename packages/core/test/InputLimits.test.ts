// The readers' limits (issue #20): no input — however large, broken or hostile — makes
// `DistrictSource.parseText` or `DistrictCsv.parseFolder` throw, take quadratic time or return
// more than a person can read. Inputs are sized so the old quadratic code would run for hours;
// nothing here measures time.
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { parseDocument } from "yaml"
import { type District, DistrictCsv, DistrictSource, type Issue, Scoring } from "../src/index.js"
import { echo, maxEcho } from "../src/internal/echo.js"
import { binaryOffset, limits } from "../src/internal/inputLimits.js"
import { parseCsv } from "../src/internal/csv.js"

const issuesOf = (result: Result.Result<District.DistrictData, District.DistrictError>): ReadonlyArray<Issue.Issue> =>
  Result.isFailure(result) ? result.failure.issues : expect.unreachable("expected problems")

const district = "district:\n  id: d1\n  name: 青山区\n  sectors: []\n"

describe("CSV folders with many broken rows", () => {
  it("200,000 attendance rows naming no activity: the first 1,000 in file order, then how many more", () => {
    const n = 200_000
    const rows = ["activityId,memberId,status"]
    for (let i = 0; i < n; i++) rows.push(`missing-${i},m${i},present`)
    const issues = issuesOf(
      DistrictCsv.parseFolder(
        new Map([
          ["district.yaml", "id: d1\nname: 青山区\nsectors: []\n"],
          ["attendance.csv", `${rows.join("\n")}\n`],
        ]),
        { folder: "in" },
      ),
    )
    expect(issues).toHaveLength(limits.maxIssues + 1)
    issues.slice(0, limits.maxIssues).forEach((issue, i) => {
      expect(issue).toMatchObject({ file: "in/attendance.csv", line: i + 2, column: 1, code: "csv-unknown-parent" })
      expect(issue.message).toBe(`no row of activities.csv has the id "missing-${i}"`)
    })
    // Placed where the first problem left out is.
    expect(issues.at(-1)).toMatchObject({
      code: "too-many-problems",
      file: "in/attendance.csv",
      line: limits.maxIssues + 2,
      column: 1,
      path: "(document)",
    })
    expect(issues.at(-1)!.message).toContain("199,000 more problems")
    expect(issues.at(-1)!.messageZh).toContain("199,000 个问题")
  })

  it("broken rows in several files and the district file: grouped by file, each top to bottom", () => {
    const bad = (name: string, header: string, n: number) => {
      const rows = [header]
      for (let i = 0; i < n; i++) rows.push(`missing-${i},x${i},present`)
      return [name, `${rows.join("\n")}\n`] as const
    }
    const issues = issuesOf(
      DistrictCsv.parseFolder(
        new Map([
          ["district.yaml", "id: d1\nname: 5\nsectors: []\n"],
          bad("milestones.csv", "outcomeId,title,due", 300),
          bad("attendance.csv", "activityId,memberId,status", 300),
        ]),
      ),
    )
    expect(issues.map((i) => i.file)).toEqual([
      "district.yaml",
      ...Array<string>(300).fill("attendance.csv"),
      ...Array<string>(300).fill("milestones.csv"),
    ])
    expect(issues[0]).toMatchObject({ path: "district.name", line: 2, column: 7 })
    for (const file of ["attendance.csv", "milestones.csv"]) {
      const lines = issues.filter((i) => i.file === file).map((i) => i.line)
      expect(lines).toEqual([...lines].sort((a, b) => a! - b!))
    }
  })

  it("a quoted field is read in runs, with the lines inside it counted (LF, CRLF and a lone CR)", () => {
    const cell = `${"x".repeat(100_000)}\r\n${'""'.repeat(1_000)}\n${"y".repeat(100_000)}\r${"z".repeat(10)}`
    const { records, errors } = parseCsv(`a,b\n"${cell}",2\n3,"4\n5"6\n`)
    expect(errors).toEqual([expect.objectContaining({ line: 7, column: 3 })])
    expect(records.map((r) => r.line)).toEqual([1, 2, 6])
    expect(records[1]!.cells[0]).toBe(cell.replaceAll('""', '"'))
    // Many quoted fields on one line: each is searched for its own end only.
    const wide = Array.from({ length: 100_000 }, (_, i) => `"${i}"`).join(",")
    expect(parseCsv(`${wide}\n`).records[0]!.cells).toHaveLength(100_000)
  })
})

describe("YAML aliases", () => {
  const units = (n: number, alias: (i: number) => string) => {
    const lines = [district, "units:"]
    for (let i = 0; i < n; i++)
      lines.push(`  - { id: s${i}, kind: &k${i} street, name: 街道${i}, nameEn: ${alias(i)} }`)
    return `${lines.join("\n")}\n`
  }

  it("20,000 anchors each used once resolve in one pass, each alias to its own anchor", () => {
    const result = DistrictSource.parseText(units(20_000, (i) => `*k${i}`))
    expect(Result.isSuccess(result)).toBe(true)
    if (Result.isSuccess(result)) expect(result.success.units.every((u) => u.nameEn === "street")).toBe(true)
  })

  it("a district file using a few hundred aliases reads as its expanded JSON", () => {
    const lines = [
      "district:",
      "  id: d1",
      "  name: 青山区",
      "  sectors: [{ id: economy, labels: &econ { zh-CN: 经济界, en: Economy } }, { id: arts, labels: *econ }]",
      "units:",
      "  - &street { id: s1, kind: street, name: 街道 }",
      "activities:",
    ]
    for (let i = 0; i < 300; i++)
      lines.push(
        `  - { id: a${i}, type: &t consultation, title: 协商${i}, date: &d 2025-03-01, organiser: &o { kind: district } }`,
        `  - { id: b${i}, type: *t, title: 协商${i}, date: *d, organiser: *o }`,
      )
    const yaml = `${lines.join("\n")}\n`
    const expanded = parseDocument(yaml).toJS({ maxAliasCount: -1 }) as unknown
    expect(DistrictSource.parseText(yaml)).toEqual(DistrictSource.parseText(JSON.stringify(expanded)))
    expect(Result.isSuccess(DistrictSource.parseText(yaml))).toBe(true)
  })

  it("an alias names the last anchor of its name before it, and problems inside it point at the alias", () => {
    const yaml = `${district}units:\n  - &u { id: s1, kind: street, name: A }\n  - &u { id: s2, kind: street, name: 5 }\n  - *u\n`
    expect(
      issuesOf(DistrictSource.parseText(yaml, { filename: "d.yaml" })).map((i) => [i.path, i.line, i.column]),
    ).toEqual([
      ["units[1].name", 7, 38],
      ["units[2].name", 8, 5],
      ["units[2].id", 8, 5],
    ])
  })

  it("aliases that would copy more than 100,000 values are refused at the alias that goes past, in both languages", () => {
    const laughs = ["a: &a [1,1,1,1,1,1,1,1,1,1]"]
    for (const [x, y] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
      ["g", "f"],
    ])
      laughs.push(`${x}: &${x} [${Array(10).fill(`*${y}`).join(",")}]`)
    const [issue, ...rest] = issuesOf(DistrictSource.parseText(`${laughs.join("\n")}\n`, { filename: "lol.yaml" }))
    expect(rest).toEqual([])
    // a–d copy 12,330 values; each *d copies 11,111, so the 8th on line 5 goes past 100,000.
    expect(issue).toMatchObject({ code: "too-many-aliases", file: "lol.yaml", line: 5, column: 29 })
    expect(issue!.message).toContain("more than 100,000 values")
    expect(issue!.messageZh).toContain("超过 100,000 个值")
  })

  it("an alias without an anchor, or inside the value it names, gets a located issue", () => {
    expect(issuesOf(DistrictSource.parseText("district: *x\n", { filename: "d.yaml" }))).toEqual([
      {
        path: "(document)",
        code: "unresolved-alias",
        message: "the alias *x has no anchor &x before it (an anchor must come before its aliases)",
        messageZh: "别名 *x 之前没有锚点 &x（锚点必须写在引用它的别名之前）",
        file: "d.yaml",
        line: 1,
        column: 11,
      },
    ])
    const cycle = issuesOf(DistrictSource.parseText("district: &x\n  id: d\n  sectors: [*x]\n"))
    expect(cycle.map((i) => [i.code, i.line, i.column])).toEqual([["alias-cycle", 3, 13]])
  })
})

describe("YAML maps with many keys", () => {
  it("repeated keys are reported as the parser finds them, in file order, also in a map of 100,000 keys", () => {
    const samples = [
      "a: 1\nb: 2\na: 3\nb: 4\na: 5\n",
      "x: { a: 1, a: { b: 1, b: 2 }, a: 3 }\n",
      "- { a: 1, b: 2 }\n- a: 1\n  c: { d: 1, d: 1 }\n  a: 2\n",
      "? [a]\n: 1\n? [a]\n: 2\n'1': x\n1: y\n'1': z\n",
      "{ a: 1, a: 2\n",
    ]
    for (const text of samples) {
      const expected = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
        .errors.sort((a, b) => a.pos[0] - b.pos[0])
        .map((e) => `${e.message.split("\n")[0]}`)
      const issues = Result.isFailure(DistrictSource.readDocument(text))
        ? (DistrictSource.readDocument(text) as Result.Failure<unknown, ReadonlyArray<Issue.Issue>>).failure
        : []
      expect(
        issues.map((i) => i.message.replace("the file is not valid JSON or YAML: ", "")),
        text,
      ).toEqual(expected)
    }
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`)
    keys.push("k17: again", "k99999: again")
    const issues = issuesOf(DistrictSource.parseText(`${keys.join("\n")}\n`))
    expect(issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [100_001, 1, "the file is not valid JSON or YAML: Map keys must be unique at line 100001, column 1:"],
      [100_002, 1, "the file is not valid JSON or YAML: Map keys must be unique at line 100002, column 1:"],
    ])
  })
})

describe("files that are not text, huge values and too many problems", () => {
  it("100 MB of NUL bytes: one issue, not a text file, in both languages", () => {
    const [issue, ...rest] = issuesOf(DistrictSource.parseText("\0".repeat(100_000_000), { filename: "x.json" }))
    expect(rest).toEqual([])
    expect(issue).toMatchObject({ code: "not-text", file: "x.json", line: 1, column: 1 })
    expect(issue!.message).toMatch(/^not a text file/)
    expect(issue!.messageZh).toMatch(/^不是文本文件/)
  })

  it("binary content is found at its first NUL or in a start full of control characters and broken bytes", () => {
    expect(binaryOffset("id: d1\nname: x\u0000y\n")).toBe(14)
    expect(binaryOffset(`PK\u0003\u0004\u0014\u0000${"\ufffd".repeat(50)}`)).toBe(5)
    expect(binaryOffset(`${"\ufffd\u0001\u0002abcdefg".repeat(100)}`)).toBe(0)
    // UTF-16 text, as Excel saves "Unicode text": a NUL after every ASCII character.
    expect(binaryOffset("\ufeffi\u0000d\u0000")).toBe(2)
    expect(binaryOffset("id,名称\n1,青山区\t“引号”\f\r\n")).toBeUndefined()
    expect(binaryOffset(`${"a".repeat(10_000)}\u0001`)).toBeUndefined()
    const csv = issuesOf(
      DistrictCsv.parseFolder(
        new Map([
          ["district.yaml", "id: d1\nname: x\nsectors: []\n"],
          ["members.csv", "PK\u0003\u0004\u0000"],
        ]),
      ),
    )
    expect(csv).toEqual([expect.objectContaining({ code: "not-text", file: "members.csv", line: 1, column: 5 })])
  })

  it("a value longer than 1,000,000 characters is refused before decoding, with a short echo and its length", () => {
    const long = "\u0000".repeat(limits.maxTextLength + 1)
    const text = JSON.stringify({
      district: { id: "d", name: "n", sectors: [] },
      activities: [{ id: "a", type: "consultation", title: "t", date: long, organiser: { kind: "district" } }],
    })
    const [issue, ...rest] = issuesOf(DistrictSource.parseText(text, { filename: "big.json" }))
    expect(rest).toEqual([])
    const column = text.indexOf('"date":') + '"date":'.length + 1
    expect(issue).toMatchObject({ path: "activities[0].date", code: "too-long", file: "big.json", line: 1, column })
    expect(issue!.message).toContain("1,000,001 characters long")
    expect(issue!.message).toContain("(1,000,001 characters)")
    expect(issue!.messageZh).toContain("（共 1,000,001 个字符）")
    expect(issue!.message.length).toBeLessThan(400)
    expect(issue!.messageZh.length).toBeLessThan(400)
  })

  it("a key longer than 1,000,000 characters is refused the same way, its path cut short", () => {
    const key = "k".repeat(limits.maxTextLength + 5)
    const [issue, ...rest] = issuesOf(DistrictSource.parseText(`{"district": {"${key}": 1}}`))
    expect(rest).toEqual([])
    expect(issue!.code).toBe("too-long")
    expect(issue!.path.length).toBeLessThan(300)
    expect(issue!.message).toContain("this key is 1,000,005 characters long")
  })

  it("a long wrong value is echoed as its first 200 characters and its length, in both languages", () => {
    const wrong = "x".repeat(50_000)
    const text = JSON.stringify({
      district: { id: "d", name: "n", sectors: [] },
      members: [{ id: "m", name: "n", level: wrong, sector: "s", partyMember: wrong }],
      activities: [{ id: "a", type: "consultation", title: "t", date: wrong, organiser: { kind: wrong } }],
    })
    const issues = issuesOf(DistrictSource.parseText(text))
    const echoed = issues.filter((i) => i.message.includes("xxx"))
    expect(echoed.map((i) => i.path)).toEqual([
      "members[0].level",
      "members[0].partyMember",
      "activities[0].date",
      "activities[0].organiser.kind",
    ])
    for (const issue of echoed) {
      expect(issue.message).toContain(`"${"x".repeat(maxEcho - 1)}…" (50,000 characters)`)
      expect(issue.messageZh).toContain(`"${"x".repeat(maxEcho - 1)}…"（共 50,000 个字符）`)
      expect(issue.message.length).toBeLessThan(400)
      expect(issue.messageZh.length).toBeLessThan(400)
    }
  })

  it("every message and path stays under 1,000 characters, whatever a message holds", () => {
    const key = "k".repeat(50_000)
    const issues = issuesOf(
      DistrictSource.parseText(JSON.stringify({ district: { id: "d", name: "n", sectors: [] }, [key]: 1 })),
    )
    expect(issues.map((i) => i.code)).toEqual(["unexpected"])
    expect(issues[0]!.path).toBe(`${"k".repeat(limits.maxMessageLength)}… (50,000 characters)`)
    expect(issues[0]!.path.length).toBeLessThan(limits.maxMessageLength + 40)
  })

  it("more than 1,000 problems: the first 1,000 top to bottom, then one saying how many more", () => {
    const members = Array.from({ length: 3_000 }, (_, i) => ({ id: `m${i}`, name: `委员${i}`, level: "county" }))
    const text = JSON.stringify({ district: { id: "d", name: "n", sectors: [] }, members }, null, 1)
    const result = DistrictSource.parseText(text, { filename: "many.json" })
    const issues = issuesOf(result)
    expect(issues).toHaveLength(limits.maxIssues + 1)
    // The error's own message counts the problems, not the note saying how many more there were.
    expect(Result.isFailure(result) && result.failure.message).toMatch(
      /^The district data has more than 1,000 problems:/,
    )
    const lines = issues.slice(0, -1).map((i) => i.line!)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
    // Each member lacks a sector and partyMember and has a wrong level: 9,000 problems.
    expect(issues.at(-1)).toMatchObject({ code: "too-many-problems", file: "many.json" })
    expect(issues.at(-1)!.line).toBeGreaterThanOrEqual(lines.at(-1)!)
    expect(issues.at(-1)!.message).toContain("8,000 more problems")
  })

  it("rubrics read through the same reader: a binary rubric is one issue", () => {
    const result = Scoring.parseRubricText("\0\0\0", { filename: "r.yaml" })
    expect(Result.isFailure(result) && result.failure.issues.map((i) => i.code)).toEqual(["not-text"])
  })

  it("nothing a reader meets makes it throw: exceptions come back as one issue", () => {
    // A value whose own properties throw when read, as no parsed text can: the guard is for bugs.
    const files = new Map<string, string>()
    Object.defineProperty(files, "keys", {
      value: () => {
        throw new RangeError("boom")
      },
    })
    const issues = issuesOf(DistrictCsv.parseFolder(files, { folder: "f" }))
    expect(issues).toEqual([
      expect.objectContaining({
        code: "internal",
        file: "f",
        line: 1,
        message: expect.stringContaining("RangeError: boom"),
      }),
    ])
  })
})

describe("echoed values", () => {
  it("short values echo as JSON.stringify writes them", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const json = JSON.stringify(value)
        fc.pre(json.length <= maxEcho && !/[\u007f-\u009f\p{Cf}]/u.test(json))
        expect(echo(value)).toBe(json)
      }),
    )
  })

  it("long values are cut after 200 characters, with an ellipsis and the size of the whole", () => {
    // 200 characters of JSON, the opening quote included.
    expect(echo("ab".repeat(1_000))).toBe(`"${"ab".repeat(99)}a…" (2,000 characters)`)
    expect(echo("ab".repeat(1_000), "zh")).toBe(`"${"ab".repeat(99)}a…"（共 2,000 个字符）`)
    expect(echo("\u0000".repeat(100_000_000))).toBe(`"${"\\u0000".repeat(33)}…" (100,000,000 characters)`)
    expect(echo(Array.from({ length: 5_000 }, (_, i) => i))).toMatch(/^\[0,1,2,.*,\d+… \(a list of 5,000 items\)$/)
    expect(echo({ a: "x".repeat(500) }, "zh")).toMatch(/^\{"a":"x+…（共 1 个字段的对象）$/)
    // Never half a surrogate pair, never half an escape; nesting costs no call stack.
    expect(echo("😀".repeat(300))).toBe(`"${"😀".repeat(99)}…" (600 characters)`)
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(echo(deep).length).toBeLessThan(maxEcho + 40)
    // Control and invisible characters are escapes, so an echo cannot rewrite a terminal line.
    expect(echo("a\u001b[2Jb\u202ec\u200b")).toBe('"a\\u001b[2Jb\\u202ec\\u200b"')
  })
})
