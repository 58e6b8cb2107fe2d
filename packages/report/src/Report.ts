/**
 * HTML reports: results in, one self-contained HTML document out. Charts are SVG drawn by the
 * report itself and inlined, every chart has its numbers in a table beside it, and the document
 * needs no network and no scripts to view. zh-CN by default, en on request.
 *
 * @since 0.1.0
 */
import type { Coverage, District, Labels, LabelledEnum, Scoring, WorkingCalendar } from "@tongxin/core"
import { Progress, Ranking, Workflow } from "@tongxin/core"
import * as Chart from "./internal/chart.js"
import { type Cell, escapeHtml, formatNumber, percent, percentValue, table } from "./internal/html.js"
import { type Text, text } from "./internal/text.js"

/**
 * A unit's names, for showing streets (and their committees) in the chosen locale. `District`
 * units fit as they are.
 *
 * @since 0.1.0
 * @category models
 */
export interface UnitName {
  readonly id: string
  readonly name: string
  readonly nameEn?: string
}

/**
 * How many cases are in one stage of a workflow.
 *
 * @since 0.1.0
 * @category models
 */
export interface StageCount {
  readonly stage: string
  readonly labels: Labels.Labels
  readonly cases: number
}

/**
 * A late case, with what the report can show beyond `Workflow.Overdue`: the case's topic and the
 * labels of the late command.
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueCase extends Workflow.Overdue {
  readonly topic?: string
  readonly commandLabels?: Labels.Labels
}

/**
 * Consultation cases by stage, and the late ones. {@link caseSummary} builds one from loaded cases.
 *
 * @since 0.1.0
 * @category models
 */
export interface CaseSummary {
  /** In display order (a workflow's stage order). */
  readonly stages: ReadonlyArray<StageCount>
  readonly overdue?: ReadonlyArray<OverdueCase>
  /** The date the overdue list was computed for (ISO date). */
  readonly asOf?: string
}

/**
 * A liaison committee's size after assignment. {@link committeeSizes} builds these from a district.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommitteeSize {
  readonly id: string
  readonly name: string
  /** The committee's street: its English name is shown in the en report when `units` has it. */
  readonly streetId?: string
  readonly members: number
  readonly partyMembers: number
}

/**
 * What a report shows. Every section is optional: pass what you have, and sections without input
 * are left out.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReportInput {
  /** Overrides the default title ("政协履职与协商工作报告"). */
  readonly title?: string | Labels.Labels
  /** The district: `data.district` fits. */
  readonly district?: { readonly name: string; readonly nameEn?: string }
  /** The period's label; defaults to the coverage report's or the evaluation's period. */
  readonly period?: string
  /** When the results were produced, shown as given (pass a fixed value: the output depends only on the input). */
  readonly generatedAt?: string
  /** Unit names, so streets show in the chosen locale: `data.units` fits. */
  readonly units?: ReadonlyArray<UnitName>
  /** Coverage by rule and by street, and the gaps (`Coverage.check`). */
  readonly coverage?: Coverage.CoverageReport
  /** Grades, score histogram, top and bottom subjects (`Scoring.evaluate`). */
  readonly evaluation?: Scoring.Evaluation
  /** Outcome rates by street (`Progress.rates(data, { by: "street" })`), ranked by completion rate. */
  readonly streetRates?: ReadonlyArray<Progress.GroupRates>
  /** Consultation cases by stage and the overdue ones. */
  readonly cases?: CaseSummary
  /** Liaison committees with their sizes and party members after assignment. */
  readonly committees?: ReadonlyArray<CommitteeSize>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RenderOptions {
  /** Headings and labels: `"zh-CN"` (default) or `"en"`. */
  readonly locale?: Labels.Locale
  /** How many subjects the top and bottom tables list (default 10). */
  readonly top?: number
  /**
   * Width of the score histogram's bands; by default a round width (1, 2, 5, 10, 20, …) giving at
   * most 12 bands. A width that would give more than 200 bands is refused with a `RangeError` (a
   * width of 0.0000001 on scores up to 100 would draw a billion bars).
   */
  readonly binWidth?: number
}

/**
 * The sections a report can have, in order, by their `data-section` (and element id).
 *
 * @since 0.1.0
 * @category constants
 */
