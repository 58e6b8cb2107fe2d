/**
 * The `Store` port: everything Tongxin persists, always scoped to one district (the tenant).
 * Adapters are Layers that provide it (`MemoryStore.layer`, `SqliteStore.layer`, `PgStore.layer`, or
 * your own); `@tongxin/store-testkit` checks that an adapter behaves exactly like `MemoryStore`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { IsoDate } from "../model/IsoDate.js"
import type { CaseId, DistrictId } from "../model/Ids.js"
import { MemberId, OutcomeId } from "../model/Ids.js"
import {
  isBetween,
  isFiniteNumber,
  NonEmptyTrimmedString,
  optional,
  wellFormed,
  withDefault,
} from "../internal/schema.js"

// Text a store may keep in a plain column.
const Text = wellFormed(NonEmptyTrimmedString)
import type { DistrictData, DistrictInfo } from "../model/District.js"
import type * as Collections from "./Collections.js"
import type { InvalidInput, PayloadTooLarge, StoreError, VersionConflict, WriteError } from "./StoreError.js"

/**
 * A JSON value: what event payloads, run metadata and evaluation results may hold.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * @since 0.1.0
 * @category models
 */
export const Json: Schema.Codec<Json> = Schema.Union([
  Schema.Null,
  Schema.Boolean,
  Schema.Number.check(isFiniteNumber),
  Schema.String,
  Schema.Array(Schema.suspend((): Schema.Codec<Json> => Json)),
  Schema.Record(
    Schema.String,
    Schema.suspend((): Schema.Codec<Json> => Json),
  ),
]).annotate({ identifier: "Json" })

/**
 * An event to append to a case. `meta` holds what the workflow engine records about the command
 * (actor, time, hash); the store keeps both verbatim.
 *
 * @since 0.1.0
 * @category events
 */
export const NewEvent = Schema.Struct({
  type: Text,
  data: Json,
  meta: withDefault(Schema.Record(Schema.String, Json), () => ({})),
})

/**
 * @since 0.1.0
 * @category events
 */
export interface NewEvent extends Schema.Codec.Encoded<typeof NewEvent> {}

/**
 * An event as stored: its case, its version within the case (1, 2, 3, … without gaps) and its
 * position in the district's log (1, 2, 3, … in commit order, without gaps).
 *
 * @since 0.1.0
 * @category events
 */
export interface StoredEvent {
  readonly caseId: CaseId
  readonly version: number
  readonly position: number
  readonly type: string
  readonly data: Json
  readonly meta: { readonly [key: string]: Json }
}

/**
 * One placement of an assignment run.
 *
 * @since 0.1.0
 * @category assignments
 */
export const Placement = Schema.Struct({
  agent: wellFormed(Schema.NonEmptyString),
  target: wellFormed(Schema.NonEmptyString),
})

/**
 * An assignment run: which solver run placed whom where, and the objective it reached.
 *
 * @since 0.1.0
 * @category assignments
 */
export const AssignmentRun = Schema.Struct({
  id: Text,
  /** What was assigned, e.g. `members-to-committees`. */
  kind: Text,
  /** When the run happened (ISO 8601 date-time). */
  createdAt: Text,
  objective: Schema.Number.check(isFiniteNumber),
  placements: Schema.Array(Placement),
  meta: withDefault(Schema.Record(Schema.String, Json), () => ({})),
})

/**
 * @since 0.1.0
 * @category assignments
 */
export interface AssignmentRun extends Schema.Schema.Type<typeof AssignmentRun> {}

/**
 * A run without its placements, as `listAssignmentRuns` returns it.
 *
 * @since 0.1.0
 * @category assignments
 */
export interface AssignmentRunSummary extends Omit<AssignmentRun, "placements"> {
  readonly placementCount: number
}

/**
 * A progress report on an outcome item (0–100). Appending one also sets the outcome's `progress`.
 *
 * @since 0.1.0
 * @category outcomes
 */
export const ProgressUpdate = Schema.Struct({
  outcomeId: OutcomeId,
  progress: Schema.Number.check(isBetween(0, 100)),
  on: IsoDate,
  note: optional(Schema.String),
  by: optional(MemberId),
  /** The item was reopened: the next update may report less progress. */
  reopened: optional(Schema.Boolean),
})

