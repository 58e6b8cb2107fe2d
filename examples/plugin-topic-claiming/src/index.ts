/**
 * `@tongxin/example-plugin-topic-claiming`: topic claiming (议题认领) as a Tongxin plugin. A street
 * publishes topics; member groups claim them, report progress and announce completion; the CPPCC
 * office closes them; last year's completion is announced ("去年认领议题 10 个，已完成 10 个").
 *
 * @example
 * import { PluginHost } from "@tongxin/core"
 * import * as Result from "effect/Result"
 * import { topicClaiming } from "@tongxin/example-plugin-topic-claiming"
 *
 * const registry = Result.getOrThrow(PluginHost.make([topicClaiming({ maxTopicsPerGroup: 2 })]))
 * const engine = registry.engine()
 *
 * @since 0.1.0
 */
import { type Activity, Ids, Plugin } from "@tongxin/core"
import { claimLimitHook } from "./ClaimLimit.js"
import { makeCoverageRule } from "./CoverageRule.js"
import { claimedTopicsItem, claimedTopicsSelector } from "./Selector.js"
import { completionActivityType, makeTopicWorkflow, makeTopicWorkflowV2 } from "./TopicWorkflow.js"

/** @since 0.1.0 */
export * from "./TopicWorkflow.js"
/** @since 0.1.0 */
export * from "./Topics.js"
/** @since 0.1.0 */
export * from "./ClaimLimit.js"
/** @since 0.1.0 */
export * from "./CoverageRule.js"
/** @since 0.1.0 */
export * from "./Selector.js"

/**
 * The plugin's options; every one has a default.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Open topics (claimed or in progress) a group may hold at once (default 3). */
  readonly maxTopicsPerGroup?: number
  /** Working days a published topic may wait for a claim before it is overdue (default 10). */
  readonly claimWorkingDays?: number
  /** Members a group needs to claim a topic (default 1). */
  readonly minGroupMembers?: number
  /** The coverage rule's default minimum of topics per street in a period (default 1). */
  readonly minTopicsPerStreet?: number
  /** Rubric points per completed topic (default 5) … */
  readonly pointsPerTopic?: number
  /** … up to this many points a period (default 15). */
  readonly pointsCap?: number
}

/**
 * The activity type the plugin contributes: a group completed a claimed topic.
 *
 * @since 0.1.0
 * @category activity types
 */
export const completionActivity: Activity.ActivityTypeDef = {
  id: Ids.ActivityTypeId.make(completionActivityType),
  labels: { "zh-CN": "认领议题完成", en: "Claimed topic completed" },
}

/**
 * Options that make no sense: a definition is code, so the factory throws and names them all.
 *
 * @since 0.1.0
 * @category errors
 */
export class OptionsError extends Error {
  constructor(readonly problems: ReadonlyArray<string>) {
    super(`topicClaiming options:\n${problems.map((p) => `  - ${p}`).join("\n")}`)
    this.name = "OptionsError"
  }
}

const wholeNumber = (name: string, value: number, min: number) =>
  Number.isInteger(value) && value >= min
    ? []
    : [`${name} must be a whole number, ${min} or more (got ${value}); ${name} 应为不小于 ${min} 的整数`]

/**
 * The topic-claiming plugin: workflow `topic-claiming` (versions 1 and 2), the claim-limit hook,
 * coverage rule `topic-claiming-coverage`, selector `claimed-topics` with its rubric item, and the
 * `topic-completion` activity type.
 *
 * @since 0.1.0
 * @category constructors
 */
export const topicClaiming = (options: Options = {}): Plugin.Plugin => {
  const resolved = {
    maxTopicsPerGroup: options.maxTopicsPerGroup ?? 3,
    claimWorkingDays: options.claimWorkingDays ?? 10,
    minGroupMembers: options.minGroupMembers ?? 1,
    minTopicsPerStreet: options.minTopicsPerStreet ?? 1,
    pointsPerTopic: options.pointsPerTopic ?? 5,
    pointsCap: options.pointsCap ?? 15,
  }
  const problems = [
    ...wholeNumber("maxTopicsPerGroup", resolved.maxTopicsPerGroup, 1),
    ...wholeNumber("claimWorkingDays", resolved.claimWorkingDays, 1),
    ...wholeNumber("minGroupMembers", resolved.minGroupMembers, 1),
    ...wholeNumber("minTopicsPerStreet", resolved.minTopicsPerStreet, 0),
  ]
  if (problems.length > 0) throw new OptionsError(problems)
  // Every version stays registered: cases opened under version 1 keep running under it.
  const workflows = [makeTopicWorkflow(resolved), makeTopicWorkflowV2(resolved)]
  return Plugin.define({
    id: "topic-claiming",
    version: "1.0.0",
    requires: "^0.1.0",
    labels: { "zh-CN": "议题认领", en: "Topic claiming" },
    workflows,
    hooks: [claimLimitHook(resolved.maxTopicsPerGroup, workflows)],
    coverageRules: [makeCoverageRule({ minTopics: resolved.minTopicsPerStreet })],
    selectors: [claimedTopicsSelector],
    rubricItems: [claimedTopicsItem({ points: resolved.pointsPerTopic, cap: resolved.pointsCap })],
    activityTypes: [completionActivity],
    options: resolved,
  })
}
