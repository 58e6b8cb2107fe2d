import { Labels, Progress, Ranking, StandardWorkflow, Workflow, WorkingCalendar } from "@tongxin/core"
import { Report } from "@tongxin/report"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Q from "./qingshan.js"

// Reading the report back: the markup is ours, so a few regular expressions suffice.
const decode = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")

const figure = (html: string, key: string): string => {
  const m = new RegExp(`<figure class="chart[^"]*" data-chart="${key}">([\\s\\S]*?)</figure>`).exec(html)
  if (m === null) throw new Error(`no figure ${key}`)
  return m[1]!
}

const rows = (html: string, key: string, part: "tbody" | "tfoot" = "tbody"): ReadonlyArray<ReadonlyArray<string>> => {
  const t = new RegExp(`<table data-table="${key}">([\\s\\S]*?)</table>`).exec(html)
  if (t === null) throw new Error(`no table ${key}`)
  const body = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(t[1]!)
  if (body === null) return []
  return [...body[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)),
  )
}

const svgTexts = (svg: string): ReadonlyArray<string> =>
  [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => decode(m[1]!))

const svgOf = (fig: string): string => {
  const m = /<svg[\s\S]*<\/svg>/.exec(fig)
  if (m === null) throw new Error("no svg")
  return m[0]
}

