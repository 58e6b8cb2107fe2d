/**
 * `tongxin score`: evaluates every member (or committee) of the stored district with a rubric over
 * a period (履职考评), prints the grade distribution and the top of the ranking, and keeps the
 * results as an evaluation snapshot.
 */
import { type District, type Period, Ranking, type Rubric, Scoring, Store } from "@tongxin/core"
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { type CliError, orCliError } from "../internal/errors.js"
import { readRubric } from "../internal/files.js"
import { common, dryRun, period, resolvePeriod, rubric, top } from "../internal/options.js"
import { both, interactive, percent, printJson, progress, round2, table } from "../internal/output.js"
import { type Session, withDistrict } from "../internal/store.js"

/** Reads the rubric and scores the district. */
export const evaluate = (
  session: Session,
  options: { readonly rubric: string; readonly period: Period.Period; readonly json: boolean; readonly save: boolean },
): Effect.Effect<Scoring.Evaluation, CliError, Store.Store> =>
  Effect.gen(function* () {
    const bar = progress("考评 Scoring", options.save ? 3 : 2, interactive(options.json))
    yield* bar.step("reading the rubric")
    const parsed = yield* readRubric(options.rubric, session.data).pipe(Effect.tapError(() => bar.done))
    yield* bar.step(`scoring ${session.data.members.length} members, ${options.period.label}`)
    const evaluation = Scoring.evaluate(parsed, session.data, { period: options.period })
    if (options.save) {
      yield* bar.step(`saving the evaluation to ${session.target.display}`)
      yield* save(session.data, evaluation).pipe(Effect.ensuring(bar.done))
    }
    yield* bar.done
    return evaluation
  })

// The snapshot keeps each subject's totals and grades (not the line-by-line explanation).
const save = (data: District.DistrictData, e: Scoring.Evaluation): Effect.Effect<void, CliError, Store.Store> =>
  orCliError(
    Effect.flatMap(Store.Store, (store) =>
      store.saveEvaluation(data.district.id, {
        rubricId: e.rubric.id,
        period: e.period.label,
        computedAt: new Date().toISOString(),
        results: {
          distribution: e.distribution.map((d) => ({ grade: d.grade, count: d.count })),
          scores: e.scores.map((s) => ({
            id: s.id,
            name: s.name,
            total: round2(s.total),
            rewards: round2(s.rewards),
            deductions: round2(s.deductions),
            grade: s.grade,
            scoreGrade: s.scoreGrade,
            unmet: s.unmet.map((u) => u.id),
          })),
        },
      }),
    ),
  )

/** The evaluation ranked by total, ties in id order. */
export const ranking = (e: Scoring.Evaluation) => Ranking.rank(e.scores, { by: (s) => s.total, id: (s) => s.id })

const gradeLabels = (rubric: Rubric.Rubric) => new Map(rubric.grades.map((g) => [g.id, g.labels]))

/** A ranked subject as JSON. */
export const rankedJson = (r: Ranking.Ranked<Scoring.SubjectScore>) => ({
  rank: r.rank,
  id: r.item.id,
  name: r.item.name,
  total: round2(r.item.total),
  rewards: round2(r.item.rewards),
  deductions: round2(r.item.deductions),
  grade: r.item.grade,
  lowered: r.item.grade !== r.item.scoreGrade,
})

export const toJson = (district: string, e: Scoring.Evaluation, n: number, saved: boolean) => ({
  ok: true,
  district,
  rubric: { id: e.rubric.id, name: { "zh-CN": e.rubric.name["zh-CN"], en: e.rubric.name.en } },
  period: e.period.label,
  subjects: e.scores.length,
  distribution: e.distribution.map((d) => ({
    grade: d.grade,
    labels: { "zh-CN": d.labels["zh-CN"], en: d.labels.en },
    count: d.count,
  })),
  lowered: e.scores.filter((s) => s.grade !== s.scoreGrade).length,
  top: ranking(e).slice(0, n).map(rankedJson),
  saved,
})

/** The ranked table for people. */
export const rankTable = (e: Scoring.Evaluation, rows: ReadonlyArray<Ranking.Ranked<Scoring.SubjectScore>>): string => {
  const labels = gradeLabels(e.rubric)
  return table(
    ["名次 Rank", "委员 Member", "总分 Total", "加分 Rewards", "扣分 Deductions", "等次 Grade"],
    rows.map((r) => [
      r.rank,
      r.item.name,
      round2(r.item.total),
      round2(r.item.rewards),
      round2(r.item.deductions),
      labels.get(r.item.grade)?.["zh-CN"] ?? r.item.grade,
    ]),
  )
}

export const print = (
  district: string,
  e: Scoring.Evaluation,
  n: number,
  saved: boolean,
  json: boolean,
): Effect.Effect<void> =>
  json
    ? printJson(toJson(district, e, n, saved))
    : Effect.gen(function* () {
        yield* Console.log(`履职考评 Evaluation: ${both(e.rubric.name)}, ${e.period.label}`)
        yield* Console.log(
          table(
            ["等次 Grade", "人数 Count", "占比 Share"],
            e.distribution.map((d) => [both(d.labels), d.count, percent(d.count, e.scores.length)]),
          ),
        )
        const lowered = e.scores.filter((s) => s.grade !== s.scoreGrade).length
        if (lowered > 0)
          yield* Console.log(`  其中 ${lowered} 人因未达到基本要求而降等 / ${lowered} lowered for unmet minimums`)
        if (n > 0) {
          yield* Console.log(`\n前 ${n} 名 Top ${n}`)
          yield* Console.log(rankTable(e, ranking(e).slice(0, n)))
        }
        if (saved) yield* Console.log(`  已保存考评结果 Saved as evaluation ${e.rubric.id} ${e.period.label}`)
      })

export const command = Command.make("score", { ...common, rubric, period, top: top(10), dryRun }, (o) =>
  withDistrict(o, (session) =>
    Effect.gen(function* () {
      const p = yield* resolvePeriod(o.period, session.data)
      const e = yield* evaluate(session, { rubric: o.rubric, period: p, json: o.json, save: !o.dryRun })
      yield* print(session.data.district.id, e, o.top, !o.dryRun, o.json)
    }),
  ),
).pipe(
  Command.withDescription(
    "Score every member of the stored district with a rubric over a period (履职考评). Prints the grade distribution and the top --top members, and saves the results as an evaluation snapshot (unless --dry-run). A rubric with problems prints each with file:line:column and exits 1.",
  ),
  Command.withShortDescription("Score the members with a rubric (履职考评) and save the results"),
)
