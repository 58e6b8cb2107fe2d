/**
 * Activity cadence (活动常态化): each committee or platform holds at least N activities of the
 * given types in every calendar window (month, quarter, half-year, year) of the period.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as LabelledEnum from "../../i18n/LabelledEnum.js"
import { isInt, isPositive, withDefault } from "../../internal/schema.js"
import { ActivityTypeId } from "../../model/Ids.js"
import { Granularity, type Period, windows } from "../../model/Period.js"
import { UnitTier } from "../../model/Unit.js"
import * as Rule from "../Rule.js"
import { byId } from "./subjects.js"

/**
 * Which bodies the cadence applies to.
 *
 * @since 0.1.0
 * @category models
 */
export const CadenceSubject = LabelledEnum.make("CadenceSubject", {
  committee: { "zh-CN": "街道联络委", en: "Liaison committees" },
  platform: { "zh-CN": "协商平台", en: "Platforms" },
})

/**
 * @since 0.1.0
 * @category rules
 */
export const activityCadence = Rule.define({
  id: "activity-cadence",
  labels: { "zh-CN": "活动开展频次", en: "Activity cadence" },
  description: {
    "zh-CN": "每个联络委（或平台）在每个自然周期内开展规定类型的活动不少于规定次数",
    en: "Each committee (or platform) holds at least N activities of the given types in every calendar window",
  },
  params: Schema.Struct({
    subject: withDefault(CadenceSubject.schema, () => "committee" as const),
    /** For platforms: which tiers of units. */
    tiers: withDefault(Schema.Array(UnitTier.schema), () => ["township", "village"] as const),
    /** Activity types that count; empty means all. */
    types: withDefault(Schema.Array(ActivityTypeId), () => []),
    min: withDefault(Schema.Number.check(isInt, isPositive), () => 1),
    per: withDefault(Granularity.schema, () => "quarter" as const),
  }),
  evaluate: ({ data, index, period }, params) => {
    const types = new Set<string>(params.types)
    const counts = (a: { readonly type: string }) => types.size === 0 || types.has(a.type)
    // Each subject with the windows it is expected to be active in, and its activity dates.
    const periodWindows = windows(period, params.per)
    const subjects: Array<{
      subject: Rule.Subject
      unitId: string | undefined
      windows: ReadonlyArray<Period>
      key: string
    }> = []
    if (params.subject === "committee") {
      for (const c of [...data.committees].sort(byId)) {
        subjects.push({
          subject: { kind: "committee", id: c.id, name: c.name },
          unitId: c.streetId,
          windows: periodWindows,
          key: c.id,
        })
      }
    } else {
      const tiers = new Set<string>(params.tiers)
      for (const p of [...data.platforms].sort(byId)) {
        if (!tiers.has(index.tierOf(p.unitId) ?? "")) continue
        // Only windows in which the platform operated at all.
        const active = periodWindows.filter(
          (w) =>
            (p.activeFrom === undefined || p.activeFrom <= w.end) &&
            (p.activeTo === undefined || p.activeTo >= w.start),
        )
        subjects.push({
          subject: { kind: "platform", id: p.id, name: p.name },
          unitId: p.unitId,
          windows: active,
          key: p.id,
        })
      }
    }
    const dates = new Map<string, Array<string>>()
    const add = (key: string | undefined, date: string) => {
      if (key === undefined) return
      const list = dates.get(key)
      if (list === undefined) dates.set(key, [date])
      else list.push(date)
    }
    for (const a of data.activities) {
      if (!counts(a) || a.date < period.start || a.date > period.end) continue
      if (params.subject === "committee") {
        if (a.organiser.kind === "committee") add(a.organiser.id, a.date)
      } else {
        add(a.platformId, a.date)
        if (a.organiser.kind === "platform" && a.organiser.id !== a.platformId) add(a.organiser.id, a.date)
      }
    }
    return subjects.map(({ subject, unitId, windows: ws, key }) => {
      const held = ws.map(() => 0)
      for (const d of dates.get(key) ?? []) {
        const w = ws.findIndex((x) => d >= x.start && d <= x.end)
        if (w >= 0) held[w]!++
      }
      const short = ws.flatMap((w, i) => (held[i]! < params.min ? [`${w.label} (${held[i]})`] : []))
      const unit = unitId as Rule.Check["unitId"]
      if (short.length === 0) return Rule.covered(subject, unit)
      return Rule.gap(
        subject,
        unit,
        "below-cadence",
        `${subject.name} held fewer than ${params.min} activit${params.min === 1 ? "y" : "ies"} in ${short.length} of ${ws.length} ${Granularity.labels[params.per].en.toLowerCase()}s: ${short.join(", ")}`,
        `${subject.name}有 ${short.length}/${ws.length} 个${Granularity.labels[params.per]["zh-CN"]}开展活动少于 ${params.min} 次：${short.join("、")}`,
      )
    })
  },
})
