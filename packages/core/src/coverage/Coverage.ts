/**
 * Coverage (全覆盖): run coverage rules over a district and a period, and get every rule's result,
 * its gaps, an overall figure, and a street table rolled up the unit tree.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { Labels } from "../i18n/Labels.js"
import { NonEmptyTrimmedString, noHiddenCharacters, optional, quoted, strictAll } from "../internal/schema.js"
import type { DistrictData } from "../model/District.js"
import * as DistrictIndex from "../model/DistrictIndex.js"
import type { UnitId } from "../model/Ids.js"
import * as Issue from "../model/Issue.js"
import { assertValid as assertPeriod, type Period } from "../model/Period.js"
import type * as Rule from "./Rule.js"
import { activityCadence } from "./rules/ActivityCadence.js"
import { leaderGuidance } from "./rules/LeaderGuidance.js"
import { memberMinimums } from "./rules/MemberMinimums.js"
import { memberPlacement } from "./rules/MemberPlacement.js"
import { partyBranches, partyMembership } from "./rules/PartyOrganisation.js"
import { partyWork } from "./rules/PartyWork.js"
import { platformCoverage } from "./rules/PlatformCoverage.js"
import { specialCommitteeContact } from "./rules/SpecialCommitteeContact.js"

/**
 * The built-in rules, in report order.
 *
 * @since 0.1.0
 * @category rules
 */
export const builtins: ReadonlyArray<Rule.Any> = [
  platformCoverage,
  memberPlacement,
  partyBranches,
  partyMembership,
  partyWork,
  leaderGuidance,
  specialCommitteeContact,
  activityCadence,
  memberMinimums,
]

/**
 * Covered out of total. `ratio` is covered ÷ total, and 1 when there is nothing to cover.
 *
 * @since 0.1.0
 * @category models
 */
export interface Count {
  readonly covered: number
  readonly total: number
  readonly ratio: number
}

/**
 * A subject a rule found not covered.
 *
 * @since 0.1.0
 * @category models
 */
export interface Gap extends Rule.Shortfall {
  readonly ruleId: string
  readonly subject: Rule.Subject
  readonly unitId?: UnitId
  /** The township-level unit the gap rolls up to, if any. */
  readonly streetId?: UnitId
}

/**
 * One rule's result.
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleResult extends Count {
  readonly id: string
  readonly labels: Labels
  readonly params: unknown
  /** Sorted by subject kind, then subject id. `gaps.length === total - covered`. */
  readonly gaps: ReadonlyArray<Gap>
}

/**
 * A street's row of the street table: its count for every rule (in report order). Only checks
 * placed in the street's subtree count; district-wide checks appear in the rule totals only.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreetRow {
  readonly streetId: UnitId
  readonly name: string
  readonly results: ReadonlyArray<Count & { readonly ruleId: string }>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CoverageReport {
  readonly period: Period
  readonly results: ReadonlyArray<RuleResult>
  /** Summed over every rule's checks; `rulesMet` counts rules with nothing uncovered. */
  readonly overall: Count & { readonly rulesMet: number; readonly rules: number }
  /** Township-level units sorted by id. */
  readonly streets: ReadonlyArray<StreetRow>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CheckOptions {
  /** Rules to run: configured rules, or rule definitions (run with their defaults). */
  readonly rules: ReadonlyArray<Rule.ConfiguredRule | Rule.Any>
  readonly period: Period
  /** Reuse an index built for other rules over the same data. */
  readonly index?: DistrictIndex.DistrictIndex
}

const count = (covered: number, total: number): Count => ({ covered, total, ratio: total === 0 ? 1 : covered / total })

const configured = (r: Rule.ConfiguredRule | Rule.Any): Rule.ConfiguredRule => ("run" in r ? r : r.defaults)

const compareGaps = (a: Gap, b: Gap) =>
  a.subject.kind < b.subject.kind
    ? -1
    : a.subject.kind > b.subject.kind
      ? 1
      : a.subject.id < b.subject.id
        ? -1
        : a.subject.id > b.subject.id
          ? 1
          : 0

/**
 * Runs the rules. Pure and deterministic: the same data in any order gives the same report.
 * Throws a `District.DistrictError` when `data` does not have its type's shape (see
 * `District.assertShape`: free for data from `District.parse`).
 *
 * @example
 * import { Coverage, Period } from "@tongxin/core"
 *
 * declare const data: import("@tongxin/core").District.DistrictData
 * const report = Coverage.check(data, { rules: Coverage.builtins, period: Period.year(2025) })
 * for (const r of report.results) console.log(r.id, `${r.covered}/${r.total}`)
 *
 * @since 0.1.0
 * @category running
 */
