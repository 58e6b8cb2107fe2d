/**
 * `tongxin demo [dir]`: the whole tour on the sample district: init, import, assign, four
 * consultation cases through the standard workflow, coverage, scoring, cases and the HTML report.
 */
import { IsoDate, Period, Store } from "@tongxin/core"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { type CliError, orCliError } from "../internal/errors.js"
import { shown } from "../internal/files.js"
import { json, verbose } from "../internal/options.js"
import { printJson } from "../internal/output.js"
import { caseOpener, cases as sampleCases } from "../internal/sample.js"
import { loadDistrict, parseTarget, resolveDistrict, type Session, withStore } from "../internal/store.js"
import * as Assign from "./assign.js"
import * as Cases from "./cases.js"
import * as CoverageCommand from "./coverage.js"
import * as Import from "./import.js"
import * as Init from "./init.js"
import * as ReportCommand from "./report.js"
import * as Score from "./score.js"

// Opens the sample cases that are not in the store yet; returns how many it opened.
const openCases = (session: Session): Effect.Effect<number, CliError, Store.Store> =>
  orCliError(
    Effect.gen(function* () {
      const store = yield* Store.Store
      const d = session.district.id
      let opened = 0
      for (const c of sampleCases) {
        if ((yield* store.readCase(d, c.id)).length > 0) continue
        opened++
        yield* Cases.engine.open(
          d,
          {
            id: c.id,
            topic: c.topic,
            source: "residents",
            workflow: { id: "consultation", version: 1 },
            openedOn: IsoDate.make(c.openedAt.slice(0, 10)),
          },
          caseOpener,
          {
            at: c.openedAt,
          },
        )
        for (const [command, actor, payload, at] of c.steps)
          yield* Cases.engine.dispatch(d, c.id, { type: command, payload }, actor, { at })
      }
      return opened
    }),
  )

export const command = Command.make(
  "demo",
  {
    dir: Argument.String("dir").pipe(
      Argument.withDescription("The folder to work in (default tongxin-demo)."),
      Argument.withDefault("tongxin-demo"),
    ),
    store: Flag.String("store").pipe(
      Flag.withMetavar("target"),
      Flag.withDescription("The store to use (default sqlite:<dir>/district.db)."),
      Flag.optional,
    ),
    lang: Flag.Literals("lang", ["zh-CN", "en"]).pipe(
      Flag.withDescription("The report's language (default zh-CN)."),
      Flag.withDefault("zh-CN" as const),
    ),
    json,
    verbose,
  },
  (o) =>
    Effect.gen(function* () {
      const districtFile = join(o.dir, "district.yaml")
      const rubricFile = join(o.dir, "rubric.json")
      // Reuse what an earlier run (or a person) left in the folder; scaffold what is missing.
      const scaffolded =
        existsSync(districtFile) && existsSync(rubricFile) ? [] : yield* Init.run(o.dir, { force: false })
      const target = yield* parseTarget(Option.getOrElse(o.store, () => `sqlite:${join(o.dir, "district.db")}`))
      const imported = yield* Import.run(districtFile, target, { json: true })
      const out = join(o.dir, o.lang === "en" ? "report.en.html" : "report.html")
      const steps = yield* withStore(
        target,
        Effect.gen(function* () {
          const district = yield* resolveDistrict(Option.some(imported.district.id), target)
          let session: Session = { target, district, data: yield* loadDistrict(district.id) }
          const assigned = yield* Assign.run(session, { dryRun: false, minPartyMembers: 3, balance: 2, json: true })
          session = { ...session, data: yield* loadDistrict(district.id) }
          const opened = yield* openCases(session)
          session = { ...session, data: yield* loadDistrict(district.id) }
          // The sample's year, and its last day for deadlines.
          const period = Period.year(2025)
          const coverage = CoverageCommand.check(session.data, period)
          const evaluation = yield* Score.evaluate(session, { rubric: rubricFile, period, json: true, save: true })
          const loaded = yield* Cases.load(session)
          const cases = yield* Cases.summary(loaded, period.end, Cases.calendar(period))
          const report = yield* ReportCommand.run(session, {
            out,
            lang: o.lang,
            rubric: Option.some(rubricFile),
            period: Option.some(period.label),
            asOf: Option.some(period.end),
            json: true,
          })
          return { assigned, opened, coverage, evaluation, loaded, cases, report }
        }),
        { create: true },
      )
      if (o.json) {
        return yield* printJson({
          ok: true,
          dir: shown(o.dir),
          scaffolded,
          store: target.display,
          district: imported.district,
          casesOpened: steps.opened,
          assignment: {
            objective: steps.assigned.objective,
            verified: steps.assigned.verified,
            committees: steps.assigned.committees,
          },
          coverage: CoverageCommand.toJson(imported.district.id, steps.coverage).overall,
          evaluation: {
            rubric: steps.evaluation.rubric.id,
            period: steps.evaluation.period.label,
            distribution: steps.evaluation.distribution.map((d) => ({ grade: d.grade, count: d.count })),
          },
          cases: { total: steps.loaded.records.length, overdue: (steps.cases.overdue ?? []).length },
          report: { out: steps.report.out, sections: steps.report.sections },
        })
      }
      yield* Console.log(
        `同心演示 Tongxin demo in ${shown(o.dir)}${scaffolded.length > 0 ? ` (created ${scaffolded.join(", ")})` : ""}\n`,
      )
      yield* Import.print(imported, false)
      yield* Console.log("")
      yield* Assign.print(steps.assigned, false)
      yield* Console.log(
        `\n协商议题 Cases: ${steps.opened === 0 ? "已存在 already in the store" : `新建 ${steps.opened} opened through the standard workflow`}\n`,
      )
      yield* CoverageCommand.print(imported.district.id, steps.coverage, false)
      yield* Console.log("")
      yield* Score.print(imported.district.id, steps.evaluation, 5, true, false)
      yield* Console.log("")
      yield* Cases.print(imported.district.id, steps.loaded, steps.cases, false)
      yield* Console.log("")
      yield* ReportCommand.print(steps.report, false)
      yield* Console.log(`\n再试 Try: tongxin coverage --store ${target.display}`)
    }),
).pipe(
  Command.withDescription(
    "Run the whole tour on the sample district in <dir> (default tongxin-demo): scaffold it (as init; existing files are reused), import it, place the members, open four consultation cases through the standard workflow, then coverage, scoring, cases and the HTML report (<dir>/report.html). Running it again imports the same data again, keeps the cases, and saves a new assignment run.",
  ),
  Command.withShortDescription("Run the whole tour on the sample district"),
)
