/**
 * The district (区): the tenant that owns everything, and `DistrictData`, the aggregate every rule
 * reads. `parse` decodes untrusted input and checks its integrity, reporting every problem.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { validateIntegrity } from "../internal/integrity.js"
import { Activity, ActivityTypeDef } from "./Activity.js"
import { LiaisonCommittee } from "./Committee.js"
import { Guidance } from "./Guidance.js"
import { DistrictId } from "./Ids.js"
import * as Issue from "./Issue.js"
import { Member, Sector } from "./Member.js"
import { Outcome } from "./Outcome.js"
import { PartyBranch } from "./PartyBranch.js"
import { Platform } from "./Platform.js"
import { SpecialCommittee } from "./SpecialCommittee.js"
import { Studio } from "./Studio.js"
import { Submission } from "./Submission.js"
import { Unit, UnitKind, defaultKinds } from "./Unit.js"

/**
 * The district itself and its configuration: unit kinds, sectors and extra activity types.
 *
 * @since 0.1.0
 * @category models
 */
export const DistrictInfo = Schema.Struct({
  id: DistrictId,
  name: Schema.NonEmptyTrimmedString,
  nameEn: Schema.optional(Schema.NonEmptyTrimmedString),
  /** Province and city, e.g. 湖北省武汉市. */
  region: Schema.optional(Schema.NonEmptyTrimmedString),
  unitKinds: Schema.optionalWith(Schema.Array(UnitKind), { default: () => defaultKinds }),
  sectors: Schema.Array(Sector),
  activityTypes: Schema.optionalWith(Schema.Array(ActivityTypeDef), { default: () => [] }),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictInfo extends Schema.Schema.Type<typeof DistrictInfo> {}

const list = <S extends Schema.Schema.Any>(item: S) => Schema.optionalWith(Schema.Array(item), { default: () => [] })

/**
 * Everything a district holds. Arrays may come in any order; rules never depend on it.
 *
 * @since 0.1.0
 * @category models
 */
export const DistrictData = Schema.Struct({
  /** Lets editors attach a JSON Schema; ignored by Tongxin. */
  $schema: Schema.optional(Schema.String),
  district: DistrictInfo,
  units: list(Unit),
  platforms: list(Platform),
  members: list(Member),
  committees: list(LiaisonCommittee),
  partyBranches: list(PartyBranch),
  studios: list(Studio),
  specialCommittees: list(SpecialCommittee),
  guidance: list(Guidance),
  activities: list(Activity),
  submissions: list(Submission),
  outcomes: list(Outcome),
}).annotations({ identifier: "DistrictData" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictData extends Schema.Schema.Type<typeof DistrictData> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictDataEncoded extends Schema.Schema.Encoded<typeof DistrictData> {}

/**
 * Every problem found in a district document, shape and integrity alike.
 *
 * @since 0.1.0
 * @category errors
 */
export class DistrictError extends Schema.TaggedError<DistrictError>()("DistrictError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    const n = this.issues.length
    return `The district data has ${n} problem${n === 1 ? "" : "s"}:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

/**
 * Options for integrity checks.
 *
 * @since 0.1.0
 * @category models
 */
export interface ValidateOptions {
  /** Activity types contributed by plugins, accepted in addition to the built-in and declared ones. */
  readonly activityTypes?: Iterable<string>
}

const decodeShape = Schema.decodeUnknownEither(DistrictData, { errors: "all", onExcessProperty: "error" })

/**
 * Every integrity problem of decoded data: duplicate ids, dangling references, cycles in the unit
 * tree, kinds under a parent they may not sit under, committees outside a street, attendance by an
 * unknown member, and more. Never throws; an empty array means the data is consistent.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (data: DistrictData, options: ValidateOptions = {}): ReadonlyArray<Issue.Issue> =>
  validateIntegrity(data, options)

/**
 * Decodes and validates untrusted input (parsed JSON or YAML). `Left` lists every problem with its
 * path; nothing partial is returned.
 *
 * @example
 * import { District } from "@tongxin/core"
 * import * as Either from "effect/Either"
 *
 * const result = District.parse({ district: { id: "d1", name: "青山区", sectors: [] } })
 * if (Either.isLeft(result)) console.error(result.left.message)
 *
 * @since 0.1.0
 * @category decoding
 */
export const parse = (input: unknown, options: ValidateOptions = {}): Either.Either<DistrictData, DistrictError> => {
  const shape = decodeShape(input)
  if (Either.isLeft(shape)) return Either.left(new DistrictError({ issues: Issue.fromParseError(shape.left) }))
  const issues = validateIntegrity(shape.right, options)
  return issues.length > 0 ? Either.left(new DistrictError({ issues })) : Either.right(shape.right)
}

/**
 * {@link parse} as an Effect.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (input: unknown, options: ValidateOptions = {}): Effect.Effect<DistrictData, DistrictError> =>
  Either.match(parse(input, options), { onLeft: Effect.fail, onRight: Effect.succeed })

/**
 * The JSON-safe form of district data; `parse(encode(d))` equals `d`.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode: (data: DistrictData) => DistrictDataEncoded = Schema.encodeSync(DistrictData)
