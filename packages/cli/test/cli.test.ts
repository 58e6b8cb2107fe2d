// The `tongxin` binary as a script sees it: the built dist/bin.js run with node on temporary
// folders, checked by exit code, --json output and the words on stderr.
import { describe, expect, it } from "@effect/vitest"
import { District, DistrictCsv } from "@tongxin/core"
import * as Result from "effect/Result"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs"
import { open } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const repo = fileURLToPath(new URL("../../../", import.meta.url))
const qingshan = join(repo, "examples/qingshan/data/qingshan.json")
const broken = join(repo, "packages/core/test/fixtures/broken-district.yaml")
const rubric = join(repo, "packages/core/rubrics/qingshan.json")

const temp = () => mkdtempSync(join(tmpdir(), "tongxin-cli-"))

interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

// Runs the binary without blocking the test worker, so tests that do not share a store run at once.
const tongxin = (
  args: ReadonlyArray<string>,
  options: { readonly cwd?: string; readonly env?: Record<string, string> } = {},
): Promise<Run> => {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env }
  if (options.env?.["TONGXIN_STORE"] === undefined) delete env["TONGXIN_STORE"]
  return new Promise((resolve, reject) => {
    // A hang guard, as long as vitest's (vitest.shared.ts).
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? temp(), env, timeout: 600_000 })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d))
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d))
    child.on("error", reject)
    child.on("close", (status) => resolve({ status, stdout, stderr }))
  })
}

const json = (r: Run): any => JSON.parse(r.stdout)
const noStackTrace = /\n\s+at /

const commands = [
  "init",
  "validate",
  "import",
  "assign",
  "coverage",
  "score",
  "rank",
  "cases",
  "report",
  "demo",
] as const

// A subcommand's line in the help's list of subcommands: its name, indented, then its description.
const listed = (c: string) => new RegExp(`^ +${c} +\\S`, "m")

describe.concurrent("help", () => {
  it("tongxin --help lists every command, the exit codes and the store option", async () => {
    const r = await tongxin(["--help"])
    expect(r.status).toBe(0)
    for (const c of commands) expect(r.stdout).toMatch(listed(c))
    for (const text of [
      "EXIT CODES",
      "0 ok",
      "1 bad input",
      "2 usage",
      "3 store failure",
      "70 internal error",
      "TONGXIN_STORE",
      "--json",
    ])
      expect(r.stdout).toContain(text)
    // A pipe gets no colour codes.
    expect(r.stdout).not.toContain("\x1b[")
  })

  it("tongxin alone prints the same help", async () => {
    const r = await tongxin([])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(listed("validate"))
  })

  it.each(commands)("tongxin %s --help describes the command and its options", async (c) => {
    const r = await tongxin([c, "--help"])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("USAGE")
    expect(r.stdout).toContain("--json")
    expect(r.stdout).toContain("--verbose")
    expect(r.stdout.length).toBeGreaterThan(500)
  })

  it("prints the version", async () => {
    const r = await tongxin(["--version"])
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version)
  })
})

