/**
 * A coverage rule: data (id, bilingual labels, a parameter Schema with defaults) plus a pure
 * evaluation that checks subjects one by one. Built-in rules and plugin rules are made the same way.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import type { Labels } from "../i18n/Labels.js"
import { strictAll } from "../internal/schema.js"
import type { DistrictData } from "../model/District.js"
import type { DistrictIndex } from "../model/DistrictIndex.js"
import type { UnitId } from "../model/Ids.js"
import * as Issue from "../model/Issue.js"
import type { Period } from "../model/Period.js"

/**
 * What a check is about.
 *
 * @since 0.1.0
 * @category models
 */
export const SubjectKind = LabelledEnum.make("CoverageSubject", {
  unit: { "zh-CN": "单位", en: "Unit" },
  platform: { "zh-CN": "平台", en: "Platform" },
  member: { "zh-CN": "委员", en: "Member" },
  committee: { "zh-CN": "联络委", en: "Liaison committee" },
  "party-branch": { "zh-CN": "党支部", en: "Party branch" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type SubjectKind = typeof SubjectKind.schema.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Subject {
  readonly kind: SubjectKind
  readonly id: string
  /** For people reading a report; not used to identify. */
  readonly name?: string
}

/**
 * Why a subject is not covered: a stable reason code and a message in both languages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Shortfall {
  readonly reason: string
  readonly message: Labels
}

/**
 * One subject checked by a rule. Without `gap` it is covered. `unitId` places it in the unit tree
 * for the street roll-up.
 *
 * @since 0.1.0
 * @category models
 */
export interface Check {
  readonly subject: Subject
  readonly unitId?: UnitId
  readonly gap?: Shortfall
}

/**
 * What a rule's evaluation sees.
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleContext {
  readonly data: DistrictData
  readonly index: DistrictIndex
  readonly period: Period
}

/**
 * A rule with its parameters fixed, ready to run.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfiguredRule {
  readonly id: string
  readonly labels: Labels
  /** The parameters in their encoded (JSON) form, for reports. */
  readonly params: unknown
  readonly run: (context: RuleContext) => Iterable<Check>
}

/**
 * A rule definition.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rule<P> {
  readonly id: string
  readonly labels: Labels
  readonly description: Labels
  readonly params: Schema.Codec<P, unknown>
  /**
   * One check per subject, as an array or a generator; a generator lets `Coverage.check` count
   * each check as it comes, so national-size rules never hold all their checks at once.
   */
  readonly evaluate: (context: RuleContext, params: P) => Iterable<Check>
  /**
   * Fixes typed parameters: every field, each as its schema allows, or a `RangeError` naming the
   * problems (use `configure` for partial or untrusted input: it fills in defaults and returns
   * the problems).
   */
  readonly with: (params: P) => ConfiguredRule
  /** Decodes parameters from configuration (missing fields take defaults); every problem has a path. */
  readonly configure: (input: unknown, path?: string) => Result.Result<ConfiguredRule, ReadonlyArray<Issue.Issue>>
  /** The rule with all default parameters. */
  readonly defaults: ConfiguredRule
}

/**
 * Any rule, whatever its parameter type: what registries and `Coverage.check` accept.
 *
 * @since 0.1.0
 * @category models
 */
export interface Any {
  readonly id: string
  readonly labels: Labels
  readonly description: Labels
  readonly configure: (input: unknown, path?: string) => Result.Result<ConfiguredRule, ReadonlyArray<Issue.Issue>>
  readonly defaults: ConfiguredRule
}

/**
 * Defines a rule. The parameter Schema must decode `{}` (give every field a default).
 *
 * @example
 * import { CoverageRule } from "@tongxin/core"
 * import * as Schema from "effect/Schema"
 *
 * export const studioEverywhere = CoverageRule.define({
 *   id: "studio-per-street",
 *   labels: { "zh-CN": "委员工作室覆盖", en: "Studio coverage" },
 *   description: { "zh-CN": "每个街道至少有一个委员工作室", en: "Every street has a member studio" },
 *   params: Schema.Struct({}),
 *   evaluate: ({ index, data }) =>
 *     index.unitsOfTier("township").map((street) => {
 *       const has = data.studios.some((s) => index.streetOf(s.unitId) === street.id)
 *       return has ? { subject: { kind: "unit", id: street.id }, unitId: street.id }
 *         : { subject: { kind: "unit", id: street.id }, unitId: street.id,
 *             gap: { reason: "no-studio", message: { "zh-CN": "没有委员工作室", en: "no member studio" } } }
 *     }),
 * })
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <P, I>(definition: {
  readonly id: string
  readonly labels: Labels
  readonly description: Labels
  readonly params: Schema.Codec<P, I>
  readonly evaluate: (context: RuleContext, params: P) => Iterable<Check>
}): Rule<P> => {
  const decode = Schema.decodeUnknownResult(definition.params, strictAll)
  const encode = Schema.encodeSync(definition.params)
  // `with` takes typed parameters from code, where nothing else checked them: a field left out or a
  // value its schema refuses is named here, not met later as a wrong count.
  const checkTyped = Schema.decodeUnknownResult(Schema.toType(definition.params), strictAll)
  const withParams = (params: P): ConfiguredRule => {
    const checked = checkTyped(params)
    if (Result.isFailure(checked))
      throw new RangeError(
        `rule ${definition.id}: the parameters given to with() are not valid:\n${Issue.fromSchemaError(checked.failure)
          .map((i) => `  - ${Issue.format(i)}`)
          .join("\n")}\n(configure(input) fills in defaults and returns the problems instead of throwing)`,
      )
    return {
      id: definition.id,
      labels: definition.labels,
      params: encode(params),
      run: (context) => definition.evaluate(context, params),
    }
  }
  const configure = (input: unknown, path = "params") =>
    Result.mapBoth(decode(input ?? {}), {
      onFailure: (error) =>
        Issue.fromSchemaError(error).map((i) => ({ ...i, path: i.path === "(root)" ? path : `${path}.${i.path}` })),
      onSuccess: withParams,
    })
  const defaults = Result.getOrElse(configure({}), (issues) => {
    throw new Error(
      `rule ${definition.id}: its params Schema must decode {} (${issues.map((i) => i.message).join("; ")})`,
    )
  })
  return { ...definition, with: withParams, configure, defaults }
}

/**
 * A check that passes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const covered = (subject: Subject, unitId?: UnitId): Check =>
  unitId === undefined ? { subject } : { subject, unitId }

/**
 * A check that fails, with its reason.
 *
 * @since 0.1.0
 * @category constructors
 */
export const gap = (subject: Subject, unitId: UnitId | undefined, reason: string, en: string, zh: string): Check => ({
  subject,
  ...(unitId === undefined ? {} : { unitId }),
  gap: { reason, message: { "zh-CN": zh, en } },
})
