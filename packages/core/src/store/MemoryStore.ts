/**
 * The in-memory `Store`: the reference model every adapter is checked against, and a store for tests
 * and short-lived tools. Items are kept as JSON, so what you read back never shares objects with
 * what you wrote — the same as a database. Writes are serialised; reads do not wait, so a read
 * outside a transaction may see that transaction's writes before it commits (or rolls back).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Semaphore from "effect/Semaphore"
import * as Stream from "effect/Stream"
import type { DistrictData, DistrictInfo } from "../model/District.js"
import type { CaseId, DistrictId, OutcomeId } from "../model/Ids.js"
import * as Collections from "./Collections.js"
import { Store } from "./Store.js"
import type * as S from "./Store.js"
import { NotFound, VersionConflict } from "./StoreError.js"
import * as StoreInput from "./StoreInput.js"

interface Entry {
  readonly key: string
  readonly json: string
  readonly filters: ReadonlyArray<string | undefined>
  readonly date: string | undefined
}

interface Table {
  entries: Map<string, Entry>
  // Keys in order, rebuilt after a write on the next read.
  sorted: Array<string> | undefined
}

interface StoredEventRow {
  readonly caseId: CaseId
  readonly version: number
  readonly position: number
  readonly type: string
  readonly dataJson: string
  readonly metaJson: string
}

interface DistrictState {
  infoJson: string
  readonly tables: Map<Collections.Name, Table>
  readonly cases: Map<string, Array<StoredEventRow>>
  readonly log: Array<StoredEventRow>
  readonly runs: Map<string, string>
  readonly progress: Array<string>
  readonly evaluations: Map<string, string>
}

type Undo = Array<() => void>

const evaluationKey = (rubricId: string, period: string) => JSON.stringify([rubricId, period])

// Each store has its own transaction reference, so a transaction on one never joins another's.
let stores = 0

const emptyTables = () => new Map(Collections.names.map((n) => [n, { entries: new Map(), sorted: undefined } as Table]))

/**
 * A fresh, empty in-memory store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<S.Service> = Effect.gen(function* () {
  const districts = new Map<string, DistrictState>()
  const lock = yield* Semaphore.make(1)
  // The undo log of the transaction the current fiber is in, if any.
  const current = Context.Reference<Undo | undefined>(`@tongxin/core/MemoryStore/transaction/${++stores}`, {
    defaultValue: () => undefined,
  })

  // Runs a write atomically: inside a transaction it joins it, otherwise it takes the lock and
  // rolls back its own changes if it fails.
  const atomically = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(current, (undo) => {
      if (undo !== undefined) return effect
      const log: Undo = []
      return lock.withPermits(1)(
        effect.pipe(
          Effect.provideService(current, log),
          Effect.onExit((exit) => (exit._tag === "Failure" ? Effect.sync(() => rollback(log)) : Effect.void)),
        ),
      )
    })

  const rollback = (log: Undo) => {
    for (let i = log.length - 1; i >= 0; i--) log[i]!()
    log.length = 0
  }

  const record = (undo: () => void) => Effect.flatMap(current, (log) => Effect.sync(() => log?.push(undo)))

  const setIn = <K, V>(map: Map<K, V>, key: K, value: V) =>
    Effect.suspend(() => {
      const had = map.has(key)
      const old = map.get(key)
      map.set(key, value)
      return record(() => (had ? map.set(key, old as V) : map.delete(key)))
    })

  const pushTo = <V>(array: Array<V>, values: ReadonlyArray<V>) =>
    Effect.suspend(() => {
      const length = array.length
      array.push(...values)
      return record(() => {
        array.length = length
      })
    })

  const state = (operation: string, district: DistrictId) =>
    Effect.flatMap(StoreInput.districtId(operation, district), (id) => {
      const s = districts.get(id)
      return s === undefined ? Effect.fail(new NotFound({ operation, entity: "district", id })) : Effect.succeed(s)
    })

  // Reads of an unknown district see nothing.
  const peek = (district: DistrictId): DistrictState | undefined => districts.get(district)

  const putTable = (s: DistrictState, name: Collections.Name, table: Table) => setIn(s.tables, name, table)

  // Creates the district or replaces its record.
  const writeInfo = (info: DistrictInfo, json: string): Effect.Effect<DistrictState> =>
    Effect.gen(function* () {
      const s = districts.get(info.id)
      if (s === undefined) {
        const created: DistrictState = {
          infoJson: json,
          tables: emptyTables(),
          cases: new Map(),
          log: [],
          runs: new Map(),
          progress: [],
          evaluations: new Map(),
        }
        yield* setIn(districts, info.id as string, created)
        return created
      }
      const old = s.infoJson
      s.infoJson = json
      yield* record(() => {
        s.infoJson = old
      })
      return s
    })

  const touch = (table: Table) =>
    Effect.suspend(() => {
      const sorted = table.sorted
      table.sorted = undefined
      return record(() => {
        table.sorted = sorted
      })
    })

  const entryOf = <A>(descriptor: Collections.Descriptor<A>, checked: StoreInput.CheckedItem<A>): Entry => ({
    key: checked.key,
    json: checked.json,
    filters: descriptor.filterValues(checked.item),
    date: descriptor.date?.(checked.item),
  })

  const sortedKeys = (table: Table): Array<string> =>
    (table.sorted ??= [...table.entries.keys()].sort(Collections.compareKeys))

  const entryMatches = (q: Omit<StoreInput.Query, "limit">, e: Entry): boolean =>
    StoreInput.matches(q, e.filters, e.date)

  const page = (s: DistrictState | undefined, name: Collections.Name, q: StoreInput.Query): S.Page<unknown> => {
    if (s === undefined) return { items: [] }
    const table = s.tables.get(name)!
    const keys = sortedKeys(table)
    const items: Array<unknown> = []
    let last: string | undefined
    for (let i = StoreInput.firstAfter(keys, q.after); i < keys.length; i++) {
      const e = table.entries.get(keys[i]!)!
      if (!entryMatches(q, e)) continue
      if (items.length === q.limit) return { items, next: last! }
      items.push(JSON.parse(e.json))
      last = e.key
    }
    return { items }
  }

  const eventOf = (row: StoredEventRow): S.StoredEvent => ({
    caseId: row.caseId,
    version: row.version,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.dataJson),
    meta: JSON.parse(row.metaJson),
  })

  const service: S.Service = {
    capabilities: { concurrentWriters: false, persistent: false },

    putDistrict: (info) =>
      atomically(
        Effect.flatMap(StoreInput.districtInfo("putDistrict", info), (checked) =>
          Effect.asVoid(writeInfo(checked.info, checked.json)),
        ),
      ),

    getDistrict: (district) =>
      Effect.sync(() =>
        Option.map(Option.fromNullishOr(peek(district)), (s) => JSON.parse(s.infoJson) as DistrictInfo),
      ),

    listDistricts: () =>
      Effect.sync(() =>
        [...districts.keys()]
          .sort(Collections.compareKeys)
          .map((id) => JSON.parse(districts.get(id)!.infoJson) as DistrictInfo),
      ),

    upsert: (district, name, items) =>
      atomically(
        Effect.gen(function* () {
          const s = yield* state("upsert", district)
          const checked = yield* StoreInput.items("upsert", name, items)
          const descriptor = Collections.collections[name] as unknown as Collections.Descriptor<unknown>
          const table = s.tables.get(name)!
          yield* touch(table)
          for (const c of checked) yield* setIn(table.entries, c.key, entryOf(descriptor, c))
          return checked.length
        }),
      ),

    get: (district, name, key) =>
      Effect.gen(function* () {
        yield* StoreInput.collection("get", name)
        const k = yield* StoreInput.key("get", key)
        const e = peek(district)?.tables.get(name)?.entries.get(k)
        return e === undefined ? Option.none() : Option.some(JSON.parse(e.json))
      }),

    remove: (district, name, keys) =>
      atomically(
        Effect.gen(function* () {
          yield* StoreInput.collection("remove", name)
          for (let i = 0; i < keys.length; i++) yield* StoreInput.key("remove", keys[i], `keys[${i}]`)
          const s = peek(district)
          if (s === undefined) return 0
          const table = s.tables.get(name)!
          yield* touch(table)
          let removed = 0
          for (const k of new Set(keys)) {
            const e = table.entries.get(k)
            if (e === undefined) continue
            table.entries.delete(k)
            removed++
            yield* record(() => table.entries.set(k, e))
          }
          return removed
        }),
      ),

    list: (district, name, options) =>
      Effect.map(StoreInput.query("list", name, options), (q) => page(peek(district), name, q) as S.Page<never>),

    count: (district, name, options) =>
      Effect.map(StoreInput.query("count", name, options), (q) => {
        const table = peek(district)?.tables.get(name)
        if (table === undefined) return 0
        let n = 0
        for (const e of table.entries.values()) if (entryMatches(q, e)) n++
        return n
      }),

    stream: (district, name, options = {}) =>
      Stream.unwrap(
        Effect.map(StoreInput.streamQuery("stream", name, options), (q) =>
          Stream.paginate(undefined as string | undefined, (after) =>
            Effect.sync(() => {
              const p = page(peek(district), name, after === undefined ? q : { ...q, after })
              return [p.items as ReadonlyArray<never>, Option.fromNullishOr(p.next)] as const
            }),
          ),
        ),
      ),

    importDistrict: (data, options) =>
      atomically(
        Effect.gen(function* () {
          const checked = yield* StoreInput.districtData("importDistrict", data, options)
          const s = yield* writeInfo(checked.district, JSON.stringify(checked.district))
          const counts: Record<string, number> = {}
          let attendance = 0
          for (const name of Collections.districtDataNames) {
            const descriptor = Collections.collections[name] as unknown as Collections.Descriptor<unknown>
            const entries = new Map<string, Entry>()
            for (const item of checked[name] as ReadonlyArray<unknown>) {
              const key = descriptor.key(item)
              entries.set(key, entryOf(descriptor, { key, item, json: JSON.stringify(item) }))
            }
            yield* putTable(s, name, { entries, sorted: undefined })
            counts[name] = entries.size
          }
          for (const a of checked.activities) attendance += a.attendance.length
          return { district: checked.district.id, counts: counts as S.ImportSummary["counts"], attendance }
        }),
      ),

    loadDistrict: (district) =>
      Effect.sync(() => {
        const s = peek(district)
        if (s === undefined) return Option.none()
        const data: Record<string, unknown> = { district: JSON.parse(s.infoJson) }
        for (const name of Collections.districtDataNames) {
          const table = s.tables.get(name)!
          data[name] = sortedKeys(table).map((k) => JSON.parse(table.entries.get(k)!.json))
        }
        return Option.some(data as unknown as DistrictData)
      }),

    saveAssignmentRun: (district, run) =>
      atomically(
        Effect.gen(function* () {
          const s = yield* state("saveAssignmentRun", district)
          const checked = yield* StoreInput.assignmentRun("saveAssignmentRun", run)
          yield* setIn(s.runs, checked.id, JSON.stringify(checked))
        }),
      ),

    getAssignmentRun: (district, id) =>
      Effect.sync(() =>
        Option.map(Option.fromNullishOr(peek(district)?.runs.get(id)), (json) => JSON.parse(json) as S.AssignmentRun),
      ),

    listAssignmentRuns: (district, options = {}) =>
      Effect.sync(() => {
        const s = peek(district)
        if (s === undefined) return []
        const out: Array<S.AssignmentRunSummary> = []
        for (const json of s.runs.values()) {
          const { placements, ...rest } = JSON.parse(json) as S.AssignmentRun
          if (options.kind === undefined || rest.kind === options.kind)
            out.push({ ...rest, placementCount: placements.length })
        }
        return out.sort(
          (a, b) => Collections.compareKeys(a.createdAt, b.createdAt) || Collections.compareKeys(a.id, b.id),
        )
      }),

    appendProgress: (district, update) =>
      atomically(
        Effect.gen(function* () {
          const s = yield* state("appendProgress", district)
          const checked = yield* StoreInput.progressUpdate("appendProgress", update)
          const outcomes = s.tables.get("outcomes")!
          const entry = outcomes.entries.get(checked.outcomeId)
          if (entry === undefined)
            return yield* new NotFound({ operation: "appendProgress", entity: "outcome", id: checked.outcomeId })
          const stored: S.StoredProgressUpdate = { ...checked, seq: s.progress.length + 1 }
          yield* pushTo(s.progress, [JSON.stringify(stored)])
          const json = JSON.stringify({ ...JSON.parse(entry.json), progress: checked.progress })
          yield* setIn(outcomes.entries, entry.key, { ...entry, json })
          return stored
        }),
      ),

    listProgress: (district, outcomeId: OutcomeId) =>
      Effect.sync(() =>
        (peek(district)?.progress ?? [])
          .map((json) => JSON.parse(json) as S.StoredProgressUpdate)
          .filter((u) => u.outcomeId === outcomeId),
      ),

    saveEvaluation: (district, snapshot) =>
      atomically(
        Effect.gen(function* () {
          const s = yield* state("saveEvaluation", district)
          const { snapshot: checked } = yield* StoreInput.evaluationSnapshot("saveEvaluation", snapshot)
          yield* setIn(s.evaluations, evaluationKey(checked.rubricId, checked.period), JSON.stringify(checked))
        }),
      ),

    getEvaluation: (district, rubricId, period) =>
      Effect.sync(() =>
        Option.map(
          Option.fromNullishOr(peek(district)?.evaluations.get(evaluationKey(rubricId, period))),
          (json) => JSON.parse(json) as S.EvaluationSnapshot,
        ),
      ),

    listEvaluations: (district) =>
      Effect.sync(() =>
        [...(peek(district)?.evaluations.values() ?? [])]
          .map((json) => {
            const { results: _, ...summary } = JSON.parse(json) as S.EvaluationSnapshot
            return summary
          })
          .sort(
            (a, b) => Collections.compareKeys(a.rubricId, b.rubricId) || Collections.compareKeys(a.period, b.period),
          ),
      ),

    append: (district, caseId, expectedVersion, events) =>
      atomically(
        Effect.gen(function* () {
          const checked = yield* StoreInput.events("append", caseId, expectedVersion, events)
          const s = yield* state("append", district)
          const existing = s.cases.get(caseId)
          const actual = existing?.length ?? 0
          if (actual !== expectedVersion)
            return yield* new VersionConflict({ district, caseId, expected: expectedVersion, actual })
          if (checked.length === 0) return actual
          const rows = checked.map(
            (e, i): StoredEventRow => ({
              caseId,
              version: actual + i + 1,
              position: s.log.length + i + 1,
              type: e.type,
              dataJson: e.dataJson,
              metaJson: e.metaJson,
            }),
          )
          if (existing === undefined) yield* setIn(s.cases, caseId as string, rows.slice())
          else yield* pushTo(existing, rows)
          yield* pushTo(s.log, rows)
          return actual + rows.length
        }),
      ),

    readCase: (district, caseId) => Effect.sync(() => (peek(district)?.cases.get(caseId) ?? []).map(eventOf)),

    readAll: (district, options) =>
      Effect.map(StoreInput.readAllOptions("readAll", options), ({ after, limit }) =>
        (peek(district)?.log ?? []).slice(after, after + limit).map(eventOf),
      ),

    transaction: (effect) =>
      Effect.flatMap(current, (log) => {
        if (log === undefined) return atomically(effect)
        // Nested: like a savepoint, a failure undoes this transaction's writes and no others.
        const mark = log.length
        return Effect.onExit(effect, (exit) =>
          exit._tag === "Failure"
            ? Effect.sync(() => {
                for (let i = log.length - 1; i >= mark; i--) log[i]!()
                log.length = mark
              })
            : Effect.void,
        )
      }),
  }
  return service
})

/**
 * A layer with a fresh in-memory store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Store> = Layer.effect(Store, make)
