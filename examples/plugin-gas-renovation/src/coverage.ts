/**
 * The coverage rule `gas-renovation-coverage` (燃气管道改造达标): every community with renovation
 * outcome items has reached the target share of households renovated.
 *
 * @since 0.1.0
 */
import { CoverageRule, type Outcome, Progress, Unit } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { defaults, type Resolved } from "./options.js"
import { NonEmptyTrimmedString, withDefault } from "./schema.js"
import { outcomeIdOf } from "./workflow.js"

/**
 * The rule's id, as a coverage configuration names it.
 *
 * @since 0.1.0
 * @category constants
 */
export const ruleId = "gas-renovation-coverage"

/**
 * Whether an outcome item is about gas-pipe renovation: handled by the gas company, or written by
 * a `gas-renovation` case (its id comes from the case's; district data holds no cases, so the id
 * is how the case tags it).
 *
 * @since 0.1.0
 * @category coverage
 */
export const isRenovationOutcome = (o: Outcome.Outcome, handlingUnit: string): boolean =>
  o.handlingUnit === handlingUnit || (o.caseId !== undefined && o.id === outcomeIdOf(o.caseId))

/**
 * Builds the rule; its parameters default to the plugin's options (target rate, handling unit).
 *
 * @since 0.1.0
 * @category rules
 */
export const makeCoverageRule = (options: Resolved = defaults) =>
  CoverageRule.define({
    id: ruleId,
    labels: { "zh-CN": "燃气管道改造达标", en: "Gas-pipe renovation coverage" },
    description: {
      "zh-CN": `每个有燃气管道改造任务的社区（村），改造进度在期末达到目标（默认 ${Math.round(options.targetRate * 100)}%）`,
      en: `Every community (village) with gas-pipe renovation items has renovated at least the target share (by default ${Math.round(options.targetRate * 100)}%)`,
    },
    params: Schema.Struct({
      /** The share to reach, 0–1. */
      targetRate: withDefault(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })), options.targetRate),
      handlingUnit: withDefault(NonEmptyTrimmedString, options.handlingUnit),
      /** Which tier the checked units are: communities and villages by default, streets for street-wide programmes. */
      tiers: withDefault(Schema.Array(Unit.UnitTier.schema), ["village"]),
    }),
    evaluate: function* ({ data, index, period }, params) {
      const tiers = new Set<string>(params.tiers)
      const rolled = Progress.rollUp(data.outcomes)
      const selected = new Set<string>()
      for (const o of data.outcomes) if (isRenovationOutcome(o, params.handlingUnit)) selected.add(o.id)
      // Per checked unit: the items placed in it, in id order so the mean does not depend on input order.
      const items = new Map<string, Array<Outcome.Outcome>>()
      for (const o of [...data.outcomes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
        if (!selected.has(o.id) || o.assignedOn > period.end) continue
        // A sub-item counts through its parent's rolled-up progress, not twice.
        if (o.parentId !== undefined && selected.has(o.parentId)) continue
        const unitId = placeIn(index, o.unitId, tiers)
        if (unitId === undefined) continue
        const list = items.get(unitId)
        if (list === undefined) items.set(unitId, [o])
        else list.push(o)
      }
      const target = params.targetRate * 100
      for (let i = 0; i < data.units.length; i++) {
        const u = data.units[i]!
        const list = items.get(u.id)
        if (list === undefined || index.unitPosition(u.id) !== i) continue
        let sum = 0
        let weights = 0
        for (const o of list) {
          const w = o.weight ?? 1
          sum += w * (rolled.get(o.id) ?? o.progress)
          weights += w
        }
        const progress = sum / weights
        const subject = { kind: "unit" as const, id: u.id, name: u.name }
        // A small tolerance: 0.29 × 100 is 28.999999999999996 in floating point.
        yield progress + 1e-9 >= target
          ? CoverageRule.covered(subject, u.id)
          : CoverageRule.gap(
              subject,
              u.id,
              "below-target",
              `${u.name} has renovated ${round(progress)}% of its gas pipes, below the ${round(target)}% target`,
              `${u.name}燃气管道改造进度 ${round(progress)}%，低于目标 ${round(target)}%`,
            )
      }
    },
  })

/**
 * The rule with the default options (target 80%, handled by 燃气公司).
 *
 * @since 0.1.0
 * @category rules
 */
export const gasRenovationCoverage = makeCoverageRule()

const round = (x: number) => Math.round(x * 10) / 10

// The unit an item counts for: its own, or the nearest ancestor of a checked tier (an item placed
// in a grid cell counts for its community). Items above the checked tier, or nowhere, count for none.
const placeIn = (
  index: CoverageRule.RuleContext["index"],
  unitId: string | undefined,
  tiers: ReadonlySet<string>,
): string | undefined => {
  let id = unitId
  for (let steps = 0; id !== undefined && steps <= index.data.units.length; steps++) {
    const u = index.unit(id)
    if (u === undefined) return undefined
    if (tiers.has(index.tierOf(id) ?? "")) return id
    id = u.parentId
  }
  return undefined
}
