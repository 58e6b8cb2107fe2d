/**
 * Loads plugins: rejects duplicate ids, incompatible versions and conflicting workflow, rule,
 * selector, activity-type and hook ids with clear errors, and yields the registry the workflow
 * engine, coverage and scoring read. Every version of a workflow stays registered, so cases opened
 * under version 1 keep running under version 1 after version 2 arrives.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { parseVersion, satisfies } from "../internal/npmRange.js"
import * as Coverage from "../coverage/Coverage.js"
import type * as CoverageRule from "../coverage/Rule.js"
import { type ActivityTypeDef, BuiltinActivityType } from "../model/Activity.js"
import * as Issue from "../model/Issue.js"
import type * as ScoringSelector from "../scoring/Selector.js"
import * as Engine from "../workflow/Engine.js"
import * as Standard from "../workflow/Standard.js"
import * as Workflow from "../workflow/Workflow.js"
import { coreVersion, type Plugin, type RubricItem } from "./Plugin.js"

/**
 * Every problem with a set of plugins.
 *
 * @since 0.1.0
 * @category errors
 */
export class PluginError extends Schema.TaggedError<PluginError>()("PluginError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `the plugins cannot be loaded:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

/**
 * What the plugins (and Tongxin's built-ins) provide.
 *
 * @since 0.1.0
 * @category models
 */
export interface Registry {
  readonly plugins: ReadonlyArray<Plugin>
  /** Every workflow at every version, the standard consultation workflow included. */
  readonly workflows: ReadonlyArray<Workflow.Any>
  /** A workflow at a version, or its latest version. */
  readonly workflow: (id: string, version?: number) => Option.Option<Workflow.Any>
  /** The built-in coverage rules and the plugins'. */
  readonly coverageRules: ReadonlyArray<CoverageRule.Any>
  readonly selectors: ReadonlyArray<ScoringSelector.Any>
  readonly rubricItems: ReadonlyArray<RubricItem>
  /** Activity types plugins add (built-in ones are always known). */
  readonly activityTypes: ReadonlyArray<ActivityTypeDef>
  readonly hooks: ReadonlyArray<Engine.Hook>
  /** A workflow engine over the registry's workflows and hooks. */
  readonly engine: (options?: Pick<Engine.Options, "chainKey">) => Engine.Engine
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * The core version to check `requires` against; the running core's by default. `0.0.0`
   * ({@link unreleased}) satisfies every valid range.
   */
  readonly coreVersion?: string
  /** Leave out the standard consultation workflow. */
  readonly withoutStandardWorkflow?: boolean
}

const issue = (path: string, code: string, en: string, zh: string): Issue.Issue => ({
  path,
  code,
  message: en,
  messageZh: zh,
})

/**
 * The version a checkout of Tongxin's repository carries until its first release is cut
 * (`changeset version` turns it into 0.1.0). Such a core cannot tell which releases it will be part
 * of, so it checks that every `requires` is a valid range but satisfies all of them.
 *
 * @since 0.1.0
 * @category constants
 */
export const unreleased = "0.0.0"

/**
 * Checks and registers plugins.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (plugins: ReadonlyArray<Plugin>, options: Options = {}): Result.Result<Registry, PluginError> => {
  const core = options.coreVersion ?? coreVersion
  const issues: Array<Issue.Issue> = []
  // Ids already taken, with who took them.
  const taken = {
    plugin: new Map<string, string>(),
    workflow: new Map<string, string>(),
    rule: new Map(Coverage.builtins.map((r) => [r.id, "Tongxin's built-in rules"])),
    selector: new Map<string, string>(),
    activityType: new Map(BuiltinActivityType.values.map((t) => [t as string, "Tongxin's built-in activity types"])),
    hook: new Map<string, string>(),
  }
  const builtins = options.withoutStandardWorkflow === true ? [] : [Standard.consultation as unknown as Workflow.Any]
  for (const w of builtins) taken.workflow.set(`${w.id}@${w.version}`, "Tongxin's built-in workflows")
  const claim = (kind: keyof typeof taken, id: string, owner: string, path: string, what: string, whatZh: string) => {
    const holder = taken[kind].get(id)
    if (holder !== undefined)
      issues.push(
        issue(
          path,
          `duplicate-${kind}`,
          `${what} "${id}" is already provided by ${holder}`,
          `${whatZh} "${id}" 已由 ${holder} 提供`,
        ),
      )
    else taken[kind].set(id, owner)
  }
  plugins.forEach((p, i) => {
    const at = `plugins[${i}]`
    const owner = `plugin "${p.id}"`
    if (typeof p.id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(p.id)) {
      issues.push(
        issue(
          `${at}.id`,
          "invalid-id",
          "must be lower-case letters, digits and dashes",
          "应由小写字母、数字和短横线组成",
        ),
      )
    } else claim("plugin", p.id, `the plugin at ${at}`, `${at}.id`, "the plugin id", "插件编号")
    if (parseVersion(p.version) === undefined)
      issues.push(
        issue(
          `${at}.version`,
          "invalid-version",
          `"${p.version}" is not a version like 1.0.0`,
          `"${p.version}" 不是形如 1.0.0 的版本号`,
        ),
      )
    const ok = satisfies(core, p.requires)
    if (ok === undefined)
      issues.push(
        issue(
          `${at}.requires`,
          "invalid-range",
          `"${p.requires}" is not a version range like ^0.1.0`,
          `"${p.requires}" 不是形如 ^0.1.0 的版本范围`,
        ),
      )
    else if (!ok && core !== unreleased)
      issues.push(
        issue(
          `${at}.requires`,
          "incompatible",
          `needs @tongxin/core ${p.requires}, but this is ${core}`,
          `需要 @tongxin/core ${p.requires}，当前为 ${core}`,
        ),
      )
    ;(p.workflows ?? []).forEach((w, j) => {
      const wat = `${at}.workflows[${j}]`
      for (const problem of Workflow.check(w)) issues.push({ ...problem, path: `${wat}.${problem.path}` })
      claim("workflow", `${w.id}@${w.version}`, owner, wat, "workflow", "流程")
    })
    ;(p.coverageRules ?? []).forEach((r, j) => {
      claim("rule", r.id, owner, `${at}.coverageRules[${j}]`, "the coverage rule", "覆盖规则")
    })
    ;(p.selectors ?? []).forEach((s, j) => {
      claim("selector", s.kind, owner, `${at}.selectors[${j}]`, "the scoring selector", "考评选择器")
    })
    ;(p.activityTypes ?? []).forEach((t, j) => {
      claim("activityType", t.id, owner, `${at}.activityTypes[${j}]`, "the activity type", "活动类型")
    })
    ;(p.hooks ?? []).forEach((h, j) => {
      claim("hook", h.id, owner, `${at}.hooks[${j}]`, "the hook", "钩子")
    })
  })
  const workflows = [...builtins, ...plugins.flatMap((p) => p.workflows ?? [])]
  // A hook that names a workflow or command no registered workflow has would never run: a typo.
  plugins.forEach((p, i) => {
    ;(p.hooks ?? []).forEach((h, j) => {
      const at = `plugins[${i}].hooks[${j}]`
      const scope = h.workflow === undefined ? workflows : workflows.filter((w) => w.id === h.workflow)
      if (h.workflow !== undefined && scope.length === 0)
        issues.push(
          issue(
            `${at}.workflow`,
            "unknown-workflow",
            `no registered workflow is called "${h.workflow}" (registered: ${[...new Set(workflows.map((w) => w.id))].join(", ")}): the hook would never run`,
            `没有名为 "${h.workflow}" 的已注册流程（已注册：${[...new Set(workflows.map((w) => w.id))].join("、")}）：该钩子永远不会运行`,
          ),
        )
      else if (h.command !== undefined && !scope.some((w) => Object.hasOwn(w.transitions, h.command!)))
        issues.push(
          issue(
            `${at}.command`,
            "unknown-command",
            `no ${h.workflow === undefined ? "registered workflow" : `version of "${h.workflow}"`} has a command "${h.command}": the hook would never run`,
            `${h.workflow === undefined ? "已注册的流程" : `流程 "${h.workflow}" 的任何版本`}都没有命令 "${h.command}"：该钩子永远不会运行`,
          ),
        )
    })
  })
  if (issues.length > 0) return Result.fail(new PluginError({ issues }))

  const hooks = plugins.flatMap((p) => p.hooks ?? [])
  const registry: Registry = {
    plugins,
    workflows,
    workflow: (id, version) => {
      const matching = workflows.filter((w) => w.id === id && (version === undefined || w.version === version))
      return Option.fromNullishOr(matching.sort((a, b) => b.version - a.version)[0])
    },
    coverageRules: [...Coverage.builtins, ...plugins.flatMap((p) => p.coverageRules ?? [])],
    selectors: plugins.flatMap((p) => p.selectors ?? []),
    rubricItems: plugins.flatMap((p) => p.rubricItems ?? []),
    activityTypes: plugins.flatMap((p) => p.activityTypes ?? []),
    hooks,
    engine: (options = {}) => Engine.make({ ...options, workflows, hooks }),
  }
  return Result.succeed(registry)
}

/**
 * A rubric document (as read from its file, before `Scoring.parseRubric`) with the plugins' rubric
 * items added to their categories.
 *
 * @since 0.1.0
 * @category rubrics
 */
export const extendRubric = (registry: Registry, rubric: unknown): unknown => {
  if (typeof rubric !== "object" || rubric === null || registry.rubricItems.length === 0) return rubric
  const doc = rubric as {
    readonly categories?: ReadonlyArray<{ readonly id: string; readonly items: ReadonlyArray<unknown> }>
  }
  const categories = (doc.categories ?? []).map((c) => ({ ...c, items: [...c.items] }))
  for (const { category, categoryLabels, item } of registry.rubricItems) {
    const found = categories.find((c) => c.id === category)
    if (found !== undefined) found.items.push(item)
    else
      categories.push({
        id: category,
        labels: categoryLabels ?? { "zh-CN": category, en: category },
        items: [item],
      } as never)
  }
  return { ...doc, categories }
}
