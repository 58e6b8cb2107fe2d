/**
 * Member minimums (委员履职基本要求): each member meets the minimums of the period, such as at least
 * three activities and at least one proposal or social-conditions report. Each requirement is met
 * when any one of its alternatives is.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isInt, isPositive, taggedBy, withDefault } from "../../internal/schema.js"
import { AttendanceStatus } from "../../model/Activity.js"
import { ActivityTypeId } from "../../model/Ids.js"
import { MemberLevel } from "../../model/Member.js"
import { contains } from "../../model/Period.js"
import { SubmissionKind } from "../../model/Submission.js"
import * as Rule from "../Rule.js"
import { memberStreet, memberSubject } from "./subjects.js"

const positiveInt = Schema.Number.check(isInt, isPositive)

/**
 * Count the member's attendances at activities of the given types (all when empty).
 *
 * @since 0.1.0
 * @category models
 */
export const ActivityCount = Schema.Struct({
  count: Schema.Literal("activities"),
  min: positiveInt,
  types: withDefault(Schema.Array(ActivityTypeId), () => []),
  statuses: withDefault(Schema.Array(AttendanceStatus.schema), () => ["present", "late", "partial"] as const),
})

/**
 * Count the member's submissions of the given kinds (all when empty), as lead author or any author.
 *
 * @since 0.1.0
 * @category models
 */
export const SubmissionCount = Schema.Struct({
  count: Schema.Literal("submissions"),
  min: positiveInt,
  kinds: withDefault(Schema.Array(SubmissionKind.schema), () => []),
  role: withDefault(Schema.Literals(["any", "lead"]), () => "any" as const),
})

/**
 * A requirement: met when any alternative is.
 *
 * @since 0.1.0
 * @category models
 */
export const Requirement = Schema.Struct({
  anyOf: Schema.NonEmptyArray(Schema.Union([ActivityCount, SubmissionCount]).pipe(taggedBy("count"))),
})

/**
 * @since 0.1.0
 * @category models
 */
export type Requirement = typeof Requirement.Type

type Counter = Requirement["anyOf"][number]

const defaultRequirements: ReadonlyArray<Requirement> = [
  { anyOf: [{ count: "activities", min: 3, types: [], statuses: ["present", "late", "partial"] }] },
  {
    anyOf: [
      { count: "submissions", min: 1, kinds: ["proposal"], role: "any" },
      { count: "submissions", min: 1, kinds: ["social-conditions"], role: "any" },
    ],
  },
]

const describe = (c: Counter): { en: string; zh: string } =>
  c.count === "activities"
    ? {
        en: `${c.min} ${c.types.length === 0 ? "" : `${c.types.join("/")} `}activit${c.min === 1 ? "y" : "ies"}`,
        zh: `参加${c.types.length === 0 ? "" : c.types.join("/")}活动 ${c.min} 次`,
      }
    : {
        en: `${c.min} ${c.kinds.length === 0 ? "submission" : c.kinds.map((k) => SubmissionKind.labels[k].en.toLowerCase()).join(" or ")}${c.role === "lead" ? " as lead author" : ""}`,
        zh: `${c.role === "lead" ? "领衔" : ""}提交${c.kinds.length === 0 ? "提案或信息" : c.kinds.map((k) => SubmissionKind.labels[k]["zh-CN"]).join("或")} ${c.min} 件`,
      }

/**
 * @since 0.1.0
 * @category rules
 */
export const memberMinimums = Rule.define({
  id: "member-minimums",
  labels: { "zh-CN": "委员履职基本要求", en: "Member minimums" },
  description: {
    "zh-CN": "每名委员期内达到履职基本要求，如参加活动不少于 3 次、提交提案或社情民意信息不少于 1 件",
    en: "Each member meets the period's minimums, e.g. at least 3 activities and at least 1 proposal or social-conditions report",
  },
  params: Schema.Struct({
    levels: withDefault(Schema.Array(MemberLevel.schema), () => MemberLevel.values),
    requirements: withDefault(Schema.Array(Requirement), () => defaultRequirements),
  }),
  evaluate: function* ({ data, index, period }, params) {
    const members = data.members.filter((m) => params.levels.includes(m.level))
    const slot = new Map<string, number>()
    members.forEach((m, i) => {
      slot.set(m.id, i)
    })
    // One typed-array tally per distinct counter; each is a single pass over the records.
    const counters = params.requirements.flatMap((r) => r.anyOf)
    const tallies = counters.map((c) => {
      const t = new Int32Array(members.length)
      if (c.count === "activities") {
        const types = new Set<string>(c.types)
        const statuses = new Set<string>(c.statuses)
        for (const a of data.activities) {
          if (!contains(period, a.date) || (types.size > 0 && !types.has(a.type))) continue
          for (const r of a.attendance) {
            if (!statuses.has(r.status)) continue
            const i = slot.get(r.memberId)
            if (i !== undefined) t[i]!++
          }
        }
      } else {
        const kinds = new Set<string>(c.kinds)
        for (const s of data.submissions) {
          if (!contains(period, s.date) || (kinds.size > 0 && !kinds.has(s.kind))) continue
          const authors = c.role === "lead" ? s.authors.slice(0, 1) : s.authors
          for (const m of authors) {
            const i = slot.get(m)
            if (i !== undefined) t[i]!++
          }
        }
      }
      return t
    })
    const check = (m: (typeof members)[number], i: number): Rule.Check => {
      const street = memberStreet(index, m)
      // Words are built only for members who fall short.
      let k = 0
      let unmetAny = false
      for (const r of params.requirements) {
        let met = false
        for (let j = 0; j < r.anyOf.length; j++) if (tallies[k++]![i]! >= r.anyOf[j]!.min) met = true
        if (!met) unmetAny = true
      }
      if (!unmetAny) return Rule.covered(memberSubject(m), street)
      const unmet: Array<{ en: string; zh: string }> = []
      k = 0
      for (const r of params.requirements) {
        const parts = r.anyOf.map((c) => ({ c, have: tallies[k++]![i]! }))
        if (parts.some(({ c, have }) => have >= c.min)) continue
        const words = parts.map(({ c, have }) => ({ ...describe(c), have }))
        unmet.push({
          en: words.map((w) => `${w.en} (has ${w.have})`).join(" or "),
          zh: words.map((w) => `${w.zh}（实际 ${w.have}）`).join("或"),
        })
      }
      return Rule.gap(
        memberSubject(m),
        street,
        "below-minimum",
        `${m.name} falls short in ${period.label}: needs ${unmet.map((u) => u.en).join("; ")}`,
        `${m.name}在 ${period.label} 未达到要求：${unmet.map((u) => u.zh).join("；")}`,
      )
    }
    for (let i = 0; i < members.length; i++) yield check(members[i]!, i)
  },
})
