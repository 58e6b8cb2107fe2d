/**
 * Evaluation (履职考评): score every member (or committee) of a district with a rubric over a
 * period, explain any score line by line, and summarise grades.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type { Labels } from "../i18n/Labels.js"
import * as Engine from "../internal/scoringEngine.js"
import type { DistrictData } from "../model/District.js"
import { readDocument } from "../model/DistrictSource.js"
import * as DistrictIndex from "../model/DistrictIndex.js"
import { assertValid as assertPeriod, type Period } from "../model/Period.js"
import * as Rubric from "./Rubric.js"
import type * as ScoringSelector from "./Selector.js"

/**
 * Parses a rubric against the built-in selectors and activity types plus those plugins contribute.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRubric = (
  input: unknown,
  options: { readonly activityTypes?: Iterable<string>; readonly selectors?: ReadonlyArray<ScoringSelector.Any> } = {},
): Result.Result<Rubric.Rubric, Rubric.RubricError> =>
  Rubric.parse(input, {
    ...(options.activityTypes === undefined ? {} : { activityTypes: options.activityTypes }),
    selectors: new Map((options.selectors ?? []).map((s) => [s.kind, s])),
  })

/**
 * {@link parseRubric} for a rubric file's text (JSON or YAML): every problem also gets the file,
 * line and column.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRubricText = (
  text: string,
  options: {
    readonly filename?: string
    readonly activityTypes?: Iterable<string>
    readonly selectors?: ReadonlyArray<ScoringSelector.Any>
  } = {},
): Result.Result<Rubric.Rubric, Rubric.RubricError> => {
  const source = readDocument(text, options.filename)
  if (Result.isFailure(source)) return Result.fail(new Rubric.RubricError({ issues: source.failure }))
  return Result.mapError(
    parseRubric(source.success.value, options),
    (e) => new Rubric.RubricError({ issues: source.success.locate(e.issues) }),
  )
}

/**
 * @since 0.1.0
 * @category models
 */
export interface EvaluateOptions {
  readonly period: Period
  /** Plugin selectors the rubric uses. */
  readonly selectors?: ReadonlyArray<ScoringSelector.Any>
  /** Reuse an index built for other rules over the same data. */
  readonly index?: DistrictIndex.DistrictIndex
}

/**
 * One item's result for one subject.
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemLine {
  readonly id: string
  readonly labels: Labels
  /** Occurrences that scored (after the first N). */
  readonly occurrences: number
  /** Points before the item's cap and floor. */
  readonly raw: number
  readonly points: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CategoryLine {
  readonly id: string
  readonly labels: Labels
  readonly section: "main" | "rewards" | "deductions"
  readonly items: ReadonlyArray<ItemLine>
  /** Sum of the items' points, before the category's cap and floor. */
  readonly raw: number
  readonly points: number
}

/**
 * A requirement the subject did not meet, with how many it had of each alternative.
 *
 * @since 0.1.0
 * @category models
 */
