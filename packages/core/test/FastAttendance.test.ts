import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { fastAttendance } from "../src/internal/fastAttendance.js"
import { Activity } from "../src/index.js"

const decode = Schema.decodeUnknownEither(Schema.Array(Activity.Attendance), { errors: "all", onExcessProperty: "error" })

// Rows that are valid, nearly valid, or plainly wrong, in the places a hand check could slip.
const odd = fc.oneof(
  Arbitrary.make(Activity.Attendance),
  fc.record(
    {
      memberId: fc.oneof(fc.string({ maxLength: 3 }), fc.constant("a b"), fc.constant("x".repeat(129)), fc.constant("😀"), fc.integer()),
      status: fc.oneof(fc.constantFrom(...Activity.AttendanceStatus.values), fc.constant("Present"), fc.constant(null)),
      halfDays: fc.oneof(fc.nat(), fc.constant(1_000), fc.constant(1_001), fc.constant(-1), fc.constant(1.5), fc.constant(Number.NaN), fc.constant(undefined), fc.constant("1")),
      speech: fc.oneof(fc.constantFrom(...Activity.Speech.values), fc.constant("loud"), fc.constant(undefined)),
      extra: fc.constant(1),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 1, "row", []),
)

describe("fastAttendance (the hand-written check behind District.parse)", () => {
  it.prop("accepts only what Schema accepts, and returns what Schema returns", [fc.array(odd, { maxLength: 6 })], ([rows]) => {
    const fast = fastAttendance(rows)
    const slow = decode(rows)
    if (fast !== undefined) {
      expect(Either.isRight(slow)).toBe(true)
      expect(fast).toEqual(Either.getOrThrow(slow))
    }
  }, { fastCheck: { numRuns: 2_000 } })

  it.prop("accepts every valid row, so valid documents take the fast path", [fc.array(Arbitrary.make(Activity.Attendance), { maxLength: 6 })], ([rows]) => {
    const encoded = Schema.encodeSync(Schema.Array(Activity.Attendance))(rows)
    expect(fastAttendance(encoded)).toEqual(rows)
  })
})
