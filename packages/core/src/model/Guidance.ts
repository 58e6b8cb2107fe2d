/**
 * Leader guidance (分片包街): chairman's-meeting members each take a share of streets.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { MemberId, UnitId } from "./Ids.js"

/**
 * One chairman's-meeting member guiding one street.
 *
 * @since 0.1.0
 * @category models
 */
export const Guidance = Schema.Struct({
  memberId: MemberId,
  streetId: UnitId,
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Guidance extends Schema.Schema.Type<typeof Guidance> {}
