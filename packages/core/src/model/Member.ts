/**
 * CPPCC members (政协委员) and the sectors (界别) they belong to.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { Labels } from "../i18n/Labels.js"
import { MemberId, SectorId, SpecialCommitteeId, UnitId } from "./Ids.js"

/**
 * The level of the CPPCC a member sits in.
 *
 * @since 0.1.0
 * @category models
 */
export const MemberLevel = LabelledEnum.make("MemberLevel", {
  national: { "zh-CN": "全国政协委员", en: "National member" },
  provincial: { "zh-CN": "省政协委员", en: "Provincial member" },
  city: { "zh-CN": "市政协委员", en: "City member" },
  district: { "zh-CN": "区政协委员", en: "District member" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type MemberLevel = typeof MemberLevel.schema.Type

/**
 * @since 0.1.0
 * @category models
 */
export const Gender = LabelledEnum.make("Gender", {
  female: { "zh-CN": "女", en: "Female" },
  male: { "zh-CN": "男", en: "Male" },
})

/**
 * A sector (界别) the district declares, e.g. `economy` 经济界.
 *
 * @since 0.1.0
 * @category models
 */
export const Sector = Schema.Struct({
  id: SectorId,
  labels: Labels,
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Sector extends Schema.Schema.Type<typeof Sector> {}

/**
 * A CPPCC member. Placement in a liaison committee is recorded on the committee, not here, so that
 * unplaced and doubly-placed members are visible to coverage rules.
 *
 * @since 0.1.0
 * @category models
 */
export const Member = Schema.Struct({
  id: MemberId,
  name: NonEmptyTrimmedString,
  gender: optional(Gender.schema),
  level: MemberLevel.schema,
  sector: SectorId,
  /** 中共党员: a member of the Communist Party of China. */
  partyMember: Schema.Boolean,
  /** 常委: a member of the standing committee. */
  standingCommittee: withDefault(Schema.Boolean, () => false),
  /** 主席会议成员: chairman, vice-chairmen and secretary-general. */
  chairmansMeeting: withDefault(Schema.Boolean, () => false),
  specialCommitteeIds: withDefault(Schema.Array(SpecialCommitteeId), () => []),
  /** The unit (usually a community) the member lives in. */
  residenceUnitId: optional(UnitId),
  /** The unit the member's workplace is in. */
  workUnitId: optional(UnitId),
  /** The member's employer and post, as printed on the member list. */
  employer: optional(NonEmptyTrimmedString),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Member extends Schema.Schema.Type<typeof Member> {}
