/**
 * The topic-claiming workflow (议题认领): a street drafts and publishes a topic with the output it
 * expects; a member group (委员小组) claims it, reports progress and announces its completion; the
 * CPPCC office closes it. A claim may be released back to published; the street may withdraw a topic
 * nobody holds. A published topic must be claimed within a number of working days.
 *
 * The workflow mirrors each topic into the district data the rules read (coverage, scoring):
 * one outcome item per published topic (`topic:<case id>`), progress updates on it, and a
 * `topic-completion` activity attended by the group's members when the topic is completed. The
 * writes are the transitions' `effects`, so they commit with the event or not at all.
 *
 * @since 0.1.0
 */
import { type Activity, Ids, IsoDate, type Outcome, StoreError, Workflow } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString } from "./schema.js"

/**
 * The workflow's id; every version shares it.
 *
 * @since 0.1.0
 * @category constants
 */
export const workflowId = "topic-claiming"

/**
 * The activity type recorded when a group completes a topic; the `claimed-topics` selector counts
 * it.
 *
 * @since 0.1.0
 * @category constants
 */
export const completionActivityType = "topic-completion"

/**
 * What a topic's outcome item shows as its handling unit while no group holds it.
 *
 * @since 0.1.0
 * @category constants
 */
export const unclaimed = "待认领"

/**
 * The id of the outcome item (and of the completion activity) that mirrors a topic: `topic:` and
 * the case id, so rules can tell topic items from other outcomes.
 *
 * @since 0.1.0
 * @category constants
 */
export const mirrorIdOf = (caseId: string): string => `topic:${caseId}`

/**
 * The prefix of {@link mirrorIdOf}.
 *
 * @since 0.1.0
 * @category constants
 */
export const mirrorPrefix = "topic:"

const Text = NonEmptyTrimmedString
// A group has no record of its own in the district data: its id is whatever the street uses.
const GroupId = Schema.String.check(Schema.isPattern(/^\S{1,128}$/))

/**
 * `publish`: what the street publishes.
 *
 * @since 0.1.0
 * @category payloads
 */
export const PublishPayload = Schema.Struct({
  title: Text,
  streetId: Ids.UnitId,
  /** 预期成果: what the street expects the group to deliver. */
  expectedOutput: Text,
})

/**
 * `claim` (version 1): the group that claims the topic and its members.
 *
 * @since 0.1.0
 * @category payloads
 */
export const ClaimPayload = Schema.Struct({
  groupId: GroupId,
  groupName: Text,
  memberIds: Schema.Array(Ids.MemberId),
})

/**
 * @since 0.1.0
 * @category payloads
 */
export interface ClaimPayload extends Schema.Schema.Type<typeof ClaimPayload> {}

/**
 * `claim` (version 2): version 1 plus the group's plan (认领方案).
 *
 * @since 0.1.0
 * @category payloads
 */
export const ClaimPayloadV2 = Schema.Struct({ ...ClaimPayload.fields, plan: Text })

/**
 * `release`: the holding group gives the topic back.
 *
 * @since 0.1.0
 * @category payloads
 */
export const ReleasePayload = Schema.Struct({ groupId: GroupId, reason: Text })

/**
 * `report`: a progress report, 0–99 percent (100 is `complete`).
 *
 * @since 0.1.0
 * @category payloads
 */
export const ReportPayload = Schema.Struct({
  groupId: GroupId,
  progress: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 99 })),
  note: Text,
})

/**
 * `complete`: the group announces completion with a summary of the result.
 *
 * @since 0.1.0
 * @category payloads
 */
export const CompletePayload = Schema.Struct({ groupId: GroupId, summary: Text })

/**
 * @since 0.1.0
 * @category payloads
 */
export const WithdrawPayload = Schema.Struct({ reason: Text })

/**
 * @since 0.1.0
 * @category payloads
 */
export const ClosePayload = Schema.Struct({ note: Schema.optionalKey(Schema.String) })

