/**
 * `--store <target>`: which store a command works on, opened as a `Store` layer, and
 * `--district <id>`: which district in it.
 */
import { type District, type Ids, Store } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { existsSync, mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { CliError, inputError, orCliError, storeError, usageError } from "./errors.js"

/** The store used when neither `--store` nor `TONGXIN_STORE` says otherwise. */
export const defaultTarget = "sqlite:.tongxin/district.db"

/**
 * A parsed `--store` value. A PostgreSQL URL is kept `Redacted` (it may hold a password); `display`
 * is what messages, `--json` and success lines show: the URL with its secrets as `***` (see
 * `redactUrl`).
 */
export type Target =
  | { readonly kind: "sqlite"; readonly filename: string; readonly display: string }
  | { readonly kind: "postgres"; readonly url: Redacted.Redacted<string>; readonly display: string }

/** Where the store location came from, named in messages about it. */
export type TargetSource = "--store" | "TONGXIN_STORE"

/** The store named by `--store`, else `TONGXIN_STORE`, else the default. */
export const resolveTarget = (option: Option.Option<string>): Effect.Effect<Target, CliError> => {
  if (Option.isSome(option)) return parseTarget(option.value, "--store")
  const env = process.env["TONGXIN_STORE"]
  return env === undefined || env.trim() === "" ? parseTarget(defaultTarget) : parseTarget(env, "TONGXIN_STORE")
}

/**
 * Reads `sqlite:<path>` (relative to the working directory, or `sqlite::memory:`) or a
 * `postgres://…` URL. Text that may hold a password is never echoed: a URL `redactUrl` refuses is
 * described, not shown.
 */
export const parseTarget = (text: string, from: TargetSource = "--store"): Effect.Effect<Target, CliError> => {
  const value = text.trim()
  if (value.startsWith("sqlite:")) {
    const path = value.slice("sqlite:".length)
    if (path === "")
      return Effect.fail(
        usageError(`${from}: "sqlite:" names no file: write sqlite:<path>, e.g. sqlite:.tongxin/district.db`),
      )
    if (path === ":memory:") return Effect.succeed({ kind: "sqlite", filename: ":memory:", display: "sqlite::memory:" })
    const filename = resolve(path)
    return Effect.succeed({ kind: "sqlite", filename, display: `sqlite:${filename}` })
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    const display = redactUrl(value)
    if (display === undefined)
      return Effect.fail(
        usageError(
          `${from}: the PostgreSQL URL is not valid (it is not shown, as it may hold a password): ${urlProblem(value)}`,
          [
            "write postgres://user:password@host:5432/database",
            "in the user name and password, percent-encode / as %2F, @ as %40, : as %3A, # as %23, ? as %3F, % as %25 and a space as %20 (encodeURIComponent does it)",
          ],
        ),
      )
    return Effect.succeed({ kind: "postgres", url: Redacted.make(value, { label: display }), display })
  }
  return Effect.fail(
    usageError(`${from}: unknown store ${JSON.stringify(redactText(value))}`, [
      "write sqlite:<path> (an SQLite file, created if missing) or postgres://user:password@host:5432/database",
      `default: ${defaultTarget}, or the TONGXIN_STORE environment variable`,
    ]),
  )
}

/**
 * A URL as it may be printed, or `undefined` when it does not parse or may not mean what it says
 * (then it must not be printed at all: where its password ends is unknown). The password of the
 * user info and the values of the `password`, `sslpassword` and `sslkey` query parameters (in any
 * letter case) become `***`, and the fragment (`#…`, which PostgreSQL ignores) is dropped.
 */
export const redactUrl = (text: string): string | undefined => {
  if (misplacedAt(text)) return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.password !== "") url.password = "***"
  if (url.search !== "") {
    const params = [...url.searchParams].map(([k, v]): [string, string] => [
      k,
      secretParams.has(k.toLowerCase()) ? "***" : v,
    ])
    url.search = new URLSearchParams(params).toString()
  }
  url.hash = ""
  return url.toString()
}

const secretParams = new Set(["password", "sslpassword", "sslkey"])

/**
 * Text with every URL in it redacted as `redactUrl` does, or cut to its scheme when it does not
 * parse: effect/cli quotes stray arguments in its usage errors, and a mistyped `--store` leaves its
 * URL as one.
 */
export const redactUrls = (text: string): string => text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"']*/gi, redactText)

// Store text that is not a known kind, as it may be printed: a URL redacted as above, or only its
// scheme when it does not parse; other text up to its last `@` hidden (`user:password@host`).
const redactText = (text: string): string => {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0]
  if (scheme !== undefined) return redactUrl(text) ?? `${scheme}…`
  const at = text.lastIndexOf("@")
  return at < 0 ? text : `***${text.slice(at)}`
}

