import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Ranking } from "../src/index.js"

const items = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), value: fc.integer({ min: 0, max: 6 }) }),
  { selector: (x) => x.id, maxLength: 30 },
)

describe("Ranking.rank", () => {
  it("ranks with competition and dense ties", () => {
    const xs = [
      { id: "a", v: 90 },
      { id: "b", v: 95 },
      { id: "c", v: 90 },
      { id: "d", v: 80 },
    ]
    const by = (x: { v: number }) => x.v
    const id = (x: { id: string }) => x.id
    expect(Ranking.rank(xs, { by, id }).map((r) => [r.item.id, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 2],
      ["d", 4],
    ])
    expect(Ranking.rank(xs, { by, id, ties: "dense" }).map((r) => r.rank)).toEqual([1, 2, 2, 3])
    expect(Ranking.rank(xs, { by, id, order: "asc" }).map((r) => [r.item.id, r.rank])).toEqual([
      ["d", 1],
      ["a", 2],
      ["c", 2],
      ["b", 4],
    ])
    expect(() => Ranking.rank([{ v: NaN }], { by: (x) => x.v })).toThrow(/not a finite number/)
  })

  it("ranks follow the order, ties share a rank, competition skips and dense does not", () =>
    fc.assert(
      fc.property(items, fc.constantFrom<Ranking.Ties>("competition", "dense"), (xs, ties) => {
        const ranked = Ranking.rank(xs, { by: (x) => x.value, id: (x) => x.id, ties })
        expect(ranked.length).toBe(xs.length)
        for (let i = 1; i < ranked.length; i++) {
          const prev = ranked[i - 1]!
          const cur = ranked[i]!
          expect(cur.value).toBeLessThanOrEqual(prev.value)
          if (cur.value === prev.value) expect(cur.rank).toBe(prev.rank)
          else expect(cur.rank).toBe(ties === "dense" ? prev.rank + 1 : i + 1)
        }
        if (ranked.length > 0) expect(ranked[0]!.rank).toBe(1)
      }),
    ))

  it("the output does not depend on input order", () =>
    fc.assert(
      fc.property(items, fc.integer(), (xs, seed) => {
        const shuffled = [...xs].sort((a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7))
        const key = (r: ReadonlyArray<Ranking.Ranked<{ id: string; value: number }>>) =>
          r.map((x) => [x.item.id, x.rank])
        expect(key(Ranking.rank(shuffled, { by: (x) => x.value, id: (x) => x.id }))).toEqual(
          key(Ranking.rank(xs, { by: (x) => x.value, id: (x) => x.id })),
        )
      }),
    ))
})
