// What runs again when a pooled connection turns out to be dead, and what never does.
import { describe, expect, it } from "@effect/vitest"
import { Store } from "@tongxin/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as SqlClient from "effect/sql/SqlClient"
import { ConnectionError, SqlError, SqlSyntaxError, UniqueViolation, UnknownError } from "effect/sql/SqlError"
import { PgStore } from "../src/index.js"
import { isStaleConnection } from "../src/internal/errors.js"
import { freshLayer, options, qingshan, storeOf } from "./support.js"

// The failures as @effect/sql-pg 4 reports them: the server's ErrorResponse is an Error carrying its
// fields; socket trouble is node's error; a closed socket a plain Error.
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, message })
const failedQuery = (cause: unknown) =>
  new SqlError({ reason: new UnknownError({ cause, message: "PgConnection: Query failed", operation: "query" }) })
const brokenConnection = (cause: unknown, message: string, operation: "query" | "connect") =>
  new SqlError({ reason: new ConnectionError({ cause, message, operation }) })

describe("dead connections", () => {
  it("a connection that died under a statement may be retried; failing to connect may not", () => {
    // pg_terminate_backend: the server's FATAL 57P01 reaches the statement, or the next one.
    expect(
      isStaleConnection(failedQuery(serverError("57P01", "terminating connection due to administrator command"))),
    ).toBe(true)
    expect(
      isStaleConnection(
        new SqlError({
          reason: new UnknownError({
            cause: serverError("57P01", "terminating connection due to administrator command"),
            message: "PgConnection: The server reported an error",
            operation: "query",
          }),
        }),
      ),
    ).toBe(true)
    // The socket closed, reset or broke under the statement.
    expect(
      isStaleConnection(brokenConnection(new Error("Connection closed"), "PgConnection: Connection closed", "query")),
    ).toBe(true)
    expect(
      isStaleConnection(
        brokenConnection(
          Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
          "PgConnection: Socket error",
          "query",
        ),
      ),
    ).toBe(true)
    expect(
      isStaleConnection(
        brokenConnection(
          Object.assign(new Error("write EPIPE"), { code: "EPIPE" }),
          "PgConnection: Socket error",
          "query",
        ),
      ),
    ).toBe(true)
    // Trying again at once would only fail again.
    expect(
      isStaleConnection(
        brokenConnection(
          Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
          "PgConnection: Failed to connect",
          "connect",
        ),
      ),
    ).toBe(false)
    expect(
      isStaleConnection(
        brokenConnection(new Error("Connection timed out"), "PgConnection: Connection timed out", "connect"),
      ),
    ).toBe(false)
    expect(
      isStaleConnection(
        brokenConnection(
          new Error("Connection closed unexpectedly"),
          "PgConnection: Connection closed during startup",
          "connect",
        ),
      ),
    ).toBe(false)
    // Nothing to do with the connection.
    expect(
      isStaleConnection(
        new SqlError({
          reason: new UniqueViolation({
            cause: serverError("23505", "duplicate key value violates unique constraint"),
            constraint: "x",
            message: "PgConnection: Query failed",
          }),
        }),
      ),
    ).toBe(false)
    expect(
      isStaleConnection(
        new SqlError({
          reason: new SqlSyntaxError({
            cause: serverError("42P01", 'relation "nope" does not exist'),
            message: "PgConnection: Query failed",
          }),
        }),
      ),
    ).toBe(false)
  })

  it.live("store.transaction never runs the caller's effect again, whatever it fails with", () =>
    Effect.gen(function* () {
      const store = yield* storeOf(freshLayer())
      yield* store.putDistrict(qingshan().district)
      let runs = 0
      const result = yield* Effect.result(
        store.transaction(
          Effect.gen(function* () {
            runs++
            yield* store.putDistrict(qingshan().district)
            // As if the caller's own other client had found its connection dead.
            return yield* Effect.fail(
              brokenConnection(new Error("Connection closed"), "PgConnection: Connection closed", "query"),
            )
          }),
        ),
      )
      expect(runs).toBe(1)
      expect(Result.isFailure(result) && result.failure._tag).toBe("StoreError")
    }),
  )
})

describe("COMMIT", () => {
  it.live(
    "a transaction PostgreSQL aborted (a statement failed and the failure was caught) is a StoreError at COMMIT that says nothing was written",
    () =>
      Effect.gen(function* () {
        yield* storeOf(freshLayer())
        // The app's own queries on the store's pool run in the store's transaction.
        const context = yield* Layer.build(
          PgStore.layerFromClient.pipe(Layer.provideMerge(PgStore.layerClient(options()))),
        )
        const store = Context.get(context, Store.Store)
        const sql = Context.get(context, SqlClient.SqlClient)
        const district = qingshan().district
        const result = yield* Effect.result(
          store.transaction(
            Effect.gen(function* () {
              yield* store.putDistrict(district)
              // Fails, and leaves the transaction aborted: PostgreSQL then answers COMMIT with ROLLBACK.
              yield* Effect.ignore(sql`SELECT * FROM tongxin_no_such_table`)
            }),
          ),
        )
        const error = Result.isFailure(result) ? result.failure : undefined
        expect(error).toMatchObject({ _tag: "StoreError", operation: "transaction" })
        expect(error?.message).toContain("nothing was written")
        expect(error?.message).not.toContain("may or may not")
        expect(yield* store.getDistrict(district.id)).toEqual(Option.none())
      }),
  )
})
