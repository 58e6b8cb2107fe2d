/**
 * Party organisation (党的组织全覆盖): every liaison committee is served by a party branch with at
 * least three party members, and every party-member member belongs to a branch.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isInt, isPositive, withDefault } from "../../internal/schema.js"
import type { MemberId } from "../../model/Ids.js"
import { limits } from "../../model/PartyBranch.js"
import * as Rule from "../Rule.js"
import { byId, memberStreet, memberSubject } from "./subjects.js"

/**
 * Committees: served by a branch that is big enough. A functional branch with fewer than
 * `minPartyMembers` party members is flagged as needing a joint branch.
 *
 * @since 0.1.0
 * @category rules
 */
export const partyBranches = Rule.define({
  id: "party-branches",
  labels: { "zh-CN": "党组织覆盖（联络委）", en: "Party branches of committees" },
  description: {
    "zh-CN": "每个联络委都有功能型党支部且党员不少于 3 名，不足的应组建联合党支部",
    en: "Every liaison committee has a party branch with at least 3 party members; smaller ones need a joint branch",
  },
  params: Schema.Struct({
    minPartyMembers: withDefault(Schema.Number.check(isInt, isPositive), () => limits.minMembers),
  }),
  evaluate: ({ data, index }, params) =>
    [...data.committees].sort(byId).map((c) => {
      const subject = { kind: "committee" as const, id: c.id, name: c.name }
      const branch = index.branchOf(c.id)
      if (branch === undefined) {
        return Rule.gap(subject, c.streetId, "no-branch", `${c.name} has no party branch`, `${c.name}尚未成立党支部`)
      }
      const n = index.branchMembers(branch).size
      if (n >= params.minPartyMembers) return Rule.covered(subject, c.streetId)
      return branch.kind === "functional"
        ? Rule.gap(
            subject,
            c.streetId,
            "needs-joint-branch",
            `${branch.name} has ${n} party member${n === 1 ? "" : "s"}, fewer than ${params.minPartyMembers}: form a joint branch with neighbouring committees`,
            `${branch.name}仅有 ${n} 名党员，不足 ${params.minPartyMembers} 名，应与相邻联络委组建联合党支部`,
          )
        : Rule.gap(
            subject,
            c.streetId,
            "branch-too-small",
            `joint branch ${branch.name} has only ${n} party members`,
            `联合党支部${branch.name}仅有 ${n} 名党员`,
          )
    }),
})

/**
 * Members: every party-member member is in some branch (listed, or placed in a committee a branch
 * serves).
 *
 * @since 0.1.0
 * @category rules
 */
export const partyMembership = Rule.define({
  id: "party-membership",
  labels: { "zh-CN": "党组织覆盖（党员委员）", en: "Party members in branches" },
  description: {
    "zh-CN": "每名中共党员委员都编入一个党支部",
    en: "Every member who is a party member belongs to a party branch",
  },
  params: Schema.Struct({}),
  evaluate: ({ data, index }) => {
    const inBranch = new Set<MemberId>()
    for (const b of data.partyBranches) for (const m of index.branchMembers(b)) inBranch.add(m)
    return data.members
      .filter((m) => m.partyMember)
      .map((m) =>
        inBranch.has(m.id)
          ? Rule.covered(memberSubject(m), memberStreet(index, m))
          : Rule.gap(
              memberSubject(m),
              memberStreet(index, m),
              "not-in-branch",
              `${m.name} is a party member but in no party branch`,
              `${m.name}是中共党员，但未编入党支部`,
            ),
      )
  },
})
