// The Store service over an effect/sql client speaking SQLite. Every check comes from StoreInput
// and every observable result mirrors MemoryStore, the reference model.
import type { Activity, District, Ids, Store } from "@tongxin/core"
import { StoreCollections as Collections, StoreError, StoreInput } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import * as Stream from "effect/Stream"
import * as Bulk from "./bulk.js"
import { mapSqlError } from "./errors.js"

type Name = Collections.Name
type Descriptor = Collections.Descriptor<unknown>

const descriptorOf = (name: Name): Descriptor => Collections.collections[name] as unknown as Descriptor

// Ids reach SQLite as bound text; anything else cannot name a stored row.
const isText = (u: unknown): u is string => typeof u === "string"

// ---------------------------------------------------------------------------------------------
// Statements

const itemsInsert = Bulk.insert({
  head: "INSERT INTO tongxin_items (district_id, collection, key, doc, f1, f2, f3, day)",
  columns: 8,
  tail: "ON CONFLICT (district_id, collection, key) DO UPDATE SET doc = excluded.doc, f1 = excluded.f1, f2 = excluded.f2, f3 = excluded.f3, day = excluded.day",
})

const attendanceInsert = Bulk.insert({
  head: "INSERT INTO tongxin_attendance (district_id, activity_id, seq, member_id, status, half_days, speech)",
  columns: 7,
})

const eventsInsert = Bulk.insert({
  head: "INSERT INTO tongxin_events (district_id, position, case_id, version, type, data, meta)",
  columns: 7,
  rowsPerStatement: 64,
})

const placementsInsert = Bulk.insert({
  head: "INSERT INTO tongxin_placements (district_id, run_id, seq, agent, target)",
  columns: 5,
})

const attendanceColumns = "activity_id, member_id, status, half_days, speech"

// ---------------------------------------------------------------------------------------------
// Rows

/** A row of tongxin_items as reads select it. */
interface DocRow {
  readonly key: string
  readonly doc: string
}

interface ItemRow {
  readonly key: string
  readonly doc: string
  readonly filters: ReadonlyArray<string | undefined>
  readonly day: string | undefined
  /** Attendance of an activity, stored in its own table. */
  readonly attendance: ReadonlyArray<Activity.Attendance> | undefined
}

const rowOf = (name: Name, descriptor: Descriptor, key: string, item: unknown, json: string | undefined): ItemRow => {
  if (name === "activities") {
    const activity = item as Activity.Activity
    // `attendance: []` keeps the field's place in the JSON, so reads put the rows back where they were.
    return {
      key,
      doc: JSON.stringify({ ...activity, attendance: [] }),
      filters: descriptor.filterValues(item),
      day: descriptor.date?.(item),
      attendance: activity.attendance,
    }
  }
  return {
    key,
    doc: json ?? JSON.stringify(item),
    filters: descriptor.filterValues(item),
    day: descriptor.date?.(item),
    attendance: undefined,
  }
}

type AttendanceValues = readonly [
  activityId: string,
  memberId: string,
  status: string,
  halfDays: number | null,
  speech: string | null,
]

const attendanceOf = (row: AttendanceValues): Record<string, unknown> => {
  const a: Record<string, unknown> = { memberId: row[1], status: row[2] }
  if (row[3] !== null) a.halfDays = row[3]
  if (row[4] !== null) a.speech = row[4]
  return a
}

// Puts each activity's attendance back, from rows ordered by activity id then seq.
const withAttendance = (rows: ReadonlyArray<DocRow>, attendance: ReadonlyArray<AttendanceValues>) => {
  const byActivity = new Map<string, Array<Record<string, unknown>>>()
  for (const row of attendance) {
    let list = byActivity.get(row[0])
    if (list === undefined) byActivity.set(row[0], (list = []))
    list.push(attendanceOf(row))
  }
  return rows.map((r) => {
    const activity = JSON.parse(r.doc) as Record<string, unknown>
    activity.attendance = byActivity.get(r.key) ?? []
    return activity
  })
}

