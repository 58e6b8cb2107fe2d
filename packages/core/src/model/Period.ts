/**
 * Evaluation periods: a year (`2025`), a half (`2025-H1`), a quarter (`2025-Q3`), a month
 * (`2025-07`) or an inclusive date range (`2025-03-01..2025-06-30`). The Schema decodes the written
 * form into start and end dates and encodes back to it.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Effect from "effect/Effect"
import * as SchemaGetter from "effect/SchemaGetter"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Schema from "effect/Schema"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import * as IsoDate from "./IsoDate.js"

/**
 * The kinds of period, which are also the calendar windows rules count in.
 *
 * @since 0.1.0
 * @category models
 */
export const Granularity = LabelledEnum.make("Granularity", {
  year: { "zh-CN": "年", en: "Year" },
  half: { "zh-CN": "半年", en: "Half-year" },
  quarter: { "zh-CN": "季度", en: "Quarter" },
  month: { "zh-CN": "月", en: "Month" },
})

/**
 * @since 0.1.0
 * @category models
 */
export type Granularity = typeof Granularity.schema.Type

/**
 * A decoded period: its written label and its first and last day (both inclusive).
 *
 * @since 0.1.0
 * @category models
 */
export interface Period {
  readonly kind: Granularity | "range"
  readonly label: string
  readonly start: IsoDate.IsoDate
  readonly end: IsoDate.IsoDate
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

const fromParts = (kind: Granularity, year: number, index: number): Period => {
  const months = kind === "year" ? 12 : kind === "half" ? 6 : kind === "quarter" ? 3 : 1
  const firstMonth = (index - 1) * months + 1
  const lastMonth = firstMonth + months - 1
  const label =
    kind === "year"
      ? `${year}`
      : kind === "half"
        ? `${year}-H${index}`
        : kind === "quarter"
          ? `${year}-Q${index}`
          : `${year}-${pad(index)}`
  return {
    kind,
    label,
    start: `${pad(year, 4)}-${pad(firstMonth)}-01` as IsoDate.IsoDate,
    end: `${pad(year, 4)}-${pad(lastMonth)}-${pad(IsoDate.daysInMonth(year, lastMonth))}` as IsoDate.IsoDate,
  }
}

/**
 * A calendar year, from 0 to 9999 (four digits). Throws a `RangeError` for any other number (a
 * fraction, NaN).
 *
 * @since 0.1.0
 * @category constructors
 */
export const year = (y: number): Period => {
  if (!Number.isInteger(y) || y < 0 || y > 9999)
    throw new RangeError(`Period.year: ${y} is not a year from 0 to 9999 (write it as a whole number, such as 2025)`)
  return fromParts("year", y, 1)
}

const isDate = Schema.is(IsoDate.IsoDate)

/**
 * Checks a period built in code rather than by {@link parse} or {@link year}: its start and end are
 * real dates (`YYYY-MM-DD`) and the start is not after the end. Throws a `RangeError` saying what is
 * wrong; the rules call it, so a period of `2025-13-01` to `2025-02-30` fails instead of matching
 * nothing.
 *
 * @since 0.1.0
 * @category validation
 */
export const assertValid = (period: Period): void => {
  const problems: Array<string> = []
  if (typeof period !== "object" || period === null)
    throw new RangeError("a period must be an object with a start and an end")
  if (!isDate(period.start)) problems.push(`start ${JSON.stringify(period.start)} is not a date (YYYY-MM-DD)`)
  if (!isDate(period.end)) problems.push(`end ${JSON.stringify(period.end)} is not a date (YYYY-MM-DD)`)
  if (problems.length === 0 && period.start > period.end)
    problems.push(`start ${period.start} is after end ${period.end}`)
  if (problems.length > 0) throw new RangeError(`the period ${JSON.stringify(period.label)}: ${problems.join("; ")}`)
}

/**
 * Parses a written period; `Left` carries a message a person can act on.
 *
 * @example
 * import { Period } from "@tongxin/core"
 *
 * const q3 = Period.parse("2025-Q3") // Right({ kind: "quarter", start: "2025-07-01", end: "2025-09-30", … })
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (text: string): Result.Result<Period, string> => {
  const s = text.trim()
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})$/.exec(s))) return Result.succeed(year(Number(m[1])))
  if ((m = /^(\d{4})-H([12])$/i.exec(s))) return Result.succeed(fromParts("half", Number(m[1]), Number(m[2])))
  if ((m = /^(\d{4})-Q([1-4])$/i.exec(s))) return Result.succeed(fromParts("quarter", Number(m[1]), Number(m[2])))
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return Result.succeed(fromParts("month", Number(m[1]), Number(m[2])))
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s))) {
    const start = Schema.decodeUnknownOption(IsoDate.IsoDate)(m[1])
    const end = Schema.decodeUnknownOption(IsoDate.IsoDate)(m[2])
    if (start._tag === "None" || end._tag === "None")
      return Result.fail(`${JSON.stringify(text)} has a date that is not on the calendar`)
    if (end.value < start.value) return Result.fail(`${JSON.stringify(text)} ends before it starts`)
    return Result.succeed({ kind: "range", label: `${start.value}..${end.value}`, start: start.value, end: end.value })
  }
  return Result.fail(
    `${JSON.stringify(text)} is not a period; write a year (2025), half (2025-H1), quarter (2025-Q3), month (2025-07) or date range (2025-03-01..2025-06-30)`,
  )
}

/**
 * The Schema from a written period to a {@link Period}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Period: Schema.Codec<Period, string> = Schema.String.pipe(
  Schema.decodeTo(
    Schema.declare(
      (u): u is Period => typeof u === "object" && u !== null && "start" in u && "end" in u && "label" in u,
      {
        identifier: "Period",
      },
    ),
    {
      decode: SchemaGetter.transformEffect((s: string) =>
        Result.match(parse(s), {
          onFailure: (message) => Effect.fail(new SchemaIssue.InvalidValue({ message }, s)),
          onSuccess: (period) => Effect.succeed(period),
        }),
      ),
      encode: SchemaGetter.transform((p: Period) => p.label),
    },
  ),
  Schema.annotate({ identifier: "Period" }),
)

/**
 * Whether a date falls in the period (both ends inclusive).
 *
 * @since 0.1.0
 * @category predicates
 */
export const contains = (period: Period, date: IsoDate.IsoDate): boolean => date >= period.start && date <= period.end

/**
 * The calendar windows of a granularity that overlap the period, each clipped to the period.
 * A year split by month gives twelve months; a range from 15 March to 10 May split by month gives
 * three windows, the first and last partial.
 *
 * @since 0.1.0
 * @category utils
 */
export const windows = (period: Period, granularity: Granularity): ReadonlyArray<Period> => {
  const out: Array<Period> = []
  const per = granularity === "year" ? 12 : granularity === "half" ? 6 : granularity === "quarter" ? 3 : 1
  let y = Number(period.start.slice(0, 4))
  let index = Math.floor((Number(period.start.slice(5, 7)) - 1) / per) + 1
  for (;;) {
    const w = fromParts(granularity, y, index)
    if (w.start > period.end) break
    const clipped = w.start >= period.start && w.end <= period.end
    out.push(
      clipped
        ? w
        : {
            kind: "range",
            label: `${w.start < period.start ? period.start : w.start}..${w.end > period.end ? period.end : w.end}`,
            start: w.start < period.start ? period.start : w.start,
            end: w.end > period.end ? period.end : w.end,
          },
    )
    index++
    if (index > 12 / per) {
      index = 1
      y++
    }
  }
  return out
}
