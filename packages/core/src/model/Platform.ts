/**
 * Consultation platforms (有事好商量平台 / 协商议事室).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import { IsoDate } from "./IsoDate.js"
import { MemberId, PlatformId, UnitId } from "./Ids.js"

/**
 * A consultation platform at one unit, run by its conveners (召集人).
 *
 * @since 0.1.0
 * @category models
 */
export const Platform = Schema.Struct({
  id: PlatformId,
  unitId: UnitId,
  name: NonEmptyTrimmedString,
  conveners: withDefault(Schema.Array(MemberId), () => []),
  /** First day the platform operates; absent means it always has. */
  activeFrom: optional(IsoDate),
  /** Last day the platform operated; absent means it still does. */
  activeTo: optional(IsoDate),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Platform extends Schema.Schema.Type<typeof Platform> {}

/**
 * Whether the platform operates on at least one day of [start, end].
 *
 * @since 0.1.0
 * @category predicates
 */
export const isActiveDuring = (platform: Platform, start: IsoDate, end: IsoDate): boolean =>
  (platform.activeFrom === undefined || platform.activeFrom <= end) &&
  (platform.activeTo === undefined || platform.activeTo >= start)