export const check = (data: DistrictData, options: CheckOptions): CoverageReport => {
  assertPeriod(options.period)
  const index = options.index ?? DistrictIndex.make(data)
  const rules = options.rules.map(configured)
  const seen = new Set<string>()
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`Coverage.check: two rules have the id "${r.id}"; give one a different key`)
    seen.add(r.id)
  }
  const streets = index.unitsOfTier("township")
  // Street slot by unit position: one map lookup per check finds its street's row.
  const slotAt = new Int32Array(data.units.length).fill(-1)
  streets.forEach((s, i) => {
    slotAt[index.unitPosition(s.id)] = i
  })
  const context: Rule.RuleContext = { data, index, period: options.period }

  let allCovered = 0
  let allTotal = 0
  const perStreet: Array<{ covered: Int32Array; total: Int32Array }> = []
  const results = rules.map((rule): RuleResult => {
    const streetCovered = new Int32Array(streets.length)
    const streetTotal = new Int32Array(streets.length)
    const gaps: Array<Gap> = []
    let total = 0
    for (const c of rule.run(context)) {
      total++
      const position = c.unitId === undefined ? -1 : index.unitPosition(c.unitId)
      const street = position < 0 ? -1 : index.streetPositionAt(position)
      const i = street < 0 ? -1 : slotAt[street]!
      const streetId = street < 0 ? undefined : data.units[street]!.id
      if (i >= 0) streetTotal[i]!++
      if (c.gap === undefined) {
        if (i >= 0) streetCovered[i]!++
      } else {
        gaps.push({
          ruleId: rule.id,
          subject: c.subject,
          ...(c.unitId === undefined ? {} : { unitId: c.unitId }),
          ...(streetId === undefined ? {} : { streetId }),
          ...c.gap,
        })
      }
    }
    gaps.sort(compareGaps)
    perStreet.push({ covered: streetCovered, total: streetTotal })
    allCovered += total - gaps.length
    allTotal += total
    return { id: rule.id, labels: rule.labels, params: rule.params, ...count(total - gaps.length, total), gaps }
  })

  return {
    period: options.period,
    results,
    overall: {
      ...count(allCovered, allTotal),
      rulesMet: results.filter((r) => r.gaps.length === 0).length,
      rules: results.length,
    },
    streets: streets.map((s, i) => ({
      streetId: s.id,
      name: s.name,
      results: results.map((r, k) => ({ ruleId: r.id, ...count(perStreet[k]!.covered[i]!, perStreet[k]!.total[i]!) })),
    })),
  }
}

/**
 * Rolls one rule's checks up the whole unit tree: for every unit, the count of checks placed in its
 * subtree. Children's counts plus the unit's own checks sum exactly to the unit's count.
 *
 * @since 0.1.0
 * @category running
 */
export const rollUp = (
  data: DistrictData,
  rule: Rule.ConfiguredRule | Rule.Any,
  period: Period,
  index: DistrictIndex.DistrictIndex = DistrictIndex.make(data),
): ReadonlyMap<UnitId, Count> => {
  const covered = new Map<UnitId, number>()
  const total = new Map<UnitId, number>()
  const limit = data.units.length
  for (const c of configured(rule).run({ data, index, period })) {
    let id: UnitId | undefined = c.unitId
    for (let steps = 0; id !== undefined && steps <= limit; steps++) {
      const u = index.unit(id)
      if (u === undefined) break
      total.set(id, (total.get(id) ?? 0) + 1)
      if (c.gap === undefined) covered.set(id, (covered.get(id) ?? 0) + 1)
      id = u.parentId
    }
  }
  const out = new Map<UnitId, Count>()
  for (const [id, t] of [...total].sort(([a], [b]) => (a < b ? -1 : 1))) out.set(id, count(covered.get(id) ?? 0, t))
  return out
}

/**
 * A district's coverage configuration: which rules to run and with which parameters. `key` names
 * the result when one rule is used twice (say, committee cadence and platform cadence); it becomes
 * the result's id, so like any id it may not hold control or invisible characters.
 *
 * @since 0.1.0
 * @category models
 */
export const Config = Schema.Struct({
  rules: Schema.Array(
    Schema.Struct({
      id: NonEmptyTrimmedString,
      key: optional(NonEmptyTrimmedString.check(noHiddenCharacters)),
      labels: optional(Labels),
      params: optional(Schema.Unknown),
    }),
  ),
})

/**
 * Every problem in a coverage configuration.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfigError extends Schema.TaggedError<ConfigError>()("CoverageConfigError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `The coverage configuration has ${this.issues.length} problem(s):\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

/**
 * Reads a coverage configuration against the rules available (built-ins plus plugin rules) and
 * returns the configured rules, or every problem with its path.
 *
 * @since 0.1.0
 * @category configuration
 */
export const parseConfig = (
  input: unknown,
  available: ReadonlyArray<Rule.Any> = builtins,
): Result.Result<ReadonlyArray<Rule.ConfiguredRule>, ConfigError> => {
  const shape = Schema.decodeUnknownResult(Config, strictAll)(input)
  if (Result.isFailure(shape)) return Result.fail(new ConfigError({ issues: Issue.fromSchemaError(shape.failure) }))
  const byId = new Map(available.map((r) => [r.id, r]))
  const issues: Array<Issue.Issue> = []
  const keys = new Set<string>()
  const rules: Array<Rule.ConfiguredRule> = []
  shape.success.rules.forEach((entry, i) => {
    const rule = byId.get(entry.id)
    if (rule === undefined) {
      const known = [...byId.keys()].join(", ")
      issues.push({
        path: `rules[${i}].id`,
        code: "unknown-rule",
        message: `no coverage rule is called ${quoted(entry.id)}; known rules: ${known}`,
        messageZh: `没有名为 ${quoted(entry.id)} 的覆盖规则；可用规则：${known}`,
      })
      return
    }
    const key = entry.key ?? entry.id
    if (keys.has(key)) {
      issues.push({
        path: `rules[${i}]`,
        code: "duplicate-key",
        message: `a second rule is keyed ${quoted(key)}; give it its own "key"`,
        messageZh: `规则键 ${quoted(key)} 重复，请为其设置不同的 key`,
      })
    }
    keys.add(key)
    Result.match(rule.configure(entry.params ?? {}, `rules[${i}].params`), {
      onFailure: (more) => issues.push(...more),
      onSuccess: (r) => rules.push({ ...r, id: key, labels: entry.labels ?? r.labels }),
    })
  })
  return issues.length > 0 ? Result.fail(new ConfigError({ issues })) : Result.succeed(rules)
}
