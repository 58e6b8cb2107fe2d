/**
 * Platform coverage (平台全覆盖): every unit of the given tiers (or kinds) has a platform active in
 * the period.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optional, withDefault } from "../../internal/schema.js"
import { UnitKindId } from "../../model/Ids.js"
import { isActiveDuring } from "../../model/Platform.js"
import { UnitTier } from "../../model/Unit.js"
import * as Rule from "../Rule.js"
import { unitSubject } from "./subjects.js"

/**
 * @since 0.1.0
 * @category rules
 */
export const platformCoverage = Rule.define({
  id: "platform-coverage",
  labels: { "zh-CN": "平台覆盖", en: "Platform coverage" },
  description: {
    "zh-CN": "每个街道和社区（村）都有在期内运行的“有事好商量”平台",
    en: "Every street and community/village has a consultation platform active in the period",
  },
  params: Schema.Struct({
    tiers: withDefault(Schema.Array(UnitTier.schema), () => ["township", "village"] as const),
    /** When given, these unit kinds are checked instead of the tiers. */
    kinds: optional(Schema.Array(UnitKindId)),
  }),
  evaluate: function* ({ data, index, period }, params) {
    // Per unit position: 0 no platform, 1 a platform, 2 a platform active in the period.
    const state = new Uint8Array(data.units.length)
    for (const p of data.platforms) {
      const i = index.unitPosition(p.unitId)
      if (i >= 0 && state[i] !== 2) state[i] = isActiveDuring(p, period.start, period.end) ? 2 : 1
    }
    const tiers = new Set<string>(params.tiers)
    const kinds = params.kinds === undefined ? undefined : new Set<string>(params.kinds)
    for (let i = 0; i < data.units.length; i++) {
      const u = data.units[i]!
      if (index.unitPosition(u.id) !== i) continue // a duplicate id: validation reports it
      if (kinds !== undefined ? !kinds.has(u.kind) : !tiers.has(index.tierAt(i) ?? "")) continue
      yield state[i] === 2
        ? Rule.covered(unitSubject(u), u.id)
        : state[i] === 1
          ? Rule.gap(
              unitSubject(u),
              u.id,
              "platform-inactive",
              `${u.name}'s platform is not active in ${period.label}`,
              `${u.name}的协商平台在 ${period.label} 未运行`,
            )
          : Rule.gap(
              unitSubject(u),
              u.id,
              "no-platform",
              `${u.name} has no consultation platform`,
              `${u.name}尚未建立协商平台`,
            )
    }
  },
})
