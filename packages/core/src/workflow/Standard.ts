/**
 * The standard consultation workflow (协商议事流程) most districts share: topic collection →
 * approval (or rejection) → research → consultation meeting → consensus and outcome report →
 * handling by departments → tracking → feedback and evaluation → closed. Deadlines follow common
 * practice: the meeting notice 15 working days ahead, the outcome report within 7 working days of
 * the meeting, a reply within 3 months (60 working days).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { IsoDate } from "../model/IsoDate.js"
import * as IsoDates from "../model/IsoDate.js"
import { MemberId, OutcomeId, UnitId } from "../model/Ids.js"
import type * as Issue from "../model/Issue.js"
import * as StoreError from "../store/StoreError.js"
import { Milestone, Satisfaction } from "../model/Outcome.js"
import * as Calendar from "./Calendar.js"
import * as Workflow from "./Workflow.js"
import {
  isFiniteNumber,
  isInt,
  isNonNegative,
  isPositive,
  NonEmptyTrimmedString,
  optional,
  withDefault,
} from "../internal/schema.js"

const Note = Schema.Struct({ note: optional(Schema.String) })

/**
 * An outcome item the consensus report creates: handed to a handling unit, weighted, with
 * milestones.
 *
 * @since 0.1.0
 * @category payloads
 */
export const OutcomeItem = Schema.Struct({
  id: OutcomeId,
  title: NonEmptyTrimmedString,
  handlingUnit: NonEmptyTrimmedString,
  unitId: optional(UnitId),
  weight: optional(Schema.Number.check(isPositive, isFiniteNumber)),
  dueOn: optional(IsoDate),
  milestones: withDefault(Schema.Array(Milestone), () => []),
})

/**
 * Working days between the meeting notice and the meeting.
 *
 * @since 0.1.0
 * @category constants
 */
export const noticeWorkingDays = 15

/**
 * The standard workflow, version 1.
 *
 * @since 0.1.0
 * @category workflows
 */
