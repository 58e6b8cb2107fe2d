/**
 * Working days (工作日): Monday to Friday, minus public holidays, plus the weekend days worked in
 * exchange (调休). Workflow deadlines are counted in these.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as IsoDate from "../model/IsoDate.js"
import { withDefault } from "../internal/schema.js"

/**
 * A district's calendar: holidays that fall on weekdays, and weekend days that are working days.
 *
 * @since 0.1.0
 * @category models
 */
export const CalendarConfig = Schema.Struct({
  holidays: withDefault(Schema.Array(IsoDate.IsoDate), () => []),
  workdays: withDefault(Schema.Array(IsoDate.IsoDate), () => []),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface CalendarConfig extends Schema.Schema.Type<typeof CalendarConfig> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Calendar {
  readonly holidays: ReadonlySet<string>
  readonly workdays: ReadonlySet<string>
}

/**
 * A calendar from its holidays and make-up working days.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  config: { readonly holidays?: ReadonlyArray<string>; readonly workdays?: ReadonlyArray<string> } = {},
): Calendar => ({
  holidays: new Set(config.holidays ?? []),
  workdays: new Set(config.workdays ?? []),
})

/**
 * Weekdays only, no holidays.
 *
 * @since 0.1.0
 * @category constructors
 */
export const weekdays: Calendar = make()

/**
 * China's 2025 public holidays and make-up working days (国务院办公厅 2024 年 11 月通知).
 *
 * @since 0.1.0
 * @category constructors
 */
export const china2025: Calendar = make({
  holidays: [
    "2025-01-01",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-02-03",
    "2025-02-04",
    "2025-04-04",
    "2025-05-01",
    "2025-05-02",
    "2025-05-05",
    "2025-06-02",
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
  ],
  workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
})

/**
 * Whether people work on a day.
 *
 * @since 0.1.0
 * @category days
 */
export const isWorkingDay = (calendar: Calendar, date: IsoDate.IsoDate): boolean => {
  if (calendar.workdays.has(date)) return true
  if (calendar.holidays.has(date)) return false
  const weekday = (IsoDate.toDayNumber(date) + 4) % 7 // 1970-01-01 was a Thursday; 0 is Sunday
  return weekday !== 0 && weekday !== 6
}

/**
 * The `n`th working day after `date` (`n` ≥ 0; 0 gives `date` itself).
 *
 * @since 0.1.0
 * @category days
 */
export const addWorkingDays = (calendar: Calendar, date: IsoDate.IsoDate, n: number): IsoDate.IsoDate => {
  let day = IsoDate.toDayNumber(date)
  for (let left = n; left > 0; ) {
    day++
    if (isWorkingDay(calendar, IsoDate.fromDayNumber(day))) left--
  }
  return IsoDate.fromDayNumber(day)
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is before `from`.
 *
 * @since 0.1.0
 * @category days
 */
export const workingDaysBetween = (calendar: Calendar, from: IsoDate.IsoDate, to: IsoDate.IsoDate): number => {
  const a = IsoDate.toDayNumber(from)
  const b = IsoDate.toDayNumber(to)
  if (b < a) return -workingDaysBetween(calendar, to, from)
  let n = 0
  for (let day = a + 1; day <= b; day++) if (isWorkingDay(calendar, IsoDate.fromDayNumber(day))) n++
  return n
}