const pct = (ratio: number) => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`

describe("the Qingshan report", () => {
  let input: Report.ReportInput
  let zh: string
  let en: string
  beforeAll(async () => {
    input = await Q.input()
    zh = Report.render(input)
    en = Report.render(input, { locale: "en" })
  })

  it("has every section, in order, and every chart as an SVG with a table beside it", () => {
    const found = [...zh.matchAll(/<section id="([^"]+)" data-section="\1">/g)].map((m) => m[1])
    expect(found).toEqual([...Report.sections])
    for (const key of Report.charts) {
      const fig = figure(zh, key)
      const svg = svgOf(fig)
      expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+" width="\d+" height="\d+"/)
      expect(svg).toContain("<path")
      expect(fig).toContain(`<table data-table="${key}">`)
      expect(rows(zh, key).length).toBeGreaterThan(0)
    }
  })

  it("shows coverage by rule and by street with the report's own numbers", () => {
    const c = Q.coverage
    expect(rows(zh, "coverage-by-rule")).toEqual(
      c.results.map((r) => [r.labels["zh-CN"], String(r.covered), String(r.total), pct(r.ratio)]),
    )
    expect(rows(zh, "coverage-by-rule", "tfoot")).toEqual([
      ["合计", String(c.overall.covered), String(c.overall.total), pct(c.overall.ratio)],
    ])
    const streets = rows(zh, "coverage-by-street")
    expect(streets).toHaveLength(10)
    expect(streets).toEqual(
      c.streets.map((s) => {
        const covered = s.results.reduce((n, r) => n + r.covered, 0)
        const total = s.results.reduce((n, r) => n + r.total, 0)
        return [s.name, String(covered), String(total), pct(covered / total)]
      }),
    )
    // Each street's row of the street × rule table is its street-table row.
    expect(rows(zh, "coverage-street-rules")).toEqual(
      c.streets.map((s) => [s.name, ...s.results.map((r) => (r.total === 0 ? "—" : `${r.covered}/${r.total}`))]),
    )
    const gaps = rows(zh, "coverage-gaps")
    expect(gaps.reduce((n, r) => n + Number(r[2]), 0)).toBe(c.results.reduce((n, r) => n + r.gaps.length, 0))
  })

  it("charts exactly the numbers in the tables beside them", () => {
    const check = (key: string, column: number) => {
      const labels = svgTexts(svgOf(figure(zh, key)))
      for (const row of rows(zh, key)) expect(labels, `${key}: ${row.join(" | ")}`).toContain(row[column])
      // One bar per row and series.
      const bars = (svgOf(figure(zh, key)).match(/<path d="M[^"]*Z" fill="#/g) ?? []).length
      return bars
    }
    expect(check("coverage-by-rule", 3)).toBe(Q.coverage.results.length)
    expect(check("coverage-by-street", 3)).toBe(10)
    check("grade-distribution", 1)
    check("score-histogram", 1)
    check("cases-by-stage", 1)
    check("committee-sizes", 1)
    check("committee-sizes", 2)
    const completion = svgTexts(svgOf(figure(zh, "street-completion")))
    for (const row of rows(zh, "street-completion")) expect(completion).toContain(row[3]!.split(" ")[0])
  })

  it("shows the grade distribution and a histogram of all 233 members", () => {
    const grades = rows(zh, "grade-distribution")
    expect(grades).toEqual(
      Q.evaluation.distribution.map((d) => [d.labels["zh-CN"], String(d.count), pct(d.count / 233)]),
    )
    expect(grades.reduce((n, r) => n + Number(r[1]), 0)).toBe(233)
    const bins = rows(zh, "score-histogram")
    expect(bins.reduce((n, r) => n + Number(r[1]), 0)).toBe(233)
    // Every score falls in the band its row names.
    for (const s of Q.evaluation.scores) {
      const band = bins.find((r) => {
        const [from, below] = r[0]!.split("–").map(Number)
        return s.total >= from! && s.total < below!
      })
      expect(band, String(s.total)).toBeDefined()
    }
  })

  it("refuses a band width that would draw more than 200 bands, and takes one that draws 200", () => {
    expect(() => Report.render(input, { binWidth: 1e-7 })).toThrow(
      /a binWidth of 1e-7 gives [\d,]+ bands .* at most 200/,
    )
    const scores = Q.evaluation.scores.map((s) => s.total)
    const range = Math.max(...scores) - Math.min(...scores)
    expect(rows(Report.render(input, { binWidth: range / 198 }), "score-histogram").length).toBeLessThanOrEqual(200)
  })

  it("lists the top and bottom ten by total, with their ranks", () => {
    const ranked = Ranking.rank(Q.evaluation.scores, { by: (s) => s.total, id: (s) => s.id })
    const row = (r: (typeof ranked)[number]) => [String(r.rank), r.item.name]
    expect(rows(zh, "top").map((r) => r.slice(0, 2))).toEqual(ranked.slice(0, 10).map(row))
    expect(rows(zh, "bottom").map((r) => r.slice(0, 2))).toEqual(ranked.slice(-10).map(row))
    expect(rows(zh, "top")[0]![2]).toBe(String(Math.max(...Q.evaluation.scores.map((s) => s.total))))
  })

  it("ranks streets by outcome completion rate", () => {
    const table = rows(zh, "street-completion")
    expect(table).toHaveLength(Q.streetRates.length)
    const names = new Map(Q.data.units.map((u) => [u.id as string, u.name]))
    const ranked = Ranking.rank(Q.streetRates, { by: (g) => g.rates.completion.ratio, id: (g) => g.key })
    expect(table.map((r) => [r[0], r[1], r[2], r[3]])).toEqual(
      ranked.map((r) => [
        String(r.rank),
        names.get(r.item.key),
        String(r.item.outcomes),
        `${pct(r.item.rates.completion.ratio)} ${r.item.rates.completion.count}/${r.item.rates.completion.total}`,
      ]),
    )
    expect(table.map((r) => Number(r[3]!.split("%")[0]))).toEqual(
      [...table.map((r) => Number(r[3]!.split("%")[0]))].sort((a, b) => b - a),
    )
  })

  it("counts cases by stage and lists the overdue ones", async () => {
    const loaded = await Q.loadCases()
    const stages = rows(zh, "cases-by-stage")
    expect(stages).toEqual(
      Object.entries(StandardWorkflow.consultation.stages).map(([id, s]) => [
        s.labels["zh-CN"],
        String(loaded.filter((l) => l.state.stage === id).length),
      ]),
    )
    expect(rows(zh, "cases-by-stage", "tfoot")).toEqual([["总数", "4"]])
    const late = Workflow.overdue(loaded, "2025-12-31" as never, WorkingCalendar.china2025)
    expect(late.length).toBeGreaterThan(0)
    expect(rows(zh, "overdue").map((r) => [r[0], r[3], r[4]])).toEqual(
      late.map((o) => [Q.topics[o.caseId], o.due, String(o.workingDaysLate)]),
    )
  })

  it("shows committee sizes and party members after assignment, summing to 233", () => {
    const party = new Set(Q.data.members.filter((m) => m.partyMember).map((m) => m.id as string))
    const table = rows(zh, "committee-sizes")
    expect(table.map((r) => r.slice(0, 3))).toEqual(
      Q.data.committees.map((c) => [
        c.name,
        String(c.memberIds.length),
        String(c.memberIds.filter((m) => party.has(m)).length),
      ]),
    )
    expect(table.reduce((n, r) => n + Number(r[1]), 0)).toBe(233)
    expect(rows(zh, "committee-sizes", "tfoot")[0]![1]).toBe("233")
  })

  it("is zh-CN by default and en on request, with labels from the results", () => {
    expect(zh).toContain('<html lang="zh-CN">')
    expect(en).toContain('<html lang="en">')
    expect(zh).toContain("<h2>覆盖情况</h2>")
    expect(en).toContain("<h2>Coverage</h2>")
    expect(en).not.toContain("覆盖情况")
    expect(rows(en, "coverage-by-rule").map((r) => r[0])).toEqual(Q.coverage.results.map((r) => r.labels.en))
    expect(rows(en, "grade-distribution").map((r) => r[0])).toEqual(Q.evaluation.distribution.map((d) => d.labels.en))
    expect(rows(en, "cases-by-stage").map((r) => r[0])).toEqual(
      Object.values(StandardWorkflow.consultation.stages).map((s) => s.labels.en),
    )
    expect(en).toContain(`<th scope="col">${Progress.Rate.labels.completion.en}</th>`)
    // Streets and committees by their English names, from the units.
    const yejin = Q.data.units.find((u) => u.id === "street-yejin")!
    expect(rows(en, "coverage-by-street").map((r) => r[0])).toContain(yejin.nameEn)
    expect(rows(en, "committee-sizes").map((r) => r[0])).toContain(yejin.nameEn)
    expect(en).toContain("Qingshan District")
    expect(svgTexts(svgOf(figure(en, "coverage-by-rule")))).toContain(Labels.pick(Q.coverage.results[0]!.labels, "en"))
  })

  it("needs no network and no scripts", () => {
    for (const html of [zh, en]) {
      expect(html).not.toMatch(/https?:\/\//)
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/\s(src|srcset)=/)
      expect(html).not.toMatch(/@import|url\((?!#)/)
      expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith("#"))).toBe(true)
      expect(html).not.toMatch(/\son[a-z]+=/)
    }
  })

  it("gives the same document for the same input", () => {
    // Every render draws its charts afresh; the output must not change, and ids stay unique.
    expect(Report.render(input)).toBe(zh)
    expect(Report.render(input, { locale: "en" })).toBe(en)
    const ids = [...zh.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })
})

// Strings that try hard to break out of where they are put.
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc
    .array(
      fc.constantFrom(
        "<",
        ">",
        "&",
        '"',
        "'",
        "/",
        "a",
        "张",
        "\n",
        "\u0000",
        "</",
        "script",
        "{a|",
        "}",
        "]]>",
        "<!--",
        "-->",
        "</svg>",
        "</td>",
        "amp;",
      ),
      { maxLength: 12 },
    )
    .map((xs) => xs.join("")),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>",
    "&lt;&amp;",
    "</text></svg><script>",
    "{value}%",
    "zr0-cls-0",
  ),
)

const expectedEscape = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")

// The document's shape outside the charts: tags and attribute names, without text or values.
const skeleton = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, "<svg/>")
    .replace(/="[^"]*"/g, "=")
    .replace(/>[^<]*</g, "><")

const svgTags = new Set([
  "svg",
  "g",
  "path",
  "text",
  "tspan",
  "rect",
  "line",
  "polyline",
  "polygon",
  "circle",
  "clipPath",
  "defs",
  "title",
])

type Flags = { readonly [K in (typeof Report.sections)[number]]: boolean }

describe("rendering any input", () => {
  const small = (s: string, flags: Omit<Flags, "overview">): Report.ReportInput => {
    const ruleLabels = { "zh-CN": s, en: s }
    return {
      title: s,
      district: { name: s, nameEn: s },
      period: s,
      generatedAt: s,
      units: Q.streetRates.slice(0, 3).map((g) => ({ id: g.key, name: s, nameEn: s })),
      ...(flags.coverage
        ? {
            coverage: {
              ...Q.coverage,
              results: Q.coverage.results
                .slice(0, 2)
                .map((r, i) =>
                  i === 0 ? { ...r, labels: ruleLabels, gaps: r.gaps.map((g) => ({ ...g, message: ruleLabels })) } : r,
                ),
              streets: Q.coverage.streets.slice(0, 3).map((r) => ({ ...r, name: s, results: r.results.slice(0, 2) })),
            },
          }
        : {}),
      ...(flags.evaluation
        ? {
            evaluation: {
              ...Q.evaluation,
              scores: Q.evaluation.scores.slice(0, 12).map((x) => ({ ...x, name: s })),
              distribution: Q.evaluation.distribution.map((d, i) => (i === 0 ? { ...d, labels: ruleLabels } : d)),
            },
          }
        : {}),
      ...(flags["street-ranking"] ? { streetRates: Q.streetRates.slice(0, 3) } : {}),
      ...(flags.cases
        ? {
            cases: {
              stages: [
                { stage: "collected", labels: ruleLabels, cases: 2 },
                { stage: "closed", labels: { "zh-CN": "办结", en: "Closed" }, cases: 1 },
              ],
              overdue: [
                {
                  caseId: "c1" as never,
                  stage: "collected",
                  command: "approve",
                  due: "2025-12-01" as never,
                  workingDaysLate: 3,
                  topic: s,
                  commandLabels: ruleLabels,
                },
              ],
              asOf: s,
            },
          }
        : {}),
      ...(flags.committees
        ? {
            committees: [
              { id: "c1", name: s, members: 5, partyMembers: 2 },
              { id: "c2", name: s, streetId: Q.streetRates[0]!.key, members: 3, partyMembers: 1 },
            ],
          }
        : {}),
    }
  }
  const flags = fc.record({
    coverage: fc.boolean(),
    evaluation: fc.boolean(),
    "street-ranking": fc.boolean(),
    cases: fc.boolean(),
    committees: fc.boolean(),
  })

  it("user strings never leave their element, whatever they contain", () => {
    fc.assert(
      fc.property(nasty, flags, fc.constantFrom<Labels.Locale>("zh-CN", "en"), (s, f, locale) => {
        const html = Report.render(small(s, f), { locale })
        const plain = Report.render(small("x", f), { locale })
        // Outside the charts, the document has the same tags and attributes as with a harmless name.
        expect(skeleton(html)).toBe(skeleton(plain))
        expect(html).not.toMatch(/<script/i)
        // Inside the charts, only SVG's own elements, and text holds no markup.
        for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) {
          for (const m of svg.matchAll(/<\/?([A-Za-z][\w:-]*)/g)) expect(svgTags).toContain(m[1])
          for (const t of svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)) expect(t[1]).not.toMatch(/[<]/)
          for (const a of svg.matchAll(/<[a-zA-Z]+((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g))
            expect(a[0]).not.toMatch(/\son[a-z]+=/i)
        }
        // And the string is there, escaped.
        expect(html).toContain(`<h1>${expectedEscape(s)}</h1>`)
        if (f.evaluation) expect(html).toContain(`<td>${expectedEscape(s)}</td>`)
      }),
      { numRuns: 60 },
    )
  })

  it("sections left out are simply absent", () => {
    fc.assert(
      fc.property(flags, (f) => {
        const html = Report.render(small("名称", f))
        const chartsOf: { readonly [K in keyof typeof f]: ReadonlyArray<string> } = {
          coverage: ["coverage-by-rule", "coverage-by-street"],
          evaluation: ["grade-distribution", "score-histogram"],
          "street-ranking": ["street-completion"],
          cases: ["cases-by-stage"],
          committees: ["committee-sizes"],
        }
        for (const key of Object.keys(chartsOf) as Array<keyof typeof f>) {
          expect(html.includes(`data-section="${key}"`), key).toBe(f[key])
          expect(html.includes(`href="#${key}"`), key).toBe(f[key] && Object.values(f).some((v) => v))
          for (const chart of chartsOf[key]) expect(html.includes(`data-chart="${chart}"`), chart).toBe(f[key])
        }
        expect(html.includes('data-section="overview"')).toBe(Object.values(f).some((v) => v))
        expect((html.match(/<svg/g) ?? []).length).toBe(
          Object.entries(chartsOf).reduce((n, [k, c]) => n + (f[k as keyof typeof f] ? c.length : 0), 0),
        )
      }),
      { numRuns: 40 },
    )
  })

  it("renders an empty input as a document with a title and nothing else", () => {
    const html = Report.render({})
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/)
    expect(html).toContain("<h1>政协履职与协商工作报告</h1>")
    expect(html).not.toContain("<section")
    expect(html).not.toContain("<svg")
  })
})