export interface Unmet {
  readonly id: string
  readonly labels: Labels
  readonly have: ReadonlyArray<{ readonly min: number; readonly count: number }>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SubjectScore {
  readonly id: string
  readonly name: string
  readonly base: number
  readonly categories: ReadonlyArray<CategoryLine>
  /** The reward and deduction sections after their own caps and floors (0 when absent). */
  readonly rewards: number
  readonly deductions: number
  readonly total: number
  readonly unmet: ReadonlyArray<Unmet>
  /** The grade the score alone gives. */
  readonly scoreGrade: string
  /** The final grade: the score's, or a worse one set by an unmet requirement. */
  readonly grade: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Evaluation {
  readonly rubric: Rubric.Rubric
  readonly period: Period
  /** Sorted by subject id. */
  readonly scores: ReadonlyArray<SubjectScore>
  /** Subjects per grade, best grade first. */
  readonly distribution: ReadonlyArray<{ readonly grade: string; readonly labels: Labels; readonly count: number }>
}

const clamp = (x: number, floor: number | undefined, cap: number | undefined) =>
  Math.min(cap ?? Infinity, Math.max(floor ?? -Infinity, x))

const sections = (rubric: Rubric.Rubric) =>
  [
    { key: "main" as const, categories: rubric.categories, cap: undefined, floor: undefined },
    ...(rubric.rewards === undefined ? [] : [{ key: "rewards" as const, ...rubric.rewards }]),
    ...(rubric.deductions === undefined ? [] : [{ key: "deductions" as const, ...rubric.deductions }]),
  ] as const

interface Run {
  readonly engine: Engine.Engine
  readonly scores: ReadonlyArray<SubjectScore>
  readonly records: ReadonlyMap<string, Array<Array<Engine.RecordHit>>>
}

const run = (rubric: Rubric.Rubric, data: DistrictData, options: EvaluateOptions, only?: string): Run => {
  Rubric.assertShape(rubric)
  assertPeriod(options.period)
  const index = options.index ?? DistrictIndex.make(data)
  const selectors = new Map((options.selectors ?? []).map((s) => [s.kind, s]))
  const engine = Engine.make(rubric, data, index, options.period, selectors, only)
  const collect = only !== undefined
  const n = engine.subjects.length
  const records = new Map<string, Array<Array<Engine.RecordHit>>>()
  // Every item and requirement alternative is tallied in one go (attendance in a single pass).
  const requests: Array<{ select: Rubric.Selector; scoring: Engine.Scoring }> = []
  const itemRequest = (item: Rubric.Item) =>
    requests.push({
      select: item.select,
      scoring: {
        points: item.points,
        per: item.per,
        after: item.after,
        split: item.split,
        collectiveSplit: item.collectiveSplit,
        collect,
      },
    }) - 1
  const secDefs = sections(rubric).map((sec) => ({
    ...sec,
    categories: sec.categories.map((cat) => ({
      cat,
      items: cat.items.map((item) => ({ item, k: itemRequest(item) })),
    })),
  }))
  const reqDefs = rubric.requirements.map((req) => ({
    req,
    alts: req.anyOf.map((alt) => ({
      min: alt.min,
      k: requests.push({ select: alt.select, scoring: { points: 1, per: "occurrence", after: 0, collect: false } }) - 1,
    })),
  }))
  const tallies = engine.tallyAll(requests)
  const secs = secDefs.map((sec) => ({
    ...sec,
    categories: sec.categories.map(({ cat, items }) => ({
      cat,
      items: items.map(({ item, k }) => {
        const t = tallies[k]!
        if (t.records !== undefined) records.set(item.id, t.records)
        return { item, t }
      }),
    })),
  }))
  const requirements = reqDefs.map(({ req, alts }) => ({
    req,
    counts: alts.map(({ min, k }) => ({ min, t: tallies[k]! })),
  }))
  const ranked = Rubric.gradesBestFirst(rubric)
  const rankOf = new Map(ranked.map((g, i) => [g.id, i]))

  const scores: Array<SubjectScore> = []
  for (let s = 0; s < n; s++) {
    let total = rubric.base
    let rewards = 0
    let deductions = 0
    const categories: Array<CategoryLine> = []
    for (const sec of secs) {
      let sectionRaw = 0
      for (const { cat, items } of sec.categories) {
        const lines = items.map(({ item, t }): ItemLine => {
          const raw = t.raw[s]!
          return {
            id: item.id,
            labels: item.labels,
            occurrences: t.occurrences[s]!,
            raw,
            points: clamp(raw, item.floor, item.cap),
          }
        })
        let raw = 0
        for (const l of lines) raw += l.points
        const points = clamp(raw, cat.floor, cat.cap)
        categories.push({ id: cat.id, labels: cat.labels, section: sec.key, items: lines, raw, points })
        sectionRaw += points
      }
      const sectionPoints = clamp(sectionRaw, sec.floor, sec.cap)
      if (sec.key === "rewards") rewards = sectionPoints
      if (sec.key === "deductions") deductions = sectionPoints
      total += sectionPoints
    }
    total = clamp(total, rubric.total?.floor, rubric.total?.cap)
    const unmet: Array<Unmet> = []
    let grade = Rubric.gradeOf(rubric, total)!.id
    const scoreGrade = grade
    for (const { req, counts } of requirements) {
      const have = counts.map((c) => ({ min: c.min, count: c.t.occurrences[s]! }))
      if (have.some((h) => h.count >= h.min)) continue
      unmet.push({ id: req.id, labels: req.labels, have })
      if (req.failGrade !== undefined && rankOf.get(req.failGrade)! > rankOf.get(grade)!) grade = req.failGrade
    }
    const subject = engine.subjects[s]!
    scores.push({
      id: subject.id,
      name: subject.name,
      base: rubric.base,
      categories,
      rewards,
      deductions,
      total,
      unmet,
      scoreGrade,
      grade,
    })
  }
  return { engine, scores, records }
}

/**
 * Scores every subject. Deterministic and independent of the order of the data.
 * Throws a `District.DistrictError` when `data` does not have its type's shape (see
 * `District.assertShape`: free for data from `District.parse`).
 * Throws a `Rubric.RubricError` when `rubric` does not have its type's shape
 * (`Rubric.assertShape`).
 *
 * @example
 * import { Period, Scoring } from "@tongxin/core"
 * import * as Result from "effect/Result"
 *
 * declare const data: import("@tongxin/core").District.DistrictData
 * declare const rubricJson: unknown
 * const rubric = Result.getOrThrow(Scoring.parseRubric(rubricJson))
 * const evaluation = Scoring.evaluate(rubric, data, { period: Period.year(2025) })
 *
 * @since 0.1.0
 * @category evaluation
 */
export const evaluate = (rubric: Rubric.Rubric, data: DistrictData, options: EvaluateOptions): Evaluation => {
  const { scores } = run(rubric, data, options)
  const counts = new Map<string, number>()
  for (const s of scores) counts.set(s.grade, (counts.get(s.grade) ?? 0) + 1)
  return {
    rubric,
    period: options.period,
    scores,
    distribution: Rubric.gradesBestFirst(rubric).map((g) => ({
      grade: g.id,
      labels: g.labels,
      count: counts.get(g.id) ?? 0,
    })),
  }
}

/**
 * A line of an explanation. Base, item and adjustment lines (caps and floors taking points off or
 * adding them) sum exactly to the total.
 *
 * @since 0.1.0
 * @category models
 */
export type ExplanationLine =
  | { readonly kind: "base"; readonly points: number }
  | {
      readonly kind: "item"
      readonly category: string
      readonly item: string
      readonly labels: Labels
      readonly points: number
      /** The records that earned it, in date order, each with its points before the item's cap. */
      readonly records: ReadonlyArray<{ readonly recordId: string; readonly points: number }>
    }
  | { readonly kind: "item-limit"; readonly item: string; readonly points: number }
  | { readonly kind: "category-limit"; readonly category: string; readonly points: number }
  | { readonly kind: "section-limit"; readonly section: "rewards" | "deductions"; readonly points: number }
  | { readonly kind: "total-limit"; readonly points: number }

/**
 * @since 0.1.0
 * @category models
 */
export interface Explanation {
  readonly score: SubjectScore
  readonly lines: ReadonlyArray<ExplanationLine>
}

/**
 * Explains one subject's score line by line, naming the records behind every item. Built on
 * demand for that subject only, so it is cheap even for a large district.
 *
 * @since 0.1.0
 * @category evaluation
 */
export const explain = (
  rubric: Rubric.Rubric,
  data: DistrictData,
  subjectId: string,
  options: EvaluateOptions,
): Explanation | undefined => {
  const { scores, records } = run(rubric, data, options, subjectId)
  const score = scores[0]
  if (score === undefined) return undefined
  const lines: Array<ExplanationLine> = [{ kind: "base", points: score.base }]
  let running = score.base
  for (const sec of sections(rubric)) {
    let sectionSum = 0
    for (const cat of score.categories.filter((c) => c.section === sec.key)) {
      for (const item of cat.items) {
        const hits = records.get(item.id)?.[0] ?? []
        lines.push({
          kind: "item",
          category: cat.id,
          item: item.id,
          labels: item.labels,
          points: item.raw,
          records: hits,
        })
        if (item.points !== item.raw) lines.push({ kind: "item-limit", item: item.id, points: item.points - item.raw })
      }
      if (cat.points !== cat.raw) lines.push({ kind: "category-limit", category: cat.id, points: cat.points - cat.raw })
      sectionSum += cat.points
    }
    if (sec.key !== "main") {
      const sectionPoints = sec.key === "rewards" ? score.rewards : score.deductions
      if (sectionPoints !== sectionSum)
        lines.push({ kind: "section-limit", section: sec.key, points: sectionPoints - sectionSum })
      running += sectionPoints
    } else running += sectionSum
  }
  if (score.total !== running) lines.push({ kind: "total-limit", points: score.total - running })
  return { score, lines }
}