describe.concurrent("validate", () => {
  it("accepts the Qingshan district and prints what it holds (--json golden)", async () => {
    const r = await tongxin(["validate", qingshan, "--json"])
    expect(r.status).toBe(0)
    expect(json(r)).toEqual({
      ok: true,
      file: qingshan,
      district: { id: "qingshan", name: "青山区" },
      counts: {
        units: 129,
        platforms: 129,
        members: 233,
        committees: 10,
        partyBranches: 10,
        studios: 12,
        specialCommittees: 7,
        guidance: 0,
        activities: 732,
        attendance: 5036,
        submissions: 440,
        outcomes: 87,
      },
    })
    const table = await tongxin(["validate", qingshan])
    expect(table.status).toBe(0)
    expect(table.stdout).toContain("the district data is valid")
    expect(table.stdout).toMatch(/委员 Members\s+233/)
  })

  it("lists every problem of a broken file with file:line:column, path, English and Chinese; exit 1, no stack trace", async () => {
    const r = await tongxin(["validate", broken])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("14 problems / 14 个问题")
    expect(r.stderr).toContain(
      "broken-district.yaml:20:32  members[2].level: must be one of national, provincial, city, district",
    )
    expect(r.stderr).toContain("应为 national、provincial、city、district 之一")
    expect(r.stderr).toContain("broken-district.yaml:11:11  units[2].id:")
    expect(r.stderr).not.toMatch(noStackTrace)
    expect(r.stdout).toBe("")
  })

  it("--json puts the problems on stdout in the error envelope", async () => {
    const r = await tongxin(["validate", broken, "--json"])
    expect(r.status).toBe(1)
    const out = json(r)
    expect(Object.keys(out)).toEqual(["ok", "exitCode", "error"])
    expect(out.ok).toBe(false)
    expect(out.exitCode).toBe(1)
    expect(out.error.kind).toBe("input")
    expect(out.error.issues).toHaveLength(14)
    expect(out.error.issues).toContainEqual({
      file: broken,
      line: 20,
      column: 32,
      path: "members[2].level",
      code: "invalid",
      message: 'must be one of national, provincial, city, district; got "county"',
      messageZh: '应为 national、provincial、city、district 之一，实际为 "county"',
    })
  })

  it("says plainly when the file does not exist; --verbose adds the cause", async () => {
    const r = await tongxin(["validate", "/no/such/district.yaml"])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("cannot read the district file /no/such/district.yaml: no such file")
    expect(r.stderr).not.toMatch(noStackTrace)
    const verbose = await tongxin(["validate", "/no/such/district.yaml", "--verbose"])
    expect(verbose.status).toBe(1)
    expect(verbose.stderr).toContain("ENOENT")
  })

  it("reads a folder's district.yaml", async () => {
    const dir = temp()
    expect((await tongxin(["init", dir])).status).toBe(0)
    const r = await tongxin(["validate", dir, "--json"])
    expect(r.status).toBe(0)
    expect(json(r).district).toEqual({ id: "sample", name: "示范区" })
  })
})

describe.concurrent("CSV folders", () => {
  // The Qingshan district written as district.json plus one CSV file per collection.
  const csvFolder = () => {
    const dir = temp()
    const data = Result.getOrThrow(District.parse(JSON.parse(readFileSync(qingshan, "utf8"))))
    for (const [name, text] of DistrictCsv.toFiles(data)) writeFileSync(join(dir, name), text)
    return dir
  }

  it("validates and imports a folder of CSV files", async () => {
    const dir = csvFolder()
    const checked = await tongxin(["validate", dir, "--json"])
    expect(checked.status).toBe(0)
    expect(json(checked).counts).toMatchObject({ members: 233, activities: 732, attendance: 5036, submissions: 440 })
    const imported = await tongxin(["import", dir, "--store", `sqlite:${join(dir, "district.db")}`, "--json"])
    expect(imported.status).toBe(0)
    expect(json(imported)).toMatchObject({
      ok: true,
      district: { id: "qingshan", name: "青山区" },
      counts: { members: 233, attendance: 5036 },
    })
  })

  it("reports a broken CSV folder against the CSV files' lines and columns; exit 1, writes nothing", async () => {
    const dir = temp()
    writeFileSync(
      join(dir, "district.yaml"),
      "id: d1\nname: 青山区\nsectors:\n  - id: economy\n    labels: { zh-CN: 经济界, en: Economy }\n",
    )
    writeFileSync(
      join(dir, "members.csv"),
      "id,name,level,sector,partyMember\nm1,张三,district,economy,true\nm2,李四,district,nowhere,false\n",
    )
    writeFileSync(join(dir, "attendance.csv"), "activityId,memberId,status\na1,m1,present\n")
    const r = await tongxin(["validate", "."], { cwd: dir })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("2 problems / 2 个问题")
    expect(r.stderr).toMatch(/members\.csv:3:4 {2}members\[1\]\.sector: /)
    expect(r.stderr).toContain('attendance.csv:2:1  activityId: no row of activities.csv has the id "a1"')
    expect(r.stderr).not.toMatch(noStackTrace)
    const imported = await tongxin(["import", dir, "--store", `sqlite:${join(dir, "district.db")}`, "--json"])
    expect(imported.status).toBe(1)
    expect(json(imported).error.issues).toContainEqual(
      expect.objectContaining({ file: `${dir}/members.csv`, line: 3, column: 4, path: "members[1].sector" }),
    )
    expect(existsSync(join(dir, "district.db"))).toBe(false)
  })
})