export const sections = ["overview", "coverage", "evaluation", "street-ranking", "cases", "committees"] as const

/**
 * The charts a report can have, by the `data-chart` of their `<figure>`; each figure holds the
 * chart's `<svg>` and a `<table>` of the same numbers.
 *
 * @since 0.1.0
 * @category constants
 */
export const charts = [
  "coverage-by-rule",
  "coverage-by-street",
  "grade-distribution",
  "score-histogram",
  "street-completion",
  "cases-by-stage",
  "committee-sizes",
] as const

/**
 * Renders one self-contained HTML document. Pure: the same input and options give the same string.
 *
 * @example
 * import { Coverage, Period } from "@tongxin/core"
 * import { Report } from "@tongxin/report"
 *
 * declare const data: import("@tongxin/core").District.DistrictData
 * const coverage = Coverage.check(data, { rules: Coverage.builtins, period: Period.year(2025) })
 * const html = Report.render({ district: data.district, units: data.units, coverage, generatedAt: "2026-01-05" })
 * const english = Report.render({ district: data.district, units: data.units, coverage }, { locale: "en" })
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (input: ReportInput, options: RenderOptions = {}): string => {
  const locale: Labels.Locale = options.locale === "en" ? "en" : "zh-CN"
  const ctx: Context = { locale, t: text(locale), label: (l) => l[locale], name: namer(input, locale) }
  const title =
    input.title === undefined ? ctx.t.title : typeof input.title === "string" ? input.title : input.title[locale]
  const district =
    input.district === undefined
      ? undefined
      : locale === "en"
        ? (input.district.nameEn ?? input.district.name)
        : input.district.name
  const period = input.period ?? input.coverage?.period.label ?? input.evaluation?.period.label

  const parts: Array<{ readonly id: (typeof sections)[number]; readonly heading: string; readonly html: string }> = []
  const overview = overviewSection(input, ctx)
  if (overview !== undefined) parts.push({ id: "overview", heading: ctx.t.overview, html: overview })
  if (input.coverage !== undefined)
    parts.push({ id: "coverage", heading: ctx.t.coverage, html: coverageSection(input.coverage, ctx) })
  if (input.evaluation !== undefined) {
    parts.push({
      id: "evaluation",
      heading: `${ctx.t.evaluation}${ctx.t.colon}${ctx.label(input.evaluation.rubric.name)}`,
      html: evaluationSection(input.evaluation, ctx, options),
    })
  }
  if (input.streetRates !== undefined)
    parts.push({ id: "street-ranking", heading: ctx.t.streetRanking, html: streetSection(input.streetRates, ctx) })
  if (input.cases !== undefined) parts.push({ id: "cases", heading: ctx.t.cases, html: casesSection(input.cases, ctx) })
  if (input.committees !== undefined)
    parts.push({ id: "committees", heading: ctx.t.committees, html: committeesSection(input.committees, ctx) })

  const meta = [
    district,
    period === undefined ? undefined : `${ctx.t.period}${ctx.t.colon}${period}`,
    input.generatedAt === undefined ? undefined : `${ctx.t.generatedAt}${ctx.t.colon}${input.generatedAt}`,
  ].filter((x): x is string => x !== undefined)
  const docTitle = [title, district, period].filter((x): x is string => x !== undefined).join(" · ")
  const nav =
    parts.length > 1
      ? `<nav aria-label="${escapeHtml(ctx.t.contents)}"><ol>${parts.map((p) => `<li><a href="#${p.id}">${escapeHtml(p.heading)}</a></li>`).join("")}</ol></nav>\n`
      : ""

  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@tongxin/report">
<title>${escapeHtml(docTitle)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${meta.length === 0 ? "" : `<p class="meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join(" ")}</p>`}
</header>
${nav}<main>
${parts.map((p) => `<section id="${p.id}" data-section="${p.id}">\n<h2>${escapeHtml(p.heading)}</h2>\n${p.html}\n</section>`).join("\n")}
</main>
<footer><p>${escapeHtml(ctx.t.footer)}</p></footer>
</body>
</html>
`
}

/**
 * Each committee's size and party members, in the district's order: what the report's committee
 * section shows after members are placed (`AssignmentBuilders.applyCommittees`).
 *
 * @since 0.1.0
 * @category inputs
 */
