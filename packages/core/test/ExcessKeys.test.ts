import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { noExcessKeys } from "../src/internal/excessKeys.js"
import { Activity, District } from "../src/index.js"
import { strictAll } from "../src/internal/schema.js"
import { prop, fromSchema } from "./prop.js"

const strict = Schema.decodeUnknownResult(District.DistrictData, strictAll)
const lenient = Schema.decodeUnknownResult(District.DistrictData, { onExcessProperty: "ignore" })
const check = noExcessKeys(District.DistrictData.ast)

// Every object and array inside a value, so a stray key can be planted anywhere.
const containers = (u: unknown, out: Array<object> = []): Array<object> => {
  if (typeof u === "object" && u !== null) {
    out.push(u)
    for (const v of Object.values(u)) containers(v, out)
  }
  return out
}

// Encoded documents, some with one unknown key (or a known one) planted at a random depth.
const documents = fc
  .tuple(
    fromSchema(District.DistrictData),
    fc.nat(),
    fc.constantFrom("extra", "id", "kind", "name", "attendance", "0"),
    fc.boolean(),
  )
  .map(([data, at, key, plant]) => {
    const doc = JSON.parse(JSON.stringify(District.encode(data))) as unknown
    const all = containers(doc)
    if (plant) (all[at % all.length] as Record<string, unknown>)[key] = "x"
    return doc
  })

describe("noExcessKeys (the hand check behind District.parse's fast path)", () => {
  prop(
    "when it says no unknown keys, ignoring them decodes exactly as the strict decoder",
    [documents],
    ([doc]) => {
      if (!check(doc)) return
      const s = strict(doc)
      const l = lenient(doc)
      expect(Result.isSuccess(s)).toBe(Result.isSuccess(l))
      if (Result.isSuccess(s)) expect(Result.getOrThrow(l)).toEqual(s.success)
    },
    { fastCheck: { numRuns: 300 } },
  )

  prop(
    "a document the strict decoder accepts passes, so valid documents take the fast path",
    [fromSchema(District.DistrictData)],
    ([data]) => {
      expect(check(JSON.parse(JSON.stringify(District.encode(data))))).toBe(true)
    },
    { fastCheck: { numRuns: 200 } },
  )

  it("finds a stray key deep in the Qingshan dataset, and none in the real file", () => {
    const doc = JSON.parse(
      readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8"),
    ) as { activities: Array<{ organiser: Record<string, unknown>; attendance: Array<Record<string, unknown>> }> }
    expect(check(doc)).toBe(true)
    doc.activities[3]!.organiser["colour"] = "red"
    expect(check(doc)).toBe(false)
    delete doc.activities[3]!.organiser["colour"]
    doc.activities[5]!.attendance[0]!["note"] = "late"
    expect(check(doc)).toBe(false)
  })

  it("keys JSON cannot hold but a JavaScript caller can pass — symbols, non-enumerable and inherited fields — get the strict decoder's answer", () => {
    const base = () =>
      JSON.parse(
        readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8"),
      ) as Record<string, any>
    const strictParse = (doc: unknown) => Result.isSuccess(District.parse(doc))
    // Effect 4's strict decoder refuses enumerable symbol keys, ignores non-enumerable keys it does
    // not declare, and reads declared fields wherever they are (non-enumerable or inherited).
    const withSymbol = base()
    withSymbol[Symbol("x") as unknown as string] = 1
    const symbolRow = base()
    symbolRow["activities"][0].attendance[0][Symbol("y")] = 1
    const hiddenOrganiser = base()
    Object.defineProperty(hiddenOrganiser["activities"][0], "organiser", {
      value: { ...hiddenOrganiser["activities"][0].organiser, colour: "red" },
      enumerable: false,
    })
    for (const doc of [withSymbol, symbolRow, hiddenOrganiser]) {
      expect(check(doc)).toBe(false)
      expect(Result.isSuccess(strict(doc))).toBe(false)
      expect(strictParse(doc)).toBe(false)
    }
    const hidden = base()
    Object.defineProperty(hidden["district"], "extra", { value: 1, enumerable: false })
    expect(check(hidden)).toBe(true)
    expect(Result.isSuccess(strict(hidden))).toBe(true)
    expect(strictParse(hidden)).toBe(true)
    // Inherited attendance is read like an own field, so its unknown member is reported.
    const inherited = base()
    const activity = inherited["activities"][0]
    const { attendance: _, ...own } = activity
    inherited["activities"][0] = Object.assign(
      Object.create({ attendance: [{ memberId: "nobody", status: "present" }] }),
      own,
    )
    const parsed = District.parse(inherited)
    expect(Result.isSuccess(strict(inherited))).toBe(true)
    expect(Result.isFailure(parsed) && parsed.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["activities[0].attendance[0].memberId", "unknown-reference"],
    ])
    const inheritedExtra = base()
    const { attendance: __, ...own2 } = inheritedExtra["activities"][0]
    inheritedExtra["activities"][0] = Object.assign(
      Object.create({ attendance: [{ memberId: "nobody", status: "present", extra: 1 }] }),
      own2,
    )
    expect(check(inheritedExtra)).toBe(false)
    expect(Result.isSuccess(strict(inheritedExtra))).toBe(false)
  })

  it("a union of objects without a literal to tell them apart is left to the strict decoder", () => {
    const ambiguous = Schema.Union([
      Schema.Struct({ a: Schema.String }),
      Schema.Struct({ a: Schema.String, b: Schema.String }),
    ])
    expect(noExcessKeys(ambiguous.ast)({ a: "x" })).toBe(false)
    const tagged = Schema.Union([
      Schema.Struct({ kind: Schema.Literal("x"), a: Schema.String }),
      Schema.Struct({ kind: Schema.Literal("y"), b: Schema.String }),
    ])
    expect(noExcessKeys(tagged.ast)({ kind: "y", b: "1" })).toBe(true)
    expect(noExcessKeys(tagged.ast)({ kind: "y", a: "1" })).toBe(false)
    expect(noExcessKeys(Activity.Attendance.ast)({ memberId: "m1", status: "present", extra: 1 })).toBe(false)
  })
})
