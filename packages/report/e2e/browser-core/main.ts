// The page's script: fetches the Qingshan district and the Qingshan rubric from the page's own
// server, runs `@tongxin/core` on them and shows the results in tables. The test bundles this
// file with esbuild (browser platform, minified) and reads both the tables and the summary it
// leaves on `globalThis.tongxinSummary`.
import { Assignment, AssignmentBuilders, Coverage, District, Period, Ranking, Scoring } from "@tongxin/core"
import { type Summary, summarise } from "./summary.js"

// The few DOM members the page uses (the package compiles without the DOM library).
interface Element {
  innerHTML: string
  textContent: string | null
}
declare const document: {
  readonly documentElement: { setAttribute(name: string, value: string): void }
  getElementById(id: string): Element | null
}

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

const row = (cells: ReadonlyArray<string | number>, attrs = "") =>
  `<tr${attrs}>${cells.map((c) => `<td>${html(String(c))}</td>`).join("")}</tr>`

const table = (caption: string, key: string, head: ReadonlyArray<string>, rows: ReadonlyArray<string>) =>
  `<table data-table="${key}"><caption>${html(caption)}</caption>${
    head.length === 0 ? "" : `<thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join("")}</tr></thead>`
  }<tbody>${rows.join("")}</tbody></table>`

const render = (s: Summary): string =>
  [
    `<h1>${html(s.district.id)}: ${s.district.units} units, ${s.district.members} members, ${s.district.activities} activities</h1>`,
    table(
      `Coverage ${s.coverage.period}`,
      "coverage",
      ["Rule", "Covered", "Total"],
      [
        ...s.coverage.rules.map((r) => row([r.id, r.covered, r.total], ` data-rule="${html(r.id)}"`)),
        row(["overall", s.coverage.overall.covered, s.coverage.overall.total], ` data-rule="overall"`),
      ],
    ),
    table(
      "Members to committees",
      "assignment",
      [],
      [
        row(["objective", s.assignment.objective], ` data-key="objective"`),
        row(["placements", s.assignment.placements], ` data-key="placements"`),
        row(["verified", String(s.assignment.verified)], ` data-key="verified"`),
      ],
    ),
    table(
      `Scoring ${s.scoring.rubric} ${s.scoring.period}`,
      "scoring",
      [],
      [row(["members scored", s.scoring.members], ` data-key="members"`)],
    ),
    table(
      "Top scores",
      "top",
      ["Rank", "Member", "Name", "Total", "Grade"],
      s.scoring.top.map((t) => row([t.rank, t.id, t.name, t.total, t.grade], ` data-member="${html(t.id)}"`)),
    ),
  ].join("\n")

const json = async (path: string): Promise<unknown> => {
  const response = await fetch(path)
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return response.json()
}

const main = async () => {
  const [district, rubric] = await Promise.all([json("./data/qingshan.json"), json("./data/rubric.json")])
  const summary = summarise(
    { Assignment, AssignmentBuilders, Coverage, District, Period, Ranking, Scoring },
    { district, rubric },
  )
  ;(globalThis as { tongxinSummary?: Summary }).tongxinSummary = summary
  document.getElementById("app")!.innerHTML = render(summary)
  document.documentElement.setAttribute("data-state", "done")
}

main().catch((e: unknown) => {
  document.getElementById("app")!.textContent = `failed: ${String(e)}`
  document.documentElement.setAttribute("data-state", "failed")
  console.error(e)
})
