// One district's document: everything the store keeps for it, as it is held in memory and as it is
// written to its JSON file. Documents are never changed in place: a write makes a new document that
// shares what it did not touch (copy on write), so a failed write can simply drop it.
import { type Ids, Issue, type Store, StoreCollections, StoreError, StoreInput } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/** An item as stored: its JSON (the normalised item from `StoreInput.items`), and what queries need. */
export interface Entry {
  readonly key: string
  readonly json: string
  readonly filters: ReadonlyArray<string | undefined>
  readonly date: string | undefined
}

/** A collection of one district. */
export interface Table {
  readonly entries: ReadonlyMap<string, Entry>
}

/** An event as stored, with its data and meta kept as JSON. */
export interface EventRow {
  readonly caseId: Ids.CaseId
  readonly version: number
  readonly position: number
  readonly type: string
  readonly dataJson: string
  readonly metaJson: string
}

export interface Document {
  readonly id: Ids.DistrictId
  readonly infoJson: string
  readonly tables: { readonly [K in StoreCollections.Name]: Table }
  /** Each case's events in version order. */
  readonly cases: ReadonlyMap<string, ReadonlyArray<EventRow>>
  /** The district's events in position order: the position of `log[i]` is `i + 1`. */
  readonly log: ReadonlyArray<EventRow>
  /** Assignment runs as JSON, by id. */
  readonly runs: ReadonlyMap<string, string>
  /** Stored progress updates as JSON: the seq of `progress[i]` is `i + 1`. */
  readonly progress: ReadonlyArray<string>
  /** Evaluation snapshots as JSON, by `evaluationKey`. */
  readonly evaluations: ReadonlyMap<string, string>
}

const emptyTable: Table = { entries: new Map() }

const emptyTables = (): Document["tables"] =>
  Object.fromEntries(StoreCollections.names.map((n) => [n, emptyTable])) as unknown as Document["tables"]

/** A new district with nothing but its record. */
export const empty = (id: Ids.DistrictId, infoJson: string): Document => ({
  id,
  infoJson,
  tables: emptyTables(),
  cases: new Map(),
  log: [],
  runs: new Map(),
  progress: [],
  evaluations: new Map(),
})

/** The key of an evaluation snapshot: the JSON of rubric and period, so no two pairs share one. */
export const evaluationKey = (rubricId: string, period: string): string => JSON.stringify([rubricId, period])

/** The descriptor of a collection, for code that handles every collection alike. */
export const descriptorOf = (name: StoreCollections.Name): StoreCollections.Descriptor<unknown> =>
  StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<unknown>

/** What the store keeps of a checked item: its key, JSON, filter values and date. */
export const entryOf = (
  descriptor: StoreCollections.Descriptor<unknown>,
  checked: StoreInput.CheckedItem<unknown>,
): Entry => ({
  key: checked.key,
  json: checked.json,
  filters: descriptor.filterValues(checked.item),
  date: descriptor.date?.(checked.item),
})

// Keys in code-point order, computed once per table (tables never change, so the order cannot go stale).
const sortedCache = new WeakMap<Table, ReadonlyArray<string>>()

/** A table's keys in code-point order (`compareKeys`), the order of `list`, `stream` and the file. */
export const sortedKeys = (table: Table): ReadonlyArray<string> => {
  let keys = sortedCache.get(table)
  if (keys === undefined) sortedCache.set(table, (keys = [...table.entries.keys()].sort(StoreCollections.compareKeys)))
  return keys
}

/** A copy of `doc` with one collection replaced. */
export const withTable = (
  doc: Document,
  name: StoreCollections.Name,
  entries: ReadonlyMap<string, Entry>,
): Document => ({
  ...doc,
  tables: { ...doc.tables, [name]: { entries } },
})

// --- The file ---------------------------------------------------------------------------------

/** What the first field of every file says, so a stray JSON file is not taken for a district. */
export const format = "tongxin-jsonfile"