describe("the Qingshan district in a SQLite store", () => {
  const dir = temp()
  const store = `sqlite:${join(dir, "qingshan.db")}`
  const run = (...args: ReadonlyArray<string>) => tongxin([...args, "--store", store], { cwd: dir })

  it("imports, assigns, covers, scores, ranks and reports", async () => {
    const imported = await run("import", qingshan, "--json")
    expect(imported.status).toBe(0)
    expect(json(imported)).toMatchObject({
      ok: true,
      store: `sqlite:${join(dir, "qingshan.db")}`,
      district: { id: "qingshan", name: "青山区" },
      keptCaseOutcomes: 0,
    })
    expect(json(imported).counts.members).toBe(233)

    const assigned = await run("assign", "--json")
    expect(assigned.status).toBe(0)
    const a = json(assigned)
    expect(Object.keys(a)).toEqual([
      "ok",
      "district",
      "runId",
      "objective",
      "verified",
      "members",
      "placedAtHome",
      "committees",
    ])
    expect(a).toMatchObject({ ok: true, district: "qingshan", verified: true, members: 233 })
    expect(a.committees).toHaveLength(10)
    expect(a.committees.reduce((n: number, c: { members: number }) => n + c.members, 0)).toBe(233)
    for (const c of a.committees) expect(c.partyMembers).toBeGreaterThanOrEqual(3)

    const coverage = await run("coverage", "--period", "2025", "--json")
    expect(coverage.status).toBe(0)
    const c = json(coverage)
    expect(Object.keys(c)).toEqual(["ok", "district", "period", "overall", "rules", "streets"])
    const byId = Object.fromEntries(
      c.rules.map((r: { id: string; covered: number; total: number }) => [r.id, [r.covered, r.total]]),
    )
    expect(byId["platforms-streets"]).toEqual([10, 10])
    expect(byId["platforms-communities"]).toEqual([119, 119])
    expect(byId["member-placement"]).toEqual([233, 233])
    expect(c.period).toBe("2025")
    expect(c.streets).toHaveLength(10)
    expect(c.streets[0].results["platforms-streets"]).toEqual({ covered: 1, total: 1 })

    const score = await run("score", "--rubric", rubric, "--period", "2025", "--json")
    expect(score.status).toBe(0)
    const s = json(score)
    expect(s.distribution.map((d: { grade: string; count: number }) => [d.grade, d.count])).toEqual([
      ["excellent", 16],
      ["good", 76],
      ["competent", 105],
      ["basic", 36],
      ["unqualified", 0],
    ])
    expect(s).toMatchObject({
      ok: true,
      district: "qingshan",
      rubric: { id: "qingshan" },
      period: "2025",
      subjects: 233,
      saved: true,
    })
    expect(s.top).toHaveLength(10)
    expect(s.top[0].rank).toBe(1)

    const rank = await run("rank", "--rubric", rubric, "--period", "2025", "--top", "3", "--json")
    expect(rank.status).toBe(0)
    const ranking = json(rank).ranking
    expect(ranking).toHaveLength(3)
    expect(ranking[0]).toEqual(s.top[0])

    const report = await run("report", "--rubric", rubric, "--period", "2025", "--out", "out/report.html", "--json")
    expect(report.status).toBe(0)
    expect(json(report)).toMatchObject({
      ok: true,
      out: join("out", "report.html"),
      lang: "zh-CN",
      sections: ["overview", "coverage", "evaluation", "street-ranking", "committees"],
      replaced: false,
    })
    expect(Object.keys(json(report))).toEqual(["ok", "out", "lang", "bytes", "sections", "replaced"])
    const html = readFileSync(join(dir, "out/report.html"), "utf8")
    for (const section of ["overview", "coverage", "evaluation", "street-ranking", "committees"])
      expect(html).toContain(`data-section="${section}"`)
    expect(html).toContain("<svg")

    const english = await run("report", "--out", "report.en.html", "--lang", "en")
    expect(english.status).toBe(0)
    expect(readFileSync(join(dir, "report.en.html"), "utf8")).toContain('<html lang="en">')
    expect(english.stdout).not.toContain("Replaced")

    // --out still overwrites (scripts rely on it), but says so.
    const again = await run("report", "--out", "report.en.html", "--lang", "en")
    expect(again.status).toBe(0)
    expect(again.stdout).toContain("Replaced the existing file report.en.html")
    const againJson = await run("report", "--out", "report.en.html", "--lang", "en", "--json")
    expect(json(againJson)).toMatchObject({ ok: true, out: "report.en.html", replaced: true })
    expect(againJson.stdout).not.toContain("Replaced the existing file")

    const cases = await run("cases", "--as-of", "2025-12-31", "--json")
    expect(cases.status).toBe(0)
    expect(json(cases)).toMatchObject({ ok: true, district: "qingshan", asOf: "2025-12-31", total: 0, overdue: [] })
  })

  it("prints tables for people", async () => {
    const r = await run("coverage", "--period", "2025")
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/街道平台覆盖 Platforms in streets\s+10\s+10\s+100.0%/)
    expect(r.stdout).toContain("街道覆盖 Coverage by street")
  })

  it("refuses a rubric with problems, pointing at the file's lines", async () => {
    const bad = join(dir, "bad-rubric.yaml")
    writeFileSync(
      bad,
      "id: broken\nname: { zh-CN: 坏, en: Broken }\ngrades:\n  - { id: ok, labels: { zh-CN: 好, en: OK }, min: 0 }\ncategories:\n  - id: c\n    labels: { zh-CN: 类, en: C }\n    items:\n      - { id: i, labels: { zh-CN: 项, en: I }, select: { from: attendance, types: [dancing] }, points: 1 }\n",
    )
    const r = await run("score", "--rubric", bad, "--period", "2025")
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/bad-rubric\.yaml:9:\d+\s+categories\[0\]\.items\[0\]\.select\.types\[0\]/)
    expect(r.stderr).not.toMatch(noStackTrace)
  })

  it("asks for --district when the store holds several districts", async () => {
    const sample = temp()
    expect((await tongxin(["init", sample])).status).toBe(0)
    expect((await run("import", join(sample, "district.yaml"))).status).toBe(0)
    const r = await run("coverage")
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("holds 2 districts; choose one with --district <id>")
    expect(r.stderr).toContain("qingshan (青山区), sample (示范区)")
    expect((await run("coverage", "--district", "sample", "--json")).status).toBe(0)
    const unknown = await run("coverage", "--district", "nowhere")
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain('there is no district "nowhere"')
  })

  it("writes nothing when the document has problems", async () => {
    const r = await run("import", broken)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("broken-district.yaml:20:32")
  })
})

