// What runs again when a pooled connection turns out to be dead, and what never does.
import { describe, expect, it } from "@effect/vitest"
import { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import { isStaleConnection } from "../src/internal/errors.js"
import { freshLayer, qingshan, storeOf } from "./support.js"

const failure = (cause: unknown) => new SqlError({ cause, message: "Failed to execute statement" })

describe("dead connections", () => {
  it("a connection that died under a statement may be retried; failing to connect or waiting for the pool may not", () => {
    expect(isStaleConnection(failure({ code: "57P01", message: "terminating connection due to administrator command" }))).toBe(true)
    expect(isStaleConnection(failure(new Error("Connection terminated unexpectedly")))).toBe(true)
    expect(isStaleConnection(failure(new Error("Client has encountered a connection error and is not queryable")))).toBe(true)
    expect(isStaleConnection(failure({ code: "ECONNRESET", message: "read ECONNRESET" }))).toBe(true)
    // Trying again at once would only wait or fail again.
    expect(isStaleConnection(failure(new Error("timeout exceeded when trying to connect")))).toBe(false)
    expect(isStaleConnection(failure({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" }))).toBe(false)
    expect(isStaleConnection(failure({ code: "23505", message: "duplicate key value violates unique constraint" }))).toBe(false)
  })

  it.scopedLive("store.transaction never runs the caller's effect again, whatever it fails with", () =>
    Effect.gen(function* () {
      const store = yield* storeOf(freshLayer())
      yield* store.putDistrict(qingshan().district)
      let runs = 0
      const result = yield* Effect.either(
        store.transaction(
          Effect.gen(function* () {
            runs++
            yield* store.putDistrict(qingshan().district)
            // As if the caller's own other client had found its connection dead.
            return yield* Effect.fail(failure(new Error("Client has encountered a connection error and is not queryable")))
          }),
        ),
      )
      expect(runs).toBe(1)
      expect(result._tag === "Left" && result.left._tag).toBe("StoreError")
    }),
  )
})
