/**
 * Outcome progress (成果转化): rolling progress up the outcome tree, and the five rates per street,
 * committee or handling unit — completion (办结率), feedback (反馈率), meeting (见面率),
 * implementation (落实率) and satisfaction (满意率).
 *
 * @since 0.1.0
 */
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import type { DistrictData } from "../model/District.js"
import * as DistrictIndex from "../model/DistrictIndex.js"
import type { OutcomeId } from "../model/Ids.js"
import type { Outcome } from "../model/Outcome.js"
import { assertValid as assertPeriod, type Period } from "../model/Period.js"

/**
 * The rolled-up progress (0–100) of every outcome: a leaf keeps its own progress; a parent is the
 * weighted mean of its children's rolled-up progress, or their plain mean unless every child has a
 * weight. Outcomes caught in a cycle (invalid data) keep their own progress.
 *
 * @since 0.1.0
 * @category progress
 */
export const rollUp = (outcomes: ReadonlyArray<Outcome>): ReadonlyMap<OutcomeId, number> => {
  const byId = new Map<string, Outcome>()
  for (const o of outcomes) if (!byId.has(o.id)) byId.set(o.id, o)
  const children = new Map<string, Array<Outcome>>()
  for (const o of byId.values()) {
    if (o.parentId === undefined || !byId.has(o.parentId)) continue
    const list = children.get(o.parentId)
    if (list === undefined) children.set(o.parentId, [o])
    else list.push(o)
  }
  const result = new Map<OutcomeId, number>()
  const visiting = new Set<string>()
  const visit = (o: Outcome): number => {
    const known = result.get(o.id)
    if (known !== undefined) return known
    const kids = children.get(o.id)
    if (kids === undefined || visiting.has(o.id)) return o.progress
    visiting.add(o.id)
    // Children in id order so that the floating-point sum does not depend on input order.
    const sorted = [...kids].sort((a, b) => (a.id < b.id ? -1 : 1))
    const values = sorted.map(visit)
    const weighted = sorted.every((k) => k.weight !== undefined)
    let num = 0
    let den = 0
    sorted.forEach((k, i) => {
      const w = weighted ? k.weight! : 1
      num += w * values[i]!
      den += w
    })
    visiting.delete(o.id)
    const value = Math.min(Math.max(...values), Math.max(Math.min(...values), num / den))
    result.set(o.id, value)
    return value
  }
  for (const o of byId.values()) result.set(o.id, visit(o))
  return result
}

/**
 * The five rates.
 *
 * @since 0.1.0
 * @category models
 */
export const Rate = LabelledEnum.make("Rate", {
  completion: { "zh-CN": "办结率", en: "Completion rate" },
  feedback: { "zh-CN": "反馈率", en: "Feedback rate" },
  meeting: { "zh-CN": "见面率", en: "Meeting rate" },
  implementation: { "zh-CN": "落实率", en: "Implementation rate" },
  satisfaction: { "zh-CN": "满意率", en: "Satisfaction rate" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type Rate = typeof Rate.schema.Type

/**
 * A count out of a total; `ratio` is 0 when the total is 0.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fraction {
  readonly count: number
  readonly total: number
  readonly ratio: number
}

/**
 * One group's rates. Completion, feedback, meeting and implementation are out of all the group's
 * outcomes; satisfaction is satisfied plus basically satisfied out of those rated. `progress` is
 * the weight-averaged rolled-up progress of the group's outcomes (0–100).
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupRates {
  readonly key: string
  readonly outcomes: number
  readonly rates: { readonly [R in Rate]: Fraction }
  readonly progress: number
}

/**
 * How outcomes are grouped: by the street their unit lies in, by handling unit (承办单位), or by the
 * liaison committee of their street.
 *
 * @since 0.1.0
 * @category models
 */
export type GroupBy = "street" | "handling-unit" | "committee"

/**
 * @since 0.1.0
 * @category models
 */
export interface RatesOptions {
  readonly by: GroupBy
  /** Only outcomes assigned in the period count. */
  readonly period?: Period
  /** Only outcomes passing the filter count (say, the gas-pipe renovation ones). */
  readonly filter?: (outcome: Outcome) => boolean
  /**
   * Count only top-level outcomes (default): a child is part of its parent, whose rolled-up progress
   * already reflects it.
   */
  readonly topLevelOnly?: boolean
}

const fraction = (count: number, total: number): Fraction => ({ count, total, ratio: total === 0 ? 0 : count / total })

/**
 * The five rates and progress per group, sorted by key. Outcomes that belong to no group (no unit,
 * or a unit outside any street) are left out.
 * Throws a `District.DistrictError` when `data` does not have its type's shape (see
 * `District.assertShape`: free for data from `District.parse`).
 *
 * @since 0.1.0
 * @category rates
 */
export const rates = (data: DistrictData, options: RatesOptions): ReadonlyArray<GroupRates> => {
  if (options.period !== undefined) assertPeriod(options.period)
  const index = DistrictIndex.make(data)
  const progress = rollUp(data.outcomes)
  const ids = new Set(data.outcomes.map((o) => o.id as string))
  const groups = new Map<string, Array<Outcome>>()
  for (const o of data.outcomes) {
    if ((options.topLevelOnly ?? true) && o.parentId !== undefined && ids.has(o.parentId)) continue
    if (options.period !== undefined && (o.assignedOn < options.period.start || o.assignedOn > options.period.end))
      continue
    if (options.filter !== undefined && !options.filter(o)) continue
    const street = o.unitId === undefined ? undefined : index.streetOf(o.unitId)
    const key =
      options.by === "handling-unit"
        ? o.handlingUnit
        : options.by === "street"
          ? street
          : street === undefined
            ? undefined
            : index.committeeOfStreet(street)?.id
    if (key === undefined) continue
    const list = groups.get(key)
    if (list === undefined) groups.set(key, [o])
    else list.push(o)
  }
  return [...groups.keys()].sort().map((key) => {
    const list = [...groups.get(key)!].sort((a, b) => (a.id < b.id ? -1 : 1))
    const n = list.length
    const rated = list.filter((o) => o.satisfaction !== undefined)
    const weighted = list.every((o) => o.weight !== undefined)
    let num = 0
    let den = 0
    for (const o of list) {
      const w = weighted ? o.weight! : 1
      num += w * (progress.get(o.id) ?? o.progress)
      den += w
    }
    return {
      key,
      outcomes: n,
      rates: {
        completion: fraction(list.filter((o) => o.status === "completed").length, n),
        feedback: fraction(list.filter((o) => o.feedbackOn !== undefined).length, n),
        meeting: fraction(list.filter((o) => o.metOn !== undefined).length, n),
        implementation: fraction(list.filter((o) => o.implemented).length, n),
        satisfaction: fraction(rated.filter((o) => o.satisfaction !== "unsatisfied").length, rated.length),
      },
      progress: den === 0 ? 0 : num / den,
    }
  })
}