describe.concurrent("init and demo", () => {
  it("init writes a valid district and the Qingshan rubric, and refuses to overwrite them", async () => {
    const dir = join(temp(), "new")
    const r = await tongxin(["init", dir, "--json"])
    expect(r.status).toBe(0)
    expect(json(r).files).toHaveLength(2)
    expect(readFileSync(join(dir, "rubric.json"), "utf8")).toBe(readFileSync(rubric, "utf8"))
    expect((await tongxin(["validate", join(dir, "district.yaml")])).status).toBe(0)
    const again = await tongxin(["init", dir])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain("refusing to overwrite")
    expect((await tongxin(["init", dir, "--force"])).status).toBe(0)
  })

  it("demo runs the whole tour; cases then shows the stages and the overdue cases", async () => {
    const cwd = temp()
    const r = await tongxin(["demo", "tour", "--json"], { cwd })
    expect(r.status).toBe(0)
    const d = json(r)
    expect(d).toMatchObject({ ok: true, district: { id: "sample" }, casesOpened: 4, cases: { total: 4, overdue: 2 } })
    expect(d.report.sections).toEqual(["overview", "coverage", "evaluation", "street-ranking", "cases", "committees"])
    expect(existsSync(join(cwd, "tour", "report.html"))).toBe(true)

    const store = `sqlite:${join(cwd, "tour", "district.db")}`
    const cases = await tongxin(["cases", "--store", store, "--as-of", "2025-12-31", "--json"])
    expect(cases.status).toBe(0)
    const c = json(cases)
    expect(c.total).toBe(4)
    expect(
      c.stages
        .filter((s: { cases: number }) => s.cases > 0)
        .map((s: { stage: string; cases: number }) => [s.stage, s.cases]),
    ).toEqual([
      ["collected", 1],
      ["rejected", 1],
      ["handling", 1],
      ["closed", 1],
    ])
    expect(c.overdue[0]).toEqual({
      caseId: "2025-west-road",
      topic: "西山村道路改造",
      stage: "handling",
      command: "reply",
      due: "2025-09-05",
      workingDaysLate: 79,
    })
    // Every case's head: its event count and the hash of its last event.
    for (const k of c.cases as ReadonlyArray<{ version: number; head: string }>) {
      expect(k.version).toBeGreaterThanOrEqual(1)
      expect(k.head).toMatch(/^[0-9a-f]{64}$/)
    }

    const table = await tongxin(["cases", "--store", store, "--as-of", "2025-12-31"])
    expect(table.stdout).toContain("逾期 Overdue")
    expect(table.stdout).toContain("2025-west-road")

    // Again: the cases are kept, nothing is opened twice.
    const again = await tongxin(["demo", "tour", "--json"], { cwd })
    expect(again.status).toBe(0)
    expect(json(again).casesOpened).toBe(0)
  })
})

