/**
 * Proposals (提案) and social-conditions reports (社情民意).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { IsoDate } from "./IsoDate.js"
import { MemberId, SubmissionId } from "./Ids.js"
import { NonEmptyTrimmedString, withDefault } from "../internal/schema.js"

/**
 * @since 0.1.0
 * @category models
 */
export const SubmissionKind = LabelledEnum.make("SubmissionKind", {
  proposal: { "zh-CN": "提案", en: "Proposal" },
  "social-conditions": { "zh-CN": "社情民意信息", en: "Social-conditions report" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type SubmissionKind = typeof SubmissionKind.schema.Type

/**
 * What happened to a submission after it was submitted; any combination may hold.
 *
 * @since 0.1.0
 * @category models
 */
export const SubmissionFlag = LabelledEnum.make("SubmissionFlag", {
  accepted: { "zh-CN": "立案", en: "Accepted" },
  adopted: { "zh-CN": "采用", en: "Adopted" },
  key: { "zh-CN": "重点提案", en: "Key proposal" },
  excellent: { "zh-CN": "优秀提案", en: "Excellent proposal" },
  "leader-instruction": { "zh-CN": "领导批示", en: "Leader instruction" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type SubmissionFlag = typeof SubmissionFlag.schema.Type

/**
 * A submission and its authors in order: the first is the lead author (第一提案人), the rest
 * co-authors (联名). `collective` marks one made in the name of a group (集体提案).
 *
 * @since 0.1.0
 * @category models
 */
export const Submission = Schema.Struct({
  id: SubmissionId,
  kind: SubmissionKind.schema,
  title: NonEmptyTrimmedString,
  date: IsoDate,
  authors: Schema.NonEmptyArray(MemberId),
  collective: withDefault(Schema.Boolean, () => false),
  flags: withDefault(Schema.Array(SubmissionFlag.schema), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Submission extends Schema.Schema.Type<typeof Submission> {}
