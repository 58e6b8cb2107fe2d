// Driver failures (SqlError) become the port's StoreError, with a message that says what to do.
import type { SqlError } from "@effect/sql/SqlError"
import { StoreError } from "@tongxin/core"
import * as Effect from "effect/Effect"

const hints: ReadonlyArray<readonly [prefix: string, hint: string]> = [
  ["SQLITE_BUSY", "another connection or process held the database lock for longer than the busy timeout; retry, or let one process write at a time"],
  ["SQLITE_LOCKED", "the database is locked by another statement on the same connection; retry"],
  ["SQLITE_READONLY", "the database file or its folder is read-only; check the file permissions"],
  ["SQLITE_FULL", "the disk is full; free some space and retry"],
  ["SQLITE_CANTOPEN", "the database file cannot be opened; check that its folder exists and is writable"],
  ["SQLITE_NOTADB", "the file is not a SQLite database; check the filename"],
  ["SQLITE_CORRUPT", "the database file is damaged; restore it from a backup"],
  ["SQLITE_IOERR", "the disk reported an I/O error; check the disk and retry"],
  ["SQLITE_TOOBIG", "a value is larger than SQLite accepts"],
  ["SQLITE_CONSTRAINT", "a database constraint the store did not expect was violated; the database may have been changed by another program"],
]

/** The SQLite error code (e.g. `SQLITE_BUSY`) behind a driver failure, if any. */
export const sqliteCode = (cause: unknown): string | undefined => {
  const code = typeof cause === "object" && cause !== null ? (cause as { readonly code?: unknown }).code : undefined
  return typeof code === "string" ? code : undefined
}

/** A person-readable message for a failed database call. */
export const describe = (operation: string, cause: unknown, wrote: boolean): string => {
  const inner = typeof cause === "object" && cause !== null && "cause" in cause ? (cause as { readonly cause: unknown }).cause : cause
  const code = sqliteCode(inner)
  const detail = inner instanceof Error ? inner.message : String(inner)
  const hint = code === undefined ? undefined : hints.find(([prefix]) => code.startsWith(prefix))?.[1]
  return `${operation}: SQLite failed (${code === undefined ? detail : `${code}: ${detail}`})${hint === undefined ? "" : `; ${hint}`}${wrote ? "; nothing was written" : ""}`
}

/** Turns a driver failure into a StoreError for `operation`. */
export const toStoreError = (operation: string, error: unknown, wrote: boolean): StoreError.StoreError =>
  new StoreError.StoreError({ operation, message: describe(operation, error, wrote), cause: error })

const isSqlError = (u: unknown): u is SqlError => typeof u === "object" && u !== null && (u as { readonly _tag?: unknown })._tag === "SqlError"

/** Maps the SqlErrors of an effect to StoreErrors; every other error passes through. */
export const mapSqlError =
  (operation: string, wrote: boolean) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R> =>
    Effect.catchIf(
      effect,
      (e): e is Extract<E, SqlError> => isSqlError(e),
      (e) => Effect.fail(toStoreError(operation, e, wrote)),
    ) as Effect.Effect<A, Exclude<E, SqlError> | StoreError.StoreError, R>

/** A person-readable message for a database file that could not be opened. */
export const openMessage = (filename: string, cause: unknown): string => {
  const code = sqliteCode(cause)
  const detail = cause instanceof Error ? cause.message : String(cause)
  const hint = (code === undefined ? undefined : hints.find(([prefix]) => code.startsWith(prefix))?.[1]) ??
    "check that its folder exists and is writable"
  return `cannot open the SQLite database "${filename}" (${code === undefined ? detail : `${code}: ${detail}`}); ${hint}`
}