interface Where {
  readonly text: string
  readonly params: Array<unknown>
}

const where = (
  district: string,
  name: Name,
  q: Omit<StoreInput.Query, "limit" | "after">,
  after: string | undefined,
): Where => {
  let text = "district_id = ? AND collection = ?"
  const params: Array<unknown> = [district, name]
  for (const [index, value] of q.filters) {
    text += ` AND f${index + 1} = ?`
    params.push(value)
  }
  if (q.from !== undefined) {
    text += " AND day >= ?"
    params.push(q.from)
  }
  if (q.to !== undefined) {
    text += " AND day <= ?"
    params.push(q.to)
  }
  if (after !== undefined) {
    text += " AND key > ?"
    params.push(after)
  }
  return { text, params }
}

const changes = (result: unknown): number => (result as { readonly changes: number }).changes

// ---------------------------------------------------------------------------------------------
// The service

/** Builds the service over a client whose schema is migrated. */
export const makeService = (sql: SqlClient.SqlClient, capabilities: Store.Capabilities): Store.Service => {
  // SQLite's BEGIN is deferred: a transaction that reads first and writes later cannot wait for
  // another process's write lock (it fails at once with SQLITE_BUSY). A write that changes nothing,
  // run first, takes the lock up front, so the busy timeout applies.
  const takeWriteLock = sql.unsafe("UPDATE tongxin_districts SET last_position = last_position WHERE 0")
  // Runs a write in one transaction (a savepoint when nested), mapping driver failures.
  const write = <A, E>(operation: string, effect: Effect.Effect<A, E>) =>
    mapSqlError(operation, true)(sql.withTransaction(Effect.andThen(takeWriteLock, effect)))
  // Reads that take several statements see one snapshot.
  const read = <A, E>(operation: string, effect: Effect.Effect<A, E | SqlError>, consistent = false) =>
    mapSqlError(operation, false)(consistent ? sql.withTransaction(effect) : effect)

  const districtRow = (id: string) =>
    Effect.map(
      sql.unsafe<{ readonly id: string }>("SELECT id FROM tongxin_districts WHERE id = ?", [id]),
      (rows) => rows.length > 0,
    )

  // Checks the district id, then that the district exists: what every write does first.
  const existing = (operation: string, district: unknown) =>
    Effect.flatMap(StoreInput.districtId(operation, district), (id) =>
      Effect.flatMap(districtRow(id), (found) =>
        found
          ? Effect.succeed(id as string)
          : Effect.fail(new StoreError.NotFound({ operation, entity: "district", id })),
      ),
    )

  const upsertDistrict = (id: string, json: string) =>
    sql.unsafe(
      "INSERT INTO tongxin_districts (id, info) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET info = excluded.info",
      [id, json],
    )

  const insertItems = (district: string, name: Name, rows: ReadonlyArray<ItemRow>) =>
    Bulk.run(sql, itemsInsert, rows.length, (params, o, i) => {
      const r = rows[i]!
      params[o] = district
      params[o + 1] = name
      params[o + 2] = r.key
      params[o + 3] = r.doc
      params[o + 4] = r.filters[0] ?? null
      params[o + 5] = r.filters[1] ?? null
      params[o + 6] = r.filters[2] ?? null
      params[o + 7] = r.day ?? null
    })

  const insertAttendance = (district: string, rows: ReadonlyArray<ItemRow>) =>
    Effect.suspend(() => {
      let total = 0
      for (const r of rows) total += r.attendance?.length ?? 0
      // A cursor over (activity, seq): `fill` is called for the rows in order.
      let activity = 0
      let seq = 0
      return Bulk.run(sql, attendanceInsert, total, (params, o) => {
        while (seq >= (rows[activity]!.attendance?.length ?? 0)) {
          activity++
          seq = 0
        }
        const r = rows[activity]!
        const a = r.attendance![seq]!
        params[o] = district
        params[o + 1] = r.key
        params[o + 2] = seq
        params[o + 3] = a.memberId
        params[o + 4] = a.status
        params[o + 5] = a.halfDays ?? null
        params[o + 6] = a.speech ?? null
        seq++
      })
    })

  const attendanceFor = (district: string, keys: ReadonlyArray<string>) =>
    keys.length === 0
      ? Effect.succeed([] as ReadonlyArray<AttendanceValues>)
      : keys.length === 1
        ? (sql.unsafe(
            `SELECT ${attendanceColumns} FROM tongxin_attendance WHERE district_id = ? AND activity_id = ? ORDER BY seq`,
            [district, keys[0]],
          ).values as Effect.Effect<ReadonlyArray<AttendanceValues>, SqlError>)
        : // One statement text for any number of keys, so it is prepared once.
          (sql.unsafe(
            `SELECT ${attendanceColumns} FROM tongxin_attendance WHERE district_id = ? AND activity_id IN (SELECT value FROM json_each(?)) ORDER BY activity_id, seq`,
            [district, JSON.stringify(keys)],
          ).values as Effect.Effect<ReadonlyArray<AttendanceValues>, SqlError>)

  // Items as the caller wrote them: activities get their attendance back.
  const itemsOf = (district: string, name: Name, rows: ReadonlyArray<DocRow>) =>
    name === "activities"
      ? Effect.map(
          attendanceFor(
            district,
            rows.map((r) => r.key),
          ),
          (attendance) => withAttendance(rows, attendance) as Array<unknown>,
        )
      : Effect.succeed(rows.map((r) => JSON.parse(r.doc) as unknown))

  const page = (district: string, name: Name, q: StoreInput.Query, after: string | undefined, lookAhead: boolean) => {
    const w = where(district, name, q, after)
    return Effect.flatMap(
      sql.unsafe<DocRow>(`SELECT key, doc FROM tongxin_items WHERE ${w.text} ORDER BY key LIMIT ?`, [
        ...w.params,
        lookAhead ? q.limit + 1 : q.limit,
      ]),
      (rows) => {
        // Like MemoryStore.page: `next` is the last returned key, only when more items match.
        const more = rows.length > q.limit
        const kept = more ? rows.slice(0, q.limit) : rows
        return Effect.map(itemsOf(district, name, kept), (items) => ({ items, last: kept.at(-1)?.key, more }))
      },
    )
  }

  const deleteAttendance = (district: string, keys: ReadonlyArray<string>) =>
    sql.unsafe(
      "DELETE FROM tongxin_attendance WHERE district_id = ? AND activity_id IN (SELECT value FROM json_each(?))",
      [district, JSON.stringify(keys)],
    )

  const writeItems = (district: string, name: Name, rows: ReadonlyArray<ItemRow>, replaceAttendance: boolean) =>
    Effect.gen(function* () {
      if (name === "activities" && replaceAttendance && rows.length > 0) {
        yield* deleteAttendance(
          district,
          rows.map((r) => r.key),
        )
      }
      yield* insertItems(district, name, rows)
      if (name === "activities") yield* insertAttendance(district, rows)
    })

  // Rows in key order insert into the B-trees' right edge, which is what makes bulk writes fast.
  const sortRows = (rows: Array<ItemRow>) => rows.sort((a, b) => Collections.compareKeys(a.key, b.key))

  const readEvents = (text: string, params: ReadonlyArray<unknown>) =>
    Effect.map(
      sql.unsafe<{
        readonly case_id: string
        readonly version: number
        readonly position: number
        readonly type: string
        readonly data: string
        readonly meta: string
      }>(text, params),
      (rows) =>
        rows.map(
          (r): Store.StoredEvent => ({
            caseId: r.case_id as Ids.CaseId,
            version: r.version,
            position: r.position,
            type: r.type,
            data: JSON.parse(r.data) as Store.Json,
            meta: JSON.parse(r.meta) as { readonly [key: string]: Store.Json },
          }),
        ),
    )

  const caseVersion = (district: string, caseId: string) =>
    Effect.map(
      sql.unsafe<{ readonly v: number }>(
        "SELECT coalesce(max(version), 0) AS v FROM tongxin_events WHERE district_id = ? AND case_id = ?",
        [district, caseId],
      ),
      (rows) => rows[0]?.v ?? 0,
    )

  const service: Store.Service = {
    capabilities,

    putDistrict: (info) =>
      write(
        "putDistrict",
        Effect.flatMap(StoreInput.districtInfo("putDistrict", info), (checked) =>
          upsertDistrict(checked.info.id, checked.json),
        ),
      ).pipe(Effect.asVoid),

    getDistrict: (district) =>
      isText(district)
        ? read(
            "getDistrict",
            Effect.map(
              sql.unsafe<{ readonly info: string }>("SELECT info FROM tongxin_districts WHERE id = ?", [district]),
              (rows) => Option.map(Option.fromNullishOr(rows[0]), (r) => JSON.parse(r.info) as District.DistrictInfo),
            ),
          )
        : Effect.succeed(Option.none()),

    listDistricts: () =>
      read(
        "listDistricts",
        Effect.map(sql.unsafe<{ readonly info: string }>("SELECT info FROM tongxin_districts ORDER BY id"), (rows) =>
          rows.map((r) => JSON.parse(r.info) as District.DistrictInfo),
        ),
      ),

    upsert: ((district: Ids.DistrictId, name: Name, items: ReadonlyArray<unknown>) =>
      write(
        "upsert",
        Effect.gen(function* () {
          const id = yield* existing("upsert", district)
          const checked = yield* StoreInput.items("upsert", name, items as ReadonlyArray<never>)
          const descriptor = descriptorOf(name)
          const rows = sortRows(checked.map((c) => rowOf(name, descriptor, c.key, c.item, c.json)))
          yield* writeItems(id, name, rows, true)
          return checked.length
        }),
      )) as Store.Service["upsert"],

    get: ((district: Ids.DistrictId, name: Name, key: string) =>
      read(
        "get",
        Effect.gen(function* () {
          yield* StoreInput.collection("get", name)
          const k = yield* StoreInput.key("get", key)
          if (!isText(district)) return Option.none()
          const rows = yield* sql.unsafe<DocRow>(
            "SELECT key, doc FROM tongxin_items WHERE district_id = ? AND collection = ? AND key = ?",
            [district, name, k],
          )
          if (rows.length === 0) return Option.none()
          const [item] = yield* itemsOf(district, name, rows)
          return Option.some(item)
        }),
        name === "activities",
      )) as Store.Service["get"],

    remove: ((district: Ids.DistrictId, name: Name, keys: ReadonlyArray<string>) =>
      write(
        "remove",
        Effect.gen(function* () {
          yield* StoreInput.collection("remove", name)
          for (let i = 0; i < keys.length; i++) yield* StoreInput.key("remove", keys[i], `keys[${i}]`)
          if (!isText(district) || keys.length === 0) return 0
          const unique = [...new Set(keys)]
          const result = yield* sql.unsafe(
            "DELETE FROM tongxin_items WHERE district_id = ? AND collection = ? AND key IN (SELECT value FROM json_each(?))",
            [district, name, JSON.stringify(unique)],
          ).raw
          if (name === "activities") yield* deleteAttendance(district, unique)
          return changes(result)
        }),
      )) as Store.Service["remove"],

    list: ((district: Ids.DistrictId, name: Name, options?: Store.ListOptions) =>
      read(
        "list",
        Effect.gen(function* () {
          const q = yield* StoreInput.query("list", name, options)
          if (!isText(district)) return { items: [] }
          const p = yield* page(district, name, q, q.after, true)
          return p.more ? { items: p.items, next: p.last! } : { items: p.items }
        }),
        name === "activities",
      )) as Store.Service["list"],

    count: ((district: Ids.DistrictId, name: Name, options?: Omit<Store.ListOptions, "after" | "limit">) =>
      read(
        "count",
        Effect.gen(function* () {
          const q = yield* StoreInput.query("count", name, options)
          if (!isText(district)) return 0
          // MemoryStore's count ignores a cursor: so does this one.
          const w = where(district, name, q, undefined)
          const rows = yield* sql.unsafe<{ readonly n: number }>(
            `SELECT count(*) AS n FROM tongxin_items WHERE ${w.text}`,
            w.params,
          )
          return rows[0]?.n ?? 0
        }),
      )) as Store.Service["count"],

    stream: ((district: Ids.DistrictId, name: Name, options: Store.StreamOptions = {}) =>
      Stream.unwrap(
        Effect.map(StoreInput.streamQuery("stream", name, options), (q) =>
          // Keyset pagination: each batch starts after the last key of the one before, so the
          // stream holds one batch at a time and never skips or repeats an item.
          Stream.paginate(q.after, (after) =>
            !isText(district)
              ? Effect.succeed([[] as ReadonlyArray<unknown>, Option.none<string | undefined>()] as const)
              : read(
                  "stream",
                  Effect.map(page(district, name, q, after, false), (p) => {
                    const next: Option.Option<string | undefined> =
                      p.items.length === q.limit && p.last !== undefined ? Option.some(p.last) : Option.none()
                    return [p.items as ReadonlyArray<unknown>, next] as const
                  }),
                  name === "activities",
                ),
          ),
        ),
      )) as Store.Service["stream"],

    importDistrict: (data, options) =>
      write(
        "importDistrict",
        Effect.gen(function* () {
          const checked = yield* StoreInput.districtData("importDistrict", data, options)
          // MemoryStore imports through putDistrict, so the district record is checked as such.
          const info = yield* StoreInput.districtInfo("putDistrict", checked.district)
          const id = info.info.id as string
          yield* upsertDistrict(id, info.json)
          yield* sql.unsafe("DELETE FROM tongxin_attendance WHERE district_id = ?", [id])
          yield* sql.unsafe("DELETE FROM tongxin_items WHERE district_id = ? AND collection <> 'cases'", [id])
          const counts: Record<string, number> = {}
          let attendance = 0
          for (const name of Collections.districtDataNames) {
            const descriptor = descriptorOf(name)
            // A later item with the same key replaces an earlier one, as in MemoryStore.
            const byKey = new Map<string, ItemRow>()
            for (const item of checked[name] as ReadonlyArray<unknown>) {
              const key = descriptor.key(item)
              byKey.set(key, rowOf(name, descriptor, key, item, undefined))
            }
            const rows = sortRows([...byKey.values()])
            yield* writeItems(id, name, rows, false)
            counts[name] = rows.length
          }
          for (const a of checked.activities) attendance += a.attendance.length
          return { district: checked.district.id, counts: counts as Store.ImportSummary["counts"], attendance }
        }),
      ),

    loadDistrict: (district) =>
      !isText(district)
        ? Effect.succeed(Option.none())
        : read(
            "loadDistrict",
            Effect.gen(function* () {
              const info = yield* sql.unsafe<{ readonly info: string }>(
                "SELECT info FROM tongxin_districts WHERE id = ?",
                [district],
              )
              if (info.length === 0) return Option.none()
              const data: Record<string, unknown> = { district: JSON.parse(info[0]!.info) }
              for (const name of Collections.districtDataNames) {
                const rows = yield* sql.unsafe<DocRow>(
                  "SELECT key, doc FROM tongxin_items WHERE district_id = ? AND collection = ? ORDER BY key",
                  [district, name],
                )
                if (name === "activities") {
                  const attendance = (yield* sql.unsafe(
                    `SELECT ${attendanceColumns} FROM tongxin_attendance WHERE district_id = ? ORDER BY activity_id, seq`,
                    [district],
                  ).values) as ReadonlyArray<AttendanceValues>
                  data[name] = withAttendance(rows, attendance)
                } else data[name] = rows.map((r) => JSON.parse(r.doc) as unknown)
              }
              return Option.some(data as unknown as District.DistrictData)
            }),
            true,
          ),

    saveAssignmentRun: (district, run) =>
      write(
        "saveAssignmentRun",
        Effect.gen(function* () {
          const id = yield* existing("saveAssignmentRun", district)
          const checked = yield* StoreInput.assignmentRun("saveAssignmentRun", run)
          // JSON has no -0; MemoryStore keeps runs as JSON, so neither does this store.
          const objective = checked.objective === 0 ? 0 : checked.objective
          // `doc` is the run without its placements, as in the PostgreSQL adapter.
          const doc = JSON.stringify({
            id: checked.id,
            kind: checked.kind,
            createdAt: checked.createdAt,
            objective,
            meta: checked.meta,
          })
          yield* sql.unsafe(
            `INSERT INTO tongxin_assignment_runs (district_id, id, kind, created_at, objective, placement_count, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (district_id, id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
               objective = excluded.objective, placement_count = excluded.placement_count, doc = excluded.doc`,
            [id, checked.id, checked.kind, checked.createdAt, objective, checked.placements.length, doc],
          )
          yield* sql.unsafe("DELETE FROM tongxin_placements WHERE district_id = ? AND run_id = ?", [id, checked.id])
          const placements = checked.placements
          yield* Bulk.run(sql, placementsInsert, placements.length, (params, o, i) => {
            const p = placements[i]!
            params[o] = id
            params[o + 1] = checked.id
            params[o + 2] = i
            params[o + 3] = p.agent
            params[o + 4] = p.target
          })
        }),
      ),

    getAssignmentRun: (district, id) =>
      !isText(district) || !isText(id)
        ? Effect.succeed(Option.none())
        : read(
            "getAssignmentRun",
            Effect.gen(function* () {
              const runs = yield* sql.unsafe<{
                readonly id: string
                readonly kind: string
                readonly created_at: string
                readonly objective: number
                readonly doc: string
              }>(
                "SELECT id, kind, created_at, objective, doc FROM tongxin_assignment_runs WHERE district_id = ? AND id = ?",
                [district, id],
              )
              const r = runs[0]
              if (r === undefined) return Option.none()
              const placements = (yield* sql.unsafe(
                "SELECT agent, target FROM tongxin_placements WHERE district_id = ? AND run_id = ? ORDER BY seq",
                [district, id],
              ).values) as ReadonlyArray<readonly [string, string]>
              return Option.some<Store.AssignmentRun>({
                id: r.id,
                kind: r.kind,
                createdAt: r.created_at,
                objective: r.objective,
                placements: placements.map(([agent, target]) => ({ agent, target })),
                meta: metaOf(r.doc),
              })
            }),
            true,
          ),

    listAssignmentRuns: (district, options = {}) =>
      !isText(district) || (options.kind !== undefined && !isText(options.kind))
        ? Effect.succeed([])
        : read(
            "listAssignmentRuns",
            Effect.map(
              options.kind === undefined
                ? sql.unsafe<RunSummaryRow>(`${runSummary} WHERE district_id = ? ORDER BY created_at, id`, [district])
                : sql.unsafe<RunSummaryRow>(
                    `${runSummary} WHERE district_id = ? AND kind = ? ORDER BY created_at, id`,
                    [district, options.kind],
                  ),
              (rows) =>
                rows.map(
                  (r): Store.AssignmentRunSummary => ({
                    id: r.id,
                    kind: r.kind,
                    createdAt: r.created_at,
                    objective: r.objective,
                    meta: metaOf(r.doc),
                    placementCount: r.placement_count,
                  }),
                ),
            ),
          ),

    appendProgress: (district, update) =>
      write(
        "appendProgress",
        Effect.gen(function* () {
          const id = yield* existing("appendProgress", district)
          const checked = yield* StoreInput.progressUpdate("appendProgress", update)
          const outcomes = yield* sql.unsafe<{ readonly doc: string }>(
            "SELECT doc FROM tongxin_items WHERE district_id = ? AND collection = 'outcomes' AND key = ?",
            [id, checked.outcomeId],
          )
          const outcome = outcomes[0]
          if (outcome === undefined)
            return yield* new StoreError.NotFound({
              operation: "appendProgress",
              entity: "outcome",
              id: checked.outcomeId,
            })
          const counter = yield* sql.unsafe<{ readonly last_progress: number }>(
            "UPDATE tongxin_districts SET last_progress = last_progress + 1 WHERE id = ? RETURNING last_progress",
            [id],
          )
          const stored: Store.StoredProgressUpdate = { ...checked, seq: counter[0]!.last_progress }
          yield* sql.unsafe("INSERT INTO tongxin_progress (district_id, seq, outcome_id, doc) VALUES (?, ?, ?, ?)", [
            id,
            stored.seq,
            checked.outcomeId,
            JSON.stringify(stored),
          ])
          const doc = JSON.stringify({ ...(JSON.parse(outcome.doc) as object), progress: checked.progress })
          yield* sql.unsafe(
            "UPDATE tongxin_items SET doc = ? WHERE district_id = ? AND collection = 'outcomes' AND key = ?",
            [doc, id, checked.outcomeId],
          )
          return stored
        }),
      ),

    listProgress: (district, outcomeId) =>
      !isText(district) || !isText(outcomeId)
        ? Effect.succeed([])
        : read(
            "listProgress",
            Effect.map(
              sql.unsafe<{ readonly doc: string }>(
                "SELECT doc FROM tongxin_progress WHERE district_id = ? AND outcome_id = ? ORDER BY seq",
                [district, outcomeId],
              ),
              (rows) => rows.map((r) => JSON.parse(r.doc) as Store.StoredProgressUpdate),
            ),
          ),

    saveEvaluation: (district, snapshot) =>
      write(
        "saveEvaluation",
        Effect.gen(function* () {
          const id = yield* existing("saveEvaluation", district)
          const { snapshot: checked, resultsJson } = yield* StoreInput.evaluationSnapshot("saveEvaluation", snapshot)
          yield* sql.unsafe(
            `INSERT INTO tongxin_evaluations (district_id, rubric_id, period, computed_at, results) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (district_id, rubric_id, period) DO UPDATE SET computed_at = excluded.computed_at, results = excluded.results`,
            [id, checked.rubricId, checked.period, checked.computedAt, resultsJson],
          )
        }),
      ),

    getEvaluation: (district, rubricId, period) =>
      !isText(district) || !isText(rubricId) || !isText(period)
        ? Effect.succeed(Option.none())
        : read(
            "getEvaluation",
            Effect.map(
              sql.unsafe<{ readonly computed_at: string; readonly results: string }>(
                "SELECT computed_at, results FROM tongxin_evaluations WHERE district_id = ? AND rubric_id = ? AND period = ?",
                [district, rubricId, period],
              ),
              (rows) =>
                Option.map(
                  Option.fromNullishOr(rows[0]),
                  (r): Store.EvaluationSnapshot => ({
                    rubricId,
                    period,
                    computedAt: r.computed_at,
                    results: JSON.parse(r.results) as Store.Json,
                  }),
                ),
            ),
          ),

    listEvaluations: (district) =>
      !isText(district)
        ? Effect.succeed([])
        : read(
            "listEvaluations",
            Effect.map(
              sql.unsafe<{ readonly rubric_id: string; readonly period: string; readonly computed_at: string }>(
                "SELECT rubric_id, period, computed_at FROM tongxin_evaluations WHERE district_id = ? ORDER BY rubric_id, period",
                [district],
              ),
              (rows) =>
                rows.map(
                  (r): Store.EvaluationSummary => ({
                    rubricId: r.rubric_id,
                    period: r.period,
                    computedAt: r.computed_at,
                  }),
                ),
            ),
          ),

    append: (district, caseId, expectedVersion, events) =>
      write(
        "append",
        Effect.gen(function* () {
          const checked = yield* StoreInput.events("append", caseId, expectedVersion, events)
          const id = yield* existing("append", district)
          const conflict = (actual: number) =>
            new StoreError.VersionConflict({ district, caseId, expected: expectedVersion, actual })
          const actual = yield* caseVersion(id, caseId)
          if (actual !== expectedVersion) return yield* conflict(actual)
          if (checked.length === 0) return actual
          // The district row's counter hands out positions: gap-free, in commit order.
          const counter = yield* sql.unsafe<{ readonly last_position: number }>(
            "UPDATE tongxin_districts SET last_position = last_position + ? WHERE id = ? RETURNING last_position",
            [checked.length, id],
          )
          const first = counter[0]!.last_position - checked.length + 1
          yield* Bulk.run(sql, eventsInsert, checked.length, (params, o, i) => {
            const e = checked[i]!
            params[o] = id
            params[o + 1] = first + i
            params[o + 2] = caseId
            params[o + 3] = actual + i + 1
            params[o + 4] = e.type
            params[o + 5] = e.dataJson
            params[o + 6] = e.metaJson
          }).pipe(
            // Another connection appended the same version first: report what it left.
            Effect.catchIf(
              (e) => e.reason._tag === "UniqueViolation" || e.reason._tag === "ConstraintError",
              (e): Effect.Effect<never, SqlError | StoreError.VersionConflict> =>
                Effect.flatMap(caseVersion(id, caseId), (now) =>
                  now === actual ? Effect.fail<SqlError | StoreError.VersionConflict>(e) : Effect.fail(conflict(now)),
                ),
            ),
          )
          return actual + checked.length
        }),
      ),

    readCase: (district, caseId) =>
      !isText(district) || !isText(caseId)
        ? Effect.succeed([])
        : read(
            "readCase",
            readEvents(
              "SELECT case_id, version, position, type, data, meta FROM tongxin_events WHERE district_id = ? AND case_id = ? ORDER BY version",
              [district, caseId],
            ),
          ),

    readAll: (district, options) =>
      read(
        "readAll",
        Effect.flatMap(StoreInput.readAllOptions("readAll", options), ({ after, limit }) =>
          !isText(district)
            ? Effect.succeed([])
            : readEvents(
                "SELECT case_id, version, position, type, data, meta FROM tongxin_events WHERE district_id = ? AND position > ? ORDER BY position LIMIT ?",
                [district, after, limit],
              ),
        ),
      ),

    transaction: (effect) =>
      mapSqlError("transaction", true)(sql.withTransaction(Effect.andThen(takeWriteLock, effect))),
  }
  return service
}

interface RunSummaryRow {
  readonly id: string
  readonly kind: string
  readonly created_at: string
  readonly objective: number
  readonly doc: string
  readonly placement_count: number
}

const runSummary = "SELECT id, kind, created_at, objective, doc, placement_count FROM tongxin_assignment_runs"

const metaOf = (doc: string): Store.AssignmentRun["meta"] => (JSON.parse(doc) as Pick<Store.AssignmentRun, "meta">).meta

/** Whether the client's main database lives in a file (not `:memory:` or a temporary database). */
export const isPersistent = (sql: SqlClient.SqlClient): Effect.Effect<boolean, SqlError> =>
  Effect.map(
    sql.unsafe<{ readonly file: string | null }>("SELECT file FROM pragma_database_list WHERE name = 'main'"),
    (rows) => {
      const file = rows[0]?.file
      return typeof file === "string" && file.length > 0
    },
  )