/**
 * @since 0.1.0
 * @category outcomes
 */
export interface ProgressUpdate extends Schema.Schema.Type<typeof ProgressUpdate> {}

/**
 * A stored progress update with its sequence number within the district (1, 2, 3, …).
 *
 * @since 0.1.0
 * @category outcomes
 */
export interface StoredProgressUpdate extends ProgressUpdate {
  readonly seq: number
}

/**
 * The results of evaluating a rubric over a period, kept so reports and rankings need not
 * recompute them. Saving again for the same rubric and period replaces the snapshot.
 *
 * @since 0.1.0
 * @category evaluations
 */
export const EvaluationSnapshot = Schema.Struct({
  rubricId: Text,
  period: Text,
  computedAt: Text,
  results: Json,
})

/**
 * @since 0.1.0
 * @category evaluations
 */
export interface EvaluationSnapshot extends Schema.Schema.Type<typeof EvaluationSnapshot> {}

/**
 * @since 0.1.0
 * @category evaluations
 */
export interface EvaluationSummary extends Omit<EvaluationSnapshot, "results"> {}

/**
 * Options of `list`: equality filters on the collection's filter fields, an inclusive date range
 * for dated collections, and a cursor (`after`: the `next` of the previous page).
 *
 * @since 0.1.0
 * @category queries
 */
export interface ListOptions {
  readonly filter?: { readonly [field: string]: string }
  readonly from?: string
  readonly to?: string
  readonly after?: string
  /** Items per page: 1 to 10,000, 100 when absent. */
  readonly limit?: number
}

/**
 * Options of `stream`.
 *
 * @since 0.1.0
 * @category queries
 */
export interface StreamOptions extends Omit<ListOptions, "after" | "limit"> {
  /** Rows fetched per round trip; the stream never holds more than this many items. */
  readonly batchSize?: number
}

/**
 * One page of `list`. `next` is the cursor of the following page, absent on the last page.
 *
 * @since 0.1.0
 * @category queries
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next?: string
}

/**
 * What `importDistrict` wrote: the number of items per collection and of attendance rows.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportSummary {
  readonly district: DistrictId
  readonly counts: { readonly [K in Exclude<Collections.Name, "cases">]: number }
  readonly attendance: number
}

/**
 * Options of `importDistrict`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportOptions {
  /** Activity types plugins contribute (`registry.activityTypes`), accepted besides the built-in and declared ones. */
  readonly activityTypes?: Iterable<string>
}

/**
 * What an adapter can do beyond the port's guarantees; the conformance kit skips what is absent.
 *
 * @since 0.1.0
 * @category models
 */
export interface Capabilities {
  /** Several processes or connections may write at once, and `append` stays safe. */
  readonly concurrentWriters: boolean
  /** Data outlives the process. */
  readonly persistent: boolean
}