/** The version of the file layout; a later layout would be read by migrating from this one. */
export const version = 1

const list = (jsons: ReadonlyArray<string>): string => (jsons.length === 0 ? "[]" : `[\n${jsons.join(",\n")}\n]`)

const eventJson = (e: EventRow): string =>
  `{"caseId":${JSON.stringify(e.caseId)},"version":${e.version},"position":${e.position},"type":${JSON.stringify(e.type)},"data":${e.dataJson},"meta":${e.metaJson}}`

const byKey = (map: ReadonlyMap<string, string>): ReadonlyArray<string> =>
  [...map.keys()].sort(StoreCollections.compareKeys).map((k) => map.get(k) as string)

/**
 * The file's text: one JSON object, one item, event, run, update or snapshot per line (so a diff of
 * two versions of the file reads well), collections in key order. Built from the JSON the store
 * already holds rather than by stringifying one big object, which would need it all parsed first.
 */
export const encode = (doc: Document): string => {
  const collections = StoreCollections.names.map((name) => {
    const table = doc.tables[name]
    return `${JSON.stringify(name)}:${list(sortedKeys(table).map((k) => (table.entries.get(k) as Entry).json))}`
  })
  return [
    `{"format":${JSON.stringify(format)},"version":${version},`,
    `"district":${doc.infoJson},`,
    `"collections":{\n${collections.join(",\n")}\n},`,
    `"events":${list(doc.log.map(eventJson))},`,
    `"runs":${list(byKey(doc.runs))},`,
    `"progress":${list(doc.progress)},`,
    `"evaluations":${list(byKey(doc.evaluations))}`,
    "}\n",
  ].join("\n")
}

const EventRowShape = Schema.Struct({
  caseId: Schema.NonEmptyString,
  version: Schema.Int,
  position: Schema.Int,
  type: Schema.NonEmptyString.check(Schema.isTrimmed()),
  data: Schema.Unknown,
  meta: Schema.Record(Schema.String, Schema.Unknown),
})

const FileShape = Schema.Struct({
  format: Schema.Literal(format),
  version: Schema.Literal(version),
  district: Schema.Unknown,
  collections: Schema.Record(Schema.String, Schema.Array(Schema.Unknown)),
  events: Schema.Array(EventRowShape),
  runs: Schema.Array(Schema.Unknown),
  progress: Schema.Array(
    Schema.StructWithRest(Schema.Struct({ seq: Schema.Int }), [Schema.Record(Schema.String, Schema.Unknown)]),
  ),
  evaluations: Schema.Array(Schema.Unknown),
})

const decodeShape = Schema.decodeUnknownResult(FileShape, { errors: "all", reportInput: true })

