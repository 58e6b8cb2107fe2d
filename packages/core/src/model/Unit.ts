/**
 * Administrative units (街道/社区/村 …) and the unit kinds a district declares.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional } from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { Labels } from "../i18n/Labels.js"
import { UnitId, UnitKindId } from "./Ids.js"

/**
 * Where a kind sits in China's administrative hierarchy. Rules speak in tiers ("every township-level
 * unit has a liaison committee") so they work whatever a district calls its kinds.
 *
 * @since 0.1.0
 * @category models
 */
export const UnitTier = LabelledEnum.make("UnitTier", {
  township: { "zh-CN": "乡镇级（街道、乡镇）", en: "Township level (street, town)" },
  village: { "zh-CN": "村级（社区、村）", en: "Village level (community, village)" },
  other: { "zh-CN": "其他", en: "Other" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type UnitTier = typeof UnitTier.schema.Type

/**
 * A unit kind a district uses: its labels, its tier, and the kinds it may sit under (none: a root).
 *
 * @since 0.1.0
 * @category models
 */
export const UnitKind = Schema.Struct({
  id: UnitKindId,
  labels: Labels,
  tier: UnitTier.schema,
  parents: Schema.Array(UnitKindId),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface UnitKind extends Schema.Schema.Type<typeof UnitKind> {}

const kind = (id: string, zh: string, en: string, tier: UnitTier, parents: ReadonlyArray<string>): UnitKind => ({
  id: id as UnitKindId,
  labels: { "zh-CN": zh, en },
  tier,
  parents: parents as ReadonlyArray<UnitKindId>,
})

/**
 * The kinds used when a district declares none: streets and towns at the root, communities and
 * villages under them.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultKinds: ReadonlyArray<UnitKind> = [
  kind("street", "街道", "Street", "township", []),
  kind("town", "乡镇", "Town", "township", []),
  kind("community", "社区", "Community", "village", ["street", "town"]),
  kind("village", "村", "Village", "village", ["street", "town"]),
]

/**
 * A unit of the district's administrative tree.
 *
 * @since 0.1.0
 * @category models
 */
export const Unit = Schema.Struct({
  id: UnitId,
  kind: UnitKindId,
  name: NonEmptyTrimmedString,
  nameEn: optional(NonEmptyTrimmedString),
  parentId: optional(UnitId),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Unit extends Schema.Schema.Type<typeof Unit> {}
