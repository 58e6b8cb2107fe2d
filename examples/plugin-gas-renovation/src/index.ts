/**
 * A Tongxin plugin for ageing gas-pipe renovation (老旧燃气管道改造), as Qingshan's Yejin street
 * ran it: in a little over three months its renovation rate reached 76%, first in the district.
 *
 * @since 0.1.0
 */
import { Plugin } from "@tongxin/core"
import { makeCoverageRule } from "./coverage.js"
import { type GasRenovationOptions, resolve } from "./options.js"
import { makeVisitItem, visitActivityType, visitsSelector } from "./scoring.js"
import { type GasRenovationWorkflow, makeWorkflow, notifyHook } from "./workflow.js"

/**
 * The plugin's definition, with its one workflow typed so its commands type-check.
 *
 * @since 0.1.0
 * @category plugins
 */
export interface GasRenovationPlugin extends Plugin.Plugin {
  readonly id: "gas-renovation"
  readonly workflows: readonly [GasRenovationWorkflow]
}

/**
 * The plugin. Every option is optional:
 * - `targetRate` (0.8): share of households renovated for a community to count as covered;
 * - `surveyRate` (2/3): share of households surveyed before the consultation may start;
 * - `surveyWorkingDays` (20) and `acceptanceWorkingDays` (10): deadlines in working days;
 * - `handlingUnit` ("燃气公司"): the handling unit written on the outcome items;
 * - `visitPoints` (1), `visitCap` (5), `rubricCategory` ("gas-renovation"): the rubric item;
 * - `onProgress`: called after every committed progress change.
 * Throws `OptionsError` listing every bad option.
 *
 * @example
 * import { PluginHost } from "@tongxin/core"
 * import * as Result from "effect/Result"
 * import { gasRenovation } from "@tongxin/example-plugin-gas-renovation"
 *
 * const registry = Result.getOrThrow(PluginHost.make([gasRenovation({ targetRate: 0.76 })]))
 * const engine = registry.engine()
 *
 * @since 0.1.0
 * @category plugins
 */
export const gasRenovation = (options: GasRenovationOptions = {}): GasRenovationPlugin => {
  const resolved = resolve(options)
  const { onProgress, ...kept } = resolved
  return Plugin.define({
    id: "gas-renovation",
    version: "1.0.0",
    requires: "^0.1.0",
    labels: { "zh-CN": "老旧燃气管道改造", en: "Ageing gas-pipe renovation" },
    workflows: [makeWorkflow(resolved)],
    coverageRules: [makeCoverageRule(resolved)],
    selectors: [visitsSelector],
    rubricItems: [makeVisitItem(resolved)],
    activityTypes: [visitActivityType],
    hooks: onProgress === undefined ? [] : [notifyHook(onProgress)],
    options: kept,
  })
}

export { gasRenovationCoverage, isRenovationOutcome, makeCoverageRule, ruleId } from "./coverage.js"
export {
  defaults,
  type GasRenovationOptions,
  Options,
  OptionsError,
  type ProgressNotice,
  type Resolved,
  resolve,
} from "./options.js"
export { makeVisitItem, visitActivityType, visitItem, visitsSelector } from "./scoring.js"
export {
  gasRenovationWorkflow,
  type GasRenovationWorkflow,
  makeWorkflow,
  notifyHook,
  outcomeIdOf,
  ProgressPayload,
  progressCommands,
  progressOf,
  SurveyPayload,
  surveyOf,
  workflowId,
} from "./workflow.js"