describe.concurrent("usage errors and stores", () => {
  it("exits 2 on an unknown command or option, or a missing option", async () => {
    expect((await tongxin(["frobnicate"])).status).toBe(2)
    const option = await tongxin(["validate", qingshan, "--frobnicate"])
    expect(option.status).toBe(2)
    expect(option.stderr).toContain("--frobnicate")
    const missing = await tongxin(["score", "--store", "sqlite::memory:"])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("--rubric")
  })

  it("exits 2 on a malformed period or date, naming the option", async () => {
    const dir = temp()
    const store = `sqlite:${join(dir, "s.db")}`
    expect((await tongxin(["import", qingshan, "--store", store])).status).toBe(0)
    const period = await tongxin(["coverage", "--store", store, "--period", "2025-Q5"])
    expect(period.status).toBe(2)
    expect(period.stderr).toContain('--period: "2025-Q5" is not a period')
    const date = await tongxin(["cases", "--store", store, "--as-of", "2025-02-30"])
    expect(date.status).toBe(2)
    expect(date.stderr).toContain("--as-of")
  })

  it("--json usage errors use the error envelope", async () => {
    const r = await tongxin(["frobnicate", "--json"])
    expect(r.status).toBe(2)
    expect(json(r)).toMatchObject({ ok: false, exitCode: 2, error: { kind: "usage" } })
  })

  it("exits 2 on a store it does not know, with what to write instead", async () => {
    const r = await tongxin(["coverage", "--store", "mysql://root:secret@db/x"])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown store "mysql://root:***@db/x"')
    expect(r.stderr).toContain("write sqlite:<path>")
    expect(r.stderr).not.toContain("secret")
    const env = await tongxin(["coverage"], { env: { TONGXIN_STORE: "redis://x" } })
    expect(env.status).toBe(2)
    expect(env.stderr).toContain('unknown store "redis://x"')
  })

  it("exits 1 when the SQLite store does not exist yet (and does not create it)", async () => {
    const dir = temp()
    const r = await tongxin(["coverage"], { cwd: dir })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("there is no store at")
    expect(r.stderr).toContain("tongxin import")
    expect(existsSync(join(dir, ".tongxin"))).toBe(false)
  })

  it("exits 3 when the database cannot be reached, with the password hidden", async () => {
    const r = await tongxin(["coverage", "--store", "postgres://tongxin:secret@127.0.0.1:1/tongxin"])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain("cannot open the store postgres://tongxin:***@127.0.0.1:1/tongxin")
    expect(r.stderr).not.toContain("secret")
    expect(r.stderr).not.toMatch(noStackTrace)
  })

  it("uses TONGXIN_STORE and the default store", async () => {
    const dir = temp()
    expect((await tongxin(["import", qingshan], { cwd: dir })).status).toBe(0)
    expect(existsSync(join(dir, ".tongxin", "district.db"))).toBe(true)
    expect((await tongxin(["coverage", "--json"], { cwd: dir })).status).toBe(0)
    const other = `sqlite:${join(dir, "other.db")}`
    expect((await tongxin(["import", qingshan], { cwd: dir, env: { TONGXIN_STORE: other } })).status).toBe(0)
    expect(existsSync(join(dir, "other.db"))).toBe(true)
  })
})