/**
 * The port. Every method takes the district first; a district must exist (`putDistrict` or
 * `importDistrict`) before anything is written to it. Writes are atomic: a failed call writes
 * nothing.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly capabilities: Capabilities

  /** Creates or replaces a district's own record (name, unit kinds, sectors, activity types). */
  readonly putDistrict: (info: DistrictInfo) => Effect.Effect<void, StoreError | InvalidInput | PayloadTooLarge>
  readonly getDistrict: (district: DistrictId) => Effect.Effect<Option.Option<DistrictInfo>, StoreError>
  /** Every district, ordered by id. */
  readonly listDistricts: () => Effect.Effect<ReadonlyArray<DistrictInfo>, StoreError>

  /** Inserts or replaces items by key; returns how many were written. */
  readonly upsert: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    items: ReadonlyArray<Collections.Item<K>>,
  ) => Effect.Effect<number, WriteError>
  readonly get: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    key: string,
  ) => Effect.Effect<Option.Option<Collections.Item<K>>, StoreError | InvalidInput>
  /** Deletes items by key; returns how many existed (0 for a district that does not exist). */
  readonly remove: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    keys: ReadonlyArray<string>,
  ) => Effect.Effect<number, StoreError | InvalidInput>
  /** A page of items in key order (code-point order, see `Collections.compareKeys`). */
  readonly list: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: ListOptions,
  ) => Effect.Effect<Page<Collections.Item<K>>, StoreError | InvalidInput>
  readonly count: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: Omit<ListOptions, "after" | "limit">,
  ) => Effect.Effect<number, StoreError | InvalidInput>
  /** Every matching item in key order, fetched in batches: for collections too large for memory. */
  readonly stream: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: StreamOptions,
  ) => Stream.Stream<Collections.Item<K>, StoreError | InvalidInput>

  /**
   * Replaces the district's record and every collection of `DistrictData` with the document's, in
   * one transaction. The document is checked first (shape and integrity): any problem writes nothing.
   * Importing the same document twice leaves the same data. Cases, events, runs, progress updates
   * and evaluations are kept.
   */
  readonly importDistrict: (
    data: DistrictData,
    options?: ImportOptions,
  ) => Effect.Effect<ImportSummary, StoreError | InvalidInput | PayloadTooLarge>
  /** The district as a `DistrictData` document, ready for the rules. */
  readonly loadDistrict: (district: DistrictId) => Effect.Effect<Option.Option<DistrictData>, StoreError>

  readonly saveAssignmentRun: (district: DistrictId, run: AssignmentRun) => Effect.Effect<void, WriteError>
  readonly getAssignmentRun: (
    district: DistrictId,
    id: string,
  ) => Effect.Effect<Option.Option<AssignmentRun>, StoreError>
  /** Runs without placements, oldest first (by `createdAt`, then id); optionally of one kind. */
  readonly listAssignmentRuns: (
    district: DistrictId,
    options?: { readonly kind?: string },
  ) => Effect.Effect<ReadonlyArray<AssignmentRunSummary>, StoreError>

  /** Records a progress update and sets the outcome's `progress`; fails with `NotFound` for an unknown outcome. */
  readonly appendProgress: (
    district: DistrictId,
    update: ProgressUpdate,
  ) => Effect.Effect<StoredProgressUpdate, WriteError>
  /** An outcome's updates in the order they were appended. */
  readonly listProgress: (
    district: DistrictId,
    outcomeId: OutcomeId,
  ) => Effect.Effect<ReadonlyArray<StoredProgressUpdate>, StoreError>

  readonly saveEvaluation: (district: DistrictId, snapshot: EvaluationSnapshot) => Effect.Effect<void, WriteError>
  readonly getEvaluation: (
    district: DistrictId,
    rubricId: string,
    period: string,
  ) => Effect.Effect<Option.Option<EvaluationSnapshot>, StoreError>
  /** Snapshots without results, ordered by rubric id then period. */
  readonly listEvaluations: (district: DistrictId) => Effect.Effect<ReadonlyArray<EvaluationSummary>, StoreError>

  /**
   * Appends events to a case if it is still at `expectedVersion` (0 for a new case); returns the new
   * version. Fails with `VersionConflict` when another writer appended first, writing nothing.
   */
  readonly append: (
    district: DistrictId,
    caseId: CaseId,
    expectedVersion: number,
    events: ReadonlyArray<NewEvent>,
  ) => Effect.Effect<number, VersionConflict | WriteError>
  /** A case's events in version order; empty for an unknown case. */
  readonly readCase: (district: DistrictId, caseId: CaseId) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreError>
  /** The district's events after a position, in position order, at most `limit` (default 1,000). */
  readonly readAll: (
    district: DistrictId,
    options?: { readonly after?: number; readonly limit?: number },
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreError | InvalidInput>

  /**
   * Runs `effect` as one transaction: every store write inside commits together or not at all.
   * Transactions nest like savepoints: when an inner one fails, its own writes are undone and the
   * outer one goes on (or fails) as it decides.
   */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
}

/**
 * The `Store` service: `yield* Store.Store` in an effect, provided by an adapter's layer.
 *
 * @since 0.1.0
 * @category tags
 */
export class Store extends Context.Service<Store, Service>()("@tongxin/core/Store") {}
