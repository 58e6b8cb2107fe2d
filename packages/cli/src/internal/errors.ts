/**
 * Exit codes and the one error type commands fail with. Every failure a person can fix is a
 * `CliError` carrying plain words (and, for files, every issue with its file, line and column); the
 * top level prints it and exits with its code. Anything else is a bug: exit 70.
 */
import type { Issue } from "@tongxin/core"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"

/**
 * The exit codes scripts can rely on.
 *
 * - `0` ok
 * - `1` bad input: a file with problems, a rubric that does not parse, a refused request
 * - `2` usage: an unknown command or option, a missing or malformed option value
 * - `3` store: the database cannot be opened or failed
 * - `70` internal: a bug in tongxin (EX_SOFTWARE)
 */
export const ExitCode = {
  ok: 0,
  input: 1,
  usage: 2,
  store: 3,
  internal: 70,
} as const

/**
 * What went wrong, which decides the exit code.
 *
 * @since 0.1.0
 * @category errors
 */
export type ErrorKind = "input" | "usage" | "store"

const codes: { readonly [K in ErrorKind]: 1 | 2 | 3 } = { input: 1, usage: 2, store: 3 }

/**
 * A failure a person can fix, in plain words: `kind` decides the exit code (`input` 1, `usage` 2,
 * `store` 3); `issues` locate problems in files; `cause` is printed only with `--verbose`.
 *
 * @since 0.1.0
 * @category errors
 */
export class CliError extends Data.TaggedError("CliError")<{
  readonly kind: ErrorKind
  readonly message: string
  /** More lines of explanation, printed under the message. */
  readonly details?: ReadonlyArray<string>
  /** Problems in a file, each with file, line, column and path. */
  readonly issues?: ReadonlyArray<Issue.Issue>
  /** The underlying failure; printed only with `--verbose`. */
  readonly cause?: unknown
}> {
  get exitCode(): 1 | 2 | 3 {
    return codes[this.kind]
  }
}

export const inputError = (
  message: string,
  more: {
    readonly details?: ReadonlyArray<string>
    readonly issues?: ReadonlyArray<Issue.Issue>
    readonly cause?: unknown
  } = {},
) => new CliError({ kind: "input", message, ...more })

export const usageError = (message: string, details?: ReadonlyArray<string>) =>
  new CliError({ kind: "usage", message, ...(details === undefined ? {} : { details }) })

export const storeError = (message: string, cause?: unknown, details?: ReadonlyArray<string>) =>
  new CliError({
    kind: "store",
    message,
    ...(cause === undefined ? {} : { cause }),
    ...(details === undefined ? {} : { details }),
  })

const tagOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "_tag" in e && typeof (e as { _tag: unknown })._tag === "string"
    ? (e as { _tag: string })._tag
    : undefined

const field = (e: unknown, name: string): unknown =>
  typeof e === "object" && e !== null ? (e as Record<string, unknown>)[name] : undefined

/**
 * Turns the typed errors of `@tongxin/core` and the store adapters into plain words and an exit
 * code; `undefined` for anything else (a bug, reported as such).
 */
export const fromCore = (e: unknown): CliError | undefined => {
  if (e instanceof CliError) return e
  const tag = tagOf(e)
  const message = e instanceof Error ? e.message : String(e)
  switch (tag) {
    case "StoreError":
      return storeError(
        `the store failed (${String(field(e, "operation"))}): ${String(field(e, "message"))}`,
        field(e, "cause") ?? e,
      )
    case "InvalidInput":
      return inputError(`the store refused the data (${String(field(e, "operation"))})`, {
        issues: (field(e, "issues") as ReadonlyArray<Issue.Issue>) ?? [],
      })
    case "PayloadTooLarge":
      return inputError(
        `too large for the store: ${String(field(e, "path"))} is ${String(field(e, "bytes"))} bytes, the limit is ${String(field(e, "limit"))}`,
      )
    case "NotFound":
      return inputError(`not found in the store: ${String(field(e, "entity"))} "${String(field(e, "id"))}"`)
    case "VersionConflict":
      return storeError(
        `another writer changed case "${String(field(e, "caseId"))}" at the same time; run the command again`,
        e,
      )
    case "DistrictError":
      return inputError("the district data has problems", {
        issues: (field(e, "issues") as ReadonlyArray<Issue.Issue>) ?? [],
      })
    case "RubricError":
      return inputError("the rubric has problems", { issues: (field(e, "issues") as ReadonlyArray<Issue.Issue>) ?? [] })
    case "ChainBroken":
    case "ReplayError":
      return storeError(`a case in the store cannot be read back: ${message}`, e)
    case "UnknownWorkflow":
    case "UnknownCase":
      return inputError(message)
    default:
      return undefined
  }
}

/** Fails with the `CliError` for a known error, dies (exit 70) on anything else. */
export const orCliError = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, CliError, R> =>
  Effect.catch(effect, (e) => {
    const mapped = fromCore(e)
    return mapped === undefined ? Effect.die(e) : Effect.fail(mapped)
  })
