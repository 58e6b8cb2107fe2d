/**
 * Options several commands share, each with its help text.
 */
import { Options } from "@effect/cli"
import { type District, IsoDate, Period } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type CliError, usageError } from "./errors.js"
import { defaultTarget } from "./store.js"

export const json = Options.boolean("json").pipe(
  Options.withDescription("Print one JSON document on stdout instead of tables (errors too: {\"ok\": false, …}). See the README for each command's shape."),
)

export const verbose = Options.boolean("verbose").pipe(Options.withDescription("On failure, also print the underlying cause and stack trace."))

export const store = Options.text("store").pipe(
  Options.withPseudoName("target"),
  Options.withDescription(`Where the data lives: sqlite:<path> or postgres://user:password@host:5432/database. Default: the TONGXIN_STORE environment variable, else ${defaultTarget}.`),
  Options.optional,
)

export const district = Options.text("district").pipe(
  Options.withPseudoName("id"),
  Options.withDescription("The district to work on. Default: the only district in the store."),
  Options.optional,
)

export const period = Options.text("period").pipe(
  Options.withPseudoName("period"),
  Options.withDescription("The period: a year (2025), half (2025-H1), quarter (2025-Q3), month (2025-07) or range (2025-03-01..2025-06-30). Default: the year most of the district's activities fall in."),
  Options.optional,
)

export const rubric = Options.text("rubric").pipe(
  Options.withPseudoName("file"),
  Options.withDescription("A rubric file (JSON or YAML), e.g. the rubric.json `tongxin init` writes."),
)

export const top = (fallback: number) =>
  Options.integer("top").pipe(Options.withPseudoName("n"), Options.withDescription(`How many members to list (default ${fallback}).`), Options.withDefault(fallback))

export const dryRun = Options.boolean("dry-run").pipe(Options.withDescription("Compute and print, but write nothing to the store."))

/** The options every command that reads the store takes. */
export const common = { store, district, json, verbose } as const

/** The period asked for, or the year most of the district's activities fall in. */
export const resolvePeriod = (text: Option.Option<string>, data: District.DistrictData): Effect.Effect<Period.Period, CliError> =>
  Option.match(text, {
    onNone: () => Effect.succeed(Period.year(dataYear(data))),
    onSome: (t) => Either.match(Period.parse(t), { onLeft: (m) => Effect.fail(usageError(`--period: ${m}`)), onRight: Effect.succeed }),
  })

export const dataYear = (data: District.DistrictData): number => {
  const years = new Map<string, number>()
  for (const a of data.activities) years.set(a.date.slice(0, 4), (years.get(a.date.slice(0, 4)) ?? 0) + 1)
  const best = [...years].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0]
  return best === undefined ? new Date().getUTCFullYear() : Number(best[0])
}

const decodeDate = Schema.decodeUnknownOption(IsoDate.IsoDate)

/** A calendar date option (`2025-12-31`); today when absent. */
export const resolveDate = (name: string, text: Option.Option<string>): Effect.Effect<IsoDate.IsoDate, CliError> => {
  const value = Option.getOrElse(text, () => new Date().toISOString().slice(0, 10))
  return Option.match(decodeDate(value), {
    onNone: () => Effect.fail(usageError(`--${name}: ${JSON.stringify(value)} is not a calendar date; write YYYY-MM-DD, e.g. 2025-12-31`)),
    onSome: Effect.succeed,
  })
}
