/**
 * The plugin's options: what a district may tune, each with a default, checked once when the plugin
 * is made so a typo stops the program that loads it rather than a case halfway through.
 *
 * @since 0.1.0
 */
import { Issue } from "@tongxin/core"
import type * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, withDefault } from "./schema.js"

// A share of households, above 0 and at most 1 (0.8 is 80%).
const Rate = Schema.Number.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(1))
const WorkingDays = Schema.Number.check(Schema.isInt(), Schema.isGreaterThan(0))

/**
 * The options as a Schema: every field optional, with its default.
 *
 * @since 0.1.0
 * @category options
 */
export const Options = Schema.Struct({
  /** Share of a community's households that must be renovated for it to count as covered. */
  targetRate: withDefault(Rate, 0.8),
  /** Share of households that must be surveyed before the consultation may start. */
  surveyRate: withDefault(Rate, 2 / 3),
  /** Working days from opening a case to starting the consultation. */
  surveyWorkingDays: withDefault(WorkingDays, 20),
  /** Working days from the end of the works to the acceptance decision. */
  acceptanceWorkingDays: withDefault(WorkingDays, 10),
  /** The handling unit (承办单位) written on the outcome items: the gas company. */
  handlingUnit: withDefault(NonEmptyTrimmedString, "燃气公司"),
  /** Points per renovation visit in a rubric, and the most the item gives. */
  visitPoints: withDefault(Schema.Finite.check(Schema.isGreaterThan(0)), 1),
  visitCap: withDefault(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)), 5),
  /** The rubric category the visit item joins (created when a rubric has none by that id). */
  rubricCategory: withDefault(Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/)), "gas-renovation"),
})

/**
 * A progress report the plugin tells `onProgress` about, once it is committed.
 *
 * @since 0.1.0
 * @category options
 */
export interface ProgressNotice {
  readonly caseId: string
  readonly command: string
  readonly percent: number
  readonly at: string
}

/**
 * What `gasRenovation(options)` accepts. Every field is optional.
 *
 * @since 0.1.0
 * @category options
 */
export interface GasRenovationOptions extends Schema.Codec.Encoded<typeof Options> {
  /**
   * Called after every committed progress change (report, completion, reopening) — e.g. to text
   * the residents. A failure is reported by the engine and never undoes the event.
   */
  readonly onProgress?: (notice: ProgressNotice) => Effect.Effect<void, unknown>
}

/**
 * The options with every default filled in.
 *
 * @since 0.1.0
 * @category options
 */
export interface Resolved extends Schema.Schema.Type<typeof Options> {
  readonly onProgress?: (notice: ProgressNotice) => Effect.Effect<void, unknown>
}

/**
 * Options that cannot be used: every problem, with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class OptionsError extends Schema.TaggedError<OptionsError>()("GasRenovationOptionsError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `gasRenovation options are not valid:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

// Every problem, unknown keys included, with the value that was given.
const decode = Schema.decodeUnknownResult(Options, { errors: "all", onExcessProperty: "error", reportInput: true })

/**
 * Fills in the defaults; throws `OptionsError` listing every problem (options are code, like a
 * workflow definition).
 *
 * @since 0.1.0
 * @category options
 */
export const resolve = (options: GasRenovationOptions = {}): Resolved => {
  const { onProgress, ...data } = options
  const decoded = decode(data)
  if (Result.isFailure(decoded)) throw new OptionsError({ issues: Issue.fromSchemaError(decoded.failure) })
  return onProgress === undefined ? decoded.success : { ...decoded.success, onProgress }
}

/**
 * The defaults.
 *
 * @since 0.1.0
 * @category options
 */
export const defaults: Resolved = resolve()
