// The decoder compiled from a schema (internal/fastDecode.ts) against the schema's own decoder: on
// any input it either gives up or gives exactly what the schema gives, keys in the same order.
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import { District } from "../src/index.js"
import { fastDecoder } from "../src/internal/fastDecode.js"
import { strictAll } from "../src/internal/schema.js"
import { DistrictArbitrary } from "../src/testing/index.js"

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }

const fast = fastDecoder(District.DistrictData)
const strict = Schema.decodeUnknownResult(District.DistrictData, strictAll)

// Same value, same key order: what JSON.stringify (and so a store's row) sees. Returns whether the
// fast decoder decided.
const sameAsSchema = (input: unknown): boolean => {
  const out = fast(input)
  const expected = strict(input)
  if (out === undefined) return false
  expect(Result.isSuccess(expected), "the fast decoder accepted what the schema refuses").toBe(true)
  expect(JSON.stringify(out)).toBe(JSON.stringify(Result.getOrThrow(expected)))
  return true
}

// Values that are wrong in one way or another: type, filter, literal, reference.
const wrong: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1.5, "", " x ", "county", "2025-13-45", "2025-02-30", "s1", [], {}, [1]),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
)

interface Edit {
  readonly steps: ReadonlyArray<number>
  readonly kind: "set" | "delete" | "add-key"
  readonly value: Json
  readonly key: string
}

const edit: fc.Arbitrary<Edit> = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom("set", "delete", "add-key"),
  value: wrong,
  key: fc.constantFrom("__proto__", "constructor", "x", "id", "name", "memberIds"),
})

const apply = (doc: Json, edits: ReadonlyArray<Edit>): Json => {
  const copy = structuredClone(doc)
  for (const e0 of edits) {
    // Its own copy of the value: fast-check may share one object between edits (see
    // DistrictSourceJson.test.ts).
    const e = { ...e0, value: structuredClone(e0.value) }
    let node = copy
    for (const step of e.steps.slice(0, -1)) {
      const keys = node !== null && typeof node === "object" ? Object.keys(node) : []
      const next = Array.isArray(node)
        ? node[step % Math.max(1, node.length)]
        : keys.length > 0
          ? (node as Record<string, Json>)[keys[step % keys.length]!]
          : undefined
      if (next === undefined || next === null || typeof next !== "object") break
      node = next
    }
    const last = e.steps.at(-1)!
    if (Array.isArray(node)) {
      if (e.kind === "delete") node.splice(last % Math.max(1, node.length), 1)
      else node[last % Math.max(1, node.length + 1)] = e.value
    } else if (node !== null && typeof node === "object") {
      const keys = Object.keys(node)
      const key = keys[last % Math.max(1, keys.length)]
      // defineProperty: a `__proto__` key is an own key, as JSON.parse makes it.
      if (e.kind === "add-key")
        Object.defineProperty(node, e.key, { value: e.value, enumerable: true, writable: true, configurable: true })
      else if (key !== undefined && e.kind === "delete") delete node[key]
      else if (key !== undefined) node[key] = e.value
    }
  }
  return copy
}

describe("the decoder compiled from the district schema", () => {
  const district = DistrictArbitrary.valid().map((d) => JSON.parse(JSON.stringify(District.encode(d))) as Json)

  it("decodes every valid district itself, exactly as the schema does", () => {
    fc.assert(
      // structuredClone: fast-check marks the values it makes with a symbol key, which JSON never has.
      fc.property(district, (generated) => {
        const doc = structuredClone(generated)
        expect(fast(doc)).toBeDefined()
        sameAsSchema(doc)
      }),
      { numRuns: 100 },
    )
  })

  it("on broken districts, gives up or gives what the schema gives", () => {
    let decided = 0
    fc.assert(
      fc.property(district, fc.array(edit, { minLength: 1, maxLength: 3 }), (doc, edits) => {
        if (sameAsSchema(apply(doc, edits))) decided++
      }),
      { numRuns: 400 },
    )
    // Some edits leave the district valid (a deleted list, an emptied one): those must be decided.
    expect(decided).toBeGreaterThan(0)
  })

  it("fills the lists a district may leave out, in the schema's key order", () => {
    const minimal = { district: { id: "d1", name: "青山区", sectors: [] }, members: [] }
    sameAsSchema(minimal)
    expect(Object.keys(fast(minimal)!)).toEqual(Object.keys(Result.getOrThrow(strict(minimal))))
  })

  it("gives up on what is not plain data: class instances, holes, symbols, hidden keys, undefined", () => {
    const base = { district: { id: "d1", name: "青山区", sectors: [] } }
    class Info {
      id = "d1"
      name = "青山区"
      sectors = []
    }
    for (const input of [
      { district: new Info() },
      { ...base, members: new Array(2) },
      { ...base, [Symbol("x")]: 1 },
      Object.defineProperty({ ...base }, "units", { value: [], enumerable: false }),
      { ...base, units: undefined },
    ])
      expect(fast(input)).toBeUndefined()
  })
})