describe.concurrent("store passwords are never printed", () => {
  const secrets = ["s3cr3t", "k3y", "client.key", "hunter2", "pa/ss", "ss@db"]
  const shows = (r: Run) => secrets.filter((s) => r.stdout.includes(s) || r.stderr.includes(s))

  it("redacts the password query parameters, in messages and in --json", async () => {
    const url =
      "postgres://postgres@127.0.0.1:1/nope?password=s3cr3t&sslmode=disable&SSLPassword=k3y&sslkey=/x/client.key"
    const redacted = "postgres://postgres@127.0.0.1:1/nope?password=***&sslmode=disable&SSLPassword=***&sslkey=***"
    const r = await tongxin(["coverage", "--store", url])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain(`cannot open the store ${redacted}:`)
    expect(shows(r)).toEqual([])
    const j = await tongxin(["coverage", "--store", url, "--json"])
    expect(j.status).toBe(3)
    expect(json(j).error.message).toContain(`cannot open the store ${redacted}:`)
    expect(shows(j)).toEqual([])
  })

  it("never echoes a URL it cannot read safely, from --store or TONGXIN_STORE, and says how to fix it", async () => {
    const url = "postgres://tongxin:pa/ss@db.example/tongxin"
    for (const r of [
      await tongxin(["coverage", "--store", url]),
      await tongxin(["coverage"], { env: { TONGXIN_STORE: url } }),
      await tongxin(["import", qingshan, "--json"], { env: { TONGXIN_STORE: url } }),
    ]) {
      expect(r.status).toBe(2)
      expect(shows(r)).toEqual([])
      expect(r.stderr).not.toContain("db.example")
      expect(r.stderr).toContain("an @ comes after a /, ? or # (a user name or password holding one of them")
      expect(r.stderr).toContain("/ as %2F")
    }
    const env = await tongxin(["coverage", "--json"], { env: { TONGXIN_STORE: url } })
    expect(json(env).error.message).toMatch(/^TONGXIN_STORE: the PostgreSQL URL is not valid \(it is not shown/)
    expect(shows(env)).toEqual([])
  })

  it("redacts a URL effect/cli echoes as a stray argument", async () => {
    const r = await tongxin(["coverage", "--store", "sqlite::memory:", "postgres://u:hunter2@db/x", "--json"])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("postgres://u:***@db/x")
    expect(shows(r)).toEqual([])
  })
})

describe.concurrent("control characters in user data", () => {
  // A member and a district whose names write to the clipboard (OSC 52), erase the line (CSI 2K),
  // start a C1 control sequence (CSI as U+009B), reverse the text (U+202E) and break the line (U+2028).
  const hostile = String.raw`\e]52;c;aGVsbG8=\a\e[2K\x9b31m\u202e\Lend`
  const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u2028]/
  const district = () => {
    const dir = temp()
    execFileSync(process.execPath, [bin, "init", dir])
    const file = join(dir, "district.yaml")
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("name: 示范区", `name: "示范区${hostile}"`)
        .replace("name: 陈明,", `name: "陈明${hostile}",`),
    )
    return dir
  }
  const shown = String.raw`\u001b]52;c;aGVsbG8=\u0007\u001b[2K\u009b31m\u202e\u2028end`

  it("validate and rank show them escaped; --json escapes C1 and separators too, and reads back the same", async () => {
    const dir = district()
    const valid = await tongxin(["validate", dir])
    expect(valid.status).toBe(0)
    expect(valid.stdout).toContain(`示范区${shown} (sample)`)
    expect(valid.stdout).not.toMatch(raw)

    const store = `sqlite:${join(dir, "d.db")}`
    expect((await tongxin(["import", dir, "--store", store])).status).toBe(0)
    const rank = await tongxin(["rank", "--rubric", join(dir, "rubric.json"), "--top", "0", "--store", store])
    expect(rank.status).toBe(0)
    expect(rank.stdout).toContain(`陈明${shown}`)
    expect(rank.stdout).not.toMatch(raw)
    expect(rank.stderr).not.toMatch(raw)

    const j = await tongxin(["rank", "--rubric", join(dir, "rubric.json"), "--top", "0", "--store", store, "--json"])
    expect(j.status).toBe(0)
    expect(j.stdout).not.toMatch(raw)
    expect(j.stdout).toContain(String.raw`\u009b31m\u202e\u2028end`)
    expect(json(j).ranking.map((r: { name: string }) => r.name)).toContain(
      "陈明\x1b]52;c;aGVsbG8=\x07\x1b[2K\x9b31m\u202e\u2028end",
    )
  })

  it("messages and issue lines show a file name's control characters escaped", async () => {
    const dir = join(temp(), "d\x1b]0;pwned\x07\x1b[2K")
    mkdirSync(dir)
    writeFileSync(join(dir, "district.yaml"), "district: { id: x, name: X }\n")
    const r = await tongxin(["validate", join(dir, "district.yaml")])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(String.raw`d\u001b]0;pwned\u0007\u001b[2K/district.yaml:1:11  district.sectors:`)
    expect(r.stderr).not.toMatch(raw)
    const missing = await tongxin(["validate", join(dir, "none.yaml")])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(String.raw`\u001b]0;pwned\u0007`)
    expect(missing.stderr).not.toMatch(raw)
  })
})

