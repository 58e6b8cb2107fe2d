// Building the layer: from Config, with a server that is not there, and migrating twice.
import { describe, expect, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Store } from "@tongxin/core"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as SqlClient from "effect/sql/SqlClient"
import { PgStore } from "../src/index.js"
import { database } from "./support.js"

describe("PgStore layers", () => {
  it.live("layerConfig reads a redacted url from Config", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      expect(Array.isArray(yield* store.listDistricts())).toBe(true)
    }).pipe(
      Effect.provide(
        PgStore.layerConfig({
          url: Config.Redacted("TONGXIN_TEST_URL"),
          maxConnections: Config.succeed(database().maxConnections),
        }).pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({ TONGXIN_TEST_URL: database().url })))),
      ),
    ),
  )

  it.live("layerConfig without the setting fails with a ConfigError", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(
        Layer.build(
          PgStore.layerConfig({ url: Config.Redacted("TONGXIN_MISSING_URL") }).pipe(
            Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({}))),
          ),
        ),
      )
      expect(Result.isFailure(result)).toBe(true)
      expect(Result.isFailure(result) && result.failure._tag).not.toBe("StoreError")
    }),
  )

  it.live("an unreachable server is a StoreError that names where it looked, without the password", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(
        Layer.build(
          PgStore.layer({
            url: Redacted.make("postgres://someone:secret@127.0.0.1:1/tongxin"),
            connectTimeout: "2 seconds",
          }),
        ),
      )
      expect(Result.isFailure(result)).toBe(true)
      const error = Result.isFailure(result) ? result.failure : undefined
      expect(error).toMatchObject({ _tag: "StoreError", operation: "connect" })
      expect(error?.message).toContain("127.0.0.1:1/tongxin")
      expect(error?.message).not.toContain("secret")
    }),
  )

  it.live("migrating again finds nothing to do", () =>
    Effect.gen(function* () {
      yield* PgStore.make
      const sql = yield* SqlClient.SqlClient
      expect(yield* PgStore.migrate).toEqual([])
      const rows = yield* sql<{ readonly name: string }>`SELECT name FROM tongxin_migrations ORDER BY migration_id`
      expect(rows.map((r) => r.name)).toEqual(["initial"])
    }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(database().url), maxConnections: 1 }))),
  )
})
