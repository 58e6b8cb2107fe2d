// Turns driver failures into StoreError messages a person can act on: what failed, PostgreSQL's own
// words and SQLSTATE, and what to check next.
import type { SqlError } from "@effect/sql/SqlError"
import { StoreError } from "@tongxin/core"

interface DriverError {
  readonly code?: unknown
  readonly message?: unknown
  readonly constraint?: unknown
  readonly detail?: unknown
}

const driverError = (error: SqlError): DriverError =>
  typeof error.cause === "object" && error.cause !== null ? (error.cause as DriverError) : {}

/** The SQLSTATE (or Node error code such as ECONNREFUSED) behind a driver failure. */
export const codeOf = (error: SqlError): string | undefined => {
  const code = driverError(error).code
  return typeof code === "string" ? code : undefined
}

/** Whether the failure is a unique violation of the given constraint. */
export const isUniqueViolation = (error: SqlError, constraint: string): boolean =>
  codeOf(error) === "23505" && driverError(error).constraint === constraint

// A connection that was alive and died under a statement (the server ended it, the socket reset,
// or node-postgres already knew it was dead and sent nothing).
const staleCodes = new Set(["57P01", "57P02", "57P03", "ECONNRESET", "EPIPE"])
const isStale = (code: string | undefined, text: string): boolean =>
  (code !== undefined && staleCodes.has(code)) || /connection terminated|not queryable|terminating connection/i.test(text)

// Any connection trouble: a stale connection, or failing to connect at all.
const connectCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN"])
const isConnectionFailure = (code: string | undefined, text: string): boolean =>
  isStale(code, text) ||
  (code !== undefined && (connectCodes.has(code) || code.startsWith("08"))) ||
  /connection error|timeout exceeded when trying to connect/i.test(text)

/**
 * The connection was alive once and died under the statement: a fresh pooled connection may well
 * work. Failing to connect at all, or waiting too long for a free connection, is not this: trying
 * again at once would only wait again.
 */
export const isStaleConnection = (error: SqlError): boolean => isStale(codeOf(error), detailOf(error))

/** The driver's own words, without the generic wrapper of @effect/sql. */
export const detailOf = (error: SqlError): string => {
  const cause = driverError(error)
  const message = typeof cause.message === "string" && cause.message.length > 0 ? cause.message : error.message
  const code = codeOf(error)
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message
}

/** A store failure for a driver failure during `operation`. */
export const storeError = (operation: string, error: SqlError, phase: "read" | "write" | "commit"): StoreError.StoreError => {
  const code = codeOf(error)
  const detail = detailOf(error)
  let advice: string
  if (phase === "commit") {
    advice = "the connection failed while committing, so the change may or may not have been saved: read it back before retrying"
  } else if (isConnectionFailure(code, detail)) {
    advice = `the connection to PostgreSQL failed or was closed${phase === "write" ? ", so nothing was written" : ""}: check that the server is up and reachable, then retry`
  } else if (code?.startsWith("28")) {
    advice = "PostgreSQL refused the login: check the user and password in the url"
  } else if (code === "3D000") {
    advice = "the database in the url does not exist: create it or fix the url"
  } else if (code === "42501") {
    advice = "the database user lacks a privilege: the store needs to create its tables (tongxin_*) on first start and to read and write them"
  } else if (code?.startsWith("53")) {
    advice = "PostgreSQL is out of a resource (disk, memory or connections): free some, or lower maxConnections, then retry"
  } else if (code === "40001" || code === "40P01") {
    advice = "PostgreSQL aborted the transaction to resolve a conflict with another one, so nothing was written: retry"
  } else if (code === "57014") {
    advice = "the statement was cancelled (statement_timeout or an explicit cancel)"
  } else {
    advice = phase === "write" ? "nothing was written" : ""
  }
  const message = `${operation} failed in PostgreSQL: ${detail}${advice === "" ? "" : `; ${advice}`}`
  return new StoreError.StoreError({ operation, message, cause: error })
}
