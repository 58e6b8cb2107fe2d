// What the browser page computes, and what the test computes again in Node: the Qingshan district
// parsed, the built-in coverage rules over 2025, members placed in street liaison committees, and
// every member scored with the Qingshan rubric. The rules arrive as a parameter so that the page
// (esbuild, `@tongxin/core`'s ESM build) and Node (the same build, imported) run the same code;
// the result is plain JSON, so the two can be compared number for number.
import type * as Core from "@tongxin/core"
import * as Result from "effect/Result"

/** The parts of `@tongxin/core` the page uses (and so bundles). */
export type Rules = Pick<
  typeof Core,
  "Assignment" | "AssignmentBuilders" | "Coverage" | "District" | "Period" | "Ranking" | "Scoring"
>

export interface Summary {
  readonly district: {
    readonly id: string
    readonly units: number
    readonly members: number
    readonly committees: number
    readonly activities: number
  }
  readonly coverage: {
    readonly period: string
    readonly rules: ReadonlyArray<{ readonly id: string; readonly covered: number; readonly total: number }>
    readonly overall: {
      readonly covered: number
      readonly total: number
      readonly rulesMet: number
      readonly rules: number
    }
  }
  readonly assignment: {
    readonly objective: number
    readonly placements: number
    readonly verified: boolean
    readonly iterations: number
    /** Members placed in each committee, by committee id. */
    readonly committees: Record<string, number>
  }
  readonly scoring: {
    readonly rubric: string
    readonly period: string
    readonly members: number
    /** Each member's total, by member id. */
    readonly totals: Record<string, number>
    readonly distribution: ReadonlyArray<{ readonly grade: string; readonly count: number }>
    readonly top: ReadonlyArray<{
      readonly rank: number
      readonly id: string
      readonly name: string
      readonly total: number
      readonly grade: string
    }>
  }
  /** Milliseconds per step (not compared: they differ between runs). */
  readonly ms: {
    readonly parse: number
    readonly coverage: number
    readonly assignment: number
    readonly scoring: number
  }
}

const orThrow = <A, E>(what: string, r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`${what}: ${String(r.failure)}`)
  return r.success
}

/** Runs the rules over the district document and the rubric document (both decoded JSON). */
export const summarise = (core: Rules, input: { readonly district: unknown; readonly rubric: unknown }): Summary => {
  const { Assignment, AssignmentBuilders, Coverage, District, Period, Ranking, Scoring } = core
  const clock = () => performance.now()

  let t = clock()
  const data = orThrow("District.parse", District.parse(input.district))
  const parseMs = clock() - t

  t = clock()
  const period = orThrow("Period.parse", Period.parse("2025"))
  const coverage = Coverage.check(data, { rules: Coverage.builtins, period })
  const coverageMs = clock() - t

  t = clock()
  const problem = AssignmentBuilders.membersToCommittees(data)
  const solution = orThrow("Assignment.solve", Assignment.solve(problem))
  const verified = Assignment.verify(problem, solution).length === 0
  const assignmentMs = clock() - t
  const committees: Record<string, number> = {}
  for (const c of data.committees) committees[c.id] = 0
  for (const p of solution.placements) committees[p.target] = (committees[p.target] ?? 0) + 1

  t = clock()
  const rubric = orThrow(
    "Scoring.parseRubric",
    Scoring.parseRubric(input.rubric, { activityTypes: data.district.activityTypes.map((a) => a.id) }),
  )
  const evaluation = Scoring.evaluate(rubric, data, { period })
  const scoringMs = clock() - t
  const ranked = Ranking.rank(evaluation.scores, { by: (s) => s.total, id: (s) => s.id })

  return {
    district: {
      id: data.district.id,
      units: data.units.length,
      members: data.members.length,
      committees: data.committees.length,
      activities: data.activities.length,
    },
    coverage: {
      period: coverage.period.label,
      rules: coverage.results.map((r) => ({ id: r.id, covered: r.covered, total: r.total })),
      overall: {
        covered: coverage.overall.covered,
        total: coverage.overall.total,
        rulesMet: coverage.overall.rulesMet,
        rules: coverage.overall.rules,
      },
    },
    assignment: {
      objective: solution.objective,
      placements: solution.placements.length,
      verified,
      iterations: solution.iterations,
      committees,
    },
    scoring: {
      rubric: rubric.id,
      period: evaluation.period.label,
      members: evaluation.scores.length,
      totals: Object.fromEntries(evaluation.scores.map((s) => [s.id, s.total])),
      distribution: evaluation.distribution.map((d) => ({ grade: d.grade, count: d.count })),
      top: ranked.slice(0, 5).map((r) => ({
        rank: r.rank,
        id: r.item.id,
        name: r.item.name,
        total: r.item.total,
        grade: r.item.grade,
      })),
    },
    ms: { parse: parseMs, coverage: coverageMs, assignment: assignmentMs, scoring: scoringMs },
  }
}
