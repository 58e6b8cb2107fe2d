/**
 * An enum whose every value has a zh-CN and an en label, with its Schema.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { echo } from "../internal/echo.js"
import { bilingual, describeRejected } from "../internal/schema.js"
import { type Labels, type Locale, defaultLocale } from "./Labels.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface LabelledEnum<A extends string> {
  /** The enum's name, used in messages and the label catalog. */
  readonly name: string
  /** Decodes exactly the enum's values. */
  readonly schema: Schema.Codec<A>
  /** The values, in declaration order (which is also the display order). */
  readonly values: ReadonlyArray<A>
  readonly labels: { readonly [K in A]: Labels }
  /** Whether an unknown value is one of the enum's values. */
  readonly is: (value: unknown) => value is A
  readonly label: (value: A, locale?: Locale) => string
}

/**
 * Builds a labelled enum from a record of value → labels.
 *
 * @example
 * import { LabelledEnum } from "@tongxin/core"
 *
 * const Answer = LabelledEnum.make("Answer", {
 *   yes: { "zh-CN": "是", en: "Yes" },
 *   no: { "zh-CN": "否", en: "No" },
 * })
 * Answer.label("yes") // "是"
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <const L extends Record<string, Labels>>(
  name: string,
  labels: L,
): LabelledEnum<keyof L & string> => {
  type A = keyof L & string
  const values = Object.keys(labels) as Array<A>
  const set = new Set<string>(values)
  const schema: Schema.Codec<A> = Schema.Literals(values).annotate({
    identifier: name,
    // So a wrong value gets one message listing the choices, not one per choice.
    [describeRejected]: (actual: unknown) =>
      bilingual(
        `must be one of ${values.join(", ")}; got ${echo(actual)}`,
        `应为 ${values.join("、")} 之一，实际为 ${echo(actual, "zh")}`,
      ),
  })
  return {
    name,
    schema,
    values,
    labels: labels as { readonly [K in A]: Labels },
    is: (value: unknown): value is A => typeof value === "string" && set.has(value),
    label: (value, locale = defaultLocale) => labels[value]![locale],
  }
}
