/**
 * Checks every adapter runs on its input before it writes, so all stores refuse the same things
 * with the same messages: Schema-invalid rows (every problem, with its path), oversize payloads,
 * unknown collections and filters. Adapter authors call these first and write only what they return.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { isWellFormed, strictAll, withDefault } from "../internal/schema.js"
import * as District from "../model/District.js"
import type { DistrictData, DistrictInfo } from "../model/District.js"
import { DistrictId } from "../model/Ids.js"
import * as IsoDate from "../model/IsoDate.js"
import * as Issue from "../model/Issue.js"
import * as Collections from "./Collections.js"
import * as Store from "./Store.js"
import { InvalidInput, PayloadTooLarge } from "./StoreError.js"

/**
 * Size limits, in bytes of JSON (UTF-8). Rows and events above `maxRowBytes` are refused with
 * `PayloadTooLarge`; so are evaluation results above `maxSnapshotBytes`.
 *
 * @since 0.1.0
 * @category limits
 */
export const limits = {
  maxRowBytes: 1024 * 1024,
  maxSnapshotBytes: 32 * 1024 * 1024,
  defaultPageSize: 100,
  maxPageSize: 10_000,
  defaultBatchSize: 1_000,
} as const

/**
 * An item that passed the checks: its key, the normalised item (defaults filled in) and its JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckedItem<A> {
  readonly key: string
  readonly item: A
  readonly json: string
}

/**
 * The checked form of `ListOptions`: filters as positions in the collection's `filters`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Query {
  readonly filters: ReadonlyArray<readonly [index: number, value: string]>
  readonly from?: string
  readonly to?: string
  readonly after?: string
  readonly limit: number
}

const issue = (path: string, code: string, en: string, zh: string): Issue.Issue => ({
  path,
  code,
  message: en,
  messageZh: zh,
})

const prefixed = (prefix: string, issues: ReadonlyArray<Issue.Issue>): ReadonlyArray<Issue.Issue> =>
  issues.map((i) => ({
    ...i,
    path: i.path === "(root)" ? prefix : i.path.startsWith("[") ? prefix + i.path : `${prefix}.${i.path}`,
  }))

const fail = (operation: string, issues: ReadonlyArray<Issue.Issue>) =>
  Effect.fail(new InvalidInput({ operation, issues }))

const byteLength = (json: string): number => {
  // Most of a row is ASCII: count UTF-8 bytes without allocating a buffer.
  let n = json.length
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    // 2 bytes below U+0800, 3 up to U+FFFF, 4 for a surrogate pair (2 per half).
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2
  }
  return n
}

const sized = (
  operation: string,
  path: string,
  json: string,
  limit: number,
): Effect.Effect<string, PayloadTooLarge> => {
  if (json.length <= limit / 3) return Effect.succeed(json)
  const bytes = byteLength(json)
  return bytes > limit ? Effect.fail(new PayloadTooLarge({ operation, path, bytes, limit })) : Effect.succeed(json)
}

/**
 * Checks a district id.
 *
 * @since 0.1.0
 * @category checks
 */
export const districtId = (operation: string, id: unknown): Effect.Effect<DistrictId, InvalidInput> => {
  const r = Schema.decodeUnknownResult(DistrictId)(id)
  return Result.isSuccess(r)
    ? Effect.succeed(r.success)
    : fail(operation, prefixed("district", Issue.fromSchemaError(r.failure)))
}

/**
 * Checks a collection name.
 *
 * @since 0.1.0
 * @category checks
 */
export const collection = (operation: string, name: unknown): Effect.Effect<Collections.Name, InvalidInput> =>
  Collections.isName(name)
    ? Effect.succeed(name)
    : fail(operation, [
        issue(
          "collection",
          "unknown-collection",
          `"${String(name)}" is not a collection; use one of ${Collections.names.join(", ")}`,
          `"${String(name)}" 不是可用的数据集；可用：${Collections.names.join("、")}`,
        ),
      ])

type Decode = (u: unknown) => Result.Result<ReadonlyArray<unknown>, Schema.SchemaError>
const decodeArray = (schema: Schema.Codec<unknown, unknown>): Decode =>
  Schema.decodeUnknownResult(Schema.Array(schema), strictAll)
const decoders = new Map<Collections.Name, Decode>()

/**
 * Checks items for `upsert`: each must decode with the collection's Schema (all problems are
 * reported, under `items[i]`), no key may appear twice, and no row may exceed `maxRowBytes`.
 *
 * @since 0.1.0
 * @category checks
 */