// Moves an issue from the path a StoreInput check reports (`items[3].name`) to its place in the file.
const relocate = (issues: ReadonlyArray<Issue.Issue>, from: string, to: string): ReadonlyArray<string> =>
  issues.map(
    (i) =>
      `${i.path === from || i.path.startsWith(`${from}.`) || i.path.startsWith(`${from}[`) ? to + i.path.slice(from.length) : i.path}: ${i.message}`,
  )

/**
 * Reads a district's file back into a document, running the same checks a write runs
 * (`StoreInput`), so a file edited by hand into something the store would never have written is
 * refused with the place of every problem instead of surfacing later as wrong results.
 */
export const decode = (
  operation: string,
  file: string,
  text: string,
): Effect.Effect<Document, StoreError.StoreError> => {
  const corrupt = (problems: ReadonlyArray<string>, cause?: unknown) =>
    new StoreError.StoreError({
      operation,
      message: `${file} does not hold a district the store can read; fix or restore it:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      ...(cause === undefined ? {} : { cause }),
    })
  // A StoreInput check that fails while loading is a problem of the file, not of the caller's input.
  const checked = <A>(
    check: Effect.Effect<A, StoreError.InvalidInput | StoreError.PayloadTooLarge>,
    from: string,
    to: string,
  ) =>
    Effect.mapError(check, (e) =>
      e._tag === "InvalidInput"
        ? corrupt(relocate(e.issues, from, to))
        : corrupt([`${to}${e.path.slice(from.length)}: ${e.bytes} bytes, more than the limit of ${e.limit}`]),
    )

  return Effect.gen(function* () {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      return yield* corrupt([`not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`], cause)
    }
    const shape = decodeShape(json)
    if (Result.isFailure(shape))
      return yield* corrupt(Issue.fromSchemaError(shape.failure).map((i) => `${i.path}: ${i.message}`))
    const raw = shape.success

    const district = yield* checked(StoreInput.districtInfo(operation, raw.district), "district", "district")
    const unknown = Object.keys(raw.collections).filter((n) => !StoreCollections.isName(n))
    if (unknown.length > 0)
      return yield* corrupt(
        unknown.map((n) => `collections.${n}: not a collection; use one of ${StoreCollections.names.join(", ")}`),
      )

    const tables: Record<string, Table> = {}
    for (const name of StoreCollections.names) {
      const items = yield* checked(
        StoreInput.items(operation, name, (raw.collections[name] ?? []) as ReadonlyArray<never>),
        "items",
        `collections.${name}`,
      )
      const descriptor = descriptorOf(name)
      tables[name] = { entries: new Map(items.map((c) => [c.key, entryOf(descriptor, c)])) }
    }

    const problems: Array<string> = []
    const cases = new Map<string, Array<EventRow>>()
    const log = raw.events.map((e, i): EventRow => {
      const events = cases.get(e.caseId) ?? []
      if (e.position !== i + 1)
        problems.push(
          `events[${i}].position: is ${e.position}, expected ${i + 1} (positions count 1, 2, 3, … in file order)`,
        )
      if (e.version !== events.length + 1)
        problems.push(`events[${i}].version: is ${e.version}, expected ${events.length + 1} for case "${e.caseId}"`)
      const row: EventRow = {
        caseId: e.caseId as Ids.CaseId,
        version: e.version,
        position: e.position,
        type: e.type,
        dataJson: JSON.stringify(e.data),
        metaJson: JSON.stringify(e.meta),
      }
      events.push(row)
      cases.set(e.caseId, events)
      return row
    })

    const runs = new Map<string, string>()
    for (let i = 0; i < raw.runs.length; i++) {
      const run = yield* checked(StoreInput.assignmentRun(operation, raw.runs[i]), "run", `runs[${i}]`)
      if (runs.has(run.id)) problems.push(`runs[${i}].id: "${run.id}" appears twice`)
      runs.set(run.id, JSON.stringify(run))
    }

    const progress: Array<string> = []
    for (let i = 0; i < raw.progress.length; i++) {
      const { seq, ...rest } = raw.progress[i] as { readonly seq: number }
      if (seq !== i + 1) problems.push(`progress[${i}].seq: is ${seq}, expected ${i + 1}`)
      const update = yield* checked(StoreInput.progressUpdate(operation, rest), "update", `progress[${i}]`)
      progress.push(JSON.stringify({ ...update, seq } satisfies Store.StoredProgressUpdate))
    }

    const evaluations = new Map<string, string>()
    for (let i = 0; i < raw.evaluations.length; i++) {
      const { snapshot } = yield* checked(
        StoreInput.evaluationSnapshot(operation, raw.evaluations[i]),
        "snapshot",
        `evaluations[${i}]`,
      )
      const key = evaluationKey(snapshot.rubricId, snapshot.period)
      if (evaluations.has(key))
        problems.push(`evaluations[${i}]: rubric "${snapshot.rubricId}" and period "${snapshot.period}" appear twice`)
      evaluations.set(key, JSON.stringify(snapshot))
    }

    if (problems.length > 0) return yield* corrupt(problems)
    return {
      id: district.info.id,
      infoJson: district.json,
      tables: tables as unknown as Document["tables"],
      cases,
      log,
      runs,
      progress,
      evaluations,
    }
  })
}