export const committeeSizes = (data: District.DistrictData): ReadonlyArray<CommitteeSize> => {
  const party = new Set<string>()
  for (const m of data.members) if (m.partyMember) party.add(m.id)
  return data.committees.map((c) => {
    let partyMembers = 0
    for (const id of c.memberIds) if (party.has(id)) partyMembers++
    return { id: c.id, name: c.name, streetId: c.streetId, members: c.memberIds.length, partyMembers }
  })
}

/**
 * Counts loaded cases by stage (every stage of their workflows, in definition order, empty ones
 * included) and, given `asOf`, lists the overdue ones (`Workflow.overdue`) with their topics and
 * the late commands' labels.
 *
 * @example
 * import { StandardWorkflow, WorkingCalendar } from "@tongxin/core"
 * import { Report } from "@tongxin/report"
 *
 * declare const loaded: ReadonlyArray<{ definition: typeof StandardWorkflow.consultation; state: import("@tongxin/core").Workflow.CaseState }>
 * const cases = Report.caseSummary(loaded, { asOf: "2025-12-31", calendar: WorkingCalendar.china2025 })
 *
 * @since 0.1.0
 * @category inputs
 */
export const caseSummary = (
  cases: Iterable<{ readonly definition: Workflow.Any; readonly state: Workflow.CaseState }>,
  options: {
    readonly asOf?: string
    readonly calendar?: WorkingCalendar.Calendar
    /** Topics by case id, to name overdue cases. */
    readonly topics?: { readonly [caseId: string]: string }
  } = {},
): CaseSummary => {
  const list = [...cases]
  const stages = new Map<string, { labels: Labels.Labels; cases: number }>()
  const commands = new Map<string, Labels.Labels>()
  for (const { definition } of list) {
    for (const [stage, s] of Object.entries(definition.stages))
      if (!stages.has(stage)) stages.set(stage, { labels: s.labels, cases: 0 })
    for (const [command, t] of Object.entries(definition.transitions))
      if (t.labels !== undefined && !commands.has(command)) commands.set(command, t.labels)
  }
  for (const { state } of list) {
    const s = stages.get(state.stage)
    if (s !== undefined) s.cases++
  }
  const summary = { stages: [...stages].map(([stage, s]) => ({ stage, labels: s.labels, cases: s.cases })) }
  if (options.asOf === undefined) return summary
  const late = Workflow.overdue(
    list,
    options.asOf as Parameters<typeof Workflow.overdue>[1],
    ...(options.calendar === undefined ? [] : [options.calendar]),
  )
  return {
    ...summary,
    asOf: options.asOf,
    overdue: late.map((o) => {
      const topic = options.topics?.[o.caseId]
      const commandLabels = commands.get(o.command)
      return {
        ...o,
        ...(topic === undefined ? {} : { topic }),
        ...(commandLabels === undefined ? {} : { commandLabels }),
      }
    }),
  }
}

interface Context {
  readonly locale: Labels.Locale
  readonly t: Text
  readonly label: (labels: Labels.Labels) => string
  /** A unit's (or committee's street's) name in the locale, or the fallback, or the id. */
  readonly name: (id: string, fallback?: string) => string
}

const namer = (input: ReportInput, locale: Labels.Locale) => {
  const units = new Map((input.units ?? []).map((u) => [u.id, u]))
  const streets = new Map((input.coverage?.streets ?? []).map((s) => [s.streetId as string, s.name]))
  return (id: string, fallback?: string): string => {
    const u = units.get(id)
    if (u !== undefined) return locale === "en" ? (u.nameEn ?? u.name) : u.name
    return fallback ?? streets.get(id) ?? id
  }
}

const figure = (chart: Chart.BarChart, tableHtml: string, options: { readonly stacked?: boolean } = {}): string =>
  `<figure class="chart${options.stacked === true ? " stacked" : ""}" data-chart="${chart.key}">
<figcaption>${escapeHtml(chart.title)}</figcaption>
<div class="plot">${Chart.bar(chart)}</div>
${tableHtml}
</figure>`

