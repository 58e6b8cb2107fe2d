/**
 * Special-committee contact (专委会分工联系): every street is contacted by a special committee.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Rule from "../Rule.js"
import { unitSubject } from "./subjects.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const specialCommitteeContact = Rule.define({
  id: "special-committee-contact",
  labels: { "zh-CN": "专委会联系街道", en: "Special-committee contact" },
  description: { "zh-CN": "每个街道都有专委会分工联系", en: "Every street is contacted by a special committee" },
  params: Schema.Struct({}),
  evaluate: ({ data, index }) => {
    const contacted = new Set<string>()
    for (const s of data.specialCommittees) for (const u of s.streetIds) contacted.add(u)
    return index
      .unitsOfTier("township")
      .map((street) =>
        contacted.has(street.id)
          ? Rule.covered(unitSubject(street), street.id)
          : Rule.gap(
              unitSubject(street),
              street.id,
              "no-special-committee",
              `no special committee contacts ${street.name}`,
              `没有专委会联系${street.name}`,
            ),
      )
  },
})