// Ctrl-C: a named pipe lets the test know when the CLI has started reading (its open of the pipe
// lets ours through), and keeps it reading for as long as the test holds the pipe open.
describe.skipIf(process.platform === "win32")("Ctrl-C", () => {
  // A valid district of 30 000 members (3 MB): seconds of parsing.
  const bigDistrict = () => {
    const lines = [
      "district:",
      "  id: big",
      "  name: 大区",
      "  sectors:",
      "    - { id: economy, labels: { zh-CN: 经济界, en: Economy } }",
      "members:",
    ]
    for (let i = 0; i < 30_000; i++)
      lines.push(
        `  - id: m${i}`,
        `    name: 委员 ${i}`,
        "    level: district",
        "    sector: economy",
        "    partyMember: false",
      )
    return `${lines.join("\n")}\n`
  }

  const exit = (child: ChildProcess) =>
    new Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    )

  // Spawns `tongxin validate <pipe>` and opens the pipe for writing once the CLI holds it open.
  const validatePipe = async () => {
    const pipe = join(temp(), "district.yaml")
    execFileSync("mkfifo", [pipe])
    const child = spawn(process.execPath, [bin, "validate", pipe], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d))
    const exited = exit(child)
    // Without a reader, a non-blocking open for writing fails (ENXIO): poll until the CLI opens it.
    let probe: number | undefined
    while (probe === undefined) {
      try {
        probe = openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENXIO" || child.exitCode !== null) throw e
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    // The CLI holds the pipe open, so this open does not wait; while either is open, its read waits
    // for data instead of seeing the end of the file.
    const writer = await open(pipe, "w")
    closeSync(probe)
    return { child, writer, exited, stdout: () => stdout }
  }

  it("a second Ctrl-C exits at once with 130; the district is not parsed", async () => {
    const { child, writer, exited, stdout } = await validatePipe()
    await writer.writeFile(bigDistrict())
    // Both presses come while the CLI reads (the pipe is still open).
    child.kill("SIGINT")
    child.kill("SIGINT")
    await writer.close()
    expect(await exited).toEqual({ code: 130, signal: null })
    expect(stdout()).toBe("")
  })

  it("the first Ctrl-C stops a long parse where it is, with 130", async () => {
    const { child, writer, exited, stdout } = await validatePipe()
    await writer.writeFile(bigDistrict())
    await writer.close()
    // Parsing has started once the CLI has used 0.3 s of CPU after its read (it used none while waiting).
    const cpu = () => {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8")
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
        return Number(fields[11]) + Number(fields[12])
      } catch {
        return undefined
      }
    }
    const start = cpu()
    if (start !== undefined) {
      for (let now = start; now - start < 30; now = cpu() ?? Number.POSITIVE_INFINITY)
        await new Promise((resolve) => setTimeout(resolve, 20))
    }
    child.kill("SIGINT")
    expect(await exited).toEqual({ code: 130, signal: null })
    expect(stdout()).toBe("")
  })
})
