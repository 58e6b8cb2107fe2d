/**
 * What the plugin adds to activities and scoring: the activity type `gas-renovation-visit`
 * (燃气改造入户走访), the selector `gas-renovation-visits` (a member's attendance at those visits),
 * and a rubric item that scores them.
 *
 * @since 0.1.0
 */
import { Activity, type Plugin, ScoringSelector } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { defaults, type Resolved } from "./options.js"
import { withDefault } from "./schema.js"

/**
 * A visit to households on the pipes to renovate: members, community workers and the gas company
 * explain the works and hear the residents.
 *
 * @since 0.1.0
 * @category activity types
 */
export const visitActivityType: Activity.ActivityTypeDef = Schema.decodeSync(Activity.ActivityTypeDef)({
  id: "gas-renovation-visit",
  labels: { "zh-CN": "燃气改造入户走访", en: "Gas-renovation household visit" },
})

/**
 * Each time a member took part in a `gas-renovation-visit` (present or late by default).
 *
 * @since 0.1.0
 * @category selectors
 */
export const visitsSelector = ScoringSelector.define({
  kind: "gas-renovation-visits",
  labels: { "zh-CN": "燃气改造入户走访", en: "Gas-renovation visits" },
  subjects: ["member"],
  params: Schema.Struct({
    statuses: withDefault(Schema.Array(Activity.AttendanceStatus.schema), ["present", "late"]),
  }),
  occurrences: function* ({ data, period }, params) {
    const statuses = new Set<string>(params.statuses)
    for (const a of data.activities) {
      if (a.type !== visitActivityType.id || a.date < period.start || a.date > period.end) continue
      // A member listed twice on one visit still made one visit.
      const seen = new Set<string>()
      for (const row of a.attendance) {
        if (!statuses.has(row.status) || seen.has(row.memberId)) continue
        seen.add(row.memberId)
        yield { subjectId: row.memberId, recordId: a.id, date: a.date }
      }
    }
  },
})

/**
 * The rubric item: `visitPoints` per visit, at most `visitCap`, in the `rubricCategory` category.
 *
 * @since 0.1.0
 * @category rubric items
 */
export const makeVisitItem = (options: Resolved = defaults): Plugin.RubricItem => ({
  category: options.rubricCategory,
  categoryLabels: { "zh-CN": "燃气管道改造", en: "Gas-pipe renovation" },
  item: {
    id: "gas-renovation-visits",
    labels: { "zh-CN": "参加燃气改造入户走访", en: "Gas-renovation household visits" },
    select: { from: "plugin", kind: visitsSelector.kind },
    points: options.visitPoints,
    cap: options.visitCap,
  },
})

/**
 * The rubric item with the default options: 1 point per visit, at most 5.
 *
 * @since 0.1.0
 * @category rubric items
 */
export const visitItem = makeVisitItem()