export const items = <K extends Collections.Name>(
  operation: string,
  name: K,
  input: ReadonlyArray<Collections.Item<K>>,
): Effect.Effect<ReadonlyArray<CheckedItem<Collections.Item<K>>>, InvalidInput | PayloadTooLarge> =>
  Effect.flatMap(
    collection(operation, name),
    (): Effect.Effect<ReadonlyArray<CheckedItem<Collections.Item<K>>>, InvalidInput | PayloadTooLarge> => {
      const descriptor = Collections.collections[name] as unknown as Collections.Descriptor<Collections.Item<K>>
      let decode = decoders.get(name)
      if (decode === undefined) {
        decode = decodeArray(descriptor.schema as Schema.Codec<unknown, unknown>)
        decoders.set(name, decode)
      }
      const decoded = decode(input)
      if (Result.isFailure(decoded)) return fail(operation, prefixed("items", Issue.fromSchemaError(decoded.failure)))
      const values = decoded.success as ReadonlyArray<Collections.Item<K>>
      const seen = new Map<string, number>()
      const duplicates: Array<Issue.Issue> = []
      const out: Array<CheckedItem<Collections.Item<K>>> = []
      for (let i = 0; i < values.length; i++) {
        const item = values[i]!
        const key = descriptor.key(item)
        const first = seen.get(key)
        if (first !== undefined) {
          duplicates.push(
            issue(
              `items[${i}]`,
              "duplicate",
              `has the same key "${key}" as items[${first}]`,
              `与 items[${first}] 的键 "${key}" 重复`,
            ),
          )
          continue
        }
        seen.set(key, i)
        out.push({ key, item, json: JSON.stringify(item) })
      }
      if (duplicates.length > 0) return fail(operation, duplicates)
      const tooLarge = out.findIndex(
        (c) => c.json.length > limits.maxRowBytes / 3 && byteLength(c.json) > limits.maxRowBytes,
      )
      if (tooLarge >= 0) {
        const json = out[tooLarge]!.json
        return Effect.fail(
          new PayloadTooLarge({
            operation,
            path: `items[${tooLarge}]`,
            bytes: byteLength(json),
            limit: limits.maxRowBytes,
          }),
        )
      }
      return Effect.succeed(out)
    },
  )

/**
 * Checks a key for `get` and `remove`.
 *
 * @since 0.1.0
 * @category checks
 */
export const key = (operation: string, value: unknown, path = "key"): Effect.Effect<string, InvalidInput> =>
  typeof value === "string" && value.length > 0 && value.length <= 300 && isWellFormed(value)
    ? Effect.succeed(value)
    : fail(operation, [
        issue(
          path,
          "invalid-key",
          "must be a non-empty key of at most 300 characters of valid Unicode",
          "应为不超过 300 个字符的非空键（有效的 Unicode 文本）",
        ),
      ])

/**
 * Checks `ListOptions` against a collection: known filter fields, valid dates, a page size within
 * limits.
 *
 * @since 0.1.0
 * @category checks
 */
export const query = (
  operation: string,
  name: Collections.Name,
  options: Store.ListOptions = {},
  defaultLimit: number = limits.defaultPageSize,
): Effect.Effect<Query, InvalidInput> =>
  Effect.flatMap(collection(operation, name), () => {
    const descriptor = Collections.collections[name] as unknown as Collections.Descriptor<unknown>
    const problems: Array<Issue.Issue> = []
    const filters: Array<readonly [number, string]> = []
    for (const [field, value] of Object.entries(options.filter ?? {})) {
      const index = descriptor.filters.indexOf(field)
      if (index < 0) {
        const known = descriptor.filters.length === 0 ? "none" : descriptor.filters.join(", ")
        problems.push(
          issue(
            `filter.${field}`,
            "unknown-filter",
            `${name} cannot be filtered by "${field}" (filter fields: ${known})`,
            `${name} 不能按 "${field}" 筛选（可筛选字段：${known}）`,
          ),
        )
      } else if (typeof value !== "string" || !isWellFormed(value)) {
        problems.push(
          issue(
            `filter.${field}`,
            "invalid",
            "must be text without NUL or broken characters",
            "应为不含 NUL 或残缺字符的文本",
          ),
        )
      } else filters.push([index, value])
    }
    for (const bound of ["from", "to"] as const) {
      const value = options[bound]
      if (value === undefined) continue
      if (descriptor.date === undefined) {
        problems.push(issue(bound, "undated", `${name} have no date to range over`, `${name} 没有可按日期筛选的字段`))
      } else if (Result.isFailure(Schema.decodeUnknownResult(IsoDate.IsoDate)(value))) {
        problems.push(issue(bound, "invalid", "must be a date like 2025-06-15", "应为日期，例如 2025-06-15"))
      }
    }
    const limit = options.limit ?? defaultLimit
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
      problems.push(
        issue(
          "limit",
          "invalid",
          `must be a whole number from 1 to ${limits.maxPageSize}`,
          `应为 1 至 ${limits.maxPageSize} 的整数`,
        ),
      )
    }
    if (
      options.after !== undefined &&
      (typeof options.after !== "string" || options.after.length === 0 || !isWellFormed(options.after))
    ) {
      problems.push(issue("after", "invalid", "must be the cursor of a previous page", "应为上一页返回的游标"))
    }
    if (problems.length > 0) return fail(operation, problems)
    return Effect.succeed({
      filters,
      limit,
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.after !== undefined ? { after: options.after } : {}),
    })
  })

