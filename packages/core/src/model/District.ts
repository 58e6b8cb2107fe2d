/**
 * The district (区): the tenant that owns everything, and `DistrictData`, the aggregate every rule
 * reads. `parse` decodes untrusted input and checks its integrity, reporting every problem.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { NonEmptyTrimmedString, optional, strictAll, withDefault } from "../internal/schema.js"
import { validateIntegrity } from "../internal/integrity.js"
import { grouped } from "../internal/echo.js"
import { fastDecoder } from "../internal/fastDecode.js"
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
  name: NonEmptyTrimmedString,
  nameEn: optional(NonEmptyTrimmedString),
  /** Province and city, e.g. 湖北省武汉市. */
  region: optional(NonEmptyTrimmedString),
  unitKinds: withDefault(Schema.Array(UnitKind), () => defaultKinds),
  sectors: Schema.Array(Sector),
  activityTypes: withDefault(Schema.Array(ActivityTypeDef), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictInfo extends Schema.Schema.Type<typeof DistrictInfo> {}

const list = <S extends Schema.Top>(item: S) => withDefault(Schema.Array(item), () => [])

// The collections of DistrictData and the schema of one item of each.
const collections = {
  units: Unit,
  platforms: Platform,
  members: Member,
  committees: LiaisonCommittee,
  partyBranches: PartyBranch,
  studios: Studio,
  specialCommittees: SpecialCommittee,
  guidance: Guidance,
  activities: Activity,
  submissions: Submission,
  outcomes: Outcome,
} as const

/**
 * Everything a district holds. Arrays may come in any order; rules never depend on it.
 *
 * @since 0.1.0
 * @category models
 */
export const DistrictData = Schema.Struct({
  /** Lets editors attach a JSON Schema; ignored by Tongxin. */
  $schema: optional(Schema.String),
  district: DistrictInfo,
  units: list(collections.units),
  platforms: list(collections.platforms),
  members: list(collections.members),
  committees: list(collections.committees),
  partyBranches: list(collections.partyBranches),
  studios: list(collections.studios),
  specialCommittees: list(collections.specialCommittees),
  guidance: list(collections.guidance),
  activities: list(collections.activities),
  submissions: list(collections.submissions),
  outcomes: list(collections.outcomes),
}).annotate({ identifier: "DistrictData" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictData extends Schema.Schema.Type<typeof DistrictData> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictDataEncoded extends Schema.Codec.Encoded<typeof DistrictData> {}

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
    // A capped list ends with an issue saying how many more there were: it is not a problem itself.
    const capped = this.issues.at(-1)?.code === "too-many-problems"
    const n = this.issues.length - (capped ? 1 : 0)
    const count = capped ? `more than ${grouped(n)}` : `${n}`
    return `The district data has ${count} problem${n === 1 ? "" : "s"}:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
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

const decodeShape = Schema.decodeUnknownResult(DistrictData, strictAll)
// Input that is already right is decoded by a walk compiled from the schema (internal/fastDecode.ts);
// anything else by the schema itself, which reports every problem.
const decodeFast = fastDecoder(DistrictData)

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
 * import * as Result from "effect/Result"
 *
 * const result = District.parse({ district: { id: "d1", name: "青山区", sectors: [] } })
 * if (Result.isFailure(result)) console.error(result.failure.message)
 *
 * @since 0.1.0
 * @category decoding
 */
export const parse = (input: unknown, options: ValidateOptions = {}): Result.Result<DistrictData, DistrictError> => {
  const fast = decodeFast(input)
  const shape = fast === undefined ? decodeShape(input) : Result.succeed(fast)
  if (Result.isFailure(shape)) {
    // Report integrity problems among the items that did decode too, so one pass finds everything.
    const issues = [...Issue.fromSchemaError(shape.failure), ...partialIntegrity(input, options)]
    return Result.fail(new DistrictError({ issues }))
  }
  const issues = validateIntegrity(shape.success, options)
  if (issues.length > 0) return Result.fail(new DistrictError({ issues }))
  shapeChecked.add(shape.success)
  return Result.succeed(shape.success)
}

// Data known to have its type's shape: returned by `parse`, or passed by `assertShape`.
const shapeChecked = new WeakSet<DistrictData>()

/**
 * Checks that data typed as {@link DistrictData} in code really has that shape, and throws a
 * {@link DistrictError} listing every problem when it does not. TypeScript cannot see into data
 * built by hand, mapped from an application's own database or read by plain JavaScript: a
 * `partyMember: "false"` (a string, which is truthy) would otherwise count as a party member.
 *
 * The rules (`Coverage.check`, `Scoring.evaluate`, `Progress.rates`) call it through
 * `DistrictIndex.make`, so wrong data fails loudly instead of giving a wrong answer. Data returned by
 * {@link parse} or {@link decode}, or passed here before, costs nothing (a lookup); other data is
 * checked once, at about the cost of `JSON.parse` of the same data. Only the shape is checked:
 * references between records (an attendance row naming an unknown member) are {@link validate}'s.
 *
 * @since 0.1.0
 * @category validation
 */
export const assertShape = (data: DistrictData): void => {
  if (shapeChecked.has(data)) return
  if (decodeFast(data) === undefined) {
    const shape = decodeShape(data)
    if (Result.isFailure(shape)) throw new DistrictError({ issues: Issue.fromSchemaError(shape.failure) })
  }
  shapeChecked.add(data)
}

/**
 * {@link parse} as an Effect.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (input: unknown, options: ValidateOptions = {}): Effect.Effect<DistrictData, DistrictError> =>
  Result.match(parse(input, options), { onFailure: Effect.fail, onSuccess: Effect.succeed })

/**
 * The JSON-safe form of district data; `parse(encode(d))` equals `d`.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode: (data: DistrictData) => DistrictDataEncoded = Schema.encodeSync(DistrictData)

const decodeInfo = Schema.decodeUnknownOption(DistrictInfo)
const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

// Items of an array that decode on their own, and the ids of those that do not.
const decodeEach = (raw: unknown, schema: Schema.Decoder<unknown>) => {
  const decodeItem = Schema.decodeUnknownOption(schema, { onExcessProperty: "error" })
  const items: Array<unknown> = []
  const at: Array<number> = []
  const failedIds = new Set<string>()
  const ids: Array<string | undefined> = []
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => {
      const id = isRecord(item) && typeof item["id"] === "string" ? item["id"] : undefined
      ids.push(id)
      const decoded = decodeItem(item)
      if (decoded._tag === "Some") {
        items.push(decoded.value)
        at.push(i)
      } else if (id !== undefined) failedIds.add(id)
    })
  }
  return { items, at, failedIds, ids }
}

// Integrity of the items that decode on their own, with paths (and positions named in messages)
// pointing at their original places. Items that fail are left out, but their ids still count as
// present; a broken district section is read part by part the same way.
const partialIntegrity = (input: unknown, options: ValidateOptions): ReadonlyArray<Issue.Issue> => {
  if (!isRecord(input)) return []
  const present: Record<string, Set<string>> = {}
  let district: DistrictInfo
  const info = decodeInfo(input["district"])
  if (info._tag === "Some") district = info.value
  else {
    const raw = isRecord(input["district"]) ? input["district"] : {}
    const kinds =
      raw["unitKinds"] === undefined
        ? { items: defaultKinds, failedIds: new Set<string>() }
        : decodeEach(raw["unitKinds"], UnitKind)
    const sectors = decodeEach(raw["sectors"], Sector)
    const types = decodeEach(raw["activityTypes"], ActivityTypeDef)
    present["unitKinds"] = kinds.failedIds
    present["sectors"] = sectors.failedIds
    present["activityTypes"] = types.failedIds
    district = {
      id: "?" as DistrictInfo["id"],
      name: "?",
      unitKinds: kinds.items as Array<UnitKind>,
      sectors: sectors.items as Array<Sector>,
      activityTypes: types.items as Array<ActivityTypeDef>,
    }
  }
  const data: Record<string, unknown> = { district }
  const positions: Record<string, ReadonlyArray<number>> = {}
  const issues: Array<Issue.Issue> = []
  for (const [key, schema] of Object.entries(collections)) {
    const each = decodeEach(input[key], schema as Schema.Decoder<unknown>)
    data[key] = each.items
    positions[key] = each.at
    present[key] = each.failedIds
    // Duplicate ids involving an item that failed to decode (the rest are found by validation).
    const valid = new Set(each.at)
    const firstAt = new Map<string, number>()
    each.ids.forEach((id, i) => {
      if (id === undefined) return
      const first = firstAt.get(id)
      if (first === undefined) firstAt.set(id, i)
      else if (!valid.has(first) || !valid.has(i)) {
        issues.push({
          path: `${key}[${i}].id`,
          code: "duplicate-id",
          message: `id "${id}" is already used by ${key}[${first}]`,
          messageZh: `编号“${id}”已被 ${key}[${first}] 使用`,
        })
      }
    })
  }
  const remap = (text: string) =>
    text.replace(/\b([A-Za-z]+)\[(\d+)\]/g, (whole, key: string, n: string) => {
      const original = positions[key]?.[Number(n)]
      return original === undefined ? whole : `${key}[${original}]`
    })
  return [
    ...issues,
    ...validateIntegrity(data as unknown as DistrictData, options, present).map((issue) => ({
      ...issue,
      path: remap(issue.path),
      message: remap(issue.message),
      messageZh: remap(issue.messageZh),
    })),
  ]
}
