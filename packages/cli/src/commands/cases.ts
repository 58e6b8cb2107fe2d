/**
 * `tongxin cases`: the consultation cases (协商议题) of the stored district, counted by stage, with
 * the overdue ones and how many working days late they are.
 */
import {
  type Case,
  type IsoDate,
  StandardWorkflow,
  Store,
  type Workflow,
  WorkflowEngine,
  WorkingCalendar,
} from "@tongxin/core"
import type { Report } from "@tongxin/report"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { type CliError, fromCore, orCliError, storeError } from "../internal/errors.js"
import { common, resolveDate } from "../internal/options.js"
import { both, printJson, table } from "../internal/output.js"
import { type Session, withDistrict } from "../internal/store.js"

/** The engine the CLI loads cases with: the standard consultation workflow. */
export const engine = WorkflowEngine.make({ workflows: [StandardWorkflow.consultation] })

/** The cases of a district as the engine loads them, and those it could not read. */
export interface Loaded {
  readonly records: ReadonlyArray<Case.Case>
  readonly cases: ReadonlyArray<{ readonly definition: Workflow.Any; readonly state: Workflow.CaseState }>
  readonly unreadable: ReadonlyArray<{ readonly caseId: string; readonly reason: string }>
}

/** Reads every case record of the district and replays its events. */
export const load = (session: Session): Effect.Effect<Loaded, CliError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    const d = session.district.id
    const records: Array<Case.Case> = []
    let after: string | undefined
    do {
      const page = yield* orCliError(store.list(d, "cases", { limit: 1000, ...(after === undefined ? {} : { after }) }))
      records.push(...page.items)
      after = page.next
    } while (after !== undefined)
    const cases: Array<Loaded["cases"][number]> = []
    const unreadable: Array<Loaded["unreadable"][number]> = []
    for (const r of records) {
      const loaded = yield* Effect.result(engine.load(d, r.id))
      if (Result.isSuccess(loaded)) cases.push(loaded.success)
      else {
        // A case of a workflow this CLI does not know (a plugin's) is listed, not fatal; a broken
        // hash chain or a failing database is.
        const e = loaded.failure
        if (e._tag === "UnknownWorkflow" || e._tag === "UnknownCase")
          unreadable.push({ caseId: r.id, reason: e.message })
        else return yield* Effect.fail(fromCore(e) ?? storeError(`case "${r.id}" cannot be read: ${e.message}`, e))
      }
    }
    return { records, cases, unreadable }
  })

/**
 * `@tongxin/report` (and its chart library) loads only for the commands that use it: it is most of
 * the CLI's start-up time.
 */
export const loadReport: Effect.Effect<typeof import("@tongxin/report").Report> = Effect.promise(
  () => import("@tongxin/report"),
).pipe(Effect.map((m) => m.Report))

/** Stage counts and overdue cases as of a date. */
export const summary = (
  loaded: Loaded,
  asOf: IsoDate.IsoDate,
  calendar: WorkingCalendar.Calendar,
): Effect.Effect<Report.CaseSummary> =>
  Effect.map(loadReport, (Report) =>
    Report.caseSummary(loaded.cases, {
      asOf,
      calendar,
      topics: Object.fromEntries(loaded.records.map((r) => [r.id, r.topic])),
    }),
  )

const calendars = { china2025: WorkingCalendar.china2025, weekdays: WorkingCalendar.weekdays } as const

/** The working calendar for a period: 2025's holidays when it falls in 2025, plain weekdays otherwise. */
export const calendar = (p: { readonly start: string; readonly end: string }): WorkingCalendar.Calendar =>
  p.start.startsWith("2025") && p.end.startsWith("2025") ? WorkingCalendar.china2025 : WorkingCalendar.weekdays

export const toJson = (district: string, loaded: Loaded, s: Report.CaseSummary) => {
  const byId = new Map(loaded.cases.map((c) => [c.state.caseId as string, c.state]))
  return {
    ok: true,
    district,
    asOf: s.asOf ?? null,
    total: loaded.records.length,
    stages: s.stages.map((x) => ({
      stage: x.stage,
      labels: { "zh-CN": x.labels["zh-CN"], en: x.labels.en },
      cases: x.cases,
    })),
    overdue: (s.overdue ?? []).map((o) => ({
      caseId: o.caseId,
      topic: o.topic ?? null,
      stage: o.stage,
      command: o.command,
      due: o.due,
      workingDaysLate: o.workingDaysLate,
    })),
    cases: loaded.records.map((r) => {
      const state = byId.get(r.id)
      return {
        id: r.id,
        topic: r.topic,
        openedOn: r.openedOn,
        stage: state?.stage ?? null,
        terminal: state?.terminal ?? null,
        // The chain's head, to keep outside the store and check later (`engine.load(…, { head })`).
        version: state?.version ?? null,
        head: state?.lastHash ?? null,
      }
    }),
    unreadable: loaded.unreadable,
  }
}

export const print = (district: string, loaded: Loaded, s: Report.CaseSummary, json: boolean): Effect.Effect<void> =>
  json
    ? printJson(toJson(district, loaded, s))
    : Effect.gen(function* () {
        yield* Console.log(`协商议题 Consultation cases: ${loaded.records.length} (as of ${s.asOf})`)
        const stages = s.stages.filter((x) => x.cases > 0)
        if (stages.length > 0)
          yield* Console.log(
            table(
              ["阶段 Stage", "议题 Cases"],
              stages.map((x) => [both(x.labels), x.cases]),
            ),
          )
        const overdue = s.overdue ?? []
        if (overdue.length === 0) yield* Console.log(`  无逾期议题 Nothing overdue`)
        else {
          yield* Console.log(`\n逾期 Overdue`)
          yield* Console.log(
            table(
              ["议题 Case", "主题 Topic", "应办 Due command", "截止 Due", "逾期工作日 Working days late"],
              overdue.map((o) => [
                o.caseId,
                o.topic ?? "",
                o.commandLabels === undefined ? o.command : both(o.commandLabels),
                o.due,
                o.workingDaysLate,
              ]),
            ),
          )
        }
        for (const u of loaded.unreadable) yield* Console.log(`  ! ${u.caseId}: ${u.reason}`)
      })

export const command = Command.make(
  "cases",
  {
    ...common,
    asOf: Flag.String("as-of").pipe(
      Flag.withMetavar("date"),
      Flag.withDescription("The day deadlines are checked against (YYYY-MM-DD). Default: today."),
      Flag.optional,
    ),
    calendar: Flag.Literals("calendar", ["china2025", "weekdays"]).pipe(
      Flag.withDescription(
        "Working days: china2025 (2025's public holidays and make-up days, 调休) or plain weekdays (default china2025).",
      ),
      Flag.withDefault("china2025" as const),
    ),
  },
  (o) =>
    withDistrict(o, (session) =>
      Effect.gen(function* () {
        const asOf = yield* resolveDate("as-of", o.asOf)
        const loaded = yield* load(session)
        yield* print(session.data.district.id, loaded, yield* summary(loaded, asOf, calendars[o.calendar]), o.json)
      }),
    ),
).pipe(
  Command.withDescription(
    "List the consultation cases of the stored district by stage (standard consultation workflow), and the overdue ones with the command that is late, its due date and how many working days late it is on --as-of.",
  ),
  Command.withShortDescription("List the consultation cases by stage, and the overdue ones"),
)
