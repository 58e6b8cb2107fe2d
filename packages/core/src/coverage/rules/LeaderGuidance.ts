/**
 * Leader guidance (分片包街): every street has a chairman's-meeting member assigned who attended at
 * least N of its activities in the period.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isInt, isNonNegative, withDefault } from "../../internal/schema.js"
import { AttendanceStatus } from "../../model/Activity.js"
import { contains } from "../../model/Period.js"
import * as Rule from "../Rule.js"
import { unitSubject } from "./subjects.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const leaderGuidance = Rule.define({
  id: "leader-guidance",
  labels: { "zh-CN": "主席会议成员分片包街", en: "Leader guidance of streets" },
  description: {
    "zh-CN": "每个街道都有包联的主席会议成员，且期内参加该街道活动不少于规定次数",
    en: "Every street has a chairman's-meeting member assigned who attended enough of its activities",
  },
  params: Schema.Struct({
    minAttended: withDefault(Schema.Number.check(isInt, isNonNegative), () => 1),
    statuses: withDefault(Schema.Array(AttendanceStatus.schema), () => ["present", "late", "partial"] as const),
  }),
  evaluate: ({ data, index, period }, params) => {
    const leadersOf = new Map<string, Set<string>>()
    for (const g of data.guidance) {
      const set = leadersOf.get(g.streetId) ?? new Set<string>()
      set.add(g.memberId)
      leadersOf.set(g.streetId, set)
    }
    const statuses = new Set<string>(params.statuses)
    return index.unitsOfTier("township").map((street) => {
      const subject = unitSubject(street)
      const leaders = leadersOf.get(street.id)
      if (leaders === undefined || leaders.size === 0) {
        return Rule.gap(
          subject,
          street.id,
          "no-leader",
          `no chairman's-meeting member guides ${street.name}`,
          `${street.name}没有包联的主席会议成员`,
        )
      }
      const attended = new Map<string, number>()
      for (const a of index.activitiesOfStreet(street.id)) {
        if (!contains(period, a.date)) continue
        for (const r of a.attendance) {
          if (leaders.has(r.memberId) && statuses.has(r.status))
            attended.set(r.memberId, (attended.get(r.memberId) ?? 0) + 1)
        }
      }
      const best = Math.max(0, ...attended.values())
      if (best >= params.minAttended) return Rule.covered(subject, street.id)
      return Rule.gap(
        subject,
        street.id,
        "leader-absent",
        `the leaders guiding ${street.name} attended at most ${best} of its activities in ${period.label}, fewer than ${params.minAttended}`,
        `包联${street.name}的主席会议成员在 ${period.label} 最多参加其活动 ${best} 次，少于 ${params.minAttended} 次`,
      )
    })
  },
})
