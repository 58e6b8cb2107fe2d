/**
 * Branded identifiers. An id is 1–128 characters without whitespace, control characters (ESC, BEL,
 * …) or invisible ones (bidirectional overrides, zero-width spaces, …): ids end up in terminals,
 * reports and file names, and two ids that look the same must be the same id. Names (display
 * text) may hold any character. The brand keeps a member id from being passed where a unit id is
 * expected.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { bilingual, isId, noHiddenCharacters, noMixedScripts, refineWith } from "../internal/schema.js"

// A control or invisible character is named by its code point, and stops the general check: one
// issue per bad id.
const id = <const B extends string>(brand: B) =>
  Schema.String.check(
    noHiddenCharacters.abort(),
    noMixedScripts.abort(),
    refineWith(
      isId,
      () =>
        bilingual(
          "an id must be 1 to 128 characters with no spaces (and no broken characters)",
          "编号应为 1 至 128 个字符，且不含空格（或残缺字符）",
        ),
      { arbitraryConstraint: { patterns: [{ source: "^[A-Za-z0-9_-]{1,24}$", flags: "" }] } },
    ),
  ).pipe(Schema.brand<B>(brand as never), Schema.annotate({ identifier: brand }))

/** @since 0.1.0 @category ids */
export const DistrictId = id("DistrictId")
/** @since 0.1.0 @category ids */
export type DistrictId = typeof DistrictId.Type
/** @since 0.1.0 @category ids */
export const UnitId = id("UnitId")
/** @since 0.1.0 @category ids */
export type UnitId = typeof UnitId.Type
/** @since 0.1.0 @category ids */
export const PlatformId = id("PlatformId")
/** @since 0.1.0 @category ids */
export type PlatformId = typeof PlatformId.Type
/** @since 0.1.0 @category ids */
export const MemberId = id("MemberId")
/** @since 0.1.0 @category ids */
export type MemberId = typeof MemberId.Type
/** @since 0.1.0 @category ids */
export const CommitteeId = id("CommitteeId")
/** @since 0.1.0 @category ids */
export type CommitteeId = typeof CommitteeId.Type
/** @since 0.1.0 @category ids */
export const PartyBranchId = id("PartyBranchId")
/** @since 0.1.0 @category ids */
export type PartyBranchId = typeof PartyBranchId.Type
/** @since 0.1.0 @category ids */
export const StudioId = id("StudioId")
/** @since 0.1.0 @category ids */
export type StudioId = typeof StudioId.Type
/** @since 0.1.0 @category ids */
export const SpecialCommitteeId = id("SpecialCommitteeId")
/** @since 0.1.0 @category ids */
export type SpecialCommitteeId = typeof SpecialCommitteeId.Type
/** @since 0.1.0 @category ids */
export const ActivityId = id("ActivityId")
/** @since 0.1.0 @category ids */
export type ActivityId = typeof ActivityId.Type
/** @since 0.1.0 @category ids */
export const SubmissionId = id("SubmissionId")
/** @since 0.1.0 @category ids */
export type SubmissionId = typeof SubmissionId.Type
/** @since 0.1.0 @category ids */
export const CaseId = id("CaseId")
/** @since 0.1.0 @category ids */
export type CaseId = typeof CaseId.Type
/** @since 0.1.0 @category ids */
export const OutcomeId = id("OutcomeId")
/** @since 0.1.0 @category ids */
export type OutcomeId = typeof OutcomeId.Type

const slug = <const B extends string>(brand: B, what: string) =>
  Schema.String.check(
    refineWith(
      (s: string) => slugPattern.test(s),
      () =>
        bilingual(
          `${what} must be lower-case letters, digits and dashes, starting with a letter (e.g. "community")`,
          `${what}代码应由小写字母、数字和短横线组成，并以字母开头（如 "community"）`,
        ),
      { arbitraryConstraint: { patterns: [{ source: slugPattern.source, flags: "" }] } },
    ),
  ).pipe(Schema.brand<B>(brand as never), Schema.annotate({ identifier: brand }))

const slugPattern = /^[a-z][a-z0-9-]{0,63}$/

/**
 * A unit kind such as `street` or `community`; districts declare their own kinds.
 *
 * @since 0.1.0
 * @category ids
 */
export const UnitKindId = slug("UnitKindId", "a unit kind")
/** @since 0.1.0 @category ids */
export type UnitKindId = typeof UnitKindId.Type
/**
 * A sector (界别) code declared in the district's sector list.
 *
 * @since 0.1.0
 * @category ids
 */
export const SectorId = slug("SectorId", "a sector code")
/** @since 0.1.0 @category ids */
export type SectorId = typeof SectorId.Type
/**
 * An activity type: a built-in one, one the district declares, or one a plugin contributes.
 *
 * @since 0.1.0
 * @category ids
 */
export const ActivityTypeId = slug("ActivityTypeId", "an activity type")
/** @since 0.1.0 @category ids */
export type ActivityTypeId = typeof ActivityTypeId.Type
