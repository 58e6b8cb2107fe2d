import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"
import { IsoDate, Period } from "../src/index.js"
import { prop } from "./prop.js"

const parse = (s: string) => Result.getOrThrow(Period.parse(s))

describe("Period", () => {
  it("decodes every written form into inclusive start and end dates", () => {
    expect(parse("2025")).toMatchObject({ kind: "year", start: "2025-01-01", end: "2025-12-31" })
    expect(parse("2025-H2")).toMatchObject({ kind: "half", start: "2025-07-01", end: "2025-12-31" })
    expect(parse("2024-Q1")).toMatchObject({ kind: "quarter", start: "2024-01-01", end: "2024-03-31" })
    expect(parse("2024-02")).toMatchObject({ kind: "month", start: "2024-02-01", end: "2024-02-29" })
    expect(parse("2025-03-15..2025-05-10")).toMatchObject({ kind: "range", start: "2025-03-15", end: "2025-05-10" })
  })

  it("explains what it accepts when the text is not a period", () => {
    for (const bad of ["2025-13", "2025-Q5", "last year", "2025-02-30..2025-03-01", "2025-05-01..2025-04-01"]) {
      expect(Result.isFailure(Period.parse(bad))).toBe(true)
    }
    expect(Result.getFailure(Period.parse("last year"))).toEqual(
      expect.objectContaining({ value: expect.stringContaining("write a year (2025)") }),
    )
  })

  it("splits a year into twelve months and a range into clipped windows", () => {
    expect(Period.windows(parse("2025"), "month").map((w) => w.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
    )
    expect(Period.windows(parse("2025-03-15..2025-05-10"), "month").map((w) => w.label)).toEqual([
      "2025-03-15..2025-03-31",
      "2025-04",
      "2025-05-01..2025-05-10",
    ])
    expect(Period.windows(parse("2024-11-01..2025-02-28"), "quarter").map((w) => w.label)).toEqual([
      "2024-11-01..2024-12-31",
      "2025-01-01..2025-02-28",
    ])
  })

  const date = fc.integer({ min: 0, max: 40_000 }).map(IsoDate.fromDayNumber)
  const range = fc.tuple(date, date).map(([a, b]) => parse(a <= b ? `${a}..${b}` : `${b}..${a}`))

  prop(
    "windows tile the period exactly, without gaps or overlaps",
    [range, fc.constantFrom<Period.Granularity>("year", "half", "quarter", "month")],
    ([period, granularity]) => {
      const ws = Period.windows(period, granularity)
      expect(ws[0]!.start).toBe(period.start)
      expect(ws[ws.length - 1]!.end).toBe(period.end)
      for (let i = 1; i < ws.length; i++) expect(IsoDate.addDays(ws[i - 1]!.end, 1)).toBe(ws[i]!.start)
    },
  )

  prop("the Schema round-trips the written form", [range], ([period]) => {
    expect(Schema.decodeSync(Period.Period)(Schema.encodeSync(Period.Period)(period))).toEqual(period)
  })

  prop("day numbers convert both ways", [fc.integer({ min: -100_000, max: 100_000 })], ([day]) => {
    expect(IsoDate.toDayNumber(IsoDate.fromDayNumber(day))).toBe(day)
  })
})
