/**
 * Outcome items (协商成果) after the consensus report: progress updates (0–100) that only move
 * forward unless the item is reopened, and completion at 100. They feed `Progress.rates`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { DistrictData } from "../model/District.js"
import type { DistrictId, MemberId, OutcomeId } from "../model/Ids.js"
import type { IsoDate } from "../model/IsoDate.js"
import type { Outcome } from "../model/Outcome.js"
import * as Store from "../store/Store.js"
import { type InvalidInput, NotFound, type StoreError, type WriteError } from "../store/StoreError.js"

/**
 * A progress update that would move an item backwards.
 *
 * @since 0.1.0
 * @category errors
 */
export class ProgressWentBack extends Schema.TaggedError<ProgressWentBack>()("ProgressWentBack", {
  outcomeId: Schema.String,
  current: Schema.Number,
  given: Schema.Number,
}) {
  override get message(): string {
    return `outcome "${this.outcomeId}" is at ${this.current}%: progress only moves forward (${this.given}% given); reopen the item to report less`
  }
}

/**
 * An update to an item that is completed and not reopened.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutcomeCompleted extends Schema.TaggedError<OutcomeCompleted>()("OutcomeCompleted", {
  outcomeId: Schema.String,
}) {
  override get message(): string {
    return `outcome "${this.outcomeId}" is completed; reopen it before reporting progress`
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Update {
  readonly outcomeId: OutcomeId
  readonly progress: number
  readonly on: IsoDate
  readonly note?: string
  readonly by?: MemberId
}

const outcome = (store: Store.Service, district: DistrictId, id: OutcomeId, operation: string) =>
  Effect.flatMap(store.get(district, "outcomes", id), (o) =>
    Option.match(o, {
      onNone: () => Effect.fail(new NotFound({ operation, entity: "outcome", id })),
      onSome: Effect.succeed,
    }),
  )

/**
 * Records progress on an item: refused if it goes back (unless the item was just reopened) or the
 * item is completed; 100 completes the item, anything less keeps it in progress.
 *
 * @since 0.1.0
 * @category progress
 */
export const recordProgress = (
  district: DistrictId,
  update: Update,
): Effect.Effect<Store.StoredProgressUpdate, ProgressWentBack | OutcomeCompleted | WriteError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    return yield* store.transaction(
      Effect.gen(function* () {
        const before = yield* outcome(store, district, update.outcomeId, "recordProgress")
        // Append first: the store serialises progress appends, so the history read after it holds
        // every update committed before ours, and the checks below cannot race another writer.
        const stored = yield* store.appendProgress(district, update)
        const history = yield* store.listProgress(district, update.outcomeId)
        const prior = history.filter((u) => u.seq !== stored.seq).at(-1)
        const reopened = prior?.reopened === true
        const completed = prior === undefined ? before.status === "completed" : prior.progress === 100 && !reopened
        if (completed) return yield* new OutcomeCompleted({ outcomeId: update.outcomeId })
        const current = prior?.progress ?? before.progress
        if (update.progress < current && !reopened) {
          return yield* new ProgressWentBack({ outcomeId: update.outcomeId, current, given: update.progress })
        }
        const { completedOn: _, ...rest } = yield* outcome(store, district, update.outcomeId, "recordProgress")
        const next: Outcome =
          update.progress === 100
            ? { ...rest, progress: 100, status: "completed", completedOn: update.on }
            : { ...rest, progress: update.progress, status: "in-progress" }
        yield* store.upsert(district, "outcomes", [next])
        return stored
      }),
    )
  })

/**
 * Reopens an item: it goes back to in progress, and the next update may report less progress.
 *
 * @since 0.1.0
 * @category progress
 */
export const reopen = (
  district: DistrictId,
  options: { readonly outcomeId: OutcomeId; readonly on: IsoDate; readonly reason: string; readonly by?: MemberId },
): Effect.Effect<Store.StoredProgressUpdate, WriteError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    return yield* store.transaction(
      Effect.gen(function* () {
        const before = yield* outcome(store, district, options.outcomeId, "reopen")
        const stored = yield* store.appendProgress(district, {
          outcomeId: options.outcomeId,
          progress: before.progress,
          on: options.on,
          note: options.reason,
          reopened: true,
          ...(options.by !== undefined ? { by: options.by } : {}),
        })
        const { completedOn: _, ...rest } = yield* outcome(store, district, options.outcomeId, "reopen")
        yield* store.upsert(district, "outcomes", [{ ...rest, status: "in-progress" }])
        return stored
      }),
    )
  })

/**
 * A district document with the outcome items cases created (the `report` command's) that the
 * store holds and the document lacks added, so `importDistrict` — which replaces the outcomes
 * collection — keeps them. Reads only the stored outcomes.
 *
 * @since 0.1.0
 * @category import
 */
export const withCaseOutcomes = (
  data: DistrictData,
): Effect.Effect<DistrictData, StoreError | InvalidInput, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    const known = new Set(data.outcomes.map((o) => o.id as string))
    const stored = yield* Stream.runCollect(
      Stream.filter(store.stream(data.district.id, "outcomes"), (o) => o.caseId !== undefined && !known.has(o.id)),
    )
    return stored.length === 0 ? data : { ...data, outcomes: [...data.outcomes, ...stored] }
  })
