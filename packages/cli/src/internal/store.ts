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
 * is what messages show, with the password as `***`.
 */
export type Target =
  | { readonly kind: "sqlite"; readonly filename: string; readonly display: string }
  | { readonly kind: "postgres"; readonly url: Redacted.Redacted<string>; readonly display: string }

/** Reads `sqlite:<path>` (relative to the working directory, or `sqlite::memory:`) or a `postgres://…` URL. */
export const parseTarget = (text: string): Effect.Effect<Target, CliError> => {
  const value = text.trim()
  if (value.startsWith("sqlite:")) {
    const path = value.slice("sqlite:".length)
    if (path === "")
      return Effect.fail(
        usageError(
          `--store ${JSON.stringify(text)} names no file: write sqlite:<path>, e.g. sqlite:.tongxin/district.db`,
        ),
      )
    if (path === ":memory:") return Effect.succeed({ kind: "sqlite", filename: ":memory:", display: "sqlite::memory:" })
    const filename = resolve(path)
    return Effect.succeed({ kind: "sqlite", filename, display: `sqlite:${filename}` })
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let display: string
    try {
      const url = new URL(value)
      if (url.password !== "") url.password = "***"
      display = url.toString()
    } catch {
      return Effect.fail(
        usageError(
          `--store: ${JSON.stringify(redact(value))} is not a valid PostgreSQL URL; write postgres://user:password@host:5432/database`,
        ),
      )
    }
    return Effect.succeed({ kind: "postgres", url: Redacted.make(value, { label: display }), display })
  }
  return Effect.fail(
    usageError(`unknown store ${JSON.stringify(redact(value))}`, [
      "write sqlite:<path> (an SQLite file, created if missing) or postgres://user:password@host:5432/database",
      `default: ${defaultTarget}, or the TONGXIN_STORE environment variable`,
    ]),
  )
}

// Hides what looks like a password in a URL a person typed.
const redact = (s: string) => s.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@")

/** `--store`, else `TONGXIN_STORE`, else the default. */
export const targetText = (option: Option.Option<string>): string =>
  Option.getOrElse(option, () => {
    const env = process.env["TONGXIN_STORE"]
    return env === undefined || env.trim() === "" ? defaultTarget : env
  })

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
  Effect.flatMap(parseTarget(targetText(options.store)), (target) =>
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
