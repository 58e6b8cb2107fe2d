/**
 * Consultation outcomes (协商成果): consensus items handed to a handling unit and tracked to
 * completion.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  isBetween,
  isFiniteNumber,
  isPositive,
  NonEmptyTrimmedString,
  optional,
  withDefault,
} from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { IsoDate } from "./IsoDate.js"
import { CaseId, OutcomeId, UnitId } from "./Ids.js"

/**
 * @since 0.1.0
 * @category models
 */
export const OutcomeStatus = LabelledEnum.make("OutcomeStatus", {
  assigned: { "zh-CN": "已交办", en: "Assigned" },
  "in-progress": { "zh-CN": "办理中", en: "In progress" },
  completed: { "zh-CN": "已办结", en: "Completed" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type OutcomeStatus = typeof OutcomeStatus.schema.Type

/**
 * How satisfied the proposers were with the handling (满意度).
 *
 * @since 0.1.0
 * @category models
 */
export const Satisfaction = LabelledEnum.make("Satisfaction", {
  satisfied: { "zh-CN": "满意", en: "Satisfied" },
  "basically-satisfied": { "zh-CN": "基本满意", en: "Basically satisfied" },
  unsatisfied: { "zh-CN": "不满意", en: "Unsatisfied" },
})

/**
 * A milestone of an outcome's handling.
 *
 * @since 0.1.0
 * @category models
 */
export const Milestone = Schema.Struct({
  title: NonEmptyTrimmedString,
  due: optional(IsoDate),
  doneOn: optional(IsoDate),
})

/**
 * An outcome item. `progress` is 0–100; a parent's progress is rolled up from its children
 * (`parentId`), weighted by `weight` where given.
 *
 * @since 0.1.0
 * @category models
 */
export const Outcome = Schema.Struct({
  id: OutcomeId,
  title: NonEmptyTrimmedString,
  caseId: optional(CaseId),
  parentId: optional(OutcomeId),
  /** The street (or other unit) the outcome belongs to, for per-street rates. */
  unitId: optional(UnitId),
  /** 承办单位: the department or body that handles it. */
  handlingUnit: NonEmptyTrimmedString,
  weight: optional(Schema.Number.check(isPositive, isFiniteNumber)),
  status: OutcomeStatus.schema,
  progress: Schema.Number.check(isBetween(0, 100)),
  assignedOn: IsoDate,
  dueOn: optional(IsoDate),
  completedOn: optional(IsoDate),
  /** 反馈: the handling unit replied to the proposers. */
  feedbackOn: optional(IsoDate),
  /** 见面: the handling unit met the proposers in person. */
  metOn: optional(IsoDate),
  /** 落实: the agreed measures were put into effect. */
  implemented: withDefault(Schema.Boolean, () => false),
  satisfaction: optional(Satisfaction.schema),
  milestones: withDefault(Schema.Array(Milestone), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Outcome extends Schema.Schema.Type<typeof Outcome> {}
