/**
 * Bilingual labels. Every enum value, unit kind, sector and rule carries a zh-CN and an en label;
 * reports default to zh-CN.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString } from "../internal/schema.js"

/**
 * The locales Tongxin ships labels for.
 *
 * @since 0.1.0
 * @category models
 */
export const Locale = Schema.Literals(["zh-CN", "en"])

/**
 * @since 0.1.0
 * @category models
 */
export type Locale = typeof Locale.Type

/**
 * The default locale of every report and message.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLocale: Locale = "zh-CN"

/**
 * A label in both languages.
 *
 * @since 0.1.0
 * @category models
 */
export const Labels = Schema.Struct({
  "zh-CN": NonEmptyTrimmedString,
  en: NonEmptyTrimmedString,
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Labels extends Schema.Schema.Type<typeof Labels> {}

/**
 * Picks the label for a locale.
 *
 * @since 0.1.0
 * @category accessors
 */
export const pick = (labels: Labels, locale: Locale = defaultLocale): string => labels[locale]

/**
 * Both labels in one string, "中文 (English)", for bilingual console output.
 *
 * @since 0.1.0
 * @category accessors
 */
export const both = (labels: Labels): string =>
  labels["zh-CN"] === labels.en ? labels.en : `${labels["zh-CN"]} (${labels.en})`
