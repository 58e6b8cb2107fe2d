/**
 * A `Store` that keeps each district in one JSON file: `<directory>/<district>.json`. It is an
 * example of a third-party adapter, written only against the public API of `@tongxin/core` and
 * `effect`, and it passes the same conformance suite as the SQLite and PostgreSQL stores.
 *
 * How it works:
 * - Every district's file is parsed once, on first use, and kept in memory; reads never touch the
 *   disk again.
 * - A write copies the district's document (copy on write: what it does not change is shared),
 *   applies the change, writes the whole file atomically (temporary file, fsync, rename, fsync of
 *   the directory) and only then swaps the new document in. A failed write leaves the file and the
 *   memory as they were.
 * - Writers take turns (one semaphore), so `append`'s version check cannot race. Only one process
 *   may use a directory at a time (`capabilities.concurrentWriters` is `false`).
 * - `transaction` collects the documents it changes in a working set that reads inside it see, and
 *   writes them when it ends; a failure discards them. A transaction that changes several districts
 *   writes one file after the other: it is atomic per file, not across files. If writing the second
 *   file fails, the first district keeps its new contents and the call fails with `StoreError`.
 *
 * It suits small installations, tests and demos: every write rewrites the district's whole file, so
 * its cost grows with the district. Use `@tongxin/store-sqlite` for large districts.
 *
 * @since 0.1.0
 */
import { type District, Ids, Store, StoreCollections, StoreError, StoreInput } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Semaphore from "effect/Semaphore"
import * as Stream from "effect/Stream"
import * as path from "node:path"
import * as Doc from "./internal/document.js"
import * as Files from "./internal/files.js"

/**
 * Options of {@link make} and {@link layer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The directory of the district files; created if missing. One process uses it at a time. */
  readonly directory: string
}

/**
 * Opens a store on a directory: creates the directory if it is missing and removes the temporary
 * files a crashed write may have left behind. Districts are read when first used.
 *
 * @example
 * import { Store } from "@tongxin/core"
 * import { JsonFileStore } from "@tongxin/example-store-jsonfile"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* JsonFileStore.make({ directory: "./data" })
 *   return yield* store.listDistricts()
 * })
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Store.Service, StoreError.StoreError> =>
  Effect.gen(function* () {
    const directory = path.resolve(options.directory)
    yield* Files.ensureDirectory("open", directory)
    yield* Files.removeStrayTemporaryFiles(directory)
    return makeService(directory)
  })

/**
 * The store as a Layer.
 *
 * @example
 * import { Store } from "@tongxin/core"
 * import { JsonFileStore } from "@tongxin/example-store-jsonfile"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.flatMap(Store.Store, (store) => store.listDistricts())
 * Effect.runPromise(Effect.provide(program, JsonFileStore.layer({ directory: "./data" })))
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Store.Store, StoreError.StoreError> =>
  Layer.effect(Store.Store, make(options))

/**
 * The name of a district's file within the directory: the id with every character other than
 * lower-case ASCII letters, digits, `-` and `_` escaped as `%XX` (UTF-8 bytes), then `.json`. Very
 * long ids end in a hash instead. Useful for backups and tools that look at one district.
 *
 * @since 0.1.0
 * @category files
 */
export const fileName = (district: string): string => Files.fileName(district)

// The documents a transaction changed, by district id, in the order it changed them.
type WorkingSet = Map<string, Doc.Document>

const isDistrictId = Schema.is(Ids.DistrictId)

// Every store gets its own fiber-local slot for its transactions, so stores never see each other's.
let instances = 0

