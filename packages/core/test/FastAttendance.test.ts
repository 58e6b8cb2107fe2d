import { describe, expect } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"
import { fastAttendance } from "../src/internal/fastAttendance.js"
import { Activity } from "../src/index.js"
import { strictAll } from "../src/internal/schema.js"
import { prop, fromSchema } from "./prop.js"

const decode = Schema.decodeUnknownResult(Schema.Array(Activity.Attendance), strictAll)

// Rows that are valid, nearly valid, or plainly wrong, in the places a hand check could slip.
const odd = fc.oneof(
  fromSchema(Activity.Attendance),
  fc.record(
    {
      memberId: fc.oneof(
        fc.string({ maxLength: 3 }),
        fc.constant("a b"),
        fc.constant("x".repeat(129)),
        fc.constant("😀"),
        fc.integer(),
      ),
      status: fc.oneof(fc.constantFrom(...Activity.AttendanceStatus.values), fc.constant("Present"), fc.constant(null)),
      halfDays: fc.oneof(
        fc.nat(),
        fc.constant(1_000),
        fc.constant(1_001),
        fc.constant(-1),
        fc.constant(1.5),
        fc.constant(Number.NaN),
        fc.constant(undefined),
        fc.constant("1"),
      ),
      speech: fc.oneof(fc.constantFrom(...Activity.Speech.values), fc.constant("loud"), fc.constant(undefined)),
      extra: fc.constant(1),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 1, "row", []),
)

describe("fastAttendance (the hand-written check behind District.parse)", () => {
  prop(
    "accepts only what Schema accepts, and returns what Schema returns",
    [fc.array(odd, { maxLength: 6 })],
    ([rows]) => {
      const fast = fastAttendance(rows)
      const slow = decode(rows)
      if (fast !== undefined) {
        expect(Result.isSuccess(slow)).toBe(true)
        expect(fast).toEqual(Result.getOrThrow(slow))
      }
    },
    { fastCheck: { numRuns: 2_000 } },
  )

  prop(
    "accepts every valid row, so valid documents take the fast path",
    [fc.array(fromSchema(Activity.Attendance), { maxLength: 6 })],
    ([rows]) => {
      const encoded = Schema.encodeSync(Schema.Array(Activity.Attendance))(rows)
      expect(fastAttendance(encoded)).toEqual(rows)
    },
  )
})
