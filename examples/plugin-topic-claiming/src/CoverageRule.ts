/**
 * Topic-claiming coverage (议题认领全覆盖): every street published at least N topics in the period,
 * and every topic it published was claimed. Reads the outcome items the workflow mirrors topics
 * into (`topic:<case id>`), so it runs over plain district data like every other rule.
 *
 * @since 0.1.0
 */
import { CoverageRule, Ids } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { withDefault } from "./schema.js"
import { mirrorPrefix } from "./TopicWorkflow.js"

/**
 * The rule's id.
 *
 * @since 0.1.0
 * @category constants
 */
export const coverageRuleId = "topic-claiming-coverage"

/**
 * Builds the rule with its default minimum (the plugin passes its `minTopicsPerStreet`).
 *
 * @since 0.1.0
 * @category rules
 */
export const makeCoverageRule = (defaults: { readonly minTopics?: number } = {}) =>
  CoverageRule.define({
    id: coverageRuleId,
    labels: { "zh-CN": "议题认领覆盖", en: "Topic claiming coverage" },
    description: {
      "zh-CN": "每个街道在期内发布议题不少于规定个数，且发布的议题均已被认领",
      en: "Every street published at least N topics in the period, and every topic it published was claimed",
    },
    params: Schema.Struct({
      minTopics: withDefault(
        Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
        defaults.minTopics ?? 1,
      ),
      /** Only these streets (every township-level unit when empty). */
      streets: withDefault(Schema.Array(Ids.UnitId), []),
    }),
    evaluate: function* ({ data, index, period }, params) {
      // Topics published in the period, by street.
      const byStreet = new Map<string, Array<{ id: string; title: string; claimed: boolean }>>()
      for (const o of data.outcomes) {
        if (
          !o.id.startsWith(mirrorPrefix) ||
          o.unitId === undefined ||
          o.assignedOn < period.start ||
          o.assignedOn > period.end
        )
          continue
        const street = index.streetOf(o.unitId)
        if (street === undefined) continue
        const list = byStreet.get(street) ?? []
        byStreet.set(street, list)
        // Released topics go back to "assigned"; claimed, in-progress and completed ones have moved on.
        list.push({ id: o.caseId ?? o.id, title: o.title, claimed: o.status !== "assigned" })
      }
      const only = new Set<string>(params.streets)
      for (const street of index.unitsOfTier("township")) {
        if (only.size > 0 && !only.has(street.id)) continue
        const subject = { kind: "unit" as const, id: street.id, name: street.name }
        const topics = byStreet.get(street.id) ?? []
        const open = topics.filter((t) => !t.claimed).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        const openEn = open.map((t) => `${t.title} (${t.id})`).join(", ")
        const openZh = open.map((t) => `“${t.title}”（${t.id}）`).join("、")
        if (topics.length < params.minTopics) {
          yield CoverageRule.gap(
            subject,
            street.id,
            "too-few-topics",
            `${street.name} published ${topics.length} topic(s) in ${period.label}, fewer than ${params.minTopics}${open.length > 0 ? `; unclaimed: ${openEn}` : ""}`,
            `${street.name}在 ${period.label} 发布议题 ${topics.length} 个，少于 ${params.minTopics} 个${open.length > 0 ? `；未被认领：${openZh}` : ""}`,
          )
        } else if (open.length > 0) {
          yield CoverageRule.gap(
            subject,
            street.id,
            "unclaimed-topics",
            `${open.length} of ${street.name}'s ${topics.length} topic(s) published in ${period.label} are unclaimed: ${openEn}`,
            `${street.name}在 ${period.label} 发布的 ${topics.length} 个议题中有 ${open.length} 个未被认领：${openZh}`,
          )
        } else yield CoverageRule.covered(subject, street.id)
      }
    },
  })

/**
 * The rule with a default minimum of one topic per street.
 *
 * @since 0.1.0
 * @category rules
 */
export const topicClaimingCoverage = makeCoverageRule()