/**
 * The workflow's options (the plugin factory passes its own).
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkflowOptions {
  /** Working days a published topic may wait for a claim (default 10). */
  readonly claimWorkingDays?: number
  /** Members a group needs to claim (default 1). */
  readonly minGroupMembers?: number
}

/**
 * The stages in which a group holds the topic.
 *
 * @since 0.1.0
 * @category queries
 */
export const holdingStages: ReadonlyArray<string> = ["claimed", "inProgress"]

/**
 * The stages of a completed topic; nothing leads out of them but `close`.
 *
 * @since 0.1.0
 * @category queries
 */
export const completedStages: ReadonlyArray<string> = ["completed", "closed"]

const decodeClaim = Schema.decodeUnknownOption(ClaimPayload)
const decodeReport = Schema.decodeUnknownOption(ReportPayload)

/**
 * The group that holds the topic (claimed, in progress) or completed it, from the latest claim.
 *
 * @since 0.1.0
 * @category queries
 */
export const holderOf = (state: Workflow.CaseState): ClaimPayload | undefined =>
  holdingStages.includes(state.stage) || completedStages.includes(state.stage)
    ? Option.getOrUndefined(decodeClaim(state.payloads["claim"]))
    : undefined

/**
 * The latest reported progress (0 before any report, 100 once completed).
 *
 * @since 0.1.0
 * @category queries
 */
export const progressOf = (state: Workflow.CaseState): number =>
  completedStages.includes(state.stage)
    ? 100
    : Option.match(decodeReport(state.payloads["report"]), { onNone: () => 0, onSome: (r) => r.progress })

const dateOf = (at: string) => IsoDate.make(at.slice(0, 10))
const no = (en: string, zh: string) => ({ en, "zh-CN": zh })

// Refuses a command from a group that does not hold the topic, or from someone outside it.
const heldBy = (
  state: Workflow.CaseState,
  groupId: string,
  actor: Workflow.Actor,
  exempt: ReadonlyArray<string> = [],
) => {
  const holder = holderOf(state)
  if (holder === undefined) return no("no group holds this topic", "该议题无人认领")
  if (holder.groupId !== groupId)
    return no(
      `the topic is held by ${holder.groupName} (${holder.groupId}), not by group ${groupId}`,
      `该议题由“${holder.groupName}”认领，不属于小组 ${groupId}`,
    )
  if (exempt.some((r) => actor.roles.includes(r))) return undefined
  if (!holder.memberIds.includes(actor.id as Ids.MemberId))
    return no(`${actor.id} is not a member of ${holder.groupName}`, `${actor.id} 不是“${holder.groupName}”的成员`)
  return undefined
}

/**
 * Builds version 1 of the workflow with the given deadline and group size.
 *
 * @since 0.1.0
 * @category workflows
 */