export const consultation = Workflow.define({
  id: "consultation",
  version: 1,
  labels: { "zh-CN": "协商议事", en: "Consultation" },
  stages: {
    collected: { labels: { "zh-CN": "议题征集", en: "Topic collected" } },
    approved: { labels: { "zh-CN": "议题已审定", en: "Topic approved" } },
    rejected: { labels: { "zh-CN": "未予立项", en: "Topic rejected" }, terminal: true },
    researching: { labels: { "zh-CN": "调研", en: "Research" } },
    scheduled: { labels: { "zh-CN": "协商会议筹备", en: "Meeting scheduled" } },
    consensus: { labels: { "zh-CN": "形成共识", en: "Consensus reached" } },
    handling: { labels: { "zh-CN": "交办承办", en: "Handling by departments" } },
    tracking: { labels: { "zh-CN": "督办跟踪", en: "Tracking" } },
    evaluating: { labels: { "zh-CN": "反馈评议", en: "Feedback and evaluation" } },
    closed: { labels: { "zh-CN": "办结", en: "Closed" }, terminal: true },
  },
  roles: {
    office: { "zh-CN": "政协办公室", en: "CPPCC office" },
    chairmansMeeting: { "zh-CN": "主席会议成员", en: "Chairman's meeting" },
    convener: { "zh-CN": "召集人", en: "Convener" },
    member: { "zh-CN": "政协委员", en: "Member" },
    handlingUnit: { "zh-CN": "承办单位", en: "Handling unit" },
  },
  initial: "collected",
  transitions: {
    approve: {
      labels: { "zh-CN": "审定议题", en: "Approve the topic" },
      from: "collected",
      to: "approved",
      roles: ["chairmansMeeting", "office"],
      payload: Note,
      deadline: { workingDays: 10 },
    },
    reject: {
      labels: { "zh-CN": "不予立项", en: "Reject the topic" },
      from: "collected",
      to: "rejected",
      roles: ["chairmansMeeting", "office"],
      payload: Schema.Struct({ reason: NonEmptyTrimmedString }),
      deadline: { workingDays: 10 },
    },
    startResearch: {
      labels: { "zh-CN": "开展调研", en: "Start research" },
      from: "approved",
      to: "researching",
      roles: ["convener", "office"],
      payload: Schema.Struct({ members: Schema.Array(MemberId), plan: optional(Schema.String) }),
    },
    scheduleMeeting: {
      labels: { "zh-CN": "通知协商会议", en: "Give notice of the meeting" },
      from: "researching",
      to: "scheduled",
      roles: ["convener", "office"],
      payload: Schema.Struct({ noticeOn: IsoDate, meetingOn: IsoDate, venue: NonEmptyTrimmedString }),
      guard: ({ payload }) =>
        Calendar.workingDaysBetween(Calendar.weekdays, payload.noticeOn, payload.meetingOn) < noticeWorkingDays
          ? {
              en: `the notice must go out ${noticeWorkingDays} working days before the meeting`,
              "zh-CN": `会议通知须提前 ${noticeWorkingDays} 个工作日发出`,
            }
          : undefined,
    },
    holdMeeting: {
      labels: { "zh-CN": "召开协商会议", en: "Hold the meeting" },
      from: "scheduled",
      to: "consensus",
      roles: ["convener", "office"],
      payload: Schema.Struct({
        heldOn: IsoDate,
        attendees: Schema.Array(MemberId),
        speeches: optional(Schema.Number.check(isInt, isNonNegative)),
        minutes: optional(Schema.String),
      }),
    },
    report: {
      labels: { "zh-CN": "报送协商成果", en: "Report the outcomes" },
      from: "consensus",
      to: "handling",
      roles: ["convener", "office"],
      payload: Schema.Struct({ summary: NonEmptyTrimmedString, outcomes: Schema.NonEmptyArray(OutcomeItem) }),
      deadline: { workingDays: 7 },
      // The outcome items are written with the event: both commit or neither does.
      effects: ({ district, store, state, payload, at }) =>
        Effect.gen(function* () {
          // An outcome id is the district's: never take over another case's item.
          const taken: Array<Issue.Issue> = []
          for (const [i, o] of payload.outcomes.entries()) {
            const existing = yield* store.get(district, "outcomes", o.id)
            if (Option.isSome(existing) && existing.value.caseId !== state.caseId) {
              const owner = existing.value.caseId ?? "the district's data"
              taken.push({
                path: `payload.outcomes[${i}].id`,
                code: "taken",
                message: `"${o.id}" already belongs to ${owner}`,
                messageZh: `"${o.id}" 已属于 ${owner}`,
              })
            }
          }
          if (taken.length > 0) return yield* new StoreError.InvalidInput({ operation: "report", issues: taken })
          yield* store.upsert(
            district,
            "outcomes",
            payload.outcomes.map((o) => ({
              ...o,
              caseId: state.caseId,
              status: "assigned" as const,
              progress: 0,
              assignedOn: IsoDates.make(at.slice(0, 10)),
              implemented: false,
            })),
          )
        }),
    },
    track: {
      labels: { "zh-CN": "督办", en: "Track the handling" },
      from: "handling",
      to: "tracking",
      roles: ["office", "chairmansMeeting"],
      payload: Note,
    },
    reply: {
      labels: { "zh-CN": "承办单位答复", en: "Reply from the handling unit" },
      from: ["handling", "tracking"],
      to: "evaluating",
      roles: ["handlingUnit"],
      payload: Schema.Struct({
        repliedOn: IsoDate,
        summary: NonEmptyTrimmedString,
        metProposers: optional(Schema.Boolean),
      }),
      deadline: { workingDays: 60 },
    },
    evaluate: {
      labels: { "zh-CN": "满意度评议", en: "Evaluate satisfaction" },
      from: "evaluating",
      to: "closed",
      roles: ["member", "convener", "office"],
      payload: Schema.Struct({ satisfaction: Satisfaction.schema, comment: optional(Schema.String) }),
    },
  },
})

/**
 * The standard workflow's type, for typed commands: `Workflow.Command<Consultation>`.
 *
 * @since 0.1.0
 * @category workflows
 */
export type Consultation = typeof consultation