/**
 * Checks `StreamOptions`: like {@link query}, with `batchSize` as the page size.
 *
 * @since 0.1.0
 * @category checks
 */
export const streamQuery = (
  operation: string,
  name: Collections.Name,
  options: Store.StreamOptions = {},
): Effect.Effect<Query, InvalidInput> => {
  const { batchSize, ...rest } = options
  return Effect.mapError(
    query(operation, name, { ...rest, limit: batchSize ?? limits.defaultBatchSize }),
    (e) =>
      new InvalidInput({
        operation,
        issues: e.issues.map((i) => (i.path === "limit" ? { ...i, path: "batchSize" } : i)),
      }),
  )
}

/**
 * Whether a stored row passes a query's filters and date range (not the cursor), from the filter
 * values (`descriptor.filterValues(item)`) and date kept beside it. For adapters that filter in
 * memory.
 *
 * @since 0.1.0
 * @category queries
 */
export const matches = (
  q: Omit<Query, "limit">,
  filterValues: ReadonlyArray<string | undefined>,
  date: string | undefined,
): boolean => {
  for (const [index, value] of q.filters) if (filterValues[index] !== value) return false
  if (date !== undefined) {
    if (q.from !== undefined && date < q.from) return false
    if (q.to !== undefined && date > q.to) return false
  }
  return true
}

/**
 * The index of the first key after a cursor in keys sorted by `Collections.compareKeys` (binary
 * search). For adapters that page in memory.
 *
 * @since 0.1.0
 * @category queries
 */
export const firstAfter = (sortedKeys: ReadonlyArray<string>, after: string | undefined): number => {
  if (after === undefined) return 0
  let lo = 0
  let hi = sortedKeys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (Collections.compareKeys(sortedKeys[mid]!, after) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Checks a district record for `putDistrict`.
 *
 * @since 0.1.0
 * @category checks
 */
export const districtInfo = (
  operation: string,
  info: unknown,
): Effect.Effect<{ readonly info: DistrictInfo; readonly json: string }, InvalidInput | PayloadTooLarge> => {
  const r = Schema.decodeUnknownResult(District.DistrictInfo, strictAll)(info)
  if (Result.isFailure(r)) return fail(operation, prefixed("district", Issue.fromSchemaError(r.failure)))
  return Effect.map(sized(operation, "district", JSON.stringify(r.success), limits.maxRowBytes), (json) => ({
    info: r.success,
    json,
  }))
}

/**
 * Checks a whole district document for `importDistrict`: shape and integrity (every problem, with
 * its path), and the size of every row.
 *
 * @since 0.1.0
 * @category checks
 */
export const districtData = (
  operation: string,
  data: unknown,
  options: Store.ImportOptions = {},
): Effect.Effect<DistrictData, InvalidInput | PayloadTooLarge> => {
  const parsed = District.parse(
    data,
    options.activityTypes === undefined ? {} : { activityTypes: options.activityTypes },
  )
  if (Result.isFailure(parsed)) return fail(operation, parsed.failure.issues)
  const checked = parsed.success
  const info = JSON.stringify(checked.district)
  if (info.length > limits.maxRowBytes / 3 && byteLength(info) > limits.maxRowBytes) {
    return Effect.fail(
      new PayloadTooLarge({ operation, path: "district", bytes: byteLength(info), limit: limits.maxRowBytes }),
    )
  }
  for (const name of Collections.districtDataNames) {
    const list = checked[name] as ReadonlyArray<unknown>
    // An activity's attendance rows are rows of their own (each bounded by its Schema), so the limit
    // applies to the activity without them — and stringifying 50 rows per activity is most of the cost.
    const row = name === "activities" ? (a: unknown) => ({ ...(a as object), attendance: [] }) : (x: unknown) => x
    for (let i = 0; i < list.length; i++) {
      const json = JSON.stringify(row(list[i]))
      if (json.length > limits.maxRowBytes / 3 && byteLength(json) > limits.maxRowBytes) {
        return Effect.fail(
          new PayloadTooLarge({ operation, path: `${name}[${i}]`, bytes: byteLength(json), limit: limits.maxRowBytes }),
        )
      }
    }
  }
  return Effect.succeed(checked)
}

// A fast structural check for JSON values; Schema would do, but results can hold 100,000 members.
const jsonProblem = (value: unknown, path: Array<string | number>, depth: number): string | undefined => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined
  if (typeof value === "number") return Number.isFinite(value) ? undefined : Issue.formatPath(path)
  if (depth > 64) return Issue.formatPath(path)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      const p = jsonProblem(value[i], path, depth + 1)
      path.pop()
      if (p !== undefined) return p
    }
    return undefined
  }
  if (
    (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) ||
    (typeof value === "object" && Object.getPrototypeOf(value) === null)
  ) {
    for (const [k, v] of Object.entries(value as object)) {
      path.push(k)
      const p = jsonProblem(v, path, depth + 1)
      path.pop()
      if (p !== undefined) return p
    }
    return undefined
  }
  return Issue.formatPath(path)
}

