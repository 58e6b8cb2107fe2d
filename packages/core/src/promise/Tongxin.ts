/**
 * Tongxin with `async`/`await` only: open a store, import a district, run consultation cases and
 * read results without writing any Effect code. Every call returns a Promise; a failure rejects with
 * the same typed error the Effect API fails with (`InvalidInput`, `VersionConflict`,
 * `CommandRefused`, …), so `error._tag` tells what happened and `error.message` says it in words.
 *
 * @example
 * import { Tongxin } from "@tongxin/core/promise"
 * import { SqliteStore } from "@tongxin/store-sqlite"
 *
 * const tongxin = Tongxin.open(SqliteStore.layer({ filename: "district.db" }))
 * try {
 *   const summary = await tongxin.store.importDistrict(data)
 *   await tongxin.openCase(summary.district, caseRecord, { id: "office", roles: ["office"] })
 * } finally {
 *   await tongxin.close()
 * }
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import type { Case } from "../model/Case.js"
import type { DistrictData } from "../model/District.js"
import type { CaseId, DistrictId } from "../model/Ids.js"
import type { Plugin } from "../plugin/Plugin.js"
import * as PluginHost from "../plugin/PluginHost.js"
import * as Store from "../store/Store.js"
import type * as Collections from "../store/Collections.js"
import type * as Engine from "../workflow/Engine.js"
import * as Outcomes from "../workflow/Outcomes.js"
import type * as Workflow from "../workflow/Workflow.js"

// Each method of the port, returning a Promise of what its Effect succeeds with; Options become
// `undefined`-or-value, streams become async iterables.
type Promised<F> = F extends (...args: infer A) => Effect.Effect<infer R, infer _E, infer _C>
  ? (...args: A) => Promise<R extends Option.Option<infer V> ? V | undefined : R>
  : F extends (...args: infer A) => Stream.Stream<infer R, infer _E, infer _C>
    ? (...args: A) => AsyncIterable<R>
    : F

/**
 * The `Store` port with Promises.
 *
 * @since 0.1.0
 * @category models
 */
export type PromiseStore = {
  readonly [K in Exclude<keyof Store.Service, "capabilities" | "transaction" | Generic>]: Promised<Store.Service[K]>
} & {
  readonly capabilities: () => Promise<Store.Capabilities>
  // The methods generic in the collection, spelled out: a mapped type would lose the generic.
  readonly upsert: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    items: ReadonlyArray<Collections.Item<K>>,
  ) => Promise<number>
  readonly get: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    key: string,
  ) => Promise<Collections.Item<K> | undefined>
  readonly remove: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    keys: ReadonlyArray<string>,
  ) => Promise<number>
  readonly list: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: Store.ListOptions,
  ) => Promise<Store.Page<Collections.Item<K>>>
  readonly count: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: Omit<Store.ListOptions, "after" | "limit">,
  ) => Promise<number>
  readonly stream: <K extends Collections.Name>(
    district: DistrictId,
    collection: K,
    options?: Store.StreamOptions,
  ) => AsyncIterable<Collections.Item<K>>
}

type Generic = "upsert" | "get" | "remove" | "list" | "count" | "stream"

/**
 * An open Tongxin: the store, the workflow engine over the plugins' workflows, and `close`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Tongxin {
  readonly store: PromiseStore
  /** What the plugins (and the built-ins) provide: workflows, coverage rules, selectors, activity types. */
  readonly registry: PluginHost.Registry
  readonly openCase: (
    district: DistrictId,
    record: Case,
    actor: Workflow.Actor,
    options?: { readonly at?: string },
  ) => Promise<Workflow.CaseState>
  readonly dispatch: (
    district: DistrictId,
    caseId: CaseId,
    command: { readonly type: string; readonly payload: unknown },
    actor: Workflow.Actor,
    options?: { readonly at?: string },
  ) => Promise<Engine.Dispatched>
  readonly loadCase: (district: DistrictId, caseId: CaseId, options?: Engine.LoadOptions) => Promise<Workflow.CaseState>
  readonly recordProgress: (district: DistrictId, update: Outcomes.Update) => Promise<Store.StoredProgressUpdate>
  /** The district as a document for the rules (`Coverage.check`, `Scoring.evaluate`, …). */
  readonly loadDistrict: (district: DistrictId) => Promise<DistrictData | undefined>
  /** Closes the store (connections, files). */
  readonly close: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Plugins to load; their problems throw `PluginError` here, at once. */
  readonly plugins?: ReadonlyArray<Plugin>
  /** Hash case events with HMAC-SHA-256 under this key (see `WorkflowEngine.Options.chainKey`). */
  readonly chainKey?: Redacted.Redacted<string>
}

