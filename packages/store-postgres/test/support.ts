// Helpers shared by the test files: the store under test on the run's database, and a way to run
// the same call on MemoryStore and on PgStore and compare what each gave.
import * as PgClient from "@effect/sql-pg/PgClient"
import { District, MemoryStore, Store } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Scope from "effect/Scope"
import { readFileSync } from "node:fs"
import { afterAll, expect, inject } from "vitest"
import { PgStore } from "../src/index.js"
import * as PgTesting from "../src/Testing.js"

/** The run's database (see globalSetup.ts). */
export const database = () => inject("pg")

/** Options of a store on the run's database. */
export const options = (extra: Partial<PgStore.Options> = {}): PgStore.Options => ({
  url: Redacted.make(database().url),
  maxConnections: database().maxConnections,
  ...extra,
})

/**
 * A store on the run's database that starts empty (see `PgTesting.freshLayer`). Layers built one
 * after another only.
 */
export const freshLayer = (): Layer.Layer<Store.Store, unknown> => PgTesting.freshLayer(database())

/**
 * The layer the conformance kit gets. Against a server: `PgStore.layer`, each instance with its own
 * pool. Against PGlite, which is one session (see src/Testing.ts): every instance the kit builds shares
 * one client with one connection, so two instances never talk to PGlite at once.
 */
export const conformanceLayer = (): Layer.Layer<Store.Store, unknown> => {
  if (database().mode === "postgres") return PgStore.layer(options())
  const scope = Effect.runSync(Scope.make())
  afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))
  let client: Promise<PgClient.PgClient> | undefined
  const shared = () =>
    (client ??= Effect.runPromise(
      Scope.provide(PgClient.make({ url: Redacted.make(database().url), maxConnections: 1 }), scope).pipe(
        Effect.provide(Reactivity.layer),
      ),
    ))
  return Layer.effect(
    Store.Store,
    Effect.flatMap(Effect.promise(shared), (c) => Effect.provideService(PgStore.make, PgClient.PgClient, c)),
  )
}

/** Builds a layer's store in the current scope. */
export const storeOf = (layer: Layer.Layer<Store.Store, unknown>): Effect.Effect<Store.Service, unknown, Scope.Scope> =>
  Effect.map(Layer.build(layer), (context) => Context.get(context, Store.Store))

/** The Qingshan example district, decoded. */
export const qingshan = (): District.DistrictData => {
  const text = readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8")
  const parsed = District.parse(JSON.parse(text))
  if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
  return parsed.success
}

/** What a call gave, in a form `toEqual` compares: the value, or the error's tag, fields and message. */
export const settle = <A, E>(effect: Effect.Effect<A, E>) => Effect.map(Effect.result(effect), shape)

const shape = <A, E>(result: Result.Result<A, E>) => {
  if (Result.isSuccess(result)) return { ok: plain(result.success) }
  // Spread copies the fields; an Error's message is not one of them (it may be a getter).
  const error = result.failure as { readonly _tag?: unknown; readonly message?: unknown }
  return { error: { ...(error as object), _tag: error._tag, message: error.message } }
}

const plain = (value: unknown): unknown =>
  Option.isOption(value) ? (Option.isSome(value) ? { some: value.value } : "none") : value

/** MemoryStore and the PostgreSQL store side by side: `same` runs a call on both and expects equal results. */
export const sideBySide = (layer: Layer.Layer<Store.Store, unknown>) =>
  Effect.gen(function* () {
    const memory = yield* MemoryStore.make
    const pg = yield* storeOf(layer)
    const same = <A, E>(label: string, call: (store: Store.Service) => Effect.Effect<A, E>) =>
      Effect.gen(function* () {
        const expected = yield* settle(call(memory))
        const result = yield* Effect.result(call(pg))
        if (Result.isFailure(result) && (result.failure as { readonly _tag?: unknown })._tag === "StoreError") {
          throw new Error(
            `${label}: PgStore failed: ${String((result.failure as { readonly message?: unknown }).message)}`,
            { cause: result.failure },
          )
        }
        expect(shape(result), label).toEqual(expected)
        return expected
      })
    return { memory, pg, same }
  })
