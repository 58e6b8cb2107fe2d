/**
 * Selectors contributed by plugins. A rubric item refers to one as
 * `select: { from: plugin, kind: "<kind>", params: {…} }`; the selector finds the occurrences
 * (subject, record, date, how much it counts) the item scores.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Labels } from "../i18n/Labels.js"
import { strictAll } from "../internal/schema.js"
import type { DistrictData } from "../model/District.js"
import type { DistrictIndex } from "../model/DistrictIndex.js"
import type { IsoDate } from "../model/IsoDate.js"
import * as Issue from "../model/Issue.js"
import type { Period } from "../model/Period.js"

/**
 * One thing a selector found: which subject it counts for, the record behind it, its date (items
 * skip their first N occurrences in date order), and how much it counts (1 unless the selector says
 * otherwise; items with `per: "half-day"` or `"progress"` multiply points by it).
 *
 * @since 0.1.0
 * @category models
 */
export interface Occurrence {
  readonly subjectId: string
  readonly recordId: string
  readonly date: IsoDate
  readonly units?: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SelectorContext {
  readonly data: DistrictData
  readonly index: DistrictIndex
  readonly period: Period
}

/**
 * A plugin selector definition.
 *
 * @since 0.1.0
 * @category models
 */
export interface SelectorDefinition<P> {
  readonly kind: string
  readonly labels: Labels
  readonly subjects: ReadonlyArray<"member" | "committee">
  readonly params: Schema.Decoder<P>
  readonly occurrences: (context: SelectorContext, params: P) => Iterable<Occurrence>
}

/**
 * A selector whatever its parameter type, as registries hold it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Any {
  readonly kind: string
  readonly labels: Labels
  readonly subjects: ReadonlyArray<"member" | "committee">
  /** Checks params from a rubric; issues have paths relative to the params. */
  readonly check: (params: unknown) => ReadonlyArray<Issue.Issue>
  /** Decodes params (already checked) and finds the occurrences. */
  readonly run: (context: SelectorContext, params: unknown) => Iterable<Occurrence>
}

/**
 * Defines a plugin selector.
 *
 * @example
 * import { ScoringSelector } from "@tongxin/core"
 * import * as Schema from "effect/Schema"
 *
 * // Each outcome item of the member's studio that reached 100%.
 * export const studioOutcomes = ScoringSelector.define({
 *   kind: "studio-outcomes",
 *   labels: { "zh-CN": "工作室成果", en: "Studio outcomes" },
 *   subjects: ["member"],
 *   params: Schema.Struct({}),
 *   occurrences: ({ data }) => [],
 * })
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <P>(definition: SelectorDefinition<P>): Any => {
  const decode = Schema.decodeUnknownResult(definition.params, strictAll)
  return {
    kind: definition.kind,
    labels: definition.labels,
    subjects: definition.subjects,
    check: (params) => Result.match(decode(params), { onFailure: Issue.fromSchemaError, onSuccess: () => [] }),
    run: (context, params) => definition.occurrences(context, Result.getOrThrow(decode(params))),
  }
}
