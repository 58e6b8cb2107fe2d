/**
 * Flags several commands share, each with its help text.
 */
import { type District, IsoDate, Period } from "@tongxin/core"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { type CliError, usageError } from "./errors.js"
import { defaultTarget } from "./store.js"

/** A boolean flag: absent is `false`. */
export const boolean = (name: string, description: string): Flag.Flag<boolean> =>
  Flag.Boolean(name).pipe(Flag.withDescription(description), Flag.withDefault(false))

export const json = boolean(
  "json",
  'Print one JSON document on stdout instead of tables (errors too: {"ok": false, …}). See the README for each command\'s shape.',
)

export const verbose = boolean("verbose", "On failure, also print the underlying cause and stack trace.")

export const store = Flag.String("store").pipe(
  Flag.withMetavar("target"),
  Flag.withDescription(
    `Where the data lives: sqlite:<path> or postgres://user:password@host:5432/database. Default: the TONGXIN_STORE environment variable, else ${defaultTarget}.`,
  ),
  Flag.optional,
)

export const district = Flag.String("district").pipe(
  Flag.withMetavar("id"),
  Flag.withDescription("The district to work on. Default: the only district in the store."),
  Flag.optional,
)

export const period = Flag.String("period").pipe(
  Flag.withMetavar("period"),
  Flag.withDescription(
    "The period: a year (2025), half (2025-H1), quarter (2025-Q3), month (2025-07) or range (2025-03-01..2025-06-30). Default: the year most of the district's activities fall in.",
  ),
  Flag.optional,
)

export const rubric = Flag.String("rubric").pipe(
  Flag.withMetavar("file"),
  Flag.withDescription("A rubric file (JSON or YAML), e.g. the rubric.json `tongxin init` writes."),
)

export const top = (fallback: number): Flag.Flag<number> =>
  Flag.Int("top").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription(`How many members to list (default ${fallback}).`),
    Flag.withDefault(fallback),
  )

export const dryRun = boolean("dry-run", "Compute and print, but write nothing to the store.")

/** The flags every command that reads the store takes. */
export const common = { store, district, json, verbose } as const

/** The period asked for, or the year most of the district's activities fall in. */
export const resolvePeriod = (
  text: Option.Option<string>,
  data: District.DistrictData,
): Effect.Effect<Period.Period, CliError> =>
  Option.match(text, {
    onNone: () => Effect.succeed(Period.year(dataYear(data))),
    onSome: (t) =>
      Result.match(Period.parse(t), {
        onFailure: (m) => Effect.fail(usageError(`--period: ${m}`)),
        onSuccess: Effect.succeed,
      }),
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
    onNone: () =>
      Effect.fail(
        usageError(`--${name}: ${JSON.stringify(value)} is not a calendar date; write YYYY-MM-DD, e.g. 2025-12-31`),
      ),
    onSome: Effect.succeed,
  })
}
