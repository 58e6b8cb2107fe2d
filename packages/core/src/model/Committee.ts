/**
 * Street liaison committees (街道联络委).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, withDefault } from "../internal/schema.js"
import { CommitteeId, MemberId, UnitId } from "./Ids.js"

/**
 * The liaison committee of one township-level unit (street or town). Members are placed in it by
 * listing them here; assignment computes that list.
 *
 * @since 0.1.0
 * @category models
 */
export const LiaisonCommittee = Schema.Struct({
  id: CommitteeId,
  /** The street or town it serves. */
  streetId: UnitId,
  name: NonEmptyTrimmedString,
  /** The head (主任), usually a street official who is not a CPPCC member. */
  head: optional(NonEmptyTrimmedString),
  memberIds: withDefault(Schema.Array(MemberId), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LiaisonCommittee extends Schema.Schema.Type<typeof LiaisonCommittee> {}