export const makeTopicWorkflow = (options: WorkflowOptions = {}) => {
  const claimWorkingDays = options.claimWorkingDays ?? 10
  const minGroupMembers = options.minGroupMembers ?? 1
  return Workflow.define({
    id: workflowId,
    version: 1,
    labels: { "zh-CN": "议题认领", en: "Topic claiming" },
    stages: {
      draft: { labels: { "zh-CN": "拟定", en: "Drafted" } },
      published: { labels: { "zh-CN": "已发布待认领", en: "Published, open for claiming" } },
      claimed: { labels: { "zh-CN": "已认领", en: "Claimed" } },
      inProgress: { labels: { "zh-CN": "推进中", en: "In progress" } },
      completed: { labels: { "zh-CN": "已完成", en: "Completed" } },
      closed: { labels: { "zh-CN": "已办结", en: "Closed" }, terminal: true },
      withdrawn: { labels: { "zh-CN": "已撤回", en: "Withdrawn" }, terminal: true },
    },
    roles: {
      streetOffice: { "zh-CN": "街道办", en: "Street office" },
      groupLeader: { "zh-CN": "小组组长", en: "Group leader" },
      member: { "zh-CN": "委员", en: "Member" },
      office: { "zh-CN": "政协办公室", en: "CPPCC office" },
    },
    initial: "draft",
    transitions: {
      publish: {
        labels: { "zh-CN": "发布议题", en: "Publish the topic" },
        from: "draft",
        to: "published",
        roles: ["streetOffice"],
        payload: PublishPayload,
        // The mirror's id adds a prefix to the case id; ids stop at 128 characters.
        guard: ({ state }) =>
          mirrorIdOf(state.caseId).length > 128
            ? no("the case id is too long to publish (at most 122 characters)", "议题编号过长（最多 122 个字符）")
            : undefined,
        // One outcome item per published topic: what coverage counts as published and claimed.
        effects: ({ district, store, state, payload, at }) =>
          Effect.asVoid(
            store.upsert(district, "outcomes", [
              {
                id: mirrorIdOf(state.caseId) as Ids.OutcomeId,
                title: payload.title,
                caseId: state.caseId,
                unitId: payload.streetId,
                handlingUnit: unclaimed,
                status: "assigned",
                progress: 0,
                assignedOn: dateOf(at),
                implemented: false,
                milestones: [],
              },
            ]),
          ),
      },
      withdraw: {
        labels: { "zh-CN": "撤回议题", en: "Withdraw the topic" },
        from: ["draft", "published"],
        to: "withdrawn",
        roles: ["streetOffice"],
        payload: WithdrawPayload,
        // A withdrawn topic no longer counts as published.
        effects: ({ district, store, state }) =>
          Effect.asVoid(store.remove(district, "outcomes", [mirrorIdOf(state.caseId)])),
      },
      claim: {
        labels: { "zh-CN": "认领议题", en: "Claim the topic" },
        from: "published",
        to: "claimed",
        roles: ["groupLeader"],
        payload: ClaimPayload,
        deadline: { workingDays: claimWorkingDays },
        guard: ({ payload, actor }) => {
          if (payload.memberIds.length < minGroupMembers) {
            return no(
              `${payload.groupName} needs at least ${minGroupMembers} member(s) to claim a topic`,
              `“${payload.groupName}”至少需要 ${minGroupMembers} 名成员才能认领议题`,
            )
          }
          if (new Set(payload.memberIds).size !== payload.memberIds.length)
            return no("a member is listed twice", "成员名单有重复")
          if (!payload.memberIds.includes(actor.id as Ids.MemberId))
            return no(
              `the leader ${actor.id} must be a member of ${payload.groupName}`,
              `组长 ${actor.id} 须为“${payload.groupName}”的成员`,
            )
          return undefined
        },
        effects: (input) =>
          updateMirror(input, (o) => ({ ...o, handlingUnit: input.payload.groupName, status: "in-progress" })),
      },
      release: {
        labels: { "zh-CN": "释放认领", en: "Release the claim" },
        from: ["claimed", "inProgress"],
        to: "published",
        roles: ["groupLeader", "office"],
        payload: ReleasePayload,
        // The office may release for an inactive group; a leader only their own group's claim.
        guard: ({ state, payload, actor }) => heldBy(state, payload.groupId, actor, ["office"]),
        // The work done stays on the item: the next group continues from there.
        effects: (input) => updateMirror(input, (o) => ({ ...o, handlingUnit: unclaimed, status: "assigned" })),
      },
      report: {
        labels: { "zh-CN": "报告进展", en: "Report progress" },
        from: ["claimed", "inProgress"],
        to: "inProgress",
        roles: ["groupLeader", "member"],
        payload: ReportPayload,
        guard: ({ state, payload, actor }) => {
          const held = heldBy(state, payload.groupId, actor)
          if (held !== undefined) return held
          const current = progressOf(state)
          return payload.progress < current
            ? no(`progress only moves forward: the topic is at ${current}%`, `进度只能前进：当前已达 ${current}%`)
            : undefined
        },
        effects: ({ district, store, state, payload, actor, at }) =>
          Effect.asVoid(
            store.appendProgress(district, {
              outcomeId: mirrorIdOf(state.caseId) as Ids.OutcomeId,
              progress: payload.progress,
              on: dateOf(at),
              note: payload.note,
              by: actor.id as Ids.MemberId,
            }),
          ),
      },
      complete: {
        labels: { "zh-CN": "宣布完成", en: "Announce completion" },
        from: "inProgress",
        to: "completed",
        roles: ["groupLeader"],
        payload: CompletePayload,
        guard: ({ state, payload, actor }) => heldBy(state, payload.groupId, actor),
        effects: (input) =>
          Effect.gen(function* () {
            const { district, store, state, payload, actor, at } = input
            const id = mirrorIdOf(state.caseId)
            yield* store.appendProgress(district, {
              outcomeId: id as Ids.OutcomeId,
              progress: 100,
              on: dateOf(at),
              note: payload.summary,
              by: actor.id as Ids.MemberId,
            })
            const outcome = yield* updateMirror(input, (o) => ({
              ...o,
              status: "completed",
              progress: 100,
              completedOn: dateOf(at),
            }))
            const group = holderOf(state)
            // The group's members attended the completion: the scoring selector credits them.
            const activity: Activity.Activity = {
              id: id as Ids.ActivityId,
              type: completionActivityType as Ids.ActivityTypeId,
              title: `完成认领议题：${outcome.title}`,
              date: dateOf(at),
              halfDays: 1,
              ...(outcome.unitId === undefined ? {} : { unitId: outcome.unitId }),
              organiser: { kind: "district" },
              attendance: (group?.memberIds ?? []).map((memberId) => ({ memberId, status: "present" as const })),
              participants: [],
            }
            yield* store.upsert(district, "activities", [activity])
          }),
      },
      close: {
        labels: { "zh-CN": "验收办结", en: "Accept and close" },
        from: "completed",
        to: "closed",
        roles: ["office"],
        payload: ClosePayload,
        // Closing records that the result was put into effect (落实).
        effects: (input) => updateMirror(input, (o) => ({ ...o, implemented: true })),
      },
    },
  })
}

