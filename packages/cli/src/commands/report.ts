/**
 * `tongxin report`: one self-contained HTML report (charts included) of what the CLI can compute
 * for the stored district: coverage, the evaluation (with `--rubric`), street ranking, cases and
 * committees.
 */
import { type Period, Progress, type Scoring, type Store } from "@tongxin/core"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { mkdirSync, statSync, writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { type CliError, inputError } from "../internal/errors.js"
import { shown } from "../internal/files.js"
import { common, period, resolveDate, resolvePeriod } from "../internal/options.js"
import { interactive, printJson, progress } from "../internal/output.js"
import { type Session, withDistrict } from "../internal/store.js"
import * as Cases from "./cases.js"
import * as CoverageCommand from "./coverage.js"
import { evaluate } from "./score.js"

export type Lang = "zh-CN" | "en"

/** What a report run wrote. */
export interface Written {
  readonly out: string
  readonly lang: Lang
  readonly bytes: number
  readonly sections: ReadonlyArray<string>
  /** A file was there already and is replaced (scripts rely on `--out` overwriting). */
  readonly replaced: boolean
}

export interface ReportOptions {
  readonly out: string
  readonly lang: Lang
  readonly rubric: Option.Option<string>
  readonly period: Option.Option<string>
  readonly asOf: Option.Option<string>
  readonly json: boolean
}

/** Computes every section it can and writes the HTML file. */
export const run = (session: Session, options: ReportOptions): Effect.Effect<Written, CliError, Store.Store> =>
  Effect.gen(function* () {
    const { data } = session
    const p: Period.Period = yield* resolvePeriod(options.period, data)
    const asOf = yield* resolveDate(
      "as-of",
      Option.orElse(options.asOf, () => Option.some(p.end < today() ? p.end : today())),
    )
    const bar = progress("报告 Report", Option.isSome(options.rubric) ? 5 : 4, interactive(options.json))
    yield* bar.step("coverage")
    const coverage = CoverageCommand.check(data, p)
    let evaluation: Scoring.Evaluation | undefined
    if (Option.isSome(options.rubric)) {
      yield* bar.step("evaluation")
      evaluation = yield* evaluate(session, { rubric: options.rubric.value, period: p, json: true, save: false }).pipe(
        Effect.tapError(() => bar.done),
      )
    }
    yield* bar.step("cases")
    const loaded = yield* Cases.load(session).pipe(Effect.tapError(() => bar.done))
    yield* bar.step("rendering")
    const Report = yield* Cases.loadReport
    const cases = loaded.records.length === 0 ? undefined : yield* Cases.summary(loaded, asOf, Cases.calendar(p))
    const streetRates = Progress.rates(data, { by: "street" })
    const html = Report.render(
      {
        district: data.district,
        units: data.units,
        period: p.label,
        generatedAt: today(),
        coverage,
        ...(evaluation === undefined ? {} : { evaluation }),
        ...(streetRates.length === 0 ? {} : { streetRates }),
        ...(cases === undefined ? {} : { cases }),
        committees: Report.committeeSizes(data),
      },
      { locale: options.lang },
    )
    yield* bar.step(`writing ${shown(options.out)}`)
    const out = resolve(options.out)
    const replaced = statSync(out, { throwIfNoEntry: false })?.isFile() === true
    yield* Effect.try({
      try: () => {
        mkdirSync(dirname(out), { recursive: true })
        writeFileSync(out, html)
      },
      catch: (e) =>
        inputError(`cannot write the report to ${shown(options.out)}: ${(e as Error).message}`, { cause: e }),
    }).pipe(Effect.ensuring(bar.done))
    return {
      out: shown(options.out),
      lang: options.lang,
      bytes: Buffer.byteLength(html),
      sections: Report.sections.filter((s) => html.includes(`data-section="${s}"`)),
      replaced,
    }
  })

const today = () => new Date().toISOString().slice(0, 10)

export const print = (w: Written, json: boolean): Effect.Effect<void> =>
  json
    ? printJson({ ok: true, out: w.out, lang: w.lang, bytes: w.bytes, sections: w.sections, replaced: w.replaced })
    : Console.log(
        [
          `✓ 报告 Report (${w.lang}, ${Math.round(w.bytes / 1024)} KB): ${w.out}`,
          ...(w.replaced ? [`  已覆盖原有文件 Replaced the existing file ${w.out}`] : []),
          `  ${w.sections.join(", ")}`,
        ].join("\n"),
      )

export const command = Command.make(
  "report",
  {
    ...common,
    out: Flag.String("out").pipe(
      Flag.withMetavar("file"),
      Flag.withDescription(
        "The HTML file to write (default report.html); an existing file is replaced, and the output says so.",
      ),
      Flag.withDefault("report.html"),
    ),
    lang: Flag.Literals("lang", ["zh-CN", "en"]).pipe(
      Flag.withDescription("The report's language (default zh-CN)."),
      Flag.withDefault("zh-CN" as const),
    ),
    rubric: Flag.String("rubric").pipe(
      Flag.withMetavar("file"),
      Flag.withDescription("A rubric file: adds the evaluation section (grades, score histogram, top members)."),
      Flag.optional,
    ),
    period,
    asOf: Flag.String("as-of").pipe(
      Flag.withMetavar("date"),
      Flag.withDescription(
        "The day case deadlines are checked against (default: the period's last day, or today if earlier).",
      ),
      Flag.optional,
    ),
  },
  (o) =>
    withDistrict(o, (session) =>
      Effect.gen(function* () {
        const w = yield* run(session, {
          out: o.out,
          lang: o.lang,
          rubric: o.rubric,
          period: o.period,
          asOf: o.asOf,
          json: o.json,
        })
        yield* print(w, o.json)
      }),
    ),
).pipe(
  Command.withDescription(
    "Write one self-contained HTML report (server-rendered SVG charts, each with its data table) for the stored district: overview, coverage, the evaluation (with --rubric), progress by street, cases by stage with the overdue ones, and committee sizes. --lang zh-CN (default) or en.",
  ),
  Command.withShortDescription("Write the HTML report of the stored district"),
)
