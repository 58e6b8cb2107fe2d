/**
 * Member placement (全员编入): every member in scope sits in exactly one liaison committee.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { withDefault } from "../../internal/schema.js"
import { MemberLevel } from "../../model/Member.js"
import * as Rule from "../Rule.js"
import { memberStreet, memberSubject } from "./subjects.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const memberPlacement = Rule.define({
  id: "member-placement",
  labels: { "zh-CN": "委员编入联络委", en: "Member placement" },
  description: {
    "zh-CN": "范围内每名委员编入且只编入一个街道联络委",
    en: "Every member in scope sits in exactly one street liaison committee",
  },
  params: Schema.Struct({
    levels: withDefault(Schema.Array(MemberLevel.schema), () => MemberLevel.values),
  }),
  evaluate: function* ({ data, index }, params) {
    for (const m of data.members) {
      if (!params.levels.includes(m.level)) continue
      yield (() => {
        const committees = index.committeesOf(m.id)
        if (committees.length === 1) return Rule.covered(memberSubject(m), committees[0]!.streetId)
        if (committees.length === 0) {
          return Rule.gap(
            memberSubject(m),
            memberStreet(index, m),
            "unplaced",
            `${m.name} is not in any liaison committee`,
            `${m.name}未编入任何街道联络委`,
          )
        }
        const names = committees.map((c) => c.name)
        // Counted in the street the member lives in, so the street table shows the gap too.
        return Rule.gap(
          memberSubject(m),
          m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId),
          "multiply-placed",
          `${m.name} is in ${committees.length} committees (${names.join(", ")}); a member sits in one`,
          `${m.name}同时编入 ${committees.length} 个联络委（${names.join("、")}），应只编入一个`,
        )
      })()
    }
  },
})
