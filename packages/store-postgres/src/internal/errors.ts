// Turns driver failures into StoreError messages a person can act on: what failed, PostgreSQL's own
// words and SQLSTATE, and what to check next.
//
// @effect/sql-pg 4 speaks the wire protocol itself. Its SqlError carries a `reason` (ConnectionError,
// UniqueViolation, …); the reason's `cause` is what went wrong underneath: for an ErrorResponse from
// the server an Error with the protocol's fields (code = SQLSTATE, message, constraint, detail), for
// a socket failure node's error (code ECONNRESET, EPIPE, …), for a closed socket a plain Error.
import { StoreError } from "@tongxin/core"
import type { SqlError } from "effect/sql/SqlError"

interface DriverError {
  readonly code?: unknown
  readonly message?: unknown
  readonly constraint?: unknown
  readonly detail?: unknown
}

const driverError = (error: SqlError): DriverError => {
  const cause = error.reason.cause
  return typeof cause === "object" && cause !== null ? (cause as DriverError) : {}
}

/** The SQLSTATE (or Node error code such as ECONNREFUSED) behind a driver failure. */
export const codeOf = (error: SqlError): string | undefined => {
  const code = driverError(error).code
  return typeof code === "string" ? code : undefined
}

/** Whether the failure is a unique violation of the given constraint. */
export const isUniqueViolation = (error: SqlError, constraint: string): boolean =>
  codeOf(error) === "23505" && driverError(error).constraint === constraint

// The server ended the session (pg_terminate_backend, shutdown, crash recovery), or the socket was
// reset or broke under a write.
const staleCodes = new Set(["57P01", "57P02", "57P03", "ECONNRESET", "EPIPE"])

// A connection that was open and died under a statement: the server ended it, the socket reset or
// closed, or the driver already knew it was dead and sent nothing (it then fails with the error that
// killed it). The driver marks every failure of an open session as a ConnectionError whose operation
// is not "connect"; failures to open one (refused, timed out, closed during startup) have operation
// "connect".
const isStale = (error: SqlError): boolean => {
  const code = codeOf(error)
  if (code !== undefined && staleCodes.has(code)) return true
  return error.reason._tag === "ConnectionError" && error.reason.operation !== "connect"
}

// Any connection trouble: a stale connection, or failing to connect at all.
const connectCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])
const isConnectionFailure = (error: SqlError): boolean => {
  const code = codeOf(error)
  return (
    isStale(error) ||
    error.reason._tag === "ConnectionError" ||
    (code !== undefined && (connectCodes.has(code) || code.startsWith("08")))
  )
}

/**
 * The connection was alive once and died under the statement: a fresh pooled connection may well
 * work. Failing to connect at all is not this: trying again at once would only fail again.
 */
export const isStaleConnection = (error: SqlError): boolean => isStale(error)

/** The driver's own words (PostgreSQL's message and SQLSTATE), without the wrapper of the client. */
export const detailOf = (error: SqlError): string => {
  const cause = driverError(error)
  const message =
    typeof cause.message === "string" && cause.message.length > 0
      ? cause.message
      : error.reason.message !== undefined && error.reason.message.length > 0
        ? error.reason.message
        : error.message
  const code = codeOf(error)
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message
}

/** A store failure for a driver failure during `operation`. */
export const storeError = (
  operation: string,
  error: SqlError,
  phase: "read" | "write" | "commit",
): StoreError.StoreError => {
  const code = codeOf(error)
  const detail = detailOf(error)
  let advice: string
  if (phase === "commit" && isConnectionFailure(error)) {
    advice =
      "the connection failed while committing, so the change may or may not have been saved: read it back before retrying"
  } else if (phase === "commit" && error.reason.operation === "commit") {
    // PostgreSQL answers COMMIT with ROLLBACK when a statement of the transaction had failed and the
    // failure was caught; the client reports that as a failed COMMIT.
    advice =
      "PostgreSQL rolled the transaction back instead of committing it, because a statement in it had failed, so nothing was written"
  } else if (isConnectionFailure(error)) {
    advice = `the connection to PostgreSQL failed or was closed${phase === "read" ? "" : ", so nothing was written"}: check that the server is up and reachable, then retry`
  } else if (code?.startsWith("28")) {
    advice = "PostgreSQL refused the login: check the user and password in the url"
  } else if (code === "3D000") {
    advice = "the database in the url does not exist: create it or fix the url"
  } else if (code === "42501") {
    advice =
      "the database user lacks a privilege: the store needs to create its tables (tongxin_*) on first start and to read and write them"
  } else if (code?.startsWith("53")) {
    advice =
      "PostgreSQL is out of a resource (disk, memory or connections): free some, or lower maxConnections, then retry"
  } else if (code === "40001" || code === "40P01") {
    advice = "PostgreSQL aborted the transaction to resolve a conflict with another one, so nothing was written: retry"
  } else if (code === "57014") {
    advice = "the statement was cancelled (statement_timeout or an explicit cancel)"
  } else {
    advice = phase === "read" ? "" : "nothing was written"
  }
  const message = `${operation} failed in PostgreSQL: ${detail}${advice === "" ? "" : `; ${advice}`}`
  return new StoreError.StoreError({ operation, message, cause: error })
}
