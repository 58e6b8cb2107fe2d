/**
 * The `claimed-topics` scoring selector and the rubric item the plugin adds: a member scores for
 * each topic their group completed in the period. The selector reads the `topic-completion`
 * activities the workflow records on completion, whose attendance is the group's members.
 *
 * @since 0.1.0
 */
import { Ids, type Plugin, ScoringSelector } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { withDefault } from "./schema.js"
import { completionActivityType, mirrorPrefix } from "./TopicWorkflow.js"

/**
 * The selector's kind, as a rubric names it: `select: { from: plugin, kind: claimed-topics }`.
 *
 * @since 0.1.0
 * @category constants
 */
export const selectorKind = "claimed-topics"

/**
 * One occurrence per member of the group for each topic the group completed. `streets` limits it
 * to topics of those streets.
 *
 * @since 0.1.0
 * @category selectors
 */
export const claimedTopicsSelector = ScoringSelector.define({
  kind: selectorKind,
  labels: { "zh-CN": "认领议题完成", en: "Claimed topics completed" },
  subjects: ["member"],
  params: Schema.Struct({
    streets: withDefault(Schema.Array(Ids.UnitId), []),
  }),
  occurrences: function* ({ data, index }, params) {
    const only = new Set<string>(params.streets)
    for (const a of data.activities) {
      if (a.type !== completionActivityType || !a.id.startsWith(mirrorPrefix)) continue
      if (only.size > 0 && (a.unitId === undefined || !only.has(index.streetOf(a.unitId) ?? a.unitId))) continue
      // The scoring engine keeps occurrences inside the period.
      for (const r of a.attendance)
        if (r.status === "present") yield { subjectId: r.memberId, recordId: a.id, date: a.date }
    }
  },
})

/**
 * The rubric item the plugin contributes (category `topic-claiming`).
 *
 * @since 0.1.0
 * @category rubric
 */
export const claimedTopicsItem = (
  options: { readonly points?: number; readonly cap?: number } = {},
): Plugin.RubricItem => ({
  category: "topic-claiming",
  categoryLabels: { "zh-CN": "议题认领", en: "Topic claiming" },
  item: {
    id: "claimed-topics",
    labels: { "zh-CN": "所在小组完成认领议题", en: "Topics the member's group completed" },
    select: { from: "plugin", kind: selectorKind },
    points: options.points ?? 5,
    cap: options.cap ?? 15,
  },
})