const jsonIssues = (path: string, value: unknown): ReadonlyArray<Issue.Issue> => {
  const bad = jsonProblem(value, [], 0)
  if (bad === undefined) return []
  return [
    issue(
      bad === "(root)" ? path : bad.startsWith("[") ? path + bad : `${path}.${bad}`,
      "not-json",
      "must be plain JSON: null, true/false, a finite number, text, a list or an object, at most 64 levels deep",
      "应为纯 JSON 值：null、true/false、有限数字、文本、列表或对象，嵌套不超过 64 层",
    ),
  ]
}

const jsonValue = (operation: string, path: string, value: unknown): Effect.Effect<void, InvalidInput> => {
  const issues = jsonIssues(path, value)
  return issues.length === 0 ? Effect.void : fail(operation, issues)
}

// Shapes first, with JSON values checked by `jsonValue`: one clear problem per bad value instead of
// one per member of the JSON union. A missing JSON value is left to `jsonValue` too ("must be plain
// JSON"), as Effect 3's `Unknown` let it through.
const JsonRecord = Schema.Record(Schema.String, Schema.Unknown)
const AnyJson = Schema.optionalKey(Schema.Unknown)
const decodeEvents = Schema.decodeUnknownResult(
  Schema.Array(Schema.Struct({ ...Store.NewEvent.fields, data: AnyJson, meta: withDefault(JsonRecord, () => ({})) })),
  strictAll,
)

/**
 * A checked event: type, data and meta as given, and the JSON of each.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckedEvent {
  readonly type: string
  readonly data: Store.Json
  readonly meta: { readonly [key: string]: Store.Json }
  readonly dataJson: string
  readonly metaJson: string
}

/**
 * Checks events for `append`, and the expected version.
 *
 * @since 0.1.0
 * @category checks
 */
export const events = (
  operation: string,
  caseId: unknown,
  expectedVersion: unknown,
  input: ReadonlyArray<Store.NewEvent>,
): Effect.Effect<ReadonlyArray<CheckedEvent>, InvalidInput | PayloadTooLarge> =>
  Effect.gen(function* () {
    yield* key(operation, caseId, "caseId")
    if (typeof expectedVersion !== "number" || !Number.isInteger(expectedVersion) || expectedVersion < 0) {
      return yield* fail(operation, [
        issue("expectedVersion", "invalid", "must be a whole number, 0 or more", "应为不小于 0 的整数"),
      ])
    }
    const decoded = decodeEvents(input)
    // JSON problems of every event that has data or meta, reported with the shape problems.
    const problems: Array<Issue.Issue> = []
    if (Array.isArray(input)) {
      input.forEach((e: unknown, i) => {
        if (typeof e !== "object" || e === null) return
        const { data, meta } = e as { data?: unknown; meta?: unknown }
        problems.push(
          ...jsonIssues(`events[${i}].data`, data),
          ...(meta === undefined ? [] : jsonIssues(`events[${i}].meta`, meta)),
        )
      })
    }
    if (Result.isFailure(decoded))
      return yield* fail(operation, [...prefixed("events", Issue.fromSchemaError(decoded.failure)), ...problems])
    if (problems.length > 0) return yield* fail(operation, problems)
    const out: Array<CheckedEvent> = []
    for (let i = 0; i < decoded.success.length; i++) {
      const e = decoded.success[i]! as {
        readonly type: string
        readonly data: Store.Json
        readonly meta: { readonly [key: string]: Store.Json }
      }
      const dataJson = JSON.stringify(e.data)
      const metaJson = JSON.stringify(e.meta)
      yield* sized(operation, `events[${i}]`, dataJson + metaJson, limits.maxRowBytes)
      out.push({ type: e.type, data: e.data, meta: e.meta, dataJson, metaJson })
    }
    return out
  })

