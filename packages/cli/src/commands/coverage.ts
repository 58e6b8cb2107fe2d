/**
 * `tongxin coverage`: runs the built-in coverage rules (全覆盖) over the stored district.
 */
import { Coverage, type CoverageRule, CoverageRules, type District, type Period } from "@tongxin/core"
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type { CliError } from "../internal/errors.js"
import { common, period, resolvePeriod } from "../internal/options.js"
import { both, printJson, round4, table } from "../internal/output.js"
import { withDistrict } from "../internal/store.js"

/**
 * The built-in rules as the CLI reports them: platform coverage split into streets and
 * communities/villages (the way districts count them), then the other built-ins in order.
 */
export const rules: ReadonlyArray<CoverageRule.ConfiguredRule | CoverageRule.Any> = [
  {
    ...CoverageRules.platformCoverage.with({ tiers: ["township"] }),
    id: "platforms-streets",
    labels: { "zh-CN": "街道平台覆盖", en: "Platforms in streets" },
  },
  {
    ...CoverageRules.platformCoverage.with({ tiers: ["village"] }),
    id: "platforms-communities",
    labels: { "zh-CN": "社区（村）平台覆盖", en: "Platforms in communities/villages" },
  },
  ...Coverage.builtins.filter((r) => r.id !== "platform-coverage"),
]

export const check = (data: District.DistrictData, p: Period.Period): Coverage.CoverageReport =>
  Coverage.check(data, { rules, period: p })

/** The report as JSON, keys in a fixed order. */
export const toJson = (district: string, report: Coverage.CoverageReport) => ({
  ok: true,
  district,
  period: report.period.label,
  overall: {
    covered: report.overall.covered,
    total: report.overall.total,
    ratio: round4(report.overall.ratio),
    rulesMet: report.overall.rulesMet,
    rules: report.overall.rules,
  },
  rules: report.results.map((r) => ({
    id: r.id,
    labels: { "zh-CN": r.labels["zh-CN"], en: r.labels.en },
    covered: r.covered,
    total: r.total,
    ratio: round4(r.ratio),
    gaps: r.gaps.map((g) => ({
      subject: { kind: g.subject.kind, id: g.subject.id, name: g.subject.name ?? null },
      unitId: g.unitId ?? null,
      streetId: g.streetId ?? null,
      reason: g.reason,
      message: { "zh-CN": g.message["zh-CN"], en: g.message.en },
    })),
  })),
  streets: report.streets.map((s) => ({
    id: s.streetId,
    name: s.name,
    results: Object.fromEntries(s.results.map((c) => [c.ruleId, { covered: c.covered, total: c.total }])),
  })),
})

const pct = (c: Coverage.Count) => (c.total === 0 ? "—" : `${(100 * c.ratio).toFixed(1)}%`)

export const print = (district: string, report: Coverage.CoverageReport, json: boolean): Effect.Effect<void> =>
  json
    ? printJson(toJson(district, report))
    : Effect.gen(function* () {
        yield* Console.log(`覆盖情况 Coverage (${report.period.label})`)
        yield* Console.log(
          table(
            ["规则 Rule", "已覆盖 Covered", "总数 Total", "覆盖率 Ratio"],
            report.results.map((r) => [both(r.labels), r.covered, r.total, pct(r)]),
          ),
        )
        for (const r of report.results) {
          const first = r.gaps[0]
          if (first === undefined) continue
          const reasons = new Map<string, number>()
          for (const g of r.gaps) reasons.set(g.reason, (reasons.get(g.reason) ?? 0) + 1)
          yield* Console.log(
            `  ${r.labels["zh-CN"]}: ${[...reasons].map(([k, n]) => `${k} ×${n}`).join(", ")} — 例 e.g. ${first.message["zh-CN"]} / ${first.message.en}`,
          )
        }
        yield* Console.log(
          `  总计 Overall ${report.overall.covered}/${report.overall.total} (${pct(report.overall)}), ${report.overall.rulesMet}/${report.overall.rules} 项规则全部达标 rules fully met`,
        )
        if (report.streets.length > 0) {
          yield* Console.log(`\n街道覆盖 Coverage by street`)
          yield* Console.log(
            table(
              ["街道 Street", ...report.results.map((r) => r.labels["zh-CN"])],
              report.streets.map((s) => [
                s.name,
                ...s.results.map((c) => (c.total === 0 ? "—" : `${c.covered}/${c.total}`)),
              ]),
            ),
          )
        }
      })

export const command = Command.make("coverage", { ...common, period }, (o) =>
  withDistrict(
    o,
    ({ data }) =>
      Effect.gen(function* () {
        const p: Period.Period = yield* resolvePeriod(o.period, data)
        yield* print(data.district.id, check(data, p), o.json)
      }) as Effect.Effect<void, CliError>,
  ),
).pipe(
  Command.withDescription(
    "Run the built-in coverage rules over the stored district for a period: platforms in every street and community, members placed in committees, party branches and membership, party work, leader guidance, special-committee contact, activity cadence and member minimums. Prints each rule's covered/total with the kinds of gaps, then a table by street.",
  ),
  Command.withShortDescription("Run the coverage rules (全覆盖) over the stored district"),
)
