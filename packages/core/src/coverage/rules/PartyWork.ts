/**
 * Party work (党的工作全覆盖): every member, party member or not, is reached through their
 * committee's branch, which has a first secretary and held enough party-led activities.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isInt, isNonNegative, withDefault } from "../../internal/schema.js"
import { ActivityTypeId } from "../../model/Ids.js"
import { contains } from "../../model/Period.js"
import * as Rule from "../Rule.js"
import { memberStreet, memberSubject } from "./subjects.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const partyWork = Rule.define({
  id: "party-work",
  labels: { "zh-CN": "党的工作覆盖", en: "Party work reaches every member" },
  description: {
    "zh-CN": "每名委员所在联络委的党支部有第一书记，并在期内开展了足够的党建活动",
    en: "Each member's committee branch has a first secretary and held enough party-led activities in the period",
  },
  params: Schema.Struct({
    minActivities: withDefault(Schema.Number.check(isInt, isNonNegative), () => 2),
    activityTypes: withDefault(Schema.Array(ActivityTypeId), () => ["party-led" as ActivityTypeId]),
    requireFirstSecretary: withDefault(Schema.Boolean, () => true),
  }),
  evaluate: function* ({ data, index, period }, params) {
    // Party activities per branch: organised by the branch, or of a party type by one of its committees.
    const branchOfCommitteeId = new Map<string, string>()
    for (const b of data.partyBranches)
      for (const c of b.committeeIds) if (!branchOfCommitteeId.has(c)) branchOfCommitteeId.set(c, b.id)
    const types = new Set<string>(params.activityTypes)
    const held = new Map<string, number>()
    for (const a of data.activities) {
      if (!contains(period, a.date)) continue
      const branchId =
        a.organiser.kind === "party-branch"
          ? a.organiser.id
          : a.organiser.kind === "committee" && types.has(a.type)
            ? branchOfCommitteeId.get(a.organiser.id ?? "")
            : undefined
      if (branchId !== undefined) held.set(branchId, (held.get(branchId) ?? 0) + 1)
    }
    const check = (m: (typeof data.members)[number]): Rule.Check => {
      const subject = memberSubject(m)
      const committee = index.committeesOf(m.id)[0]
      if (committee === undefined) {
        return Rule.gap(
          subject,
          memberStreet(index, m),
          "unplaced",
          `${m.name} is in no liaison committee, so no branch reaches them`,
          `${m.name}未编入联络委，党的工作无法覆盖`,
        )
      }
      const street = committee.streetId
      const branch = index.branchOf(committee.id)
      if (branch === undefined) {
        return Rule.gap(
          subject,
          street,
          "no-branch",
          `${committee.name} has no party branch`,
          `${committee.name}尚未成立党支部`,
        )
      }
      if (params.requireFirstSecretary && branch.firstSecretary === undefined) {
        return Rule.gap(
          subject,
          street,
          "no-first-secretary",
          `${branch.name} has no first secretary`,
          `${branch.name}未派驻第一书记`,
        )
      }
      const n = held.get(branch.id) ?? 0
      if (n < params.minActivities) {
        return Rule.gap(
          subject,
          street,
          "too-few-party-activities",
          `${branch.name} held ${n} party-led activit${n === 1 ? "y" : "ies"} in ${period.label}, fewer than ${params.minActivities}`,
          `${branch.name}在 ${period.label} 开展党建活动 ${n} 次，少于 ${params.minActivities} 次`,
        )
      }
      return Rule.covered(subject, street)
    }
    for (const m of data.members) yield check(m)
  },
})