const tableAttrs = (key: string) => ` data-table="${key}"`

const pct = (v: number) => `${v.toFixed(1)}%`

const ratioCell = (ratio: number): Cell => ({ text: percent(ratio), num: true })

const fractionCell = (f: { readonly count: number; readonly total: number; readonly ratio: number }): Cell => ({
  html: `${f.total === 0 ? "—" : escapeHtml(percent(f.ratio))} <span class="frac">${f.count}/${f.total}</span>`,
  num: true,
})

const overviewSection = (input: ReportInput, ctx: Context): string | undefined => {
  const { t } = ctx
  const items: Array<readonly [string, string]> = []
  const c = input.coverage
  if (c !== undefined) {
    items.push([t.ratio, `${percent(c.overall.ratio)} (${c.overall.covered}/${c.overall.total})`])
    items.push([t.rulesMet, `${c.overall.rulesMet}/${c.overall.rules}`])
  }
  const e = input.evaluation
  if (e !== undefined) {
    items.push([t.evaluated, String(e.scores.length)])
    if (e.scores.length > 0)
      items.push([t.meanScore, formatNumber(e.scores.reduce((n, s) => n + s.total, 0) / e.scores.length)])
  }
  const r = input.streetRates
  if (r !== undefined) {
    const outcomes = r.reduce((n, g) => n + g.outcomes, 0)
    const done = r.reduce((n, g) => n + g.rates.completion.count, 0)
    items.push([t.outcomesTotal, String(outcomes)])
    if (outcomes > 0) items.push([t.completionOverall, `${percent(done / outcomes)} (${done}/${outcomes})`])
  }
  const k = input.cases
  if (k !== undefined) {
    items.push([t.casesTotal, String(k.stages.reduce((n, s) => n + s.cases, 0))])
    if (k.overdue !== undefined) items.push([t.overdueCount, String(k.overdue.length)])
  }
  const m = input.committees
  if (m !== undefined) {
    items.push([t.committeeCount, String(m.length)])
    items.push([t.membersPlaced, String(m.reduce((n, x) => n + x.members, 0))])
  }
  if (items.length === 0) return undefined
  return `<dl class="summary">${items.map(([k2, v]) => `<div><dt>${escapeHtml(k2)}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>`
}

const coverageSection = (report: Coverage.CoverageReport, ctx: Context): string => {
  const { t } = ctx
  const out: Array<string> = []
  const rules = report.results
  if (rules.length === 0) return `<p>${escapeHtml(t.noData)}</p>`
  out.push(
    figure(
      {
        key: "coverage-by-rule",
        title: t.coverageByRule,
        orientation: "horizontal",
        categories: rules.map((r) => ctx.label(r.labels)),
        series: [{ name: t.ratio, values: rules.map((r) => percentValue(r.ratio)) }],
        format: pct,
        max: 100,
      },
      table({
        attributes: tableAttrs("coverage-by-rule"),
        head: [t.rule, t.covered, t.total, t.ratio],
        rows: rules.map((r) => [ctx.label(r.labels), r.covered, r.total, ratioCell(r.ratio)]),
        foot: [[t.overall, report.overall.covered, report.overall.total, ratioCell(report.overall.ratio)]],
      }),
    ),
  )
  if (report.streets.length > 0) {
    const streets = report.streets.map((s) => {
      let covered = 0
      let total = 0
      for (const r of s.results) {
        covered += r.covered
        total += r.total
      }
      return { name: ctx.name(s.streetId, s.name), covered, total, ratio: total === 0 ? 1 : covered / total, row: s }
    })
    out.push(
      figure(
        {
          key: "coverage-by-street",
          title: t.coverageByStreet,
          orientation: "horizontal",
          categories: streets.map((s) => s.name),
          series: [{ name: t.ratio, values: streets.map((s) => percentValue(s.ratio)) }],
          format: pct,
          max: 100,
        },
        table({
          attributes: tableAttrs("coverage-by-street"),
          head: [t.street, t.covered, t.total, t.ratio],
          rows: streets.map((s) => [s.name, s.covered, s.total, ratioCell(s.ratio)]),
        }),
      ),
    )
    out.push(`<h3>${escapeHtml(t.coverageMatrix)}</h3>\n<p class="note">${escapeHtml(t.coverageMatrixNote)}</p>`)
    out.push(
      table({
        attributes: tableAttrs("coverage-street-rules"),
        head: [t.street, ...rules.map((r) => ctx.label(r.labels))],
        rows: streets.map((s) => [
          s.name,
          ...rules.map((r): Cell => {
            const c = s.row.results.find((x) => x.ruleId === r.id)
            return { text: c === undefined || c.total === 0 ? "—" : `${c.covered}/${c.total}`, num: true }
          }),
        ]),
      }),
    )
  }
  const groups: Array<{ rule: string; reason: string; count: number; example: string }> = []
  for (const r of rules) {
    const byReason = new Map<string, { count: number; example: string }>()
    for (const g of r.gaps) {
      const seen = byReason.get(g.reason)
      if (seen === undefined) byReason.set(g.reason, { count: 1, example: ctx.label(g.message) })
      else seen.count++
    }
    const sorted = [...byReason].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    for (const [reason, g] of sorted)
      groups.push({ rule: ctx.label(r.labels), reason, count: g.count, example: g.example })
  }
  if (groups.length > 0) {
    out.push(`<h3>${escapeHtml(t.coverageGaps)}</h3>\n<p class="note">${escapeHtml(t.coverageGapsNote)}</p>`)
    out.push(
      table({
        attributes: tableAttrs("coverage-gaps"),
        head: [t.rule, t.reason, t.gaps, t.example],
        rows: groups.map((g) => [g.rule, { html: `<code>${escapeHtml(g.reason)}</code>` }, g.count, g.example]),
      }),
    )
  }
  return out.join("\n")
}

const evaluationSection = (evaluation: Scoring.Evaluation, ctx: Context, options: RenderOptions): string => {
  const { t } = ctx
  const out: Array<string> = []
  const scores = evaluation.scores
  const n = scores.length
  const committees = evaluation.rubric.subject === "committee"
  const subject = committees ? t.committee : t.member
  const count = committees ? t.countCommittees : t.count
  const gradeName = new Map(evaluation.distribution.map((d) => [d.grade, ctx.label(d.labels)]))
  out.push(
    figure(
      {
        key: "grade-distribution",
        title: t.gradeDistribution,
        orientation: "vertical",
        categories: evaluation.distribution.map((d) => ctx.label(d.labels)),
        series: [{ name: count, values: evaluation.distribution.map((d) => d.count) }],
        format: formatNumber,
      },
      table({
        attributes: tableAttrs("grade-distribution"),
        head: [t.grade, count, t.share],
        rows: evaluation.distribution.map((d) => [
          ctx.label(d.labels),
          d.count,
          { text: n === 0 ? "—" : percent(d.count / n), num: true },
        ]),
        foot: [[t.total, n, { text: n === 0 ? "—" : percent(1), num: true }]],
      }),
    ),
  )
  const lowered = scores.filter((s) => s.grade !== s.scoreGrade).length
  if (lowered > 0) out.push(`<p class="note">${escapeHtml(`${t.gradeLowered}${t.colon}${lowered}`)}</p>`)
  if (n === 0) return out.join("\n")

  const bins = histogram(
    scores.map((s) => s.total),
    options.binWidth,
  )
  out.push(
    figure(
      {
        key: "score-histogram",
        title: t.scoreHistogram,
        orientation: "vertical",
        categories: bins.map((b) => b.label),
        series: [{ name: count, values: bins.map((b) => b.count) }],
        format: formatNumber,
      },
      table({
        attributes: tableAttrs("score-histogram"),
        head: [t.scoreBand, count],
        rows: bins.map((b) => [b.label, b.count]),
        foot: [[t.total, n]],
      }),
    ),
  )

  const top = Math.max(1, Math.floor(options.top ?? 10))
  const ranked = Ranking.rank(scores, { by: (s) => s.total, id: (s) => s.id })
  const rows = (list: typeof ranked) =>
    list.map(
      (r): ReadonlyArray<Cell> => [
        { text: String(r.rank), num: true },
        r.item.name,
        r.item.total,
        r.item.rewards,
        r.item.deductions,
        gradeName.get(r.item.grade) ?? r.item.grade,
      ],
    )
  const head = [t.rank, subject, t.totalScore, t.rewards, t.deductions, t.grade]
  const best = ranked.slice(0, top)
  out.push(`<h3>${escapeHtml(t.top(best.length))}</h3>`)
  out.push(table({ attributes: tableAttrs("top"), head, rows: rows(best) }))
  const worst = ranked.slice(Math.max(top, n - top))
  if (worst.length > 0) {
    out.push(`<h3>${escapeHtml(t.bottom(worst.length))}</h3>`)
    out.push(table({ attributes: tableAttrs("bottom"), head, rows: rows(worst) }))
  }
  return out.join("\n")
}

const maxBands = 200

/** Score bands of a round width (at most about a dozen), from the band holding the lowest score to the one holding the highest. */
const histogram = (
  values: ReadonlyArray<number>,
  binWidth: number | undefined,
): ReadonlyArray<{ readonly label: string; readonly count: number }> => {
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  const width = binWidth !== undefined && binWidth > 0 && Number.isFinite(binWidth) ? binWidth : niceWidth(max - min)
  const lo = Math.floor(min / width) * width
  const count = Math.floor((max - lo) / width) + 1
  if (count > maxBands)
    throw new RangeError(
      `Report.render: a binWidth of ${binWidth} gives ${count.toLocaleString("en")} bands for scores from ${formatNumber(min)} to ${formatNumber(max)}; at most ${maxBands} are drawn (leave binWidth out for a round width)`,
    )
  const bins = Array.from({ length: count }, (_, i) => ({ from: lo + i * width, count: 0 }))
  for (const v of values) bins[Math.min(count - 1, Math.floor((v - lo) / width))]!.count++
  return bins.map((b) => ({ label: `${formatNumber(b.from)}–${formatNumber(b.from + width)}`, count: b.count }))
}

const niceWidth = (range: number): number => {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (range / (m * p) < 12) return m * p
}

// `Progress.Rate` is a value and a type of the same name, and core's bundled declarations keep only
// the type; reading the value through a typed view keeps this package's declaration build working
// (at runtime it is the same object).
const Rate = (Progress as unknown as { readonly Rate: LabelledEnum.LabelledEnum<Progress.Rate> }).Rate

const streetSection = (rates: ReadonlyArray<Progress.GroupRates>, ctx: Context): string => {
  const { t } = ctx
  if (rates.length === 0) return `<p>${escapeHtml(t.noData)}</p>`
  const ranked = Ranking.rank(rates, { by: (g) => g.rates.completion.ratio, id: (g) => g.key })
  const rateNames = Rate.values.map((r) => ctx.label(Rate.labels[r]))
  return figure(
    {
      key: "street-completion",
      title: t.completionByStreet,
      orientation: "horizontal",
      categories: ranked.map((r) => ctx.name(r.item.key)),
      series: [
        {
          name: ctx.label(Rate.labels.completion),
          values: ranked.map((r) => percentValue(r.item.rates.completion.ratio)),
        },
      ],
      format: pct,
      max: 100,
    },
    table({
      attributes: tableAttrs("street-completion"),
      head: [t.rank, t.street, t.outcomes, ...rateNames, t.progress],
      rows: ranked.map((r) => [
        { text: String(r.rank), num: true },
        ctx.name(r.item.key),
        r.item.outcomes,
        ...Rate.values.map((k) => fractionCell(r.item.rates[k])),
        { text: `${formatNumber(r.item.progress)}%`, num: true },
      ]),
    }),
    { stacked: true },
  )
}

const casesSection = (cases: CaseSummary, ctx: Context): string => {
  const { t } = ctx
  const out: Array<string> = []
  const total = cases.stages.reduce((n, s) => n + s.cases, 0)
  if (cases.stages.length > 0) {
    out.push(
      figure(
        {
          key: "cases-by-stage",
          title: t.casesByStage,
          orientation: "horizontal",
          categories: cases.stages.map((s) => ctx.label(s.labels)),
          series: [{ name: t.caseCount, values: cases.stages.map((s) => s.cases) }],
          format: formatNumber,
        },
        table({
          attributes: tableAttrs("cases-by-stage"),
          head: [t.stage, t.caseCount],
          rows: cases.stages.map((s) => [ctx.label(s.labels), s.cases]),
          foot: [[t.total, total]],
        }),
      ),
    )
  }
  if (cases.overdue !== undefined) {
    const stageName = new Map(cases.stages.map((s) => [s.stage, ctx.label(s.labels)]))
    out.push(`<h3>${escapeHtml(cases.asOf === undefined ? t.overdue : t.overdueAsOf(cases.asOf))}</h3>`)
    if (cases.overdue.length === 0) out.push(`<p data-table="overdue">${escapeHtml(t.noOverdue)}</p>`)
    else {
      out.push(
        table({
          attributes: tableAttrs("overdue"),
          head: [t.caseName, t.stage, t.pendingStep, t.due, t.late],
          rows: cases.overdue.map((o) => [
            o.topic ?? o.caseId,
            stageName.get(o.stage) ?? o.stage,
            o.commandLabels === undefined ? o.command : ctx.label(o.commandLabels),
            o.due,
            o.workingDaysLate,
          ]),
        }),
      )
    }
  }
  return out.length === 0 ? `<p>${escapeHtml(t.noData)}</p>` : out.join("\n")
}

const committeesSection = (committees: ReadonlyArray<CommitteeSize>, ctx: Context): string => {
  const { t } = ctx
  if (committees.length === 0) return `<p>${escapeHtml(t.noData)}</p>`
  const name = (c: CommitteeSize) =>
    ctx.locale === "en" && c.streetId !== undefined ? ctx.name(c.streetId, c.name) : c.name
  const members = committees.reduce((n, c) => n + c.members, 0)
  const party = committees.reduce((n, c) => n + c.partyMembers, 0)
  return figure(
    {
      key: "committee-sizes",
      title: t.committeeSizes,
      orientation: "horizontal",
      categories: committees.map(name),
      series: [
        { name: t.members, values: committees.map((c) => c.members) },
        { name: t.partyMembers, values: committees.map((c) => c.partyMembers) },
      ],
      format: formatNumber,
    },
    table({
      attributes: tableAttrs("committee-sizes"),
      head: [t.committee, t.members, t.partyMembers, t.partyShare],
      rows: committees.map((c) => [
        name(c),
        c.members,
        c.partyMembers,
        { text: c.members === 0 ? "—" : percent(c.partyMembers / c.members), num: true },
      ]),
      foot: [[t.total, members, party, { text: members === 0 ? "—" : percent(party / members), num: true }]],
    }),
  )
}

// Small, print-friendly and readable on a phone: charts and tables side by side on wide screens,
// stacked on narrow ones; wide tables scroll sideways on their own.
const css = `
:root{color-scheme:light;--fg:#1d2430;--muted:#5b6575;--line:#d9dee6;--accent:#2f6db5;--bg-alt:#f5f7fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.55 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:#fff}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
.meta{color:var(--muted);margin:0}
.meta span+span::before{content:" · "}
nav ol{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:1rem 0;list-style:none}
nav a{color:var(--accent)}
.note{color:var(--muted);font-size:.9rem;margin:.25rem 0 .5rem}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;margin:0}
.summary div{background:var(--bg-alt);border-radius:6px;padding:.5rem .75rem}
.summary dt{color:var(--muted);font-size:.85rem}
.summary dd{margin:0;font-size:1.15rem;font-weight:600}
figure.chart{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:.75rem 1.5rem;align-items:start;margin:1rem 0 1.5rem}
figure.chart.stacked{grid-template-columns:minmax(0,1fr)}
figure.chart figcaption{grid-column:1/-1;font-weight:600}
.plot svg{display:block;width:100%;max-width:40rem;height:auto}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--bg-alt);white-space:nowrap}
tfoot th,tfoot td{font-weight:600;border-top:2px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.frac{color:var(--muted);font-size:.85em}
code{font-size:.85em}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:760px){figure.chart{grid-template-columns:minmax(0,1fr)}body{padding:.75rem;font-size:14px}}
@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}h2{break-after:avoid}figure.chart,table{break-inside:avoid}.table-wrap{overflow:visible}.summary div{border:1px solid var(--line)}}
`.trim()
