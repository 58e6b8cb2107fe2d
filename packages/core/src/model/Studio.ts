/**
 * Member studios (委员工作室).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import { IsoDate } from "./IsoDate.js"
import { MemberId, StudioId, UnitId } from "./Ids.js"

/**
 * A studio led by one member, with other members, a theme and the unit it sits in.
 *
 * @since 0.1.0
 * @category models
 */
export const Studio = Schema.Struct({
  id: StudioId,
  name: NonEmptyTrimmedString,
  leadMemberId: MemberId,
  memberIds: withDefault(Schema.Array(MemberId), () => []),
  theme: NonEmptyTrimmedString,
  unitId: UnitId,
  establishedOn: optional(IsoDate),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Studio extends Schema.Schema.Type<typeof Studio> {}
