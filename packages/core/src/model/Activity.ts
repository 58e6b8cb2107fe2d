/**
 * Activities (活动) with per-member attendance and other participants.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isBetween, isInt, isPositive, NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { Labels } from "../i18n/Labels.js"
import { IsoDate } from "./IsoDate.js"
import { ActivityId, ActivityTypeId, MemberId, PlatformId, UnitId } from "./Ids.js"

/**
 * The built-in activity types. Districts declare more in `district.activityTypes`; plugins
 * contribute theirs through the plugin host.
 *
 * @since 0.1.0
 * @category models
 */
export const BuiltinActivityType = LabelledEnum.make("ActivityType", {
  plenary: { "zh-CN": "全体会议", en: "Plenary session" },
  "standing-committee": { "zh-CN": "常委会议", en: "Standing committee meeting" },
  consultation: { "zh-CN": "协商活动", en: "Consultation" },
  "frontline-consultation": { "zh-CN": "一线协商", en: "Frontline consultation" },
  research: { "zh-CN": "调研", en: "Research" },
  inspection: { "zh-CN": "视察", en: "Inspection" },
  oversight: { "zh-CN": "民主监督", en: "Democratic oversight" },
  reading: { "zh-CN": "读书活动", en: "Reading activity" },
  training: { "zh-CN": "学习培训", en: "Training" },
  "offsite-training": { "zh-CN": "异地培训", en: "Off-site training" },
  reception: { "zh-CN": "委员接待日", en: "Reception day" },
  studio: { "zh-CN": "工作室活动", en: "Studio activity" },
  "party-led": { "zh-CN": "党建活动", en: "Party-led activity" },
  "liaison-meeting": { "zh-CN": "联络委会议", en: "Liaison committee meeting" },
})

/**
 * An activity type a district or plugin declares in addition to the built-ins.
 *
 * @since 0.1.0
 * @category models
 */
export const ActivityTypeDef = Schema.Struct({
  id: ActivityTypeId,
  labels: Labels,
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActivityTypeDef extends Schema.Schema.Type<typeof ActivityTypeDef> {}

/**
 * How a member took part: present, excused (请假), absent without leave (无故缺席), late, or partly.
 *
 * @since 0.1.0
 * @category models
 */
export const AttendanceStatus = LabelledEnum.make("AttendanceStatus", {
  present: { "zh-CN": "出席", en: "Present" },
  excused: { "zh-CN": "请假", en: "Excused" },
  unexcused: { "zh-CN": "无故缺席", en: "Absent without leave" },
  late: { "zh-CN": "迟到", en: "Late" },
  partial: { "zh-CN": "部分参加", en: "Partly present" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type AttendanceStatus = typeof AttendanceStatus.schema.Type

/**
 * A speech a member gave at the activity: oral (口头发言) or written (书面发言).
 *
 * @since 0.1.0
 * @category models
 */
export const Speech = LabelledEnum.make("Speech", {
  oral: { "zh-CN": "口头发言", en: "Oral speech" },
  written: { "zh-CN": "书面发言", en: "Written speech" },
})

/**
 * The most half-days one attendance row may record.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxHalfDays = 1_000

/**
 * One member's attendance at one activity.
 *
 * @since 0.1.0
 * @category models
 */
export const Attendance = Schema.Struct({
  memberId: MemberId,
  status: AttendanceStatus.schema,
  /** Half-days actually attended, for `partial`; defaults to the activity's duration otherwise. */
  // Bounded so every store's integer column holds it.
  halfDays: optional(Schema.Number.check(isInt, isBetween(0, maxHalfDays))),
  speech: optional(Speech.schema),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Attendance extends Schema.Schema.Type<typeof Attendance> {}

/**
 * Who organised an activity.
 *
 * @since 0.1.0
 * @category models
 */
export const OrganiserKind = LabelledEnum.make("OrganiserKind", {
  district: { "zh-CN": "区政协", en: "District CPPCC" },
  committee: { "zh-CN": "街道联络委", en: "Liaison committee" },
  studio: { "zh-CN": "委员工作室", en: "Member studio" },
  "special-committee": { "zh-CN": "专委会", en: "Special committee" },
  platform: { "zh-CN": "协商平台", en: "Consultation platform" },
  "party-branch": { "zh-CN": "党支部", en: "Party branch" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type OrganiserKind = typeof OrganiserKind.schema.Type

/**
 * The organiser: a kind and, except for the district itself, the organising body's id.
 *
 * @since 0.1.0
 * @category models
 */
export const Organiser = Schema.Struct({
  kind: OrganiserKind.schema,
  id: optional(Schema.String),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Organiser extends Schema.Schema.Type<typeof Organiser> {}

/**
 * Participants who are not members.
 *
 * @since 0.1.0
 * @category models
 */
export const ParticipantKind = LabelledEnum.make("ParticipantKind", {
  department: { "zh-CN": "职能部门", en: "Government department" },
  community: { "zh-CN": "社区", en: "Community" },
  property: { "zh-CN": "物业公司", en: "Property company" },
  resident: { "zh-CN": "居民代表", en: "Resident representatives" },
  enterprise: { "zh-CN": "企业", en: "Enterprises" },
  expert: { "zh-CN": "专家", en: "Experts" },
  other: { "zh-CN": "其他", en: "Other" },
})

/**
 * A group of non-member participants, by kind, with names where known.
 *
 * @since 0.1.0
 * @category models
 */
export const Participants = Schema.Struct({
  kind: ParticipantKind.schema,
  count: Schema.Number.check(isInt, isPositive),
  names: withDefault(Schema.Array(NonEmptyTrimmedString), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Participants extends Schema.Schema.Type<typeof Participants> {}

/**
 * An activity on one day, lasting a number of half-days.
 *
 * @since 0.1.0
 * @category models
 */
export const Activity = Schema.Struct({
  id: ActivityId,
  type: ActivityTypeId,
  title: NonEmptyTrimmedString,
  date: IsoDate,
  halfDays: withDefault(Schema.Number.check(isInt, isPositive), () => 1),
  unitId: optional(UnitId),
  platformId: optional(PlatformId),
  organiser: Organiser,
  attendance: withDefault(Schema.Array(Attendance), () => []),
  participants: withDefault(Schema.Array(Participants), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Activity extends Schema.Schema.Type<typeof Activity> {}
