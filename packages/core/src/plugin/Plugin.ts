/**
 * Plugins: how a district adds its own way of working without forking Tongxin. A plugin is a
 * factory returning a checked definition — workflows, coverage rules, scoring selectors and rubric
 * items, activity types, and hooks on workflow commands — that `PluginHost.make` registers.
 *
 * @example
 * import { Plugin } from "@tongxin/core"
 *
 * export const myPlugin = (options: { readonly target?: number } = {}) =>
 *   Plugin.define({ id: "my-plugin", version: "1.0.0", requires: "^0.1.0", workflows: [], options })
 *
 * @since 0.1.0
 */
import type { Labels } from "../i18n/Labels.js"
import packageJson from "../../package.json" with { type: "json" }
import type * as CoverageRule from "../coverage/Rule.js"
import type { ActivityTypeDef } from "../model/Activity.js"
import type * as ScoringSelector from "../scoring/Selector.js"
import type * as Engine from "../workflow/Engine.js"
import type * as Workflow from "../workflow/Workflow.js"

/**
 * The version of `@tongxin/core` plugins are checked against (`requires`): the package's own
 * `version`, read from its package.json when the package is built (bundlers inline it).
 *
 * @since 0.1.0
 * @category constants
 */
export const coreVersion: string = packageJson.version

/**
 * A rubric item a plugin contributes, for a category of the rubric it is added to.
 *
 * @since 0.1.0
 * @category models
 */
export interface RubricItem {
  /** The id of the rubric category the item joins (created when the rubric has none). */
  readonly category: string
  readonly categoryLabels?: Labels
  /** The item, as in a rubric file (see `Rubric.Item`). */
  readonly item: unknown
}

/**
 * A plugin's definition.
 *
 * @since 0.1.0
 * @category models
 */
export interface Plugin {
  /** Lower-case letters, digits and dashes; unique among the plugins a host loads. */
  readonly id: string
  /** The plugin's own semver version. */
  readonly version: string
  /** The `@tongxin/core` versions it works with, as a semver range (`^0.1.0`). */
  readonly requires: string
  readonly labels?: Labels
  readonly workflows?: ReadonlyArray<Workflow.Any>
  readonly coverageRules?: ReadonlyArray<CoverageRule.Any>
  readonly selectors?: ReadonlyArray<ScoringSelector.Any>
  readonly rubricItems?: ReadonlyArray<RubricItem>
  readonly activityTypes?: ReadonlyArray<ActivityTypeDef>
  readonly hooks?: ReadonlyArray<Engine.Hook>
  /** The options the factory was called with, kept for reports. */
  readonly options?: unknown
}

/**
 * Declares a plugin. Checking happens when a host loads it (`PluginHost.make`), which reports every
 * problem of every plugin at once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <const P extends Plugin>(plugin: P): P => plugin