/**
 * Builds version 2: claims carry the group's plan (认领方案). Cases opened under version 1 keep
 * claiming without one.
 *
 * @since 0.1.0
 * @category workflows
 */
export const makeTopicWorkflowV2 = (options: WorkflowOptions = {}) => {
  const v1 = makeTopicWorkflow(options)
  return Workflow.define({
    ...v1,
    version: 2,
    transitions: {
      ...v1.transitions,
      claim: {
        ...v1.transitions.claim,
        labels: { "zh-CN": "认领议题（附认领方案）", en: "Claim the topic, with a plan" },
        payload: ClaimPayloadV2,
      },
    },
  })
}

/**
 * Version 1 with the default options.
 *
 * @since 0.1.0
 * @category workflows
 */
export const topicWorkflow = makeTopicWorkflow()

/**
 * Version 2 with the default options.
 *
 * @since 0.1.0
 * @category workflows
 */
export const topicWorkflowV2 = makeTopicWorkflowV2()

/**
 * Version 1's type, for typed commands: `Workflow.Command<TopicWorkflow>`.
 *
 * @since 0.1.0
 * @category workflows
 */
export type TopicWorkflow = typeof topicWorkflow

/**
 * Version 2's type.
 *
 * @since 0.1.0
 * @category workflows
 */
export type TopicWorkflowV2 = typeof topicWorkflowV2

// Reads the topic's outcome item, changes it and writes it back (in the event's transaction).
const updateMirror = (input: Workflow.EffectsInput<unknown>, change: (o: Outcome.Outcome) => Outcome.Outcome) =>
  Effect.gen(function* () {
    const { district, store, state } = input
    const found = yield* store.get(district, "outcomes", mirrorIdOf(state.caseId))
    // Only a removed item gets here (e.g. deleted by hand): the command fails and writes nothing.
    if (Option.isNone(found))
      return yield* new StoreError.NotFound({
        operation: `topic-claiming:${state.caseId}`,
        entity: "outcome",
        id: mirrorIdOf(state.caseId),
      })
    const next = change(found.value)
    yield* store.upsert(district, "outcomes", [next])
    return next
  })
