// Building the layer: from Config, with a server that is not there, and migrating twice.
import { describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Store } from "@tongxin/core"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { PgStore } from "../src/index.js"
import { database } from "./support.js"

describe("PgStore layers", () => {
  it.scopedLive("layerConfig reads a redacted url from Config", () =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      expect(Array.isArray(yield* store.listDistricts())).toBe(true)
    }).pipe(
      Effect.provide(
        PgStore.layerConfig({ url: Config.redacted("TONGXIN_TEST_URL"), maxConnections: Config.succeed(database().maxConnections) }).pipe(
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["TONGXIN_TEST_URL", database().url]])))),
        ),
      ),
    ),
  )

  it.scopedLive("layerConfig without the setting fails with a ConfigError", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(
        Layer.build(
          PgStore.layerConfig({ url: Config.redacted("TONGXIN_MISSING_URL") }).pipe(
            Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map()))),
          ),
        ),
      )
      expect(result._tag).toBe("Left")
      expect(result._tag === "Left" && result.left._tag).not.toBe("StoreError")
    }),
  )

  it.scopedLive("an unreachable server is a StoreError that names where it looked, without the password", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(Layer.build(PgStore.layer({ url: Redacted.make("postgres://someone:secret@127.0.0.1:1/tongxin"), connectTimeout: "2 seconds" })))
      expect(result._tag).toBe("Left")
      const error = result._tag === "Left" ? result.left : undefined
      expect(error).toMatchObject({ _tag: "StoreError", operation: "connect" })
      expect(error?.message).toContain("127.0.0.1:1/tongxin")
      expect(error?.message).not.toContain("secret")
    }),
  )

  it.scopedLive("migrating again finds nothing to do", () =>
    Effect.gen(function* () {
      yield* PgStore.make
      const sql = yield* SqlClient.SqlClient
      expect(yield* PgStore.migrate).toEqual([])
      const rows = yield* sql<{ readonly name: string }>`SELECT name FROM tongxin_migrations ORDER BY migration_id`
      expect(rows.map((r) => r.name)).toEqual(["initial"])
    }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(database().url), maxConnections: 1 }))),
  )
})
