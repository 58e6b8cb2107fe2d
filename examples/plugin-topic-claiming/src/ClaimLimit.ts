/**
 * The claim limit: a group may hold at most N open topics (claimed or in progress). A before-hook on
 * `claim` counts the group's open topics across the district and vetoes the claim at the limit.
 *
 * @since 0.1.0
 */
import { type Labels, Store, type Workflow, WorkflowEngine } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { isHeld, loadTopics } from "./Topics.js"
import { ClaimPayload, workflowId } from "./TopicWorkflow.js"

/**
 * The hook's id.
 *
 * @since 0.1.0
 * @category constants
 */
export const claimLimitHookId = "topic-claiming-limit"

const isClaim = Schema.is(ClaimPayload)

/**
 * A before-hook vetoing a claim by a group that already holds `maxTopicsPerGroup` open topics.
 * `workflows` are the definitions the district's topic cases run under (to replay them).
 *
 * @since 0.1.0
 * @category hooks
 */
export const claimLimitHook = (
  maxTopicsPerGroup: number,
  workflows: ReadonlyArray<Workflow.Any>,
): WorkflowEngine.Hook => ({
  id: claimLimitHookId,
  workflow: workflowId,
  command: "claim",
  before: ({ district, payload }) =>
    Effect.gen(function* () {
      const veto = (reason: Labels.Labels) => new WorkflowEngine.Vetoed({ hook: claimLimitHookId, reason })
      if (!isClaim(payload)) return yield* veto({ en: "not a claim", "zh-CN": "不是认领命令" })
      // `before` may not require the Store in its type, but the engine runs it inside `dispatch`,
      // which does: read the Store from the context, and refuse if it is somehow not there.
      const store = yield* Effect.serviceOption(Store.Store)
      if (Option.isNone(store))
        return yield* veto({
          en: "the claim limit cannot be checked without the store",
          "zh-CN": "无法读取数据，不能核对认领上限",
        })
      const topics = yield* loadTopics(district, workflows).pipe(
        Effect.provideService(Store.Store, store.value),
        Effect.mapError((e) =>
          veto({ en: `the claim limit cannot be checked: ${e.message}`, "zh-CN": `无法核对认领上限：${e.message}` }),
        ),
      )
      const open = topics.filter((t) => isHeld(t) && t.group?.groupId === payload.groupId)
      if (open.length < maxTopicsPerGroup) return
      const titles = open.map((t) => `“${t.title}”`).join("、")
      return yield* veto({
        en: `${payload.groupName} already holds ${open.length} open topic(s), the most a group may hold (${maxTopicsPerGroup}): ${open.map((t) => t.caseId).join(", ")}`,
        "zh-CN": `“${payload.groupName}”已认领 ${open.length} 个未完成议题，已达上限（${maxTopicsPerGroup} 个）：${titles}`,
      })
    }),
})