const decodeRun = Schema.decodeUnknownResult(
  Schema.Struct({ ...Store.AssignmentRun.fields, meta: withDefault(JsonRecord, () => ({})) }),
  strictAll,
)

/**
 * Checks an assignment run.
 *
 * @since 0.1.0
 * @category checks
 */
export const assignmentRun = (operation: string, run: unknown): Effect.Effect<Store.AssignmentRun, InvalidInput> => {
  const r = decodeRun(run)
  if (Result.isFailure(r)) return fail(operation, prefixed("run", Issue.fromSchemaError(r.failure)))
  const seen = new Set<string>()
  const problems: Array<Issue.Issue> = []
  r.success.placements.forEach((p, i) => {
    if (seen.has(p.agent))
      problems.push(
        issue(`run.placements[${i}].agent`, "duplicate", `"${p.agent}" is placed twice`, `"${p.agent}" 被安排了两次`),
      )
    seen.add(p.agent)
  })
  if (problems.length > 0) return fail(operation, problems)
  return Effect.as(jsonValue(operation, "run.meta", r.success.meta), r.success as Store.AssignmentRun)
}

const decodeProgress = Schema.decodeUnknownResult(Store.ProgressUpdate, strictAll)

/**
 * Checks a progress update.
 *
 * @since 0.1.0
 * @category checks
 */
export const progressUpdate = (
  operation: string,
  update: unknown,
): Effect.Effect<Store.ProgressUpdate, InvalidInput> => {
  const r = decodeProgress(update)
  return Result.isSuccess(r)
    ? Effect.succeed(r.success)
    : fail(operation, prefixed("update", Issue.fromSchemaError(r.failure)))
}

const decodeSnapshotShape = Schema.decodeUnknownResult(
  Schema.Struct({ ...Store.EvaluationSnapshot.fields, results: AnyJson }),
  strictAll,
)

/**
 * Checks an evaluation snapshot; returns it with the JSON of its results.
 *
 * @since 0.1.0
 * @category checks
 */
export const evaluationSnapshot = (
  operation: string,
  snapshot: unknown,
): Effect.Effect<
  { readonly snapshot: Store.EvaluationSnapshot; readonly resultsJson: string },
  InvalidInput | PayloadTooLarge
> =>
  Effect.gen(function* () {
    const r = decodeSnapshotShape(snapshot)
    if (Result.isFailure(r)) return yield* fail(operation, prefixed("snapshot", Issue.fromSchemaError(r.failure)))
    yield* jsonValue(operation, "snapshot.results", r.success.results)
    const resultsJson = yield* sized(
      operation,
      "snapshot.results",
      JSON.stringify(r.success.results),
      limits.maxSnapshotBytes,
    )
    return { snapshot: r.success as Store.EvaluationSnapshot, resultsJson }
  })

/**
 * Checks `readAll` options.
 *
 * @since 0.1.0
 * @category checks
 */
export const readAllOptions = (
  operation: string,
  options: { readonly after?: number; readonly limit?: number } = {},
): Effect.Effect<{ readonly after: number; readonly limit: number }, InvalidInput> => {
  const after = options.after ?? 0
  const limit = options.limit ?? 1_000
  const problems: Array<Issue.Issue> = []
  if (!Number.isInteger(after) || after < 0)
    problems.push(issue("after", "invalid", "must be a position, 0 or more", "应为不小于 0 的位置"))
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
    problems.push(
      issue(
        "limit",
        "invalid",
        `must be a whole number from 1 to ${limits.maxPageSize}`,
        `应为 1 至 ${limits.maxPageSize} 的整数`,
      ),
    )
  }
  return problems.length > 0 ? fail(operation, problems) : Effect.succeed({ after, limit })
}
