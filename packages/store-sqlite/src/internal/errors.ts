// Driver failures (SqlError) become the port's StoreError, with a message that says what to do.
import { StoreError } from "@tongxin/core"
import * as Effect from "effect/Effect"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { sqliteCode } from "../SqliteClient.js"

const hints: ReadonlyArray<readonly [prefix: string, hint: string]> = [
  [
    "SQLITE_BUSY",
    "another connection or process held the database lock for longer than the busy timeout; retry, or let one process write at a time",
  ],
  ["SQLITE_LOCKED", "the database is locked by another statement on the same connection; retry"],
  ["SQLITE_READONLY", "the database file or its folder is read-only; check the file permissions"],
  ["SQLITE_FULL", "the disk is full; free some space and retry"],
  ["SQLITE_CANTOPEN", "the database file cannot be opened; check that its folder exists and is writable"],
  ["SQLITE_NOTADB", "the file is not a SQLite database; check the filename"],
  ["SQLITE_CORRUPT", "the database file is damaged; restore it from a backup"],
  ["SQLITE_IOERR", "the disk reported an I/O error; check the disk and retry"],
  ["SQLITE_TOOBIG", "a value is larger than SQLite accepts"],
  [
    "SQLITE_CONSTRAINT",
    "a database constraint the store did not expect was violated; the database may have been changed by another program",
  ],
]

const hintFor = (code: string | undefined): string | undefined =>
  code === undefined ? undefined : hints.find(([prefix]) => code.startsWith(prefix))?.[1]

// What node:sqlite threw, under a SqlError and its reason (or a MigrationError around them); the
// innermost error that says something when the driver gave no cause.
const innermost = (error: unknown): unknown => {
  let e = error
  for (let i = 0; i < 4; i++) {
    const next =
      typeof e === "object" && e !== null && "cause" in e ? (e as { readonly cause: unknown }).cause : undefined
    if (next === undefined || next === null) break
    e = next
  }
  return e
}

// `SQLITE_BUSY: database is locked`, or the message alone when SQLite gave no code.
const detailOf = (error: unknown): string => {
  const inner = innermost(error)
  const code = sqliteCode(error)
  const detail = inner instanceof Error ? inner.message : String(inner)
  return code === undefined || detail.startsWith(code) ? detail : `${code}: ${detail}`
}

/** A person-readable message for a failed database call. */
export const describe = (operation: string, error: unknown, wrote: boolean): string => {
  const hint = hintFor(sqliteCode(error))
  return `${operation}: SQLite failed (${detailOf(error)})${hint === undefined ? "" : `; ${hint}`}${wrote ? "; nothing was written" : ""}`
}

/** Turns a driver failure into a StoreError for `operation`. */
export const toStoreError = (operation: string, error: unknown, wrote: boolean): StoreError.StoreError =>
  new StoreError.StoreError({ operation, message: describe(operation, error, wrote), cause: error })

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
export const openMessage = (filename: string, error: unknown): string =>
  `cannot open the SQLite database "${filename}" (${detailOf(error)}); ${hintFor(sqliteCode(error)) ?? "check that its folder exists and is writable"}`