// An `@` after the end of the authority (the first `/`, `?` or `#` after `//`): a password holding
// `/`, `?` or `#` moved the end of the user info there. Such a URL may even parse, a password of
// digits becoming the port (`postgres://u:2024/pw@db/x`), so it is refused, not printed.
const misplacedAt = (text: string): boolean => {
  const slashes = text.indexOf("//")
  const rest = slashes < 0 ? text : text.slice(slashes + 2)
  return /[/?#].*@/s.test(rest)
}

// What is wrong with a PostgreSQL URL `redactUrl` refuses, without quoting any of it.
const urlProblem = (text: string): string => {
  if (misplacedAt(text))
    return "an @ comes after a /, ? or # (a user name or password holding one of them must percent-encode it; an @ in the database name or a parameter is written %40)"
  const rest = text.slice(text.indexOf("//") + 2)
  const at = rest.lastIndexOf("@")
  if (at >= 0 && /[/?#@[\]\s]/.test(rest.slice(0, at)))
    return "the user name or password holds a character that must be percent-encoded"
  const hostPort = (at >= 0 ? rest.slice(at + 1) : rest).split(/[/?#]/)[0] ?? ""
  const port = /:([^:\]]*)$/.exec(hostPort)?.[1]
  if (port !== undefined && !/^\d*$/.test(port)) return "the port is not a number"
  if (hostPort === "" || hostPort.startsWith(":")) return "it names no host"
  return "check the host, the port and the characters of the user name and password"
}

/**
 * Runs `effect` with the store open. `create`: a missing SQLite file may be created (imports); a
 * reading command refuses a file that does not exist rather than leave an empty database behind.
 */
export const withStore = <A, R>(
  target: Target,
  effect: Effect.Effect<A, CliError, R | Store.Store>,
  options: { readonly create: boolean },
): Effect.Effect<A, CliError, Exclude<R, Store.Store>> =>
  Effect.suspend(() => {
    if (target.kind === "sqlite" && target.filename !== ":memory:") {
      if (!existsSync(target.filename)) {
        if (!options.create) {
          return Effect.fail(
            inputError(`there is no store at ${target.filename}`, {
              details: [
                "import a district first: tongxin import <district.yaml>, or point --store at an existing store",
              ],
            }),
          )
        }
        try {
          mkdirSync(dirname(target.filename), { recursive: true })
        } catch (e) {
          return Effect.fail(storeError(`cannot create the folder for ${target.filename}: ${(e as Error).message}`, e))
        }
      }
    }
    // The command's own failures are `CliError`s already; anything else comes from opening the store.
    return Effect.provide(effect, layer(target)).pipe(
      Effect.mapError((e) =>
        e instanceof CliError ? e : storeError(`cannot open the store ${target.display}: ${e.message}`, e),
      ),
    )
  }) as Effect.Effect<A, CliError, Exclude<R, Store.Store>>

// The adapters are loaded on demand: the PostgreSQL driver is not needed for SQLite and vice versa.
const layer = (target: Target) =>
  Layer.unwrap(
    target.kind === "sqlite"
      ? Effect.promise(() => import("@tongxin/store-sqlite")).pipe(
          Effect.map(({ SqliteStore }) => SqliteStore.layer({ filename: target.filename })),
        )
      : Effect.promise(() => import("@tongxin/store-postgres")).pipe(
          Effect.map(({ PgStore }) => PgStore.layer({ url: target.url })),
        ),
  )

/**
 * The district a command works on: `--district`, or the only one in the store. Several districts
 * and no `--district` is a usage error listing them.
 */
export const resolveDistrict = (
  requested: Option.Option<string>,
  target: Target,
): Effect.Effect<District.DistrictInfo, CliError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    const districts = yield* orCliError(store.listDistricts())
    const list = districts.map((d) => `${d.id} (${d.name})`)
    if (Option.isSome(requested)) {
      const found = districts.find((d) => d.id === requested.value)
      if (found !== undefined) return found
      return yield* inputError(`there is no district "${requested.value}" in ${target.display}`, {
        details:
          districts.length === 0
            ? ["the store is empty: tongxin import <district.yaml>"]
            : [`districts in the store: ${list.join(", ")}`],
      })
    }
    const [only, ...rest] = districts
    if (only === undefined) {
      return yield* inputError(`there is no district in ${target.display}`, {
        details: ["import one first: tongxin import <district.yaml>"],
      })
    }
    if (rest.length > 0)
      return yield* usageError(
        `${target.display} holds ${districts.length} districts; choose one with --district <id>`,
        [`districts: ${list.join(", ")}`],
      )
    return only
  })

/** The district's data as the rules read it. */
export const loadDistrict = (id: Ids.DistrictId): Effect.Effect<District.DistrictData, CliError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    const data = yield* orCliError(store.loadDistrict(id))
    if (Option.isNone(data))
      return yield* inputError(`the district "${id}" disappeared from the store while reading it`)
    return data.value
  })

/** What a command that works on a stored district gets. */
export interface Session {
  readonly target: Target
  readonly district: District.DistrictInfo
  readonly data: District.DistrictData
}

/**
 * Opens the store named by `--store`, picks the district (`--district` or the only one), loads it,
 * and runs `f` with the store still open.
 */
export const withDistrict = <A, R>(
  options: { readonly store: Option.Option<string>; readonly district: Option.Option<string> },
  f: (session: Session) => Effect.Effect<A, CliError, R | Store.Store>,
): Effect.Effect<A, CliError, Exclude<R, Store.Store>> =>
  Effect.flatMap(resolveTarget(options.store), (target) =>
    withStore(
      target,
      Effect.gen(function* () {
        const district = yield* resolveDistrict(options.district, target)
        const data = yield* loadDistrict(district.id)
        return yield* f({ target, district, data })
      }),
      { create: false },
    ),
  )
