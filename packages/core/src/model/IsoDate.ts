/**
 * Calendar dates as ISO strings (`2025-04-19`). They sort lexicographically in time order and
 * convert to day numbers for hot loops.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { echo } from "../internal/echo.js"
import { bilingual, refineWith } from "../internal/schema.js"

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isCalendarDate = (s: string): boolean => {
  const m = datePattern.exec(s)
  if (m === null) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/**
 * A calendar date written `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category models
 */
export const IsoDate = Schema.String.check(
  refineWith(
    isCalendarDate,
    (s) =>
      bilingual(
        `must be a calendar date written YYYY-MM-DD (e.g. 2025-04-19), got ${echo(s)}`,
        `应为 YYYY-MM-DD 格式的有效日期（如 2025-04-19），实际为 ${echo(s, "zh")}`,
      ),
    // Random strings almost never are dates; generate real ones (1900–2199, days 1–28) for
    // property tests.
    {
      arbitraryConstraint: {
        patterns: [{ source: "^(19|20|21)\\d\\d-(0[1-9]|1[0-2])-(0[1-9]|1\\d|2[0-8])$", flags: "" }],
      },
    },
  ),
).pipe(Schema.brand("IsoDate"), Schema.annotate({ identifier: "IsoDate" }))

/**
 * @since 0.1.0
 * @category models
 */
export type IsoDate = typeof IsoDate.Type

/**
 * Builds a date, throwing on a non-date (for literals in code; decode user input with the Schema).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (s: string): IsoDate => {
  if (!isCalendarDate(s)) throw new RangeError(`not a calendar date: ${s}`)
  return s as IsoDate
}

/**
 * Days in a month of a proleptic Gregorian year.
 *
 * @since 0.1.0
 * @category utils
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/**
 * @since 0.1.0
 * @category utils
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Days since 1970-01-01 (negative before it). Integer arithmetic, no `Date` allocation.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toDayNumber = (date: IsoDate): number => {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/**
 * The date of a day number (inverse of {@link toDayNumber}).
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromDayNumber = (day: number): IsoDate => new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate

/**
 * Adds (or subtracts) calendar days.
 *
 * @since 0.1.0
 * @category utils
 */
export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days)
