/**
 * Special committees (专委会) and the streets each contacts.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import { SpecialCommitteeId, UnitId } from "./Ids.js"

/**
 * A special committee of the district CPPCC; `streetIds` are the streets it contacts (分工联系).
 *
 * @since 0.1.0
 * @category models
 */
export const SpecialCommittee = Schema.Struct({
  id: SpecialCommitteeId,
  name: NonEmptyTrimmedString,
  nameEn: optional(NonEmptyTrimmedString),
  streetIds: withDefault(Schema.Array(UnitId), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SpecialCommittee extends Schema.Schema.Type<typeof SpecialCommittee> {}