/**
 * Opens Tongxin on a store layer (`MemoryStore.layer`, `SqliteStore.layer({ filename })`,
 * `PgStore.layer({ url })`, or your own). The store opens on the first call.
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = <E>(layer: Layer.Layer<Store.Store, E>, options: Options = {}): Tongxin => {
  const loaded = PluginHost.make(options.plugins ?? [])
  if (Result.isFailure(loaded)) throw loaded.failure
  const registry = loaded.success
  const engine = registry.engine(options.chainKey === undefined ? {} : { chainKey: options.chainKey })
  const runtime = ManagedRuntime.make(layer)

  // Rejects with the error itself, not a wrapper, so `instanceof` and `_tag` work.
  const run = <A, X>(effect: Effect.Effect<A, X, Store.Store>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    })

  const withStore = <A, X>(f: (store: Store.Service) => Effect.Effect<A, X>) => run(Effect.flatMap(Store.Store, f))
  const unwrap = <A>(value: A): unknown => (Option.isOption(value) ? Option.getOrUndefined(value) : value)

  // A stream as an async iterable: batches are fetched as the loop asks for them.
  const iterate = <A>(f: (store: Store.Service) => Stream.Stream<A, unknown>): AsyncIterable<A> => ({
    async *[Symbol.asyncIterator]() {
      const context = await runtime.context()
      yield* Stream.toAsyncIterableWith(Stream.unwrap(Effect.map(Store.Store, f)), context)
    },
  })

  const methods = [
    "putDistrict",
    "getDistrict",
    "listDistricts",
    "upsert",
    "get",
    "remove",
    "list",
    "count",
    "importDistrict",
    "loadDistrict",
    "saveAssignmentRun",
    "getAssignmentRun",
    "listAssignmentRuns",
    "appendProgress",
    "listProgress",
    "saveEvaluation",
    "getEvaluation",
    "listEvaluations",
    "append",
    "readCase",
    "readAll",
  ] as const satisfies ReadonlyArray<keyof Store.Service>

  const store = Object.fromEntries([
    ...methods.map((name) => [
      name,
      (...args: ReadonlyArray<unknown>) =>
        withStore((s) =>
          Effect.map((s[name] as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown>)(...args), unwrap),
        ),
    ]),
    [
      "stream",
      <K extends Collections.Name>(district: DistrictId, collection: K, o?: Store.StreamOptions) =>
        iterate((s) => s.stream(district, collection, o)),
    ],
  ]) as unknown as Omit<PromiseStore, "capabilities">

  return {
    store: { ...store, capabilities: () => withStore((s) => Effect.succeed(s.capabilities)) } as PromiseStore,
    registry,
    openCase: (district, record, actor, o) => run(engine.open(district, record, actor, o)),
    dispatch: (district, caseId, command, actor, o) => run(engine.dispatch(district, caseId, command, actor, o)),
    loadCase: (district, caseId, loadOptions) =>
      run(Effect.map(engine.load(district, caseId, loadOptions), (l) => l.state)),
    recordProgress: (district, update) => run(Outcomes.recordProgress(district, update)),
    loadDistrict: (district) => withStore((s) => Effect.map(s.loadDistrict(district), Option.getOrUndefined)),
    close: () => runtime.dispose(),
  } satisfies Tongxin
}