const makeService = (directory: string): Store.Service => {
  // What the files hold, parsed: a district is read on first use and replaced after each write.
  const committed = new Map<string, Doc.Document>()
  const lock = Semaphore.makeUnsafe(1)
  // The working set of the transaction the current fiber is in, if any.
  const current = Context.Reference<WorkingSet | undefined>(
    `@tongxin/example-store-jsonfile/transaction/${++instances}`,
    {
      defaultValue: () => undefined,
    },
  )

  // Keeps a document read from disk, unless a write committed a newer one while it was being read.
  const remember = (doc: Doc.Document): Doc.Document => {
    const newer = committed.get(doc.id)
    if (newer !== undefined) return newer
    committed.set(doc.id, doc)
    return doc
  }

  const decodeFile = (operation: string, name: string, text: string) =>
    Effect.flatMap(Doc.decode(operation, path.join(directory, name), text), (doc) =>
      Files.fileName(doc.id) === name
        ? Effect.sync(() => remember(doc))
        : Effect.fail(
            new StoreError.StoreError({
              operation,
              message: `${path.join(directory, name)} holds district "${doc.id}", whose file is ${Files.fileName(doc.id)}; rename the file or move it out of the store directory`,
            }),
          ),
    )

  // The committed document of a district, or undefined when it has none (ids that are not valid
  // district ids never have one, so they never reach the file system).
  const load = (operation: string, id: string): Effect.Effect<Doc.Document | undefined, StoreError.StoreError> =>
    Effect.suspend(() => {
      const cached = committed.get(id)
      if (cached !== undefined || !isDistrictId(id)) return Effect.succeed(cached)
      const name = Files.fileName(id)
      return Effect.flatMap(Files.readIfExists(operation, path.join(directory, name)), (text) =>
        text === undefined ? Effect.succeed(undefined) : decodeFile(operation, name, text),
      )
    })

  // What the current fiber sees: its transaction's changes first, then the committed documents.
  const read = (operation: string, id: string): Effect.Effect<Doc.Document | undefined, StoreError.StoreError> =>
    Effect.flatMap(current, (ws) => {
      const staged = ws?.get(id)
      return staged !== undefined ? Effect.succeed(staged) : load(operation, id)
    })

  // The district a write goes to: a valid id of a district that exists.
  const state = (operation: string, district: unknown) =>
    Effect.flatMap(StoreInput.districtId(operation, district), (id) =>
      Effect.flatMap(read(operation, id), (doc) =>
        doc === undefined
          ? Effect.fail(new StoreError.NotFound({ operation, entity: "district", id }))
          : Effect.succeed(doc),
      ),
    )

  // Writes every changed document, each atomically, and swaps it in once its file is in place.
  // Uninterruptible, so memory never lags behind a file that was renamed into place.
  const commit = (operation: string, ws: WorkingSet): Effect.Effect<void, StoreError.StoreError> =>
    Effect.uninterruptible(
      Effect.forEach(
        [...ws.values()],
        (doc) =>
          Files.replaceAtomically(operation, directory, Files.fileName(doc.id), Doc.encode(doc)).pipe(
            Effect.andThen(Effect.sync(() => committed.set(doc.id, doc))),
            Effect.andThen(Files.syncDirectory(directory)),
          ),
        { discard: true },
      ),
    )

  // Runs a write. Inside a transaction it adds to the transaction's working set; otherwise it takes
  // the writers' lock, gets a working set of its own and commits it if it succeeds. A failure
  // anywhere before the commit drops the working set: nothing was written.
  const atomically = <A, E, R>(
    operation: string,
    body: (ws: WorkingSet) => Effect.Effect<A, E, R>,
  ): Effect.Effect<A, E | StoreError.StoreError, R> =>
    Effect.flatMap(current, (ws): Effect.Effect<A, E | StoreError.StoreError, R> => {
      if (ws !== undefined) return body(ws)
      return lock.withPermits(1)(
        Effect.suspend(() => {
          const fresh: WorkingSet = new Map()
          return body(fresh).pipe(
            Effect.provideService(current, fresh),
            Effect.tap(() => commit(operation, fresh)),
          )
        }),
      )
    })

  const entryMatches = (q: Omit<StoreInput.Query, "limit">, e: Doc.Entry): boolean =>
    StoreInput.matches(q, e.filters, e.date)

  // One page: looks one matching item past the limit, so `next` is set only when more exist.
  const page = (
    doc: Doc.Document | undefined,
    name: StoreCollections.Name,
    q: StoreInput.Query,
  ): Store.Page<unknown> => {
    if (doc === undefined) return { items: [] }
    const table = doc.tables[name]
    const keys = Doc.sortedKeys(table)
    const items: Array<unknown> = []
    let last: string | undefined
    for (let i = StoreInput.firstAfter(keys, q.after); i < keys.length; i++) {
      const e = table.entries.get(keys[i] as string) as Doc.Entry
      if (!entryMatches(q, e)) continue
      if (items.length === q.limit && last !== undefined) return { items, next: last }
      items.push(JSON.parse(e.json))
      last = e.key
    }
    return { items }
  }

  const eventOf = (row: Doc.EventRow): Store.StoredEvent => ({
    caseId: row.caseId,
    version: row.version,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.dataJson),
    meta: JSON.parse(row.metaJson),
  })

  const service: Store.Service = {
    capabilities: { concurrentWriters: false, persistent: true },

    putDistrict: (info) =>
      atomically("putDistrict", (ws) =>
        Effect.gen(function* () {
          const checked = yield* StoreInput.districtInfo("putDistrict", info)
          const doc = yield* read("putDistrict", checked.info.id)
          ws.set(
            checked.info.id,
            doc === undefined ? Doc.empty(checked.info.id, checked.json) : { ...doc, infoJson: checked.json },
          )
        }),
      ),

    getDistrict: (district) =>
      Effect.map(read("getDistrict", district), (doc) =>
        doc === undefined ? Option.none() : Option.some(JSON.parse(doc.infoJson) as District.DistrictInfo),
      ),

    listDistricts: () =>
      Effect.gen(function* () {
        const docs = new Map<string, Doc.Document>()
        const byFile = new Map([...committed.values()].map((doc) => [Files.fileName(doc.id), doc]))
        for (const name of yield* Files.listDistrictFiles("listDistricts", directory)) {
          const known = byFile.get(name)
          const doc =
            known ??
            (yield* Effect.flatMap(Files.readIfExists("listDistricts", path.join(directory, name)), (text) =>
              text === undefined ? Effect.succeed(undefined) : decodeFile("listDistricts", name, text),
            ))
          if (doc !== undefined) docs.set(doc.id, doc)
        }
        // What this fiber's transaction created or changed, and what is committed, wins over the listing.
        for (const doc of committed.values()) docs.set(doc.id, doc)
        for (const doc of (yield* current)?.values() ?? []) docs.set(doc.id, doc)
        return [...docs.keys()]
          .sort(StoreCollections.compareKeys)
          .map((id) => JSON.parse((docs.get(id) as Doc.Document).infoJson) as District.DistrictInfo)
      }),

    upsert: (district, name, items) =>
      atomically("upsert", (ws) =>
        Effect.gen(function* () {
          const doc = yield* state("upsert", district)
          const checked = yield* StoreInput.items("upsert", name, items)
          if (checked.length === 0) return 0
          const descriptor = Doc.descriptorOf(name)
          const entries = new Map(doc.tables[name].entries)
          for (const c of checked) entries.set(c.key, Doc.entryOf(descriptor, c))
          ws.set(doc.id, Doc.withTable(doc, name, entries))
          return checked.length
        }),
      ),

    get: (district, name, key) =>
      Effect.gen(function* () {
        yield* StoreInput.collection("get", name)
        const k = yield* StoreInput.key("get", key)
        const entry = (yield* read("get", district))?.tables[name].entries.get(k)
        return entry === undefined ? Option.none() : Option.some(JSON.parse(entry.json))
      }),

    remove: (district, name, keys) =>
      atomically("remove", (ws) =>
        Effect.gen(function* () {
          yield* StoreInput.collection("remove", name)
          for (let i = 0; i < keys.length; i++) yield* StoreInput.key("remove", keys[i], `keys[${i}]`)
          // Like every read, removing from a district that does not exist finds nothing.
          const doc = yield* read("remove", district)
          if (doc === undefined) return 0
          const entries = new Map(doc.tables[name].entries)
          let removed = 0
          for (const k of new Set(keys)) if (entries.delete(k)) removed++
          if (removed > 0) ws.set(doc.id, Doc.withTable(doc, name, entries))
          return removed
        }),
      ),

    list: (district, name, options) =>
      Effect.flatMap(StoreInput.query("list", name, options), (q) =>
        Effect.map(read("list", district), (doc) => page(doc, name, q) as Store.Page<never>),
      ),

    count: (district, name, options) =>
      Effect.flatMap(StoreInput.query("count", name, options), (q) =>
        Effect.map(read("count", district), (doc) => {
          if (doc === undefined) return 0
          let n = 0
          for (const e of doc.tables[name].entries.values()) if (entryMatches(q, e)) n++
          return n
        }),
      ),

    // Each batch reads the district as it is then (keyset paging), like a database cursor would.
    stream: (district, name, options = {}) =>
      Stream.unwrap(
        Effect.map(StoreInput.streamQuery("stream", name, options), (q) =>
          Stream.paginate(undefined as string | undefined, (after) =>
            Effect.map(read("stream", district), (doc) => {
              const p = page(doc, name, after === undefined ? q : { ...q, after })
              return [p.items as ReadonlyArray<never>, Option.fromNullishOr(p.next)] as const
            }),
          ),
        ),
      ),

    importDistrict: (data, options) =>
      atomically("importDistrict", (ws) =>
        Effect.gen(function* () {
          const checked = yield* StoreInput.districtData("importDistrict", data, options)
          // The district record goes through the same check as `putDistrict`, as in the reference store.
          const info = yield* StoreInput.districtInfo("putDistrict", checked.district)
          const id = info.info.id
          const existing = yield* read("importDistrict", id)
          let doc = existing === undefined ? Doc.empty(id, info.json) : { ...existing, infoJson: info.json }
          const counts: Record<string, number> = {}
          for (const name of StoreCollections.districtDataNames) {
            const descriptor = Doc.descriptorOf(name)
            const entries = new Map<string, Doc.Entry>()
            for (const item of checked[name] as ReadonlyArray<unknown>) {
              const key = descriptor.key(item)
              entries.set(key, Doc.entryOf(descriptor, { key, item, json: JSON.stringify(item) }))
            }
            doc = Doc.withTable(doc, name, entries)
            counts[name] = entries.size
          }
          ws.set(id, doc)
          let attendance = 0
          for (const a of checked.activities) attendance += a.attendance.length
          return { district: id, counts: counts as Store.ImportSummary["counts"], attendance }
        }),
      ),

    loadDistrict: (district) =>
      Effect.map(read("loadDistrict", district), (doc) => {
        if (doc === undefined) return Option.none()
        const data: Record<string, unknown> = { district: JSON.parse(doc.infoJson) }
        for (const name of StoreCollections.districtDataNames) {
          const table = doc.tables[name]
          data[name] = Doc.sortedKeys(table).map((k) => JSON.parse((table.entries.get(k) as Doc.Entry).json))
        }
        return Option.some(data as unknown as District.DistrictData)
      }),

    saveAssignmentRun: (district, run) =>
      atomically("saveAssignmentRun", (ws) =>
        Effect.gen(function* () {
          const doc = yield* state("saveAssignmentRun", district)
          const checked = yield* StoreInput.assignmentRun("saveAssignmentRun", run)
          ws.set(doc.id, { ...doc, runs: new Map(doc.runs).set(checked.id, JSON.stringify(checked)) })
        }),
      ),

    getAssignmentRun: (district, id) =>
      Effect.map(read("getAssignmentRun", district), (doc) => {
        const json = doc?.runs.get(id)
        return json === undefined ? Option.none() : Option.some(JSON.parse(json) as Store.AssignmentRun)
      }),

    listAssignmentRuns: (district, options = {}) =>
      Effect.map(read("listAssignmentRuns", district), (doc) => {
        const out: Array<Store.AssignmentRunSummary> = []
        for (const json of doc?.runs.values() ?? []) {
          const { placements, ...rest } = JSON.parse(json) as Store.AssignmentRun
          if (options.kind === undefined || rest.kind === options.kind)
            out.push({ ...rest, placementCount: placements.length })
        }
        return out.sort(
          (a, b) => StoreCollections.compareKeys(a.createdAt, b.createdAt) || StoreCollections.compareKeys(a.id, b.id),
        )
      }),

    appendProgress: (district, update) =>
      atomically("appendProgress", (ws) =>
        Effect.gen(function* () {
          const doc = yield* state("appendProgress", district)
          const checked = yield* StoreInput.progressUpdate("appendProgress", update)
          const outcomes = doc.tables.outcomes.entries
          const entry = outcomes.get(checked.outcomeId)
          if (entry === undefined)
            return yield* new StoreError.NotFound({
              operation: "appendProgress",
              entity: "outcome",
              id: checked.outcomeId,
            })
          const stored: Store.StoredProgressUpdate = { ...checked, seq: doc.progress.length + 1 }
          // The outcome keeps every other field; `progress` is set, or added at the end.
          const json = JSON.stringify({ ...JSON.parse(entry.json), progress: checked.progress })
          const changed = Doc.withTable(doc, "outcomes", new Map(outcomes).set(entry.key, { ...entry, json }))
          ws.set(doc.id, { ...changed, progress: [...doc.progress, JSON.stringify(stored)] })
          return stored
        }),
      ),

    listProgress: (district, outcomeId) =>
      Effect.map(read("listProgress", district), (doc) =>
        (doc?.progress ?? [])
          .map((json) => JSON.parse(json) as Store.StoredProgressUpdate)
          .filter((u) => u.outcomeId === outcomeId),
      ),

    saveEvaluation: (district, snapshot) =>
      atomically("saveEvaluation", (ws) =>
        Effect.gen(function* () {
          const doc = yield* state("saveEvaluation", district)
          const { snapshot: checked } = yield* StoreInput.evaluationSnapshot("saveEvaluation", snapshot)
          const key = Doc.evaluationKey(checked.rubricId, checked.period)
          ws.set(doc.id, { ...doc, evaluations: new Map(doc.evaluations).set(key, JSON.stringify(checked)) })
        }),
      ),

    getEvaluation: (district, rubricId, period) =>
      Effect.map(read("getEvaluation", district), (doc) => {
        const json = doc?.evaluations.get(Doc.evaluationKey(rubricId, period))
        return json === undefined ? Option.none() : Option.some(JSON.parse(json) as Store.EvaluationSnapshot)
      }),

    listEvaluations: (district) =>
      Effect.map(read("listEvaluations", district), (doc) =>
        [...(doc?.evaluations.values() ?? [])]
          .map((json) => {
            const { results: _, ...summary } = JSON.parse(json) as Store.EvaluationSnapshot
            return summary
          })
          .sort(
            (a, b) =>
              StoreCollections.compareKeys(a.rubricId, b.rubricId) || StoreCollections.compareKeys(a.period, b.period),
          ),
      ),

    append: (district, caseId, expectedVersion, events) =>
      atomically("append", (ws) =>
        Effect.gen(function* () {
          // Input first, then the district, then the version: the order the reference store checks in.
          const checked = yield* StoreInput.events("append", caseId, expectedVersion, events)
          const doc = yield* state("append", district)
          const existing = doc.cases.get(caseId) ?? []
          const actual = existing.length
          if (actual !== expectedVersion)
            return yield* new StoreError.VersionConflict({ district, caseId, expected: expectedVersion, actual })
          if (checked.length === 0) return actual
          const rows = checked.map(
            (e, i): Doc.EventRow => ({
              caseId,
              version: actual + i + 1,
              position: doc.log.length + i + 1,
              type: e.type,
              dataJson: e.dataJson,
              metaJson: e.metaJson,
            }),
          )
          ws.set(doc.id, {
            ...doc,
            cases: new Map(doc.cases).set(caseId, [...existing, ...rows]),
            log: [...doc.log, ...rows],
          })
          return actual + rows.length
        }),
      ),

    readCase: (district, caseId) =>
      Effect.map(read("readCase", district), (doc) => (doc?.cases.get(caseId) ?? []).map(eventOf)),

    readAll: (district, options) =>
      Effect.flatMap(StoreInput.readAllOptions("readAll", options), ({ after, limit }) =>
        Effect.map(read("readAll", district), (doc) => (doc?.log ?? []).slice(after, after + limit).map(eventOf)),
      ),

    // A transaction is one big write. A nested one is a savepoint: documents are replaced, never
    // changed in place, so restoring the working set as it was undoes the nested one's writes.
    transaction: (effect) =>
      Effect.flatMap(current, (ws) => {
        if (ws === undefined) return atomically("transaction", () => effect)
        const saved = new Map(ws)
        return Effect.onExit(effect, (exit) =>
          exit._tag === "Failure"
            ? Effect.sync(() => {
                ws.clear()
                for (const [id, doc] of saved) ws.set(id, doc)
              })
            : Effect.void,
        )
      }),
  }
  return service
}
