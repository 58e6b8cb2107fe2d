/**
 * Functional party branches (功能型党支部) of liaison committees.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { CommitteeId, MemberId, PartyBranchId } from "./Ids.js"

/**
 * A branch serves one committee; with fewer than three party members, up to five committees share a
 * joint branch (联合党支部).
 *
 * @since 0.1.0
 * @category models
 */
export const PartyBranchKind = LabelledEnum.make("PartyBranchKind", {
  functional: { "zh-CN": "功能型党支部", en: "Functional party branch" },
  joint: { "zh-CN": "联合党支部", en: "Joint party branch" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type PartyBranchKind = typeof PartyBranchKind.schema.Type

/**
 * The first secretary (第一书记) sent by the district CPPCC party group; may or may not be a member.
 *
 * @since 0.1.0
 * @category models
 */
export const FirstSecretary = Schema.Struct({
  name: NonEmptyTrimmedString,
  memberId: optional(MemberId),
})

/**
 * A party branch and the party-member members (中共党员委员) in it.
 *
 * @since 0.1.0
 * @category models
 */
export const PartyBranch = Schema.Struct({
  id: PartyBranchId,
  kind: PartyBranchKind.schema,
  name: NonEmptyTrimmedString,
  committeeIds: Schema.NonEmptyArray(CommitteeId),
  secretaryId: optional(MemberId),
  firstSecretary: optional(FirstSecretary),
  memberIds: withDefault(Schema.Array(MemberId), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface PartyBranch extends Schema.Schema.Type<typeof PartyBranch> {}

/**
 * Party rules: a branch needs at least three formal party members, normally at most fifty; a joint
 * branch covers at most five units.
 *
 * @since 0.1.0
 * @category constants
 */
export const limits = { minMembers: 3, maxMembers: 50, maxJointUnits: 5 } as const
