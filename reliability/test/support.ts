// What the reliability tests share: the stores under test as plain services, and a few helpers.
import { MemoryStore, Store } from "@tongxin/core"
import { PgStore } from "@tongxin/store-postgres"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inject } from "vitest"

/** A service built from its layer outside any test scope, and how to close it. */
export const build = async <I, S>(
  layer: Layer.Layer<I, unknown>,
  tag: Context.Key<I, S>,
): Promise<{ readonly service: S; readonly close: () => Promise<void> }> => {
  const scope = await Effect.runPromise(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(layer, scope) as Effect.Effect<Context.Context<I>>)
  return { service: Context.get(context, tag), close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

/** A store built from its layer, and how to close it. */
export interface Open {
  readonly store: Store.Service
  readonly close: () => Promise<void>
}

export const open = async (layer: Layer.Layer<Store.Store, unknown>): Promise<Open> => {
  const { service, close } = await build(layer, Store.Store)
  return { store: service, close }
}

/** A fresh directory for SQLite files. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), "tongxin-reliability-"))

/** The three adapters by name; PostgreSQL on the run's throwaway database. */
export const adapters: {
  readonly memory: () => Layer.Layer<Store.Store, unknown>
  readonly sqlite: () => Layer.Layer<Store.Store, unknown>
  readonly postgres: (options?: {
    readonly maxConnections?: number
    readonly applicationName?: string
  }) => Layer.Layer<Store.Store, unknown>
} = {
  memory: () => MemoryStore.layer,
  sqlite: () => SqliteStore.layer({ filename: join(tempDir(), "tongxin.db") }),
  postgres: (options: { readonly maxConnections?: number; readonly applicationName?: string } = {}) =>
    PgStore.layer({ url: inject("pg").url, ...options }),
}

/** Runs an effect, failing the test with the error itself. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect as Effect.Effect<A>)

/** Runs an effect and returns its error, or undefined when it succeeded. */
export const failure = async <A, E>(effect: Effect.Effect<A, E>): Promise<E | undefined> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return undefined
  const error = Option.getOrUndefined(Cause.findErrorOption(exit.cause))
  if (error === undefined)
    throw new Error(`expected a typed failure, got a defect or interruption: ${String(exit.cause)}`)
  return error
}

/** A seeded generator, so a failing run can be repeated with the seed it printed. */
export const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
